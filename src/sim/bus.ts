/**
 * The vehicle bus as the simulator's units share it: whoever listens gets every message put on it,
 * in order, until the bus is closed. Also the acknowledgement every unit answers a command with.
 */
import type { SentCommand } from '../bridge/commands.js';
import type { CommandAckSignal, VehicleSignal } from '../bridge/signals.js';

type Listener = (msg: unknown) => void;

export class Bus {
  private readonly listeners = new Set<Listener>();
  private closed = false;

  /** Registers a listener for every message put on the bus; returns an unsubscribe. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(msg: VehicleSignal): void {
    if (this.closed) return;
    for (const listener of [...this.listeners]) listener(msg);
  }

  /** Nothing is put on the bus any more; every listener is dropped. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}

/** A unit's answer to a command: accepted (`error` null) or refused with its reason. */
export function commandAck(sent: SentCommand, ts: number, error: string | null): CommandAckSignal {
  return {
    type: 'commandAck',
    ts,
    commandId: sent.id,
    command: sent.command.type,
    ok: error === null,
    ...(error !== null ? { error } : {}),
  };
}
