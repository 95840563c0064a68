/**
 * The vehicle simulator alone on a simulated clock, as the bridge sees it: every message it puts on
 * the bus is checked with `validateSignal` (the bridge's boundary check, strictly: a message the
 * bridge would refuse fails the test at once) and kept in `log`, in order. The simulator tests build
 * their `setup()` on this and add only what is their own.
 */
import assert from 'node:assert/strict';
import type { SentCommand, VehicleCommand } from '../../../src/bridge/commands.js';
import type { CallSessionSignal, CommandAckSignal, VehicleSignal } from '../../../src/bridge/signals.js';
import { validateSignal } from '../../../src/bridge/validation.js';
import { VehicleSimulator, type VehicleSimulatorOptions } from '../../../src/sim/vehicleSimulator.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';

/** The messages of one type, typed as that signal. */
export type SignalOf<K extends VehicleSignal['type']> = Extract<VehicleSignal, { type: K }>;

export interface SimOnBus {
  readonly clock: SimulatedClock;
  readonly sim: VehicleSimulator;
  /** Every message the simulator put on the bus, in order, each one valid at the boundary. */
  readonly log: VehicleSignal[];
  /** A request as the bridge delivers it (ids `c1`, `c2`, …, stamped with the clock); returns its id. */
  send(command: VehicleCommand): string;
  /** The messages of one type on the bus, in order. */
  of<K extends VehicleSignal['type']>(type: K): SignalOf<K>[];
  /** Every session report on the bus (changes and cyclic repeats). */
  reports(): CallSessionSignal[];
  /** The change reports: the first report of each `seq`, in order. */
  changes(): CallSessionSignal[];
  /** The latest session report on the bus. */
  last(): CallSessionSignal;
  /** Every command acknowledgement on the bus. */
  acks(): CommandAckSignal[];
  /** The latest acknowledgement, as `{ ok: true }` or `{ ok: false, error }`. */
  lastAck(): { readonly ok: boolean; readonly error?: string };
  /** The messages stamped later than `from`. */
  after(from: number): VehicleSignal[];
}

/**
 * A simulator on a `SimulatedClock` at 0, its messages checked and logged. Time has not started:
 * nothing is on the bus until the caller's first `clock.advance(0)`, so options set or faults
 * injected before it shape the very first cycle.
 */
export function simOnBus(options: Omit<VehicleSimulatorOptions, 'clock'> = {}): SimOnBus {
  const clock = new SimulatedClock(0);
  const sim = new VehicleSimulator({ clock, ...options });
  const log: VehicleSignal[] = [];
  sim.onMessage((m) => {
    const checked = validateSignal(m);
    assert.ok(checked.ok, checked.ok ? '' : `${checked.error}: ${JSON.stringify(m)}`);
    log.push(m as VehicleSignal);
  });
  let n = 0;
  const send = (command: VehicleCommand): string => {
    const sent: SentCommand = { id: `c${++n}`, at: clock.now(), command };
    sim.receive(sent);
    return sent.id;
  };
  const of = <K extends VehicleSignal['type']>(type: K): SignalOf<K>[] =>
    log.filter((m): m is SignalOf<K> => m.type === type);
  const reports = (): CallSessionSignal[] => of('callSession');
  const acks = (): CommandAckSignal[] => of('commandAck');
  return {
    clock,
    sim,
    log,
    send,
    of,
    reports,
    changes: () => firstOfEachSeq(reports()),
    last: () => reports().at(-1)!,
    acks,
    lastAck: () => {
      const a = acks().at(-1)!;
      return a.ok ? { ok: true } : { ok: false, error: a.error };
    },
    after: (from) => log.filter((m) => m.ts > from),
  };
}

/** The first message of each `seq`, in order: the changes among cyclic repeats. */
export function firstOfEachSeq<S extends { readonly seq: number }>(messages: readonly S[]): S[] {
  const seen = new Set<number>();
  return messages.filter((m) => !seen.has(m.seq) && seen.add(m.seq));
}
