/**
 * The vehicle as seen on CAN: decodes frames with the DBC into `VehicleSignal`s, encodes the
 * occupants' requests into frames, and watches the bus itself:
 * - a cyclic message (cycle time from the DBC's GenMsgCycleTime) missing for `staleCycles` cycles
 *   is stale: its signals are no longer published (the HMI's own staleness then shows "unknown"),
 *   the terminal state becomes UNDEFINED and the bus state PARTLY_STALE;
 * - no frame at all for `silentMs`: the bus is SILENT (asleep, or the harness is cut);
 * - the transport reporting the interface down: DOWN. Commands then fail ("interface down").
 *
 * The telematics unit (TCB) owns the emergency call: its session report (TEL_SESSION_1/2/3 and 4, see
 * `sessionFrames.ts`) becomes `callSession`, its LED state (SOS_LED_CMD) `sosLed`, its text
 * conversation (TEL_CONV, TEL_CONV_LINE, TEL_TEXT, see `textFrames.ts`) `conversation`. The head unit
 * never starts a call; it forwards requests (TEL_CALL_REQ, a typed line's text in HU_TEXT before it)
 * and the unit answers each (TEL_CALL_RSP). The body reports the hazard lights (BDC_HAZARD) and the
 * car's coding (VEH_CONFIG); the head unit asks for the hazard lights through the unit (TEL_CALL_REQ).
 * A crash from the airbag unit (ST_CR) is still published as `crash`: the HMI tells occupants when
 * no unit confirms a call.
 */
import type { VehicleCommand } from '../../src/bridge/commands.js';
import {
  CHAIN_UNITS,
  NO_GNSS_FIX,
  SELF_TEST_ITEMS,
  type DoorRelease,
  type EcallService,
  type IgnitionState,
  type LedState,
  type Powertrain,
  type UnitStatus,
  type VehicleSignal,
} from '../../src/bridge/signals.js';
import { PATHS } from '../../src/bridge/vissPaths.js';
import type { Clock } from '../../src/time/simulatedClock.js';
import type { CommandResult, SourceOutput, VehicleSource } from '../sources/source.js';
import type { DbcCodec, DecodedMessage } from './dbc.js';
import type { CanFrame } from './frame.js';
import { SessionAssembler } from './sessionFrames.js';
import { ConversationAssembler, encodeTextRequestFrames, PHRASE_CODES } from './textFrames.js';
import type { CanTransport } from './transports.js';

/** TEL_UNIT_HEALTH UNIT_CODE. */
export const UNIT_CODES: readonly string[] = [
  '',
  'fuse',
  'module',
  'software',
  'bluetooth',
  'speaker',
  'microphone',
  'low',
  'crash-sensor',
  'sos-button',
];
const UNIT_STATUS_CODES: readonly UnitStatus[] = ['ok', 'degraded', 'fault'];
/** SOS_LED_CMD LED_MODE, sent by the telematics unit. */
export const LED_CODES: readonly LedState[] = ['off', 'green-blinking', 'green-steady', 'red'];
/** TEL_CALL_REQ CALL_REQ for each request without arguments the head unit forwards. */
export const CALL_REQUEST_CODES = {
  cancelCall: 1,
  endCall: 2,
  answerCallback: 3,
  requestSelfTest: 4,
  callNow: 5,
  startTestCall: 6,
} as const satisfies Partial<Record<VehicleCommand['type'], number>>;
/** CALL_REQ: hazard lights on / off (the unit has the body switch them). */
export const HAZARD_REQUEST_CODES = { on: 7, off: 8 } as const;
/** CALL_REQ: send the typed line of HU_TEXT with the same REQ_SEQ. */
export const SEND_TEXT_CODE = 9;
/** CALL_REQ: send preset phrase n (`PHRASE_CODES[n − 1]`) is `PHRASE_REQUEST_BASE + n − 1`. */
export const PHRASE_REQUEST_BASE = 10;

/** The CALL_REQ code of a command, or null for one the unit does not take on CAN. */
export function callRequestCode(command: VehicleCommand): number | null {
  switch (command.type) {
    case 'setHazardLights':
      return command.on ? HAZARD_REQUEST_CODES.on : HAZARD_REQUEST_CODES.off;
    case 'sendText':
      return command.phrase !== null
        ? PHRASE_REQUEST_BASE + PHRASE_CODES.indexOf(command.phrase)
        : SEND_TEXT_CODE;
    default:
      return Object.hasOwn(CALL_REQUEST_CODES, command.type)
        ? CALL_REQUEST_CODES[command.type as keyof typeof CALL_REQUEST_CODES]
        : null;
  }
}
/** TEL_CALL_RSP REQ_RESULT: 0 accepted, n = the unit's refusal reason; any other code is `refused`. */
export const REQUEST_RESULTS: readonly string[] = [
  '',
  'not cancellable',
  'no cancel window',
  'automatic call',
  'no call',
  'no call-back',
  'busy',
  'not endable',
  'text incomplete',
];
/** TEL_STATUS CELL_ECALL: 0 = not reported (an older unit). */
export const ECALL_SERVICE_CODES: readonly (EcallService | null)[] = [null, 'ngECall', 'eCall', 'none'];
/** VEH_CONFIG CFG_POWERTRAIN: 0 = not coded. */
export const POWERTRAIN_CODES: readonly (Powertrain | null)[] = [null, 'combustion', 'hybrid', 'electric'];
/** VEH_CONFIG CFG_DOOR_RELEASE: 0 = not coded. */
export const DOOR_RELEASE_CODES: readonly (DoorRelease | null)[] = [
  null,
  'innerHandle',
  'leverBesideWindowSwitch',
  'cableInDoorPocket',
];
const REFUSED = 'refused';

export type BusState = 'ACTIVE' | 'PARTLY_STALE' | 'SILENT' | 'DOWN';

export interface CanVehicleOptions {
  readonly transport: CanTransport;
  readonly codec: DbcCodec;
  readonly clock: Clock & { now(): number };
  /** Missing cycles before a cyclic message is stale. Default 5. */
  readonly staleCycles?: number;
  /** No frame at all for this long: the bus is silent. Default 1000 ms. */
  readonly silentMs?: number;
  /** Occupants reported with an ST_CR crash (it carries no occupancy). Default null: unknown. */
  readonly occupants?: number | null;
  /**
   * How long a request waits for the telematics unit's TEL_CALL_RSP. No answer: no acknowledgement
   * (the HMI reports the timeout). Default 1500 ms (the HMI waits 2000).
   */
  readonly answerWaitMs?: number;
  readonly log?: (message: string) => void;
}

/** ST_KL (G-series KLEMMEN) → terminal state; null = transitional / invalid, report nothing. */
export function terminalFromStKl(stKl: number): IgnitionState | null {
  if (stKl === 2) return 'off';
  if (stKl === 6) return 'accessory';
  if (stKl === 10 || stKl === 11 || stKl === 12 || stKl === 13) return 'on';
  return null;
}

export class CanVehicle implements VehicleSource {
  readonly name: string;
  private readonly transport: CanTransport;
  private readonly codec: DbcCodec;
  private readonly clock: Clock & { now(): number };
  private readonly staleCycles: number;
  private readonly silentMs: number;
  private readonly occupants: number | null;
  private readonly answerWaitMs: number;
  private readonly log: (message: string) => void;
  private readonly listeners = new Set<(output: SourceOutput) => void>();
  private readonly lastSeen = new Map<string, number>();
  private readonly cycles = new Map<string, number>();
  private readonly stale = new Set<string>();
  private readonly offs: (() => void)[] = [];
  private lastFrameAt: number | null = null;
  private busState: BusState | null = null;
  private watchdog: number | undefined;
  private lastCounters = new Map<string, number>();
  private button: { pressed: boolean; since: number } = { pressed: false, since: 0 };
  private crashActive = false;
  private lastSeenCrashFrame = false;
  private readonly session = new SessionAssembler();
  private readonly conversation = new ConversationAssembler();
  /** The last VEH_CONFIG coding seen (its unknown codes are logged once). */
  private lastCoding: string | null = null;
  /** Requests waiting for TEL_CALL_RSP, by REQ_SEQ. */
  private readonly waiting = new Map<
    number,
    { readonly timer: number; readonly done: (r: CommandResult) => void }
  >();
  private selfTestSeq: number | null = null;
  private gnssParts: {
    lat?: number;
    lon?: number;
    heading?: number | null;
    fix?: number;
    trusted?: boolean;
  } = {};
  private requestSeq = 0;
  private up = false;

  constructor(options: CanVehicleOptions) {
    this.transport = options.transport;
    this.codec = options.codec;
    this.clock = options.clock;
    this.staleCycles = options.staleCycles ?? 5;
    this.silentMs = options.silentMs ?? 1000;
    this.occupants = options.occupants ?? null;
    this.answerWaitMs = options.answerWaitMs ?? 1500;
    this.log = options.log ?? (() => {});
    this.name = `can(${this.transport.name})`;
    for (const name of this.codec.messageNames) {
      const cycle = this.codec.message(name)?.cycleMs;
      if (cycle) this.cycles.set(name, cycle);
    }
  }

  onOutput(listener: (output: SourceOutput) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  handles(command: VehicleCommand): boolean {
    return callRequestCode(command) !== null;
  }

  async start(): Promise<void> {
    this.offs.push(this.transport.onFrame((frame) => this.frame(frame)));
    this.offs.push(
      this.transport.onState((state, why) => {
        this.up = state === 'up';
        if (!this.up) this.log(`[gateway] CAN ${this.transport.name} down${why ? `: ${why}` : ''}`);
        this.setBusState(this.up ? (this.lastFrameAt === null ? 'SILENT' : 'ACTIVE') : 'DOWN');
      }),
    );
    await this.transport.start();
    this.armWatchdog();
  }

  async stop(): Promise<void> {
    if (this.watchdog !== undefined) this.clock.clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const [seq, waiter] of this.waiting) this.answer(seq, waiter, null);
    for (const off of this.offs.splice(0)) off();
    await this.transport.stop();
  }

  /** Names of cyclic messages currently stale. */
  get staleMessages(): string[] {
    return [...this.stale];
  }

  get bus(): BusState | null {
    return this.busState;
  }

  /**
   * Forwards an occupants' request as TEL_CALL_REQ (a typed line's text first, in HU_TEXT segments
   * with the same REQ_SEQ) and waits for the unit's TEL_CALL_RSP: accepted, refused with its reason,
   * or no answer (null: the HMI reports the timeout).
   */
  async command(command: VehicleCommand): Promise<CommandResult> {
    const code = callRequestCode(command);
    if (code === null) return { ok: false, error: 'not supported on CAN' };
    const seq = (this.requestSeq = (this.requestSeq % 255) + 1);
    const text =
      command.type === 'sendText' && command.text !== null
        ? encodeTextRequestFrames(this.codec, seq, command.text)
        : [];
    const frame = this.codec.encode('TEL_CALL_REQ', { CALL_REQ: code, REQ_SEQ: seq });
    // An older request with the same REQ_SEQ (255 requests ago) is not answered any more.
    const older = this.waiting.get(seq);
    if (older) this.answer(seq, older, null);
    const answered = new Promise<CommandResult>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        const waiter = this.waiting.get(seq);
        if (waiter) this.answer(seq, waiter, null);
      }, this.answerWaitMs);
      this.waiting.set(seq, { timer, done: resolve });
    });
    try {
      // The text before the request that names it: the unit has it whole when the request arrives.
      for (const f of [...text, frame])
        await this.transport.send({ ...f, timestampUs: BigInt(Math.round(this.clock.now() * 1000)) });
    } catch (error) {
      const waiter = this.waiting.get(seq);
      const failed: CommandResult = {
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
      if (waiter) this.answer(seq, waiter, failed);
      return failed;
    }
    return answered;
  }

  private answer(
    seq: number,
    waiter: { readonly timer: number; readonly done: (r: CommandResult) => void },
    result: CommandResult,
  ): void {
    this.clock.clearTimeout(waiter.timer);
    this.waiting.delete(seq);
    waiter.done(result);
  }

  // ----------------------------------------------------------------- input

  private frame(frame: CanFrame): void {
    const now = this.clock.now();
    this.lastFrameAt = now;
    if (frame.error) {
      this.log(`[gateway] CAN error frame, class 0x${frame.id.toString(16)}`);
      return;
    }
    const decoded = this.codec.decode(frame);
    if (!decoded) return;
    this.lastSeen.set(decoded.name, now);
    if (this.stale.delete(decoded.name)) this.updateBusState();
    else if (this.busState !== 'ACTIVE' && this.stale.size === 0) this.setBusState('ACTIVE');
    this.take(decoded, now);
  }

  /** BMW alive counters: the same value twice means a frozen sender; that frame is ignored. */
  private counterOk(name: string, value: number | undefined): boolean {
    if (value === undefined) return true;
    const last = this.lastCounters.get(name);
    this.lastCounters.set(name, value);
    return last === undefined || last !== value;
  }

  private take(m: DecodedMessage, ts: number): void {
    const s = m.signals;
    switch (m.name) {
      case 'KLEMMEN': {
        if (!this.counterOk(m.name, s.ALIV_COU_KL)) return;
        const state = terminalFromStKl(s.ST_KL ?? 15);
        if (state) this.signal({ type: 'ignition', ts, state });
        return;
      }
      case 'TerminalStatus': {
        if (!this.counterOk(m.name, s.COUNTER_KL)) return;
        // E9x: 2-bit terminals, 1 = on.
        const state: IgnitionState =
          s.ST_KL_15 === 1 || s.ST_KL_50 === 1 ? 'on' : s.ST_KL_R === 1 ? 'accessory' : 'off';
        this.signal({ type: 'ignition', ts, state });
        return;
      }
      case 'ST_CR': {
        if (!this.counterOk(m.name, s.ALIV_ST_CR)) return;
        const grades = [
          'ST_CRSE_FRT',
          'ST_CRSE_SIDE_RH',
          'ST_CRSE_SIDE_LH',
          'ST_CRSE_REAR',
          'ST_CRSE_ROV',
          'ST_CRSE_PED',
        ]
          .map((k) => s[k] ?? 0)
          .filter((g) => g >= 1 && g <= 4);
        const deployed = s.ST_DEPLOY_AB === 1;
        const crash = grades.length > 0 || deployed;
        // One crash per event: the airbag unit keeps reporting it cyclically. The first frame after
        // start is only a baseline, so a restarted gateway never announces an old crash again.
        const first = !this.lastSeenCrashFrame;
        this.lastSeenCrashFrame = true;
        if (crash && !this.crashActive && !first) {
          const rov = s.ST_CRSE_ROV ?? 15;
          this.signal({
            type: 'crash',
            ts,
            // What the airbag unit did not grade (13 n/a, 14 error, 15 not in operation) is unknown.
            severity: grades.length ? Math.max(...grades) : null,
            airbagDeployed: s.ST_DEPLOY_AB === 0 ? false : deployed ? true : null,
            rollover: rov === 0 ? false : rov >= 1 && rov <= 4 ? true : null,
            occupants: this.occupants,
          });
        }
        this.crashActive = crash;
        return;
      }
      case 'NAV_GPS1':
        this.gnssParts.lat = s.ST_LAT_NAVI;
        this.gnssParts.lon = s.ST_LONG_NAVI;
        this.gnss(ts);
        return;
      case 'NAV_GPS2':
        this.gnssParts.heading =
          s.ST_HDG_HRZTL_ABSL !== undefined && s.ST_HDG_HRZTL_ABSL < 360
            ? Math.round(s.ST_HDG_HRZTL_ABSL) % 360
            : null;
        return;
      case 'FAHRGESTELLNUMMER': {
        const chars = [1, 2, 3, 4, 5, 6, 7]
          .map((i) => String.fromCharCode(s[`NO_VECH_${i}`] ?? 0x3f))
          .join('');
        this.emit({ kind: 'vss', path: PATHS.vinLast7, value: chars });
        return;
      }
      case 'SOS_BUTTON': {
        if (!this.counterOk(m.name, s.ALIV_SOS_BTN)) return;
        if (s.SOS_BTN === 3) return;
        const pressed = s.SOS_BTN === 1;
        if (pressed && !this.button.pressed) {
          this.button = { pressed: true, since: ts };
          this.signal({ type: 'sosButton', ts, action: 'press' });
        } else if (!pressed && this.button.pressed) {
          const heldMs = ts - this.button.since;
          this.button = { pressed: false, since: 0 };
          this.signal({ type: 'sosButton', ts, action: 'release', heldMs });
        }
        return;
      }
      case 'TEL_STATUS': {
        if (!this.counterOk(m.name, s.ALIV_TEL)) return;
        const ecall = ECALL_SERVICE_CODES[s.CELL_ECALL ?? 0] ?? null;
        this.signal({
          type: 'cellular',
          ts,
          registered: s.CELL_REG === 1,
          signalBars: Math.min(5, s.CELL_BARS ?? 0),
          // 0: an older unit that does not say (the HMI then assumes nothing about the network).
          ...(ecall !== null ? { ecall } : {}),
        });
        this.gnssParts.fix = s.GNSS_FIX;
        this.gnssParts.trusted = s.GNSS_TRUSTED === 1;
        return;
      }
      case 'SOS_LED_CMD': {
        const led = LED_CODES[s.LED_MODE ?? 255];
        if (led) this.signal({ type: 'sosLed', ts, led });
        return;
      }
      case 'TEL_SESSION_1':
      case 'TEL_SESSION_2':
      case 'TEL_SESSION_3':
      case 'TEL_SESSION_4': {
        // A frozen unit (same alive counter twice) must not keep a call on screen: its set is dropped.
        if (m.name === 'TEL_SESSION_1' && !this.counterOk(m.name, s.ALIV_SESS)) {
          this.session.reset();
          return;
        }
        const result = this.session.take(m.name, s, ts);
        if (result && 'error' in result) this.log(`[gateway] ${result.error}`);
        else if (result) this.signal(result.session);
        return;
      }
      case 'TEL_CONV':
      case 'TEL_CONV_LINE':
      case 'TEL_TEXT': {
        const result = this.conversation.take(m.name, s, ts);
        // A bad conversation is refused whole (logged); the call goes on without it.
        if (result && 'error' in result) this.log(`[gateway] ${result.error}`);
        else if (result) this.signal(result.conversation);
        return;
      }
      case 'BDC_HAZARD': {
        if (!this.counterOk(m.name, s.ALIV_HAZARD)) return;
        // 2 reserved, 3 invalid: nothing is said, the value goes stale.
        if (s.ST_HAZARD === 0 || s.ST_HAZARD === 1)
          this.signal({ type: 'hazardLights', ts, on: s.ST_HAZARD === 1 });
        return;
      }
      case 'VEH_CONFIG': {
        const powertrain = POWERTRAIN_CODES[s.CFG_POWERTRAIN ?? 0];
        const doorRelease = DOOR_RELEASE_CODES[s.CFG_DOOR_RELEASE ?? 0];
        // A code this gateway does not know is a fact not known (null), never guessed; logged once per coding.
        const coding = `${s.CFG_POWERTRAIN}/${s.CFG_DOOR_RELEASE}`;
        if (coding !== this.lastCoding) {
          this.lastCoding = coding;
          if (powertrain === undefined)
            this.log(`[gateway] VEH_CONFIG: unknown CFG_POWERTRAIN ${s.CFG_POWERTRAIN}, taken as not known`);
          if (doorRelease === undefined)
            this.log(
              `[gateway] VEH_CONFIG: unknown CFG_DOOR_RELEASE ${s.CFG_DOOR_RELEASE}, taken as not known`,
            );
        }
        this.signal({
          type: 'vehicleConfig',
          ts,
          powertrain: powertrain ?? null,
          doorRelease: doorRelease ?? null,
        });
        return;
      }
      case 'TEL_CALL_RSP': {
        const seq = s.RSP_REQ_SEQ ?? 0;
        const waiter = this.waiting.get(seq);
        if (!waiter) return;
        const code = s.REQ_RESULT ?? 15;
        this.answer(
          seq,
          waiter,
          code === 0 ? { ok: true } : { ok: false, error: REQUEST_RESULTS[code] ?? REFUSED },
        );
        return;
      }
      case 'TEL_UNIT_HEALTH': {
        const unit = CHAIN_UNITS[s.UNIT_ID ?? 255];
        const status = UNIT_STATUS_CODES[s.UNIT_STATUS ?? 3];
        if (!unit || !status) return;
        const code = UNIT_CODES[s.UNIT_CODE ?? 0];
        this.signal({ type: 'unitHealth', ts, unit, status, ...(code ? { code } : {}) });
        return;
      }
      case 'TEL_SELFTEST': {
        const item = SELF_TEST_ITEMS[s.ST_ITEM ?? 255];
        if (!item || s.ST_SEQ === this.selfTestSeq) return;
        this.selfTestSeq = s.ST_SEQ ?? null;
        this.signal({ type: 'selfTestResult', ts, item, result: s.ST_RESULT === 1 ? 'fail' : 'pass' });
        return;
      }
      default:
        return;
    }
  }

  private gnss(ts: number): void {
    const { lat, lon, heading, fix, trusted } = this.gnssParts;
    if (lat === undefined || lon === undefined) return;
    // No telematics unit on the bus (a dead one, another car's drive): the navigation's position is
    // still what occupants read out to 112, but without the unit's fix it is never "trusted".
    if (fix === undefined) {
      this.signal({
        type: 'gnss',
        ts,
        fix: '2d',
        latitude: Math.round(lat * 1e7) / 1e7,
        longitude: Math.round(lon * 1e7) / 1e7,
        headingDeg: heading ?? null,
        trusted: false,
      });
      return;
    }
    if (fix === 0 || fix === 1) {
      this.signal({ type: 'gnss', ts, ...NO_GNSS_FIX });
      return;
    }
    this.signal({
      type: 'gnss',
      ts,
      fix: fix === 2 ? '2d' : '3d',
      latitude: Math.round(lat * 1e7) / 1e7,
      longitude: Math.round(lon * 1e7) / 1e7,
      headingDeg: heading ?? null,
      trusted: trusted ?? false,
    });
  }

  // ------------------------------------------------------------- staleness

  private armWatchdog(): void {
    this.watchdog = this.clock.setTimeout(() => {
      this.checkStaleness();
      this.armWatchdog();
    }, 50);
  }

  private checkStaleness(): void {
    const now = this.clock.now();
    if (this.up && this.lastFrameAt !== null && now - this.lastFrameAt > this.silentMs) {
      if (this.busState !== 'SILENT') this.log('[gateway] CAN bus silent');
      this.setBusState('SILENT');
    }
    let changed = false;
    for (const [name, seen] of this.lastSeen) {
      const cycle = this.cycles.get(name);
      if (!cycle || this.stale.has(name)) continue;
      if (now - seen > cycle * this.staleCycles) {
        this.stale.add(name);
        changed = true;
        this.log(`[gateway] ${name} stale (no frame for ${now - seen} ms, cycle ${cycle} ms)`);
        if (name === 'KLEMMEN' || name === 'TerminalStatus') {
          this.emit({ kind: 'vss', path: PATHS.lowVoltageSystemState, value: 'UNDEFINED' });
        }
        // Parts collected before the unit fell silent never complete a report with later ones.
        if (name.startsWith('TEL_SESSION_')) this.session.reset();
        if (name === 'TEL_CONV') this.conversation.reset();
      }
    }
    if (changed) this.updateBusState();
  }

  private updateBusState(): void {
    if (this.busState === 'SILENT' || this.busState === 'DOWN') {
      if (this.lastFrameAt === null || this.clock.now() - this.lastFrameAt > this.silentMs) return;
    }
    this.setBusState(this.stale.size ? 'PARTLY_STALE' : 'ACTIVE');
  }

  private setBusState(state: BusState): void {
    if (state === this.busState) return;
    this.busState = state;
    this.emit({ kind: 'vss', path: PATHS.busState, value: state });
  }

  private signal(signal: VehicleSignal): void {
    this.emit({ kind: 'signal', signal });
  }

  private emit(output: SourceOutput): void {
    for (const l of [...this.listeners]) l(output);
  }
}
