import type {
  DayNightMode,
  DoorRelease,
  IgnitionState,
  MostNode,
  Powertrain,
  PresetPhrase,
} from '../bridge/signals.js';
import type { Fault } from './faults.js';

/**
 * A crash as the airbag unit reports it. Values go on the bus as given, so a test can send an
 * out-of-range field (`severity: 9`): the HMI takes the crash with that field unknown.
 */
export interface CrashInput {
  /** 1 (light) … 4 (severe). Default 3. */
  readonly severity?: number;
  readonly airbagDeployed?: boolean;
  readonly rollover?: boolean;
  readonly occupants?: number;
}

/**
 * How the telematics unit runs an emergency-call session: its calibration, not the HMI's. Defaults
 * follow the product description and `domain/emergency-call.md`; `DEFAULT_TELEMATICS` has them.
 */
export interface TelematicsSettings {
  /** Manual call: cancel window before dialling, ms. 0 = dial at once, cancel allowed until connected. */
  readonly cancelWindowMs: number;
  /** Manual trigger: how long the button must be held to start a session (0 = a press). */
  readonly triggerHoldMs: number;
  /** Holding the button this long ends a manual call (product description: "a few seconds"). */
  readonly holdToEndMs: number;
  /** `always`: hold-to-end during the whole manual call. `untilConnected`: once voice is up only the centre ends it (EU practice). */
  readonly holdToEndPolicy: 'always' | 'untilConnected';
  /** EN 16062: redial attempts within 2 minutes of the first failure or drop. */
  readonly redialWindowMs: number;
  /** At most one attempt per this interval from the previous attempt's start (at once if it had connected). */
  readonly redialIntervalMs: number;
  /** An attempt that has not reached the centre within this time is hung up and counts as failed. */
  readonly attemptTimeoutMs: number;
  /** After clear-down the centre may call back; the unit answers by itself (EN 16062 T9 ≥ 1 h). */
  readonly callbackWindowMs: number;
}

export const DEFAULT_TELEMATICS: TelematicsSettings = {
  cancelWindowMs: 10_000,
  triggerHoldMs: 0,
  holdToEndMs: 2000,
  holdToEndPolicy: 'always',
  redialWindowMs: 120_000,
  redialIntervalMs: 30_000,
  attemptTimeoutMs: 30_000,
  callbackWindowMs: 60 * 60_000,
};

/** The options given, without those left undefined: what may be merged over the defaults. */
export function definedOnly<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
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
  /** How the centre acknowledges the MSD: `negative` — the data did not arrive readable (EN 17184). Default positive. */
  readonly msdAck?: 'positive' | 'negative';
  /** The centre takes NG-eCall (EN 17184); false: only circuit-switched eCall with in-band MSD. Default true. */
  readonly ngECall?: boolean;
  /** The centre asks for fresh data (SIP INFO → updated MSD) this many ms after voice connected; null = never. */
  readonly requestDataAfterMs?: number | null;
  /** Texts the centre sends during the call (RFC 8147/8148 msg-static / msg-dynamic), ms after voice connected. */
  readonly messages?: readonly CentreMessage[];
  /** The centre answers each line the occupants send (after `replyAfterMs`). Default true. */
  readonly replies?: boolean;
  /** ms from a line arriving at the centre to its answer. Default 3000. */
  readonly replyAfterMs?: number;
}

/** A text the simulated centre sends during the call. */
export interface CentreMessage {
  /** ms after voice connected. */
  readonly afterMs: number;
  readonly text: string;
}

/** What the simulated centre received over the text channel (`sim.centreInbox`). */
export interface CentreInboxEntry {
  /** Vehicle time it arrived. */
  readonly at: number;
  readonly phrase: PresetPhrase | null;
  readonly text: string | null;
}

/** The car's build facts the post-crash guidance reads (`sim.vehicleConfig()`). */
export interface VehicleConfigInput {
  readonly powertrain?: Powertrain | null;
  readonly doorRelease?: DoorRelease | null;
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
  msdAck: 'positive',
  ngECall: true,
  requestDataAfterMs: null,
  messages: [],
  replies: true,
  replyAfterMs: 3000,
};

/**
 * The simulator as the HMI's automation contract exposes it (`window.sosHmi.sim`). The same model
 * runs in the browser (MockBridge) and in the Node gateway (`gateway/sources/simSource.ts`).
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
  /** The centre sends a text now (during a call; ignored without one). */
  centreSends(text: string): void;
  /** The centre asks for fresh data now (SIP INFO; during a connected call). */
  centreRequestsData(): void;
  /** What the centre received over the text channel, oldest first. */
  readonly centreInbox: readonly CentreInboxEntry[];
  /** The driver presses the hazard-light switch (`on`), or switches them off. */
  hazards(on: boolean): void;
  /** The car's powertrain and door release (the post-crash guidance reads them). */
  vehicleConfig(config: VehicleConfigInput): void;
}
