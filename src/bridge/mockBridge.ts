/**
 * The in-browser bridge: a `VehicleSimulator` on the shared clock, behind the same boundary checks a
 * real vehicle link has. Every message from the simulator is validated (`validateSignal`) and checked
 * for staleness before any listener sees it; commands reach the simulator after a small latency, and
 * every command is answered — by the vehicle, or by the bridge with a timeout.
 */
import type { SentCommand, VehicleCommand } from './commands.js';
import { COMMAND_ACK_TIMEOUT_MS } from './commands.js';
import { CommandTracker } from './commandTracker.js';
import type { CommandAckSignal, VehicleSignal } from './signals.js';
import { validateCommand, validateSignal } from './validation.js';
import type { BridgeConnection, BridgeEvent, RejectedMessage, VehicleBridge } from './vehicleBridge.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { VehicleSimulator, type VehicleSimulatorOptions } from '../sim/vehicleSimulator.js';

/** What the bridge needs of a vehicle: messages out, commands in. `VehicleSimulator` is one. */
export interface SimulatedVehicle {
  onMessage(listener: (msg: unknown) => void): () => void;
  receive(sent: SentCommand): void;
  dispose?(): void;
}

export interface MockBridgeOptions {
  readonly clock: SimulatedClock;
  /** The vehicle behind the bridge; a new `VehicleSimulator` on `clock` when absent. */
  readonly simulator?: SimulatedVehicle;
  /** Options for the simulator the bridge creates (ignored when `simulator` is given). */
  readonly simulatorOptions?: Omit<VehicleSimulatorOptions, 'clock'>;
  /** A signal whose `ts` is older than this on arrival is refused as stale. Default 3000 ms. */
  readonly stalenessMs?: number;
  /** A signal whose `ts` is further ahead of the bridge clock than this is refused (clock skew). Default 1000 ms. */
  readonly futureToleranceMs?: number;
  /** Transport latency from `send()` to the vehicle, ms. Default 20. */
  readonly latencyMs?: number;
  readonly ackTimeoutMs?: number;
  /** How many refused messages to keep. Default 50. */
  readonly keepRejected?: number;
  /** Where refusals are logged. Default `console.warn`. */
  readonly log?: (message: string) => void;
}

type Listener = (event: BridgeEvent) => void;

export class MockBridge implements VehicleBridge {
  readonly kind = 'mock';
  private readonly clock: SimulatedClock;
  private readonly vehicle: SimulatedVehicle;
  private readonly stalenessMs: number;
  private readonly futureToleranceMs: number;
  private readonly latencyMs: number;
  private readonly keepRejected: number;
  private readonly log: (message: string) => void;
  private readonly tracker: CommandTracker;
  private readonly listeners = new Set<Listener>();
  private readonly refused: RejectedMessage[] = [];
  private readonly inFlight = new Set<number>();
  private readonly detach: () => void;
  private link: BridgeConnection = 'connected';
  private disposed = false;

  constructor(options: MockBridgeOptions) {
    this.clock = options.clock;
    this.vehicle =
      options.simulator ?? new VehicleSimulator({ ...options.simulatorOptions, clock: options.clock });
    this.stalenessMs = options.stalenessMs ?? 3000;
    this.futureToleranceMs = options.futureToleranceMs ?? 1000;
    this.latencyMs = options.latencyMs ?? 20;
    this.keepRejected = options.keepRejected ?? 50;
    this.log = options.log ?? ((message) => console.warn(message));
    this.tracker = new CommandTracker({
      clock: this.clock,
      timeoutMs: options.ackTimeoutMs ?? COMMAND_ACK_TIMEOUT_MS,
      onTimeout: (ack) => this.deliver(ack),
    });
    this.detach = this.vehicle.onMessage((raw) => this.arrive(raw));
  }

  /** The simulator behind the bridge (`window.sosHmi.sim`), when it is a `VehicleSimulator`. */
  get sim(): VehicleSimulator | undefined {
    return this.vehicle instanceof VehicleSimulator ? this.vehicle : undefined;
  }

  get connection(): BridgeConnection {
    return this.link;
  }

  get rejected(): readonly RejectedMessage[] {
    return [...this.refused];
  }

  /** Commands sent through this bridge, oldest first. */
  get sent(): readonly SentCommand[] {
    return this.tracker.sent;
  }

  /**
   * Registers a listener. It is told the current link state at once (synchronously, before
   * `subscribe` returns), so a late subscriber never has to guess whether the vehicle is there.
   */
  subscribe(listener: Listener): () => void {
    if (this.disposed) return () => {};
    this.listeners.add(listener);
    listener({ kind: 'connection', state: this.link });
    return () => this.listeners.delete(listener);
  }

  send(command: VehicleCommand): string {
    const sent = this.tracker.track(command);
    if (this.disposed) {
      // Nothing is delivered after dispose(), not even a timeout.
      this.tracker.settle(sent.id);
      return sent.id;
    }
    const checked = validateCommand(command);
    if (!checked.ok) {
      // Refused before it leaves: answered like the vehicle would, never sent.
      this.tracker.settle(sent.id);
      this.log(`[sos-hmi bridge] refused command ${sent.id}: ${checked.error}`);
      this.later(0, () =>
        this.deliver({
          type: 'commandAck',
          ts: this.clock.now(),
          commandId: sent.id,
          command: typeof command.type === 'string' ? command.type : 'unknown',
          ok: false,
          error: checked.error,
        }),
      );
      return sent.id;
    }
    const clean: SentCommand = { ...sent, command: checked.command };
    // While the link is lost the command goes nowhere; the tracker answers with a timeout.
    this.later(this.latencyMs, () => {
      if (this.link === 'connected') this.vehicle.receive(clean);
    });
    return sent.id;
  }

  /** Feeds a raw message as if it came from the vehicle (tests, designers: malformed input). */
  injectRaw(raw: unknown): void {
    this.arrive(raw);
  }

  /** Simulates the vehicle link going away and coming back (`lost` ↔ `connected`). */
  setConnection(state: BridgeConnection): void {
    if (this.disposed || state === this.link) return;
    this.link = state;
    this.emit({ kind: 'connection', state });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detach();
    this.tracker.dispose();
    for (const timer of this.inFlight) this.clock.clearTimeout(timer);
    this.inFlight.clear();
    this.listeners.clear();
    this.vehicle.dispose?.();
  }

  // ----------------------------------------------------------------------

  private arrive(raw: unknown): void {
    if (this.disposed || this.link !== 'connected') return;
    const checked = validateSignal(raw);
    if (!checked.ok) return this.refuse(checked.error, raw);
    const { signal } = checked;
    const age = this.clock.now() - signal.ts;
    if (age > this.stalenessMs) {
      return this.refuse(`${signal.type}.ts: stale, ${age} ms old (limit ${this.stalenessMs} ms)`, raw);
    }
    // A vehicle clock ahead of ours would pin a fact as "newest" and hide every later message.
    if (-age > this.futureToleranceMs) {
      return this.refuse(
        `${signal.type}.ts: ${-age} ms in the future (limit ${this.futureToleranceMs} ms)`,
        raw,
      );
    }
    if (signal.type === 'commandAck') {
      if (!this.tracker.settle(signal.commandId)) {
        return this.refuse(`commandAck: no command ${signal.commandId} waiting for an answer`, raw);
      }
    }
    this.emit({ kind: 'signal', signal });
  }

  /** An ack from the bridge itself (timeout, refused command). */
  private deliver(ack: CommandAckSignal): void {
    if (this.disposed) return;
    this.emit({ kind: 'signal', signal: ack satisfies VehicleSignal });
  }

  private refuse(error: string, raw: unknown): void {
    const entry: RejectedMessage = { at: this.clock.now(), error, raw: truncate(raw) };
    this.refused.push(entry);
    if (this.refused.length > this.keepRejected) this.refused.shift();
    this.log(`[sos-hmi bridge] rejected message: ${error}`);
  }

  private emit(event: BridgeEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private later(ms: number, fn: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.inFlight.delete(timer);
      fn();
    }, ms);
    this.inFlight.add(timer);
  }
}

function truncate(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
