/**
 * The whole HMI in Node, wired like the composition root: the real `VehicleSimulator` behind the
 * real `MockBridge` (boundary validation, staleness, command acks) and the root machine, all on one
 * `SimulatedClock`. Used by the fault matrix, the stale-data tests, the fuzzers and the soak run.
 */
import { createActor, type Actor } from 'xstate';
import { MockBridge } from '../../../src/bridge/mockBridge.js';
import type { VehicleCommand } from '../../../src/bridge/commands.js';
import type { BridgeEvent } from '../../../src/bridge/vehicleBridge.js';
import { REQUIRED_SIGNALS } from '../../../src/machines/model/facts.js';
import type { SosConfig } from '../../../src/machines/config.js';
import { toMachineEvent, type UserEvent } from '../../../src/machines/events.js';
import {
  selectAudioPath,
  selectCallView,
  selectStatusView,
  type CallSnapshot,
  type StatusSnapshot,
} from '../../../src/machines/selectors.js';
import { sosHmiMachine } from '../../../src/machines/sosHmiMachine.js';
import type { CallView, SosStatusView } from '../../../src/machines/views.js';
import { VehicleSimulator, type VehicleSimulatorOptions } from '../../../src/sim/vehicleSimulator.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';

/** A plausible epoch start (2024-05-01 08:00 UTC): timestamps stay realistic, never 0. */
export const RIG_EPOCH = Date.UTC(2024, 4, 1, 8, 0, 0);

export interface RigOptions {
  readonly config?: Partial<SosConfig>;
  readonly simulator?: Omit<VehicleSimulatorOptions, 'clock'>;
  /** Start the clock here (default `RIG_EPOCH`). */
  readonly start?: number;
  /** Passed to the bridge: a signal older than this on arrival is refused. */
  readonly stalenessMs?: number;
}

export interface CommandAt {
  readonly at: number;
  readonly command: VehicleCommand;
}

export class Rig {
  readonly clock: SimulatedClock;
  readonly sim: VehicleSimulator;
  readonly bridge: MockBridge;
  readonly actor: Actor<typeof sosHmiMachine>;
  /** Commands the machines emitted, as they left (the latest 1000). */
  readonly commands: CommandAt[] = [];
  /** Bridge refusals, as logged (kept so a test can assert a clear error). */
  readonly log: string[] = [];
  /** Every bridge event delivered to the machines, for assertions on what got through. */
  readonly delivered: BridgeEvent[] = [];
  private readonly unsubscribe: () => void;

  constructor(options: RigOptions = {}) {
    this.clock = new SimulatedClock(options.start ?? RIG_EPOCH);
    this.sim = new VehicleSimulator({ ...options.simulator, clock: this.clock });
    this.bridge = new MockBridge({
      clock: this.clock,
      simulator: this.sim,
      log: (message) => {
        this.log.push(message);
        if (this.log.length > 200) this.log.shift();
      },
      ...(options.stalenessMs !== undefined ? { stalenessMs: options.stalenessMs } : {}),
    });
    this.actor = createActor(sosHmiMachine, { clock: this.clock, input: { config: options.config ?? {} } });
    this.actor.on('command', (event) => {
      this.commands.push({ at: this.clock.now(), command: event.command });
      if (this.commands.length > 1000) this.commands.shift();
      this.bridge.send(event.command);
    });
    this.actor.start();
    this.unsubscribe = this.bridge.subscribe((event) => {
      this.delivered.push(event);
      if (this.delivered.length > 500) this.delivered.shift();
      this.actor.send(toMachineEvent(event));
    });
  }

  /** A healthy car, ignition on, past the bulb check: status ready. */
  static ready(options: RigOptions = {}): Rig {
    const rig = new Rig(options);
    rig.sim.ignition('on');
    rig.advance(rig.config.selfTestMs + 1000);
    return rig;
  }

  get config(): SosConfig {
    return this.actor.getSnapshot().context.config;
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Advances in steps, calling `check` after each one (invariants between events). */
  advanceChecked(ms: number, stepMs: number, check: () => void): void {
    let left = ms;
    while (left > 0) {
      const step = Math.min(stepMs, left);
      this.clock.advance(step);
      left -= step;
      check();
    }
  }

  user(type: UserEvent['type']): void {
    this.actor.send({ type } as UserEvent);
  }

  get statusSnapshot(): StatusSnapshot {
    return this.actor.system.get('status')!.getSnapshot() as StatusSnapshot;
  }

  get callSnapshot(): CallSnapshot {
    return this.actor.system.get('call')!.getSnapshot() as CallSnapshot;
  }

  status(): SosStatusView {
    return selectStatusView(this.statusSnapshot);
  }

  call(): CallView {
    return selectCallView(this.callSnapshot, selectAudioPath(this.statusSnapshot));
  }

  sent(type: VehicleCommand['type'], since = -Infinity): CommandAt[] {
    return this.commands.filter((c) => c.command.type === type && c.at >= since);
  }

  dispose(): void {
    this.unsubscribe();
    this.actor.stop();
    this.bridge.dispose();
  }
}

/**
 * The simulator's truth about whether SOS could be "ready" right now: every required signal would
 * be healthy. Used as the oracle for "never a wrong ready".
 */
export function simulatorSaysHealthy(sim: VehicleSimulator): boolean {
  // Every fault of the product description limits or disables SOS; none is harmless.
  return sim.isPowered && sim.ignitionState !== 'off' && sim.ring.closed && sim.faults.length === 0;
}

const DEGRADED_TOLERATED = new Set<string>(['telematics', 'hands-free', 'head-unit', 'gnss', 'cellular']);

/**
 * The status machine's own evidence for "ready": every required signal present, not stale, and
 * healthy (units ok, ring closed, GNSS fix, registered with more than one bar).
 */
export function factsSayHealthy(snapshot: StatusSnapshot): { ok: boolean; why: string } {
  const { facts, staleKeys, connection } = snapshot.context;
  if (connection !== 'connected') return { ok: false, why: `connection ${connection}` };
  for (const key of REQUIRED_SIGNALS) {
    if (staleKeys.includes(key)) return { ok: false, why: `${key} stale` };
  }
  for (const key of REQUIRED_SIGNALS) {
    if (key.startsWith('unitHealth:')) {
      const unit = key.slice('unitHealth:'.length) as keyof typeof facts.unitHealth;
      const fact = facts.unitHealth[unit];
      if (!fact) return { ok: false, why: `${key} missing` };
      // Known open point: a "degraded" telematics, hands-free or head unit (or GNSS/cellular unit,
      // whose own signals carry the limit) has no limited cause yet and still counts as ready.
      const tolerated = fact.value.status === 'degraded' && DEGRADED_TOLERATED.has(unit);
      if (fact.value.status !== 'ok' && !tolerated) return { ok: false, why: `${key} ${fact.value.status}` };
    }
  }
  if (!facts.mostRing?.value.closed) return { ok: false, why: 'ring missing or open' };
  if (!facts.gnss || facts.gnss.value.fix === 'none') return { ok: false, why: 'no GNSS fix' };
  if (!facts.cellular?.value.registered || facts.cellular.value.signalBars <= 1)
    return { ok: false, why: 'cellular missing, unregistered or weak' };
  return { ok: true, why: '' };
}
