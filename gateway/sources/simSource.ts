/**
 * `--sim`: the very same `VehicleSimulator` the browser's mock bridge runs, on a `SimulatedClock`
 * driven in real time. Its telematics unit owns the emergency call: a crash or an SOS press starts a
 * session with no page connected, and its session report (`callSession`) and LED (`sosLed`) are
 * published like any other signal. Occupants' requests reach it as they would through the mock
 * bridge; its answer (`commandAck`) becomes the VISS `set` response. With a MOST ring attached, the simulator's ring
 * faults are mirrored onto the simulated ring and the ring signal comes out of the MOST protocol
 * layer instead of the simulator.
 */
import type { VehicleCommand } from '../../src/bridge/commands.js';
import type { MostNode } from '../../src/bridge/signals.js';
import { validateSignal } from '../../src/bridge/validation.js';
import { applyScenario } from '../../src/sim/scenarios.js';
import type { TelematicsSettings } from '../../src/sim/types.js';
import { VehicleSimulator } from '../../src/sim/vehicleSimulator.js';
import type { SimulatedClock } from '../../src/time/simulatedClock.js';
import type { SimulatedMostRing } from '../most/simulatedRing.js';
import type { CommandResult, SourceOutput, VehicleSource } from './source.js';

export interface SimSourceOptions {
  readonly clock: SimulatedClock;
  readonly scenario?: string | null;
  /** Mirror ring faults onto this simulated MOST ring (its network layer publishes `mostRing`). */
  readonly ring?: SimulatedMostRing;
  /** How long to wait for the simulator's acknowledgement. Default 1500 ms (bridge times out at 2000). */
  readonly ackWaitMs?: number;
  /** The simulated telematics unit's calibration (cancel window, redial, hold-to-end …); defaults otherwise. */
  readonly telematics?: Partial<TelematicsSettings>;
}

export class SimSource implements VehicleSource {
  readonly name = 'sim';
  readonly sim: VehicleSimulator;
  private readonly clock: SimulatedClock;
  private readonly ring: SimulatedMostRing | undefined;
  private readonly ackWaitMs: number;
  private readonly listeners = new Set<(output: SourceOutput) => void>();
  private readonly waiting = new Map<string, (result: CommandResult) => void>();
  private counter = 0;
  private off: (() => void) | undefined;

  constructor(private readonly options: SimSourceOptions) {
    this.clock = options.clock;
    this.ring = options.ring;
    this.ackWaitMs = options.ackWaitMs ?? 1500;
    this.sim = new VehicleSimulator({
      clock: options.clock,
      ...(options.telematics ? { telematics: options.telematics } : {}),
    });
  }

  onOutput(listener: (output: SourceOutput) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  handles(command: VehicleCommand): boolean {
    return !(this.ring && command.type === 'setRingBypass');
  }

  async start(): Promise<void> {
    this.off = this.sim.onMessage((raw) => this.message(raw));
    applyScenario(this.sim, this.options.scenario ?? 'ready');
  }

  async stop(): Promise<void> {
    this.off?.();
    this.sim.dispose();
  }

  command(command: VehicleCommand): Promise<CommandResult> {
    const id = `gw-${++this.counter}`;
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, this.ackWaitMs);
      this.waiting.set(id, (result) => {
        this.clock.clearTimeout(timer);
        resolve(result);
      });
      this.sim.receive({ id, at: this.clock.now(), command });
    });
  }

  private message(raw: unknown): void {
    const checked = validateSignal(raw);
    if (!checked.ok) return;
    const signal = checked.signal;
    if (signal.type === 'commandAck') {
      const done = this.waiting.get(signal.commandId);
      this.waiting.delete(signal.commandId);
      done?.(signal.ok ? { ok: true } : { ok: false, error: signal.error ?? 'refused' });
      return;
    }
    if (signal.type === 'mostRing' && this.ring) {
      this.mirrorRing(signal.breakBetween?.[1] ?? null, signal.closed);
      return;
    }
    for (const l of [...this.listeners]) l({ kind: 'signal', signal });
  }

  private mirrored: MostNode | null = null;
  private mirrorRing(suspect: MostNode | null, closed: boolean): void {
    const ring = this.ring!;
    const target = closed ? null : suspect;
    if (target === this.mirrored) return;
    if (this.mirrored) ring.repair(this.mirrored);
    if (target) ring.fail(target);
    this.mirrored = target;
  }
}
