/**
 * The vehicle as seen on CAN: decodes frames with the DBC into `VehicleSignal`s, encodes the HMI's
 * commands into frames, and watches the bus itself:
 * - a cyclic message (cycle time from the DBC's GenMsgCycleTime) missing for `staleCycles` cycles
 *   is stale: its signals are no longer published (the HMI's own staleness then shows "unknown"),
 *   the terminal state becomes UNDEFINED and the bus state PARTLY_STALE;
 * - no frame at all for `silentMs`: the bus is SILENT (asleep, or the harness is cut);
 * - the transport reporting the interface down: DOWN. Commands then fail ("interface down").
 */
import type { VehicleCommand } from '../../src/bridge/commands.js';
import {
  CALL_PROGRESS_PHASES,
  CHAIN_UNITS,
  SELF_TEST_ITEMS,
  type CallProgressPhase,
  type IgnitionState,
  type UnitStatus,
} from '../../src/bridge/signals.js';
import { PATHS } from '../../src/bridge/vissPaths.js';
import type { Clock } from '../../src/time/simulatedClock.js';
import type { CommandResult, SourceOutput, VehicleSource } from '../sources/source.js';
import type { DbcCodec, DecodedMessage } from './dbc.js';
import type { CanFrame } from './frame.js';
import type { CanTransport } from './transports.js';

/** TEL_STATUS CALL_PHASE: 0 idle, then the phases in this order. */
export const CALL_PHASE_CODES: readonly (CallProgressPhase | 'idle')[] = [
  'idle',
  'dialing',
  'ringing',
  'connected',
  'msdSent',
  'msdAcknowledged',
  'voiceConnected',
  'endedByCentre',
  'dropped',
  'failed',
  'callbackIncoming',
  'contactsNotified',
];
/** TEL_STATUS CALL_REASON. */
export const CALL_REASONS: readonly string[] = [
  '',
  'no network',
  'busy',
  'no answer',
  'network lost',
  'power loss',
  'software fault',
  'control module failure',
  'ring break',
];
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
export const LED_CODES = ['off', 'green-blinking', 'green-steady', 'red'] as const;
const CALL_KIND_CODES = ['manual', 'automatic', 'test'] as const;

export type BusState = 'ACTIVE' | 'PARTLY_STALE' | 'SILENT' | 'DOWN';

export interface CanVehicleOptions {
  readonly transport: CanTransport;
  readonly codec: DbcCodec;
  readonly clock: Clock & { now(): number };
  /** Missing cycles before a cyclic message is stale. Default 5. */
  readonly staleCycles?: number;
  /** No frame at all for this long: the bus is silent. Default 1000 ms. */
  readonly silentMs?: number;
  /** Occupants reported with a crash (ST_CR carries no occupancy). Default 1. */
  readonly occupants?: number;
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
  private readonly occupants: number;
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
  private callSeq: number | null = null;
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
    this.occupants = options.occupants ?? 1;
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
    return ['startCall', 'endCall', 'answerCallback', 'setLed', 'muteAudio', 'requestSelfTest'].includes(
      command.type,
    );
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

  async command(command: VehicleCommand): Promise<CommandResult> {
    let frame: CanFrame;
    const seq = (this.requestSeq = (this.requestSeq + 1) % 256);
    switch (command.type) {
      case 'setLed':
        frame = this.codec.encode('SOS_LED_CMD', { LED_MODE: LED_CODES.indexOf(command.led) });
        break;
      case 'startCall':
        frame = this.codec.encode('TEL_CALL_REQ', {
          CALL_REQ: 1,
          CALL_KIND: CALL_KIND_CODES.indexOf(command.kind),
          REQ_SEQ: seq,
        });
        break;
      case 'endCall':
        frame = this.codec.encode('TEL_CALL_REQ', { CALL_REQ: 2, REQ_SEQ: seq });
        break;
      case 'answerCallback':
        frame = this.codec.encode('TEL_CALL_REQ', { CALL_REQ: 3, REQ_SEQ: seq });
        break;
      case 'requestSelfTest':
        frame = this.codec.encode('TEL_CALL_REQ', { CALL_REQ: 4, REQ_SEQ: seq });
        break;
      case 'muteAudio':
        frame = this.codec.encode('HU_SOS_AUDIO', { AUDIO_MUTE: command.muted ? 1 : 0 });
        break;
      default:
        return { ok: false, error: 'not supported on CAN' };
    }
    try {
      // The acknowledgement on CAN is the frame leaving: the telematics unit's own answer shows in TEL_STATUS.
      await this.transport.send({ ...frame, timestampUs: BigInt(Math.round(this.clock.now() * 1000)) });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
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
          const rov = s.ST_CRSE_ROV ?? 0;
          this.signal({
            type: 'crash',
            ts,
            severity: grades.length ? Math.max(...grades) : 1,
            airbagDeployed: deployed,
            rollover: rov >= 1 && rov <= 4,
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
        this.signal({
          type: 'cellular',
          ts,
          registered: s.CELL_REG === 1,
          signalBars: Math.min(5, s.CELL_BARS ?? 0),
        });
        this.gnssParts.fix = s.GNSS_FIX;
        this.gnssParts.trusted = s.GNSS_TRUSTED === 1;
        const phase = CALL_PHASE_CODES[s.CALL_PHASE ?? 0];
        const seq = s.CALL_SEQ ?? 0;
        // A new report is a new CALL_SEQ; the first frame after start also counts while a call is up.
        if (seq !== this.callSeq) {
          this.callSeq = seq;
          if (phase && phase !== 'idle' && (CALL_PROGRESS_PHASES as readonly string[]).includes(phase)) {
            const reason = CALL_REASONS[s.CALL_REASON ?? 0];
            this.signal({ type: 'callProgress', ts, phase, ...(reason ? { reason } : {}) });
          }
        }
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
    if (fix === undefined || lat === undefined || lon === undefined) return;
    if (fix === 0 || fix === 1) {
      this.signal({
        type: 'gnss',
        ts,
        fix: 'none',
        latitude: null,
        longitude: null,
        headingDeg: null,
        trusted: false,
      });
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

  private signal(signal: SourceOutput & { kind: 'signal' } extends { signal: infer S } ? S : never): void {
    this.emit({ kind: 'signal', signal });
  }

  private emit(output: SourceOutput): void {
    for (const l of [...this.listeners]) l(output);
  }
}
