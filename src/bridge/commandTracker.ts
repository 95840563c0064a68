/**
 * Command bookkeeping shared by every bridge: ids (`cmd-1`, `cmd-2`, …), the record of what was
 * sent, and the acknowledgement timeout — every command gets an answer, from the vehicle or, after
 * `timeoutMs` of silence, from the bridge itself (`ok: false, error: "timeout"`).
 */
import { COMMAND_ACK_TIMEOUT_MS, type SentCommand, type VehicleCommand } from './commands.js';
import type { CommandAckSignal } from './signals.js';
import type { Clock } from '../time/simulatedClock.js';

export interface CommandTrackerOptions {
  readonly clock: Clock & { now(): number };
  /** Called when a command's acknowledgement did not arrive in time, with the ack to deliver. */
  readonly onTimeout: (ack: CommandAckSignal) => void;
  readonly timeoutMs?: number;
  /** How many sent commands to keep in `sent`. Default 200. */
  readonly keep?: number;
}

export class CommandTracker {
  private readonly clock: Clock & { now(): number };
  private readonly onTimeout: (ack: CommandAckSignal) => void;
  private readonly timeoutMs: number;
  private readonly keep: number;
  private readonly pendingTimers = new Map<string, number>();
  private readonly history: SentCommand[] = [];
  private counter = 0;

  constructor(options: CommandTrackerOptions) {
    this.clock = options.clock;
    this.onTimeout = options.onTimeout;
    this.timeoutMs = options.timeoutMs ?? COMMAND_ACK_TIMEOUT_MS;
    this.keep = options.keep ?? 200;
  }

  /** Assigns the next id, records the command and starts its acknowledgement timeout. */
  track(command: VehicleCommand): SentCommand {
    const sent: SentCommand = { id: `cmd-${++this.counter}`, at: this.clock.now(), command };
    this.history.push(sent);
    if (this.history.length > this.keep) this.history.shift();
    const timer = this.clock.setTimeout(() => {
      this.pendingTimers.delete(sent.id);
      this.onTimeout({
        type: 'commandAck',
        ts: this.clock.now(),
        commandId: sent.id,
        command: command.type,
        ok: false,
        error: 'timeout',
      });
    }, this.timeoutMs);
    this.pendingTimers.set(sent.id, timer);
    return sent;
  }

  /**
   * An acknowledgement arrived for `id`. Returns true if the command was waiting for it (deliver the
   * ack); false if it is unknown or already answered (a late ack after a timeout: drop it, so each
   * command resolves exactly once).
   */
  settle(id: string): boolean {
    const timer = this.pendingTimers.get(id);
    if (timer === undefined) return false;
    this.clock.clearTimeout(timer);
    this.pendingTimers.delete(id);
    return true;
  }

  /** Ids still waiting for an acknowledgement. */
  get pending(): readonly string[] {
    return [...this.pendingTimers.keys()];
  }

  /** Commands sent, oldest first (bounded). */
  get sent(): readonly SentCommand[] {
    return [...this.history];
  }

  /** Cancels every pending timeout; no timeout acks are delivered afterwards. */
  dispose(): void {
    for (const timer of this.pendingTimers.values()) this.clock.clearTimeout(timer);
    this.pendingTimers.clear();
  }
}
