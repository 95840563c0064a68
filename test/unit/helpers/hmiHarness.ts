/**
 * Test harness for the SOS HMI machines: the root actor on a SimulatedClock, a tiny vehicle that
 * republishes its signals every second (as the real vehicle side does), and the commands the HMI sent.
 */
import { createActor } from 'xstate';
import type { VehicleCommand } from '../../../src/bridge/commands.js';
import type { CallSessionSignal, ChainUnit, UnitStatus, VehicleSignal } from '../../../src/bridge/signals.js';
import { CHAIN_UNITS, NO_CALL_SESSION } from '../../../src/bridge/signals.js';
import type { SosConfig } from '../../../src/machines/config.js';
import type { SosEvent, UserEvent } from '../../../src/machines/events.js';
import {
  selectAudioPath,
  selectCallView,
  selectHmiState,
  selectMalfunctionView,
  selectStatusView,
  type CallSnapshot,
  type MalfunctionSnapshot,
  type StatusSnapshot,
} from '../../../src/machines/selectors.js';
import { sosHmiMachine } from '../../../src/machines/sosHmiMachine.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';

type Untimed<S> = S extends VehicleSignal ? Omit<S, 'ts'> : never;
export type SignalInput = Untimed<VehicleSignal>;

export interface SentAt {
  readonly at: number;
  readonly command: VehicleCommand;
}

export type SessionInput = Omit<CallSessionSignal, 'ts'>;

/** The telematics unit's report with no session. */
export function idleSession(): SessionInput {
  return { type: 'callSession', seq: 0, ...NO_CALL_SESSION };
}

/** Signals of a healthy, parked car with the ignition off. */
export function healthySignals(): SignalInput[] {
  return [
    ...CHAIN_UNITS.map((unit): SignalInput => ({ type: 'unitHealth', unit, status: 'ok' })),
    {
      type: 'mostRing',
      nodes: ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      closed: true,
      silent: [],
    },
    { type: 'gnss', fix: '3d', latitude: 48.1771, longitude: 11.5562, headingDeg: 90, trusted: true },
    { type: 'cellular', registered: true, signalBars: 4 },
  ];
}

function keyOf(signal: SignalInput): string {
  return signal.type === 'unitHealth' ? `unitHealth:${signal.unit}` : signal.type;
}

export class Hmi {
  readonly clock = new SimulatedClock(0);
  readonly actor;
  readonly commands: SentAt[] = [];
  /** Signals the vehicle republishes every second while `heartbeat` is on. */
  private readonly vehicle = new Map<string, SignalInput>();
  private heartbeatTimer: number | null = null;
  private sessionSeq = 0;
  private lastSession: SessionInput = idleSession();

  constructor(config: Partial<SosConfig> = {}) {
    this.actor = createActor(sosHmiMachine, { clock: this.clock, input: { config } });
    this.actor.on('command', (e) => this.commands.push({ at: this.clock.now(), command: e.command }));
    this.actor.start();
  }

  /** Sends one bridge signal now (ts = clock time). */
  signal(signal: SignalInput): void {
    const event = { ...signal, ts: this.clock.now(), type: `bridge.${signal.type}` } as unknown as SosEvent;
    this.actor.send(event);
  }

  user(type: UserEvent['type']): void {
    this.actor.send({ type } as UserEvent);
  }

  /** Sets a lasting vehicle signal (republished by the heartbeat) and sends it now. */
  set(signal: SignalInput): void {
    this.vehicle.set(keyOf(signal), signal);
    this.signal(signal);
  }

  unit(unit: ChainUnit, status: UnitStatus, code?: string): void {
    this.set(
      code === undefined ? { type: 'unitHealth', unit, status } : { type: 'unitHealth', unit, status, code },
    );
  }

  /** Republishes every lasting signal each second (the vehicle's cyclic messages). */
  startHeartbeat(): void {
    this.stopHeartbeat();
    const beat = (): void => {
      for (const s of this.vehicle.values()) this.signal(s);
      this.heartbeatTimer = this.clock.setTimeout(beat, 1000);
    };
    this.heartbeatTimer = this.clock.setTimeout(beat, 1000);
  }

  /** The telematics unit stops reporting (dead, hung); the rest of the car goes on publishing. */
  silenceUnit(): void {
    this.vehicle.delete('callSession');
  }

  stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  /** A healthy car, ignition on, self-test over: status ready. */
  readyCar(): this {
    for (const s of healthySignals()) this.set(s);
    this.set({ type: 'ignition', state: 'on' });
    this.startHeartbeat();
    this.advance(this.config.selfTestMs);
    return this;
  }

  get config(): SosConfig {
    return this.actor.getSnapshot().context.config;
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  press(): void {
    this.signal({ type: 'sosButton', action: 'press' });
  }

  release(heldMs?: number): void {
    this.signal(
      heldMs === undefined
        ? { type: 'sosButton', action: 'release' }
        : { type: 'sosButton', action: 'release', heldMs },
    );
  }

  /**
   * The telematics unit reports its session (a lasting signal, republished by the heartbeat). Fields
   * not given keep their previous value; `seq` moves on with every call.
   */
  session(fields: Partial<Omit<CallSessionSignal, 'type' | 'ts' | 'seq'>>): SessionInput {
    this.sessionSeq += 1;
    const report: SessionInput = { ...this.lastSession, ...fields, seq: this.sessionSeq };
    this.lastSession = report;
    this.set(report);
    return report;
  }

  /**
   * The centre clears the call down: the unit reports the session `ended` (`clearDown`, voice gone)
   * and opens its call-back window, an hour unless given.
   */
  clearDown(callbackWindowMs = 3_600_000): SessionInput {
    return this.session({
      phase: 'ended',
      callEnd: 'clearDown',
      voiceSince: null,
      callbackWindowEndsAt: this.clock.now() + callbackWindowMs,
    });
  }

  crash(occupants = 2): void {
    this.signal({ type: 'crash', severity: 3, airbagDeployed: true, rollover: false, occupants });
  }

  get statusSnapshot(): StatusSnapshot {
    return this.actor.system.get('status')!.getSnapshot() as StatusSnapshot;
  }
  get malfunctionSnapshot(): MalfunctionSnapshot {
    return this.actor.system.get('malfunction')!.getSnapshot() as MalfunctionSnapshot;
  }
  get callSnapshot(): CallSnapshot {
    return this.actor.system.get('call')!.getSnapshot() as CallSnapshot;
  }
  status() {
    return selectStatusView(this.statusSnapshot);
  }
  malfunction() {
    return selectMalfunctionView(this.malfunctionSnapshot);
  }
  call() {
    return selectCallView(this.callSnapshot, selectAudioPath(this.statusSnapshot));
  }
  state() {
    return selectHmiState(this.actor);
  }

  /** Commands of one type, with the time they were sent. */
  sent<T extends VehicleCommand['type']>(
    type: T,
  ): Array<{ at: number; command: Extract<VehicleCommand, { type: T }> }> {
    return this.commands.filter((c) => c.command.type === type) as Array<{
      at: number;
      command: Extract<VehicleCommand, { type: T }>;
    }>;
  }

  /** Commands sent at or after `from`, ignoring the periodic nothing (handy for sequences). */
  commandsSince(from: number): VehicleCommand[] {
    return this.commands.filter((c) => c.at >= from).map((c) => c.command);
  }

  stop(): void {
    this.stopHeartbeat();
    this.actor.stop();
  }
}
