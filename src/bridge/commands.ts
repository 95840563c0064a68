/**
 * Commands out: everything the HMI asks of the vehicle. Each `send()` returns a command id; the
 * answer comes back as a `commandAck` signal — accepted, or refused with the vehicle's reason — from
 * the vehicle, or from the bridge itself with `error: "timeout"` when the vehicle does not answer
 * within `COMMAND_ACK_TIMEOUT_MS`.
 *
 * The telematics unit owns the emergency call: it starts, redials and ends calls by itself (a crash,
 * the SOS button). The HMI only forwards what the occupants ask — cancel, call now, end, answer a
 * call-back, start a test call — and never sends anything that starts a call on a crash or a press.
 */

import type { MostNode, PresetPhrase } from './signals.js';

export { CALL_KINDS, LED_STATES, type CallKind, type LedState } from './signals.js';

/** Cancel window: do not call (refused once the call has connected, or for an automatic call). */
export interface CancelCallCommand {
  readonly type: 'cancelCall';
}
/** Cancel window: dial now instead of waiting for the countdown. */
export interface CallNowCommand {
  readonly type: 'callNow';
}
/** Hang up the call of the session (a manual call held to end, a test call). */
export interface EndCallCommand {
  readonly type: 'endCall';
}
/** Answer the centre's call-back now (the unit also answers by itself). */
export interface AnswerCallbackCommand {
  readonly type: 'answerCallback';
}
/** Start an eCall TEST session (test number, flagged as a test; no emergency services). */
export interface StartTestCallCommand {
  readonly type: 'startTestCall';
}
/**
 * A line for the centre over the unit's text channel: a preset phrase (`phrase`) or typed text
 * (`text`, at most `MAX_TEXT_LENGTH`), exactly one of them. Refused without a call up.
 */
export interface SendTextCommand {
  readonly type: 'sendText';
  readonly phrase: PresetPhrase | null;
  readonly text: string | null;
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

/** Switch the hazard warning lights on (post-crash guidance); the car reports them in `hazardLights`. */
export interface SetHazardLightsCommand {
  readonly type: 'setHazardLights';
  readonly on: boolean;
}
/** Read a text aloud through the car's speech output (a message from the centre). */
export interface SpeakCommand {
  readonly type: 'speak';
  readonly text: string;
  /** BCP 47 language of the text; null: the car's own speech language. */
  readonly lang: string | null;
}

/** What occupants ask of the telematics unit's session. */
export type CallRequestCommand =
  | CancelCallCommand
  | CallNowCommand
  | EndCallCommand
  | AnswerCallbackCommand
  | StartTestCallCommand
  | SendTextCommand;
export type CallRequestType = CallRequestCommand['type'];
export const CALL_REQUEST_TYPES: readonly CallRequestType[] = [
  'cancelCall',
  'callNow',
  'endCall',
  'answerCallback',
  'startTestCall',
  'sendText',
];

export type VehicleCommand =
  | CallRequestCommand
  | RequestSelfTestCommand
  | SetRingBypassCommand
  | StartGuidanceCommand
  | SetHazardLightsCommand
  | SpeakCommand;

export type VehicleCommandType = VehicleCommand['type'];
export const VEHICLE_COMMAND_TYPES: readonly VehicleCommandType[] = [
  ...CALL_REQUEST_TYPES,
  'requestSelfTest',
  'setRingBypass',
  'startGuidance',
  'setHazardLights',
  'speak',
];

/** A command as it was sent, with its id and the bridge-clock time it left. */
export interface SentCommand {
  readonly id: string;
  readonly at: number;
  readonly command: VehicleCommand;
}

/** How long a command may wait for its acknowledgement before the bridge reports a timeout. */
export const COMMAND_ACK_TIMEOUT_MS = 2000;
