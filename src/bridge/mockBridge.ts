/**
 * The in-browser bridge: a `VehicleSimulator` on the shared clock, behind the same boundary checks a
 * real vehicle link has. Every message from the simulator is validated (`validateSignal`) and checked
 * for staleness before any listener sees it; commands reach the simulator after a small latency, and
 * every command is answered — by the vehicle, or by the bridge with a timeout.
 */
import { BridgeBase, type BridgeBaseOptions } from './bridgeBase.js';
import type { SentCommand } from './commands.js';
import { validateSignal } from './validation.js';
import type { BridgeConnection, LinkProblem } from './vehicleBridge.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { VehicleSimulator, type VehicleSimulatorOptions } from '../sim/vehicleSimulator.js';

/** What the bridge needs of a vehicle: messages out, commands in. `VehicleSimulator` is one. */
export interface SimulatedVehicle {
  onMessage(listener: (msg: unknown) => void): () => void;
  receive(sent: SentCommand): void;
  dispose?(): void;
}

export interface MockBridgeOptions extends BridgeBaseOptions {
  readonly clock: SimulatedClock;
  /** The vehicle behind the bridge; a new `VehicleSimulator` on `clock` when absent. */
  readonly simulator?: SimulatedVehicle;
  /**
   * Options for the simulator the bridge creates (ignored when `simulator` is given), among them the
   * telematics unit's calibration (`telematics`: cancel window, hold times, redial) and the centre.
   */
  readonly simulatorOptions?: Omit<VehicleSimulatorOptions, 'clock'>;
  /** A signal whose `ts` is older than this on arrival is refused as stale. Default 3000 ms. */
  readonly stalenessMs?: number;
  /** A signal whose `ts` is further ahead of the bridge clock than this is refused (clock skew). Default 1000 ms. */
  readonly futureToleranceMs?: number;
  /** Transport latency from `send()` to the vehicle, ms. Default 20. */
  readonly latencyMs?: number;
  /** The link at start: `lost` opens on a vehicle that has not answered yet (`?link=lost`). Default `connected`. */
  readonly link?: BridgeConnection;
}

export class MockBridge extends BridgeBase {
  readonly kind = 'mock';
  private readonly vehicle: SimulatedVehicle;
  private readonly stalenessMs: number;
  private readonly futureToleranceMs: number;
  private readonly latencyMs: number;
  private readonly detach: () => void;
  private problem: LinkProblem = null;

  constructor(options: MockBridgeOptions) {
    super(options, '[sos-hmi bridge]', options.link ?? 'connected');
    this.vehicle =
      options.simulator ?? new VehicleSimulator({ ...options.simulatorOptions, clock: options.clock });
    this.stalenessMs = options.stalenessMs ?? 3000;
    this.futureToleranceMs = options.futureToleranceMs ?? 1000;
    this.latencyMs = options.latencyMs ?? 20;
    this.detach = this.vehicle.onMessage((raw) => this.arrive(raw));
  }

  /** The simulator behind the bridge (`window.sosHmi.sim`), when it is a `VehicleSimulator`. */
  get sim(): VehicleSimulator | undefined {
    return this.vehicle instanceof VehicleSimulator ? this.vehicle : undefined;
  }

  /** Feeds a raw message as if it came from the vehicle (tests, designers: malformed input). */
  injectRaw(raw: unknown): void {
    this.arrive(raw);
  }

  /**
   * Simulates a vehicle link that is up but refuses this display (`unauthorized`: its token), as a
   * KUKSA databroker with authorization does; null serves it again.
   */
  setLinkProblem(problem: LinkProblem): void {
    if (this.disposed || problem === this.problem) return;
    this.problem = problem;
    this.emit({ kind: 'linkProblem', problem });
  }

  /** Simulates the vehicle link going away and coming back (`lost` ↔ `connected`). */
  setConnection(state: BridgeConnection): void {
    if (this.disposed) return;
    this.setLink(state);
  }

  /** Hands the command to the simulator after the transport latency. */
  protected transmit(sent: SentCommand): void {
    // While the link is lost the command goes nowhere; the tracker answers with a timeout.
    this.later(this.latencyMs, () => {
      if (this.link === 'connected') this.vehicle.receive(sent);
    });
  }

  /** Detaches from the simulator and disposes it. */
  protected onDispose(): void {
    this.detach();
    this.vehicle.dispose?.();
  }

  // ----------------------------------------------------------------------

  private arrive(raw: unknown): void {
    // A refused display is given nothing, like a lost link.
    if (this.disposed || this.link !== 'connected' || this.problem !== null) return;
    // The log keeps a JSON rendering of the raw value, not the value itself.
    const reject = (error: string): void => this.refuse(error, stringify(raw));
    const checked = validateSignal(raw);
    if (!checked.ok) return reject(checked.error);
    const { signal } = checked;
    if (checked.unknownFields) this.noteIncomplete(checked.unknownFields, stringify(raw));
    const age = this.clock.now() - signal.ts;
    if (age > this.stalenessMs) {
      return reject(`${signal.type}.ts: stale, ${age} ms old (limit ${this.stalenessMs} ms)`);
    }
    // A vehicle clock ahead of ours would pin a fact as "newest" and hide every later message.
    if (-age > this.futureToleranceMs) {
      return reject(`${signal.type}.ts: ${-age} ms in the future (limit ${this.futureToleranceMs} ms)`);
    }
    if (signal.type === 'commandAck') {
      if (!this.tracker.settle(signal.commandId)) {
        return reject(`commandAck: no command ${signal.commandId} waiting for an answer`);
      }
    }
    this.emit({ kind: 'signal', signal });
  }
}

function stringify(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}
