/**
 * Commands out: everything the HMI asks of the vehicle. Each `send()` returns a command id; the
 * answer comes back as a `commandAck` signal — from the vehicle, or from the bridge itself with
 * `error: "timeout"` when the vehicle does not answer within `COMMAND_ACK_TIMEOUT_MS`.
 */

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

export type VehicleCommand =
  | StartCallCommand
  | EndCallCommand
  | AnswerCallbackCommand
  | SetLedCommand
  | MuteAudioCommand
  | RequestSelfTestCommand;

export type VehicleCommandType = VehicleCommand['type'];
export const VEHICLE_COMMAND_TYPES: readonly VehicleCommandType[] = [
  'startCall',
  'endCall',
  'answerCallback',
  'setLed',
  'muteAudio',
  'requestSelfTest',
];

/** A command as it was sent, with its id and the bridge-clock time it left. */
export interface SentCommand {
  readonly id: string;
  readonly at: number;
  readonly command: VehicleCommand;
}

/** How long a command may wait for its acknowledgement before the bridge reports a timeout. */
export const COMMAND_ACK_TIMEOUT_MS = 2000;
