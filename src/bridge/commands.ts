/**
 * Commands out: everything the HMI asks of the vehicle. Each `send()` returns a command id; the
 * answer comes back as a `commandAck` signal — from the vehicle, or from the bridge itself with
 * `error: "timeout"` when the vehicle does not answer within `COMMAND_ACK_TIMEOUT_MS`.
 */

import type { MostNode } from './signals.js';

export type CallKind = 'manual' | 'automatic' | 'test';
export const CALL_KINDS: readonly CallKind[] = ['manual', 'automatic', 'test'];

/** SOS LED above the mirror: off (ready, nothing to say), green blinking (setting up), steady (voice), red (malfunction). */
export type LedState = 'off' | 'green-blinking' | 'green-steady' | 'red';
export const LED_STATES: readonly LedState[] = ['off', 'green-blinking', 'green-steady', 'red'];

export interface StartCallCommand {
  readonly type: 'startCall';
  readonly kind: CallKind;
}
export interface EndCallCommand {
  readonly type: 'endCall';
}
export interface AnswerCallbackCommand {
  readonly type: 'answerCallback';
}
export interface SetLedCommand {
  readonly type: 'setLed';
  readonly led: LedState;
}
export interface MuteAudioCommand {
  readonly type: 'muteAudio';
  readonly muted: boolean;
}
export interface RequestSelfTestCommand {
  readonly type: 'requestSelfTest';
}

/**
 * Bypass test: the technician has bridged (or removed the bridge from) a MOST unit with a
 * fibre-optic bypass loop; the network master takes it out of (or back into) the target ring.
 */
export interface SetRingBypassCommand {
  readonly type: 'setRingBypass';
  readonly unit: MostNode;
  readonly bypassed: boolean;
}
/** Hands a destination to the navigation (directions to the nearest police station or hospital). */
export interface StartGuidanceCommand {
  readonly type: 'startGuidance';
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
}

export type VehicleCommand =
  | StartCallCommand
  | EndCallCommand
  | AnswerCallbackCommand
  | SetLedCommand
  | MuteAudioCommand
  | RequestSelfTestCommand
  | SetRingBypassCommand
  | StartGuidanceCommand;

export type VehicleCommandType = VehicleCommand['type'];
export const VEHICLE_COMMAND_TYPES: readonly VehicleCommandType[] = [
  'startCall',
  'endCall',
  'answerCallback',
  'setLed',
  'muteAudio',
  'requestSelfTest',
  'setRingBypass',
  'startGuidance',
];

/** A command as it was sent, with its id and the bridge-clock time it left. */
export interface SentCommand {
  readonly id: string;
  readonly at: number;
  readonly command: VehicleCommand;
}

/** How long a command may wait for its acknowledgement before the bridge reports a timeout. */
export const COMMAND_ACK_TIMEOUT_MS = 2000;
