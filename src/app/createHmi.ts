/**
 * Composition root: one clock, one vehicle bridge, one root actor, wired in the one direction
 * bridge → machine → screen → event → machine → bridge command. Nothing here decides behaviour.
 */
import { createActor, type Actor, type AnyActorRef } from 'xstate';
import { MockBridge } from '../bridge/mockBridge.js';
import type { SosConfig } from '../machines/config.js';
import { toMachineEvent, type UserEvent } from '../machines/events.js';
import { selectHmiState } from '../machines/selectors.js';
import { sosHmiMachine } from '../machines/sosHmiMachine.js';
import type { HmiState } from '../machines/views.js';
import { applyScenario } from '../sim/scenarios.js';
import type { VehicleSimulator } from '../sim/vehicleSimulator.js';
import { RealTimeDriver } from '../time/realTimeDriver.js';
import { SimulatedClock } from '../time/simulatedClock.js';

export interface CreateHmiOptions {
  /** Named start situation applied to the simulator; `ready` when absent. */
  readonly scenario?: string | null;
  /** `manual`: only `advance()` moves time. */
  readonly clock?: 'real' | 'manual';
  readonly config?: Partial<SosConfig>;
  /** Epoch ms the simulated clock starts at; wall time by default so timestamps read true. */
  readonly startAt?: number;
}

export interface Hmi {
  readonly clock: SimulatedClock;
  /** The mock bridge (the only bridge so far); screens and machines never see it. */
  readonly bridge: MockBridge;
  /** The simulator behind the mock bridge. */
  readonly sim: VehicleSimulator;
  readonly actor: Actor<typeof sosHmiMachine>;
  /** Child actors by system id, for the screens. */
  readonly status: AnyActorRef;
  readonly malfunction: AnyActorRef;
  readonly call: AnyActorRef;
  /** Drives the clock from wall time (absent with `clock: 'manual'`). */
  readonly driver: RealTimeDriver | null;
  send(event: UserEvent): void;
  state(): HmiState;
  dispose(): void;
}

function child(actor: Actor<typeof sosHmiMachine>, id: 'status' | 'malfunction' | 'call'): AnyActorRef {
  const ref = actor.system.get(id);
  if (!ref) throw new Error(`sos-hmi: the root machine has no '${id}' actor`);
  return ref;
}

export function createHmi(options: CreateHmiOptions = {}): Hmi {
  const clock = new SimulatedClock(options.startAt ?? Date.now());
  const bridge = new MockBridge({ clock });
  const sim = bridge.sim;
  if (!sim) throw new Error('sos-hmi: the mock bridge has no simulator');

  const actor = createActor(sosHmiMachine, { clock, input: { config: options.config ?? {} } });
  // Commands leave only through the bridge; each gets an ack or a timeout back as a signal.
  actor.on('command', (event) => {
    bridge.send(event.command);
  });
  actor.start();
  const unsubscribe = bridge.subscribe((event) => actor.send(toMachineEvent(event)));

  applyScenario(sim, options.scenario ?? 'ready');

  const driver = options.clock === 'manual' ? null : new RealTimeDriver(clock);
  driver?.start();

  const hmi: Hmi = {
    clock,
    bridge,
    sim,
    actor,
    status: child(actor, 'status'),
    malfunction: child(actor, 'malfunction'),
    call: child(actor, 'call'),
    driver,
    send: (event) => actor.send(event),
    state: () => ({
      ...selectHmiState(actor),
      bridge: { kind: bridge.kind, connection: bridge.connection, rejected: bridge.rejected.length },
      now: clock.now(),
    }),
    dispose: () => {
      driver?.stop();
      unsubscribe();
      actor.stop();
      bridge.dispose();
    },
  };
  return hmi;
}
