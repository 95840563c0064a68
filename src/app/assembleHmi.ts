/**
 * Composition root: one clock, one vehicle (bridge, and the simulator behind a mock bridge), one root
 * actor, wired in the one direction bridge → machine → screen → event → machine → bridge command.
 * Nothing here decides behaviour. The vehicle comes from a factory (`mockVehicle.ts`,
 * `vissVehicle.ts`) so a page loads only the bridge it uses (docs/performance.md).
 */
import { createActor, type Actor, type ActorSystem, type AnyActorRef, type InspectionEvent } from 'xstate';
import type { MockBridge } from '../bridge/mockBridge.js';
import type { DayNightMode } from '../bridge/signals.js';
import type { VissBridge } from '../bridge/vissBridge.js';
import { emergencyNumber, type SosConfig } from '../machines/config.js';
import { toMachineEvent, type UserEvent } from '../machines/events.js';
import type { FaultLogEntry } from '../machines/model/faultLog.js';
import {
  selectHmiState,
  statusLevel,
  type FaultMemorySnapshot,
  type StatusSnapshot,
} from '../machines/selectors.js';
import { sosHmiMachine } from '../machines/sosHmiMachine.js';
import type { HmiState } from '../machines/views.js';
import type { VehicleSimulator } from '../sim/vehicleSimulator.js';
import { localFaultMemoryStore, type FaultMemoryStore } from './faultMemoryStore.js';
import { RealTimeDriver } from '../time/realTimeDriver.js';
import { SimulatedClock } from '../time/simulatedClock.js';

/** The vehicle side of one HMI: its bridge, and the simulator when the bridge is the mock. */
export interface Vehicle {
  readonly bridge: MockBridge | VissBridge;
  /** The simulator behind the mock bridge; null with the VISS bridge (the vehicle is real). */
  readonly sim: VehicleSimulator | null;
  /** Start situations the simulator knows (`?scenario=`); none for a real vehicle. */
  readonly scenarios: readonly string[];
  /** Called once the machines listen: puts the simulator in its start situation. */
  start?(): void;
}

/** Builds the vehicle on the HMI's clock. */
export type VehicleFactory = (clock: SimulatedClock) => Vehicle;

export interface AssembleHmiOptions {
  /** The vehicle side: `mockVehicle(…)` (the simulator) or `vissVehicle(url)` (the gateway). */
  readonly vehicle: VehicleFactory;
  /** `manual`: only `advance()` moves time. */
  readonly clock?: 'real' | 'manual';
  readonly config?: Partial<SosConfig>;
  /** Epoch ms the simulated clock starts at; wall time by default so timestamps read true. */
  readonly startAt?: number;
  /** Where the fault memory is kept across reloads; localStorage when there is one. */
  readonly faultMemory?: FaultMemoryStore;
  /**
   * The car's day/night mode (`Vehicle.Cabin.Infotainment.HMI.DayNightMode`), whenever it reports one.
   * Presentation only: it goes to the theme, never into the SOS machines.
   */
  readonly onDayNight?: (mode: DayNightMode) => void;
  /** Observes every actor, snapshot and transition of the machines (transition trace, inspectors). */
  readonly inspect?: (event: InspectionEvent) => void;
}

/** Performance marks and the measure between them (User Timing API; read with `performance.getEntriesByName`). */
export const PERF = {
  linkUp: 'sos-hmi:link-up',
  firstStatus: 'sos-hmi:first-status',
  timeToStatus: 'sos-hmi:time-to-status',
} as const;

export interface Hmi {
  readonly clock: SimulatedClock;
  /** The vehicle bridge (mock or VISS); screens and machines never see it. */
  readonly bridge: MockBridge | VissBridge;
  /** The simulator behind the mock bridge; null with the VISS bridge (the vehicle is real). */
  readonly sim: VehicleSimulator | null;
  /** Start situations the simulator knows; empty with the VISS bridge. */
  readonly scenarios: readonly string[];
  readonly actor: Actor<typeof sosHmiMachine>;
  /** Child actors by system id, for the screens. */
  readonly status: AnyActorRef;
  readonly malfunction: AnyActorRef;
  readonly call: AnyActorRef;
  /** Diagnosis navigation and the fault memory. */
  readonly diagnostics: AnyActorRef;
  /** The number to call from a phone in this region (112 or 911). */
  readonly emergencyNumber: '112' | '911';
  readonly faultMemory: AnyActorRef;
  /** The fault memory, oldest first. */
  faultLog(): FaultLogEntry[];
  /** Drives the clock from wall time (absent with `clock: 'manual'`). */
  readonly driver: RealTimeDriver | null;
  send(event: UserEvent): void;
  state(): HmiState;
  dispose(): void;
}

function child(
  actor: Actor<typeof sosHmiMachine>,
  id: 'status' | 'malfunction' | 'call' | 'diagnostics' | 'faultMemory',
): AnyActorRef {
  // xstate types `system.get()` as `any`; naming the system ids keeps the result checked.
  const system = actor.system as ActorSystem<{ actors: Record<typeof id, AnyActorRef> }>;
  const ref = system.get(id);
  if (!ref) throw new Error(`sos-hmi: the root machine has no '${id}' actor`);
  return ref;
}

export function assembleHmi(options: AssembleHmiOptions): Hmi {
  const clock = new SimulatedClock(options.startAt ?? Date.now());
  const vehicle = options.vehicle(clock);
  const { bridge, sim } = vehicle;

  const store = options.faultMemory ?? localFaultMemoryStore(globalThis.localStorage);
  const actor = createActor(sosHmiMachine, {
    clock,
    input: { config: options.config ?? {}, faultLog: store.load() },
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
  // Commands leave only through the bridge; each gets an ack or a timeout back as a signal.
  actor.on('command', (event) => {
    bridge.send(event.command);
  });
  actor.start();
  // The fault memory machine produces the entries; keeping them is this root's side effect.
  const faultMemory = child(actor, 'faultMemory');
  const faultEntries = (): FaultLogEntry[] => [
    ...(faultMemory.getSnapshot() as FaultMemorySnapshot).context.log.entries,
  ];
  let savedEntries: readonly FaultLogEntry[] = (faultMemory.getSnapshot() as FaultMemorySnapshot).context.log
    .entries;
  // Written in the task after the event, so a crash's call screen is painted first (docs/performance.md);
  // several changes in one event are written once, and nothing pending is lost on dispose or page hide.
  let pendingSave: ReturnType<typeof setTimeout> | null = null;
  const saveFaultMemory = (): void => {
    if (pendingSave === null) return;
    clearTimeout(pendingSave);
    pendingSave = null;
    store.save(savedEntries);
  };
  const faultSubscription = faultMemory.subscribe((snapshot: FaultMemorySnapshot) => {
    const entries = snapshot.context.log.entries;
    if (entries === savedEntries) return;
    savedEntries = entries;
    pendingSave ??= setTimeout(saveFaultMemory, 0);
  });
  globalThis.addEventListener?.('pagehide', saveFaultMemory);
  // Time to the first SOS status after the vehicle link is up, as performance marks (docs/headunit.md).
  const status = child(actor, 'status');
  let awaitingStatus = false;
  function markLinkUp(): void {
    globalThis.performance?.mark?.(PERF.linkUp);
    awaitingStatus = true;
  }
  const statusWatch = status.subscribe((snapshot: StatusSnapshot) => {
    if (!awaitingStatus || statusLevel(snapshot) === 'unknown') return;
    awaitingStatus = false;
    globalThis.performance?.mark?.(PERF.firstStatus);
    globalThis.performance?.measure?.(PERF.timeToStatus, PERF.linkUp, PERF.firstStatus);
  });
  const unsubscribe = bridge.subscribe((event) => {
    if (event.kind === 'signal' && event.signal.type === 'dayNight') {
      options.onDayNight?.(event.signal.mode);
      return;
    }
    if (event.kind === 'connection' && event.state === 'connected') markLinkUp();
    actor.send(toMachineEvent(event));
  });

  vehicle.start?.();

  const driver = options.clock === 'manual' ? null : new RealTimeDriver(clock);
  driver?.start();

  const hmi: Hmi = {
    clock,
    bridge,
    sim,
    scenarios: vehicle.scenarios,
    actor,
    status,
    malfunction: child(actor, 'malfunction'),
    call: child(actor, 'call'),
    diagnostics: child(actor, 'diagnostics'),
    emergencyNumber: emergencyNumber(options.config?.region ?? 'eu'),
    faultMemory,
    faultLog: faultEntries,
    driver,
    send: (event) => actor.send(event),
    state: () => ({
      ...selectHmiState(actor),
      bridge: {
        kind: bridge.kind,
        connection: bridge.connection,
        rejected: bridge.rejected.length,
        incomplete: bridge.incomplete.length,
      },
      now: clock.now(),
    }),
    dispose: () => {
      driver?.stop();
      faultSubscription.unsubscribe();
      saveFaultMemory();
      globalThis.removeEventListener?.('pagehide', saveFaultMemory);
      statusWatch.unsubscribe();
      unsubscribe();
      actor.stop();
      bridge.dispose();
    },
  };
  return hmi;
}
