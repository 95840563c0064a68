/**
 * Fault memory, pure: every fault (appearing and clearing), ignition cycle, self-test, bypass,
 * call and call outcome, with vehicle time and cause. The reducer is the only writer; persisting
 * the entries is the composition root's job (a machine never touches storage).
 */
import type { CallKind } from '../../bridge/commands.js';
import type { IgnitionState, MostNode, SelfTestItem } from '../../bridge/signals.js';
import { DATA_CAUSES, type CauseId } from './causes.js';

export type FaultLogKind =
  'fault' | 'faultCleared' | 'ignition' | 'selfTest' | 'selfTestRefused' | 'bypass' | 'call' | 'callOutcome';

export type CallOutcome =
  | 'connected'
  | 'contactsNotified'
  | 'endedByCentre'
  | 'endedByOccupant'
  | 'dropped'
  | 'failed'
  | 'rejected'
  | 'callback';

export interface FaultLogEntry {
  /** Increasing number, never reused (also across reloads). */
  readonly seq: number;
  /** Vehicle time, ms since the Unix epoch. */
  readonly at: number;
  readonly kind: FaultLogKind;
  /** Ignition cycle (counted in this log) the entry belongs to. */
  readonly cycle: number;
  readonly cause?: CauseId;
  /** Units named with a fault, or the bypassed unit. */
  readonly units?: readonly string[];
  readonly ignition?: IgnitionState;
  readonly callKind?: CallKind;
  readonly outcome?: CallOutcome;
  /** Self-test: items that failed (empty: all passed). */
  readonly failed?: readonly SelfTestItem[];
  /** Free reason from the vehicle ("no network", "ring break"). */
  readonly reason?: string;
  readonly bypassed?: boolean;
}

export interface FaultLog {
  /** Oldest first. */
  readonly entries: readonly FaultLogEntry[];
  readonly nextSeq: number;
  readonly cycle: number;
  /** Causes present now (to log only changes). */
  readonly active: readonly CauseId[];
  readonly ignition: IgnitionState | null;
}

/** Observations the fault memory records. */
export type FaultLogInput =
  | {
      readonly type: 'causes';
      readonly at: number;
      readonly causes: readonly { id: CauseId; units: readonly string[] }[];
    }
  | { readonly type: 'ignition'; readonly at: number; readonly state: IgnitionState }
  | {
      readonly type: 'selfTestResult';
      readonly at: number;
      readonly item: SelfTestItem;
      readonly result: 'pass' | 'fail';
    }
  | { readonly type: 'selfTestRefused'; readonly at: number; readonly reason: string }
  | { readonly type: 'bypass'; readonly at: number; readonly unit: MostNode; readonly bypassed: boolean }
  | { readonly type: 'callStarted'; readonly at: number; readonly kind: CallKind }
  | {
      readonly type: 'callOutcome';
      readonly at: number;
      readonly outcome: CallOutcome;
      readonly reason?: string;
    };

/** A workshop needs history, a head unit has little storage: keep the newest entries. */
export const FAULT_LOG_LIMIT = 500;

export function emptyFaultLog(entries: readonly FaultLogEntry[] = []): FaultLog {
  const kept = entries.slice(-FAULT_LOG_LIMIT);
  const last = kept.at(-1);
  return {
    entries: kept,
    nextSeq: (last?.seq ?? 0) + 1,
    cycle: last?.cycle ?? 0,
    active: [],
    ignition: null,
  };
}

export function reduceFaultLog(log: FaultLog, input: FaultLogInput): FaultLog {
  const add = (next: FaultLog, entry: Omit<FaultLogEntry, 'seq' | 'cycle'>): FaultLog => ({
    ...next,
    entries: [...next.entries, { seq: next.nextSeq, cycle: next.cycle, ...entry }].slice(-FAULT_LOG_LIMIT),
    nextSeq: next.nextSeq + 1,
  });
  switch (input.type) {
    case 'causes': {
      // Causes that describe the data, not the car, are not worth a workshop's attention.
      const now = input.causes.filter((c) => !DATA_CAUSES.includes(c.id));
      let next: FaultLog = { ...log, active: now.map((c) => c.id) };
      for (const c of now) {
        if (!log.active.includes(c.id))
          next = add(next, { at: input.at, kind: 'fault', cause: c.id, units: [...c.units] });
      }
      for (const id of log.active) {
        if (!next.active.includes(id)) next = add(next, { at: input.at, kind: 'faultCleared', cause: id });
      }
      return next;
    }
    case 'ignition': {
      if (input.state === log.ignition) return log;
      const newCycle = (log.ignition ?? 'off') === 'off' && input.state !== 'off';
      const next: FaultLog = { ...log, ignition: input.state, cycle: newCycle ? log.cycle + 1 : log.cycle };
      return add(next, { at: input.at, kind: 'ignition', ignition: input.state });
    }
    case 'selfTestResult': {
      const last = log.entries.at(-1);
      // One self-test run reports every item at the same time: one entry per run.
      if (last?.kind === 'selfTest' && last.at === input.at) {
        const failed = input.result === 'fail' ? [...(last.failed ?? []), input.item] : (last.failed ?? []);
        return { ...log, entries: [...log.entries.slice(0, -1), { ...last, failed }] };
      }
      return add(log, {
        at: input.at,
        kind: 'selfTest',
        failed: input.result === 'fail' ? [input.item] : [],
      });
    }
    case 'selfTestRefused':
      return add(log, { at: input.at, kind: 'selfTestRefused', reason: input.reason });
    case 'bypass':
      return add(log, { at: input.at, kind: 'bypass', units: [input.unit], bypassed: input.bypassed });
    case 'callStarted':
      return add(log, { at: input.at, kind: 'call', callKind: input.kind });
    case 'callOutcome':
      return add(log, {
        at: input.at,
        kind: 'callOutcome',
        outcome: input.outcome,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      });
  }
}

const KINDS: readonly FaultLogKind[] = [
  'fault',
  'faultCleared',
  'ignition',
  'selfTest',
  'selfTestRefused',
  'bypass',
  'call',
  'callOutcome',
];

/**
 * Entries read back from storage: anything that does not look like an entry is dropped (storage
 * may hold an older format or a damaged value), and the order is restored by `seq`.
 */
export function parseFaultLogEntries(raw: unknown): FaultLogEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (e): e is FaultLogEntry =>
        typeof e === 'object' &&
        e !== null &&
        Number.isInteger((e as FaultLogEntry).seq) &&
        Number.isFinite((e as FaultLogEntry).at) &&
        Number.isInteger((e as FaultLogEntry).cycle) &&
        KINDS.includes((e as FaultLogEntry).kind),
    )
    .sort((a, b) => a.seq - b.seq)
    .slice(-FAULT_LOG_LIMIT);
}
