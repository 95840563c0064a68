/**
 * What every `VehicleBridge` shares: listeners and the link state, the bounded log of refused
 * messages, command tracking and the boundary check of outgoing commands. A bridge adds only its
 * transport: how a checked command leaves (`transmit`) and what to tear down (`onDispose`).
 */
import type { SentCommand, VehicleCommand } from './commands.js';
import { COMMAND_ACK_TIMEOUT_MS } from './commands.js';
import { CommandTracker } from './commandTracker.js';
import type { CommandAckSignal, VehicleSignal } from './signals.js';
import { validateCommand } from './validation.js';
import type { BridgeConnection, BridgeEvent, RejectedMessage, VehicleBridge } from './vehicleBridge.js';
import type { Clock } from '../time/simulatedClock.js';

/** Options every bridge accepts. */
export interface BridgeBaseOptions {
  readonly clock: Clock & { now(): number };
  /** How long a command may wait for its ack before the bridge answers with a timeout. */
  readonly ackTimeoutMs?: number;
  /** How many refused messages to keep. Default 50. */
  readonly keepRejected?: number;
  /** Where refusals are logged. Default `console.warn`. */
  readonly log?: (message: string) => void;
}

type Listener = (event: BridgeEvent) => void;

export abstract class BridgeBase implements VehicleBridge {
  /** `mock` or `viss`: shown in the status bar and in `state()`. */
  abstract readonly kind: string;
  /** The clock every timer of the bridge runs on. */
  protected readonly clock: Clock & { now(): number };
  /** Where refusals and link changes are logged. */
  protected readonly log: (message: string) => void;
  /** Ids, history and ack timeouts of every command sent. */
  protected readonly tracker: CommandTracker;
  /** Current state of the link; change it with `setLink` so listeners hear of it. */
  protected link: BridgeConnection;
  /** Set by `dispose()`: nothing is delivered afterwards. */
  protected disposed = false;
  private readonly keepRejected: number;
  private readonly logPrefix: string;
  private readonly listeners = new Set<Listener>();
  private readonly refused: RejectedMessage[] = [];
  private readonly takenIncomplete: RejectedMessage[] = [];
  private readonly inFlight = new Set<number>();

  /**
   * @param logPrefix Starts every log line, e.g. `[sos-hmi bridge]`.
   * @param link The link state before anything has happened.
   */
  protected constructor(options: BridgeBaseOptions, logPrefix: string, link: BridgeConnection) {
    this.clock = options.clock;
    this.logPrefix = logPrefix;
    this.link = link;
    this.keepRejected = options.keepRejected ?? 50;
    this.log = options.log ?? ((message) => console.warn(message));
    this.tracker = new CommandTracker({
      clock: this.clock,
      timeoutMs: options.ackTimeoutMs ?? COMMAND_ACK_TIMEOUT_MS,
      onTimeout: (ack) => this.deliver(ack),
    });
  }

  /** State of the link to the vehicle side. */
  get connection(): BridgeConnection {
    return this.link;
  }

  /** Messages refused at the boundary, newest last (a copy). */
  get rejected(): readonly RejectedMessage[] {
    return [...this.refused];
  }

  /** Safety-critical events taken with an ancillary field unknown, newest last (a copy). */
  get incomplete(): readonly RejectedMessage[] {
    return [...this.takenIncomplete];
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

  /**
   * Tracks the command, checks it at the boundary and hands a clean copy to `transmit`. An invalid
   * command is never transmitted; it is answered with a negative ack on the next clock tick.
   */
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
      this.log(`${this.logPrefix} refused command ${sent.id}: ${checked.error}`);
      this.later(0, () => this.deliver(this.refusedAck(sent, checked.error)));
      return sent.id;
    }
    this.transmit({ ...sent, command: checked.command });
    return sent.id;
  }

  /** Stops timers and connections; the bridge delivers nothing afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.tracker.dispose();
    for (const timer of this.inFlight) this.clock.clearTimeout(timer);
    this.inFlight.clear();
    this.onDispose();
    this.listeners.clear();
  }

  /** Sends a checked command (its `command` already cleaned by `validateCommand`) to the vehicle. */
  protected abstract transmit(sent: SentCommand): void;

  /** Releases the bridge's own transport and timers; called once, from `dispose()`. */
  protected abstract onDispose(): void;

  /** The ack answering a command refused by `validateCommand`. */
  protected refusedAck(sent: SentCommand, error: string): CommandAckSignal {
    const type: unknown = sent.command.type;
    return {
      type: 'commandAck',
      ts: this.clock.now(),
      commandId: sent.id,
      // An invalid command may not even have a string type.
      command: typeof type === 'string' ? type : 'unknown',
      ok: false,
      error,
    };
  }

  /** Delivers an ack from the bridge itself (timeout, refused command) unless disposed. */
  protected deliver(ack: CommandAckSignal): void {
    if (this.disposed) return;
    this.emit({ kind: 'signal', signal: ack satisfies VehicleSignal });
  }

  /** Changes the link state and tells the listeners; a repeat of the current state is ignored. */
  protected setLink(state: BridgeConnection): void {
    if (state === this.link) return;
    this.link = state;
    this.emit({ kind: 'connection', state });
  }

  /** Keeps a refused message (bounded, `raw` truncated to 200 chars) and logs it. */
  protected refuse(error: string, raw: string): void {
    const entry: RejectedMessage = {
      at: this.clock.now(),
      error,
      raw: raw.length > 200 ? `${raw.slice(0, 197)}...` : raw,
    };
    this.refused.push(entry);
    if (this.refused.length > this.keepRejected) this.refused.shift();
    this.log(`${this.logPrefix} rejected message: ${error}`);
  }

  /** Keeps and logs an event taken with ancillary fields unknown (bounded like `refuse`). */
  protected noteIncomplete(fields: readonly string[], raw: string): void {
    const error = fields.join('; ');
    this.takenIncomplete.push({
      at: this.clock.now(),
      error,
      raw: raw.length > 200 ? `${raw.slice(0, 197)}...` : raw,
    });
    if (this.takenIncomplete.length > this.keepRejected) this.takenIncomplete.shift();
    this.log(`${this.logPrefix} took message with unknown fields: ${error}`);
  }

  /** Hands an event to every listener (a copy of the set: a listener may unsubscribe). */
  protected emit(event: BridgeEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Runs `fn` after `ms` on the clock; `dispose()` cancels it. */
  protected later(ms: number, fn: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.inFlight.delete(timer);
      fn();
    }, ms);
    this.inFlight.add(timer);
  }
}
