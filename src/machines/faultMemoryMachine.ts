/**
 * Fault memory: turns what passes through the HMI (vehicle signals, the causes the status machine
 * finds, the commands the HMI sends) into fault-log entries with the pure `reduceFaultLog`.
 * The composition root loads the entries into `input.entries` and persists `context.log.entries`.
 */
import { assign, setup } from 'xstate';
import { CALL_REQUEST_TYPES } from '../bridge/commands.js';
import type { CallSessionSignal } from '../bridge/signals.js';
import type { BridgeMachineEvent, ChildCommandEvent, StatusCausesEvent } from './events.js';
import {
  emptyFaultLog,
  reduceFaultLog,
  type FaultLog,
  type FaultLogEntry,
  type FaultLogInput,
} from './model/faultLog.js';
import { isOlderReport, reportOf, type SessionReport } from './model/sessionReport.js';

export type FaultMemoryEvent = BridgeMachineEvent | StatusCausesEvent | ChildCommandEvent;

export interface FaultMemoryInput {
  readonly entries?: readonly FaultLogEntry[];
}

export interface FaultMemoryContext {
  readonly log: FaultLog;
  /** Latest vehicle time seen (commands carry none). */
  readonly lastTs: number;
  /** The telematics unit's latest session report: entries are written for what changed. */
  readonly session: SessionReport | null;
}

/** What a change of the unit's session report means for the fault memory (attempts, outcomes). */
export function sessionLogInputs(before: SessionReport | null, report: SessionReport): FaultLogInput[] {
  if (before && before.seq === report.seq) return [];
  const at = report.ts;
  const out: FaultLogInput[] = [];
  const entered = (phase: CallSessionSignal['phase']): boolean =>
    report.phase === phase &&
    (before === null || before.phase !== phase || before.attempt !== report.attempt);
  const sameSession = before !== null && before.triggeredAt === report.triggeredAt;
  if (report.kind && report.phase === 'dialing' && report.attempt > (sameSession ? before.attempt : 0))
    out.push({ type: 'callStarted', at, kind: report.kind });
  if (entered('voice')) out.push({ type: 'callOutcome', at, outcome: 'connected' });
  if (report.contactsNotified && !before?.contactsNotified)
    out.push({ type: 'callOutcome', at, outcome: 'contactsNotified' });
  const reason = report.failureReason !== null ? { reason: report.failureReason } : {};
  if (entered('redialWait'))
    out.push({
      type: 'callOutcome',
      at,
      outcome: report.callEnd === 'dropped' ? 'dropped' : 'failed',
      ...reason,
    });
  if (entered('failed')) out.push({ type: 'callOutcome', at, outcome: 'failed', ...reason });
  if (entered('ended') && report.callEnd === 'clearDown')
    out.push({ type: 'callOutcome', at, outcome: 'endedByCentre' });
  if (entered('ended') && report.callEnd === 'hungUp')
    out.push({ type: 'callOutcome', at, outcome: 'endedByOccupant' });
  if (entered('callbackRinging')) out.push({ type: 'callOutcome', at, outcome: 'callback' });
  return out;
}

/** What an event means for the fault memory, or null. */
export function toFaultLogInput(event: FaultMemoryEvent, lastTs: number): FaultLogInput | null {
  switch (event.type) {
    case 'status.causes':
      return {
        type: 'causes',
        at: event.at,
        causes: event.causes.map((c) => ({ id: c.id, units: c.units })),
      };
    case 'bridge.ignition':
      return { type: 'ignition', at: event.ts, state: event.state };
    case 'bridge.selfTestResult':
      return { type: 'selfTestResult', at: event.ts, item: event.item, result: event.result };
    case 'bridge.commandAck':
      if (event.ok) return null;
      if (event.command === 'requestSelfTest')
        return { type: 'selfTestRefused', at: event.ts, reason: event.error ?? 'refused' };
      // The unit refused what the occupants asked (a test call while busy, a cancel after connection);
      // a line of text it did not take is no call outcome.
      if (event.command !== 'sendText' && (CALL_REQUEST_TYPES as readonly string[]).includes(event.command))
        return { type: 'callOutcome', at: event.ts, outcome: 'rejected', reason: event.error ?? 'refused' };
      return null;
    case 'child.command': {
      const c = event.command;
      if (c.type === 'setRingBypass')
        return { type: 'bypass', at: lastTs, unit: c.unit, bypassed: c.bypassed };
      return null;
    }
    default:
      return null;
  }
}

export const faultMemoryMachine = setup({
  types: {
    context: {} as FaultMemoryContext,
    events: {} as FaultMemoryEvent,
    input: {} as FaultMemoryInput | undefined,
  },
  actions: {
    record: assign(({ context, event }) => {
      const lastTs =
        'ts' in event && typeof event.ts === 'number' ? Math.max(context.lastTs, event.ts) : context.lastTs;
      const report = reportOf(event);
      if (report) {
        // A replayed or overtaken report is no news.
        if (context.session && isOlderReport(report, context.session)) return { lastTs };
        const log = sessionLogInputs(context.session, report).reduce(reduceFaultLog, context.log);
        return { log, lastTs, session: report };
      }
      const input = toFaultLogInput(event, lastTs);
      const log = input ? reduceFaultLog(context.log, input) : context.log;
      if (log === context.log && lastTs === context.lastTs) return {};
      return { log, lastTs };
    }),
  },
}).createMachine({
  id: 'faultMemory',
  context: ({ input }) => ({ log: emptyFaultLog(input?.entries ?? []), lastTs: 0, session: null }),
  on: { '*': { actions: 'record' } },
});
