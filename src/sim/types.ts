import type { DayNightMode, IgnitionState, MostNode } from '../bridge/signals.js';
import type { Fault } from './faults.js';

/** A crash as the airbag unit reports it. */
export interface CrashInput {
  /** 1 (light) … 4 (severe). Default 3. */
  readonly severity?: number;
  readonly airbagDeployed?: boolean;
  readonly rollover?: boolean;
  readonly occupants?: number;
}

/** How the simulated emergency centre behaves on the next calls. */
export interface CallCentreOptions {
  /** ms from dialing to the centre answering (ringing in between). Default 4000. */
  readonly answerDelayMs?: number;
  /** The centre never answers: each attempt fails after `answerDelayMs` + 20 s with "no answer". */
  readonly noAnswer?: boolean;
  /** Drop the voice call this many ms after voice connected; null = never. */
  readonly dropAfterMs?: number | null;
  /**
   * How many calls `dropAfterMs` drops before calls stay up (a redial then holds); null = every call.
   * Default null.
   */
  readonly dropCount?: number | null;
  /** The operator ends the call this many ms after voice connected; null = never by itself. */
  readonly endAfterMs?: number | null;
  /** Call back this many ms after the call ended; null = no call-back. */
  readonly callbackAfterMs?: number | null;
  /** After MSD acknowledgement the centre reports emergency contacts notified. Default true. */
  readonly notifyContacts?: boolean;
}

/** The default centre: answers after 4 s, stays until the operator or occupant ends the call. */
export const DEFAULT_CALL_CENTRE: Required<CallCentreOptions> = {
  answerDelayMs: 4000,
  noAnswer: false,
  dropAfterMs: null,
  dropCount: null,
  endAfterMs: null,
  callbackAfterMs: null,
  notifyContacts: true,
};

/**
 * The simulator as the HMI's automation contract exposes it (`window.sosHmi.sim`). The same model
 * runs in the browser (MockBridge) and, later, in the Node gateway.
 */
export interface SimulatorControls {
  ignition(state: IgnitionState): void;
  /** Presses the SOS button; with `holdMs`, holds it that long (advancing nothing: real or simulated time releases it). */
  pressSos(holdMs?: number): void;
  /** Presses and keeps holding until `releaseSos()`. */
  holdSos(): void;
  releaseSos(): void;
  crash(crash?: CrashInput): void;
  inject(fault: Fault): void;
  clear(fault: Fault): void;
  /** Battery reset: power off all units for a few seconds; clears a software glitch. */
  batteryReset(): void;
  callCentre(options: CallCentreOptions): void;
  /** The emergency centre ends the current call (operator hangs up). */
  centreEndsCall(): void;
  /** The centre calls back now (only meaningful inside the call-back window). */
  centreCallsBack(): void;
  readonly faults: readonly Fault[];
  /** Bypass test: bridge a MOST ring unit with a fibre-optic bypass loop (`on`), or remove it. */
  bypass(unit: MostNode, on: boolean): void;
  /** The car switches the display to day or night (`Vehicle.Cabin.Infotainment.HMI.DayNightMode`). */
  dayNight(mode: DayNightMode): void;
}
