/**
 * The telematics unit's session report as the HMI reads it, pure: which screen a report means,
 * which of two reports is newer, and the presentation times drawn from its deadlines.
 */
import type { CallSessionSignal } from '../../bridge/signals.js';
import type { BridgeMachineEvent } from '../events.js';

/** The unit's session report as the HMI keeps it. */
export type SessionReport = Omit<CallSessionSignal, 'type'>;

/** The report a `bridge.callSession` event carries; null for any other event. */
export function reportOf(event: { readonly type: string }): SessionReport | null {
  if (event.type !== 'bridge.callSession') return null;
  const { type: _type, ...report } = event as Extract<BridgeMachineEvent, { type: 'bridge.callSession' }>;
  return report;
}

/** Which screen state a report puts the machine in (one place for the mapping). */
export type ReportScreen =
  | 'idle'
  | 'cancelWindow'
  | 'connecting'
  | 'dataSent'
  | 'acknowledged'
  | 'voice'
  | 'redialing'
  | 'failed'
  | 'cancelled'
  | 'ended'
  | 'callback'
  | 'testEnded';

export function reportScreen(report: SessionReport): ReportScreen {
  switch (report.phase) {
    case 'idle':
      return 'idle';
    case 'cancelWindow':
      return 'cancelWindow';
    case 'dialing':
      return 'connecting';
    case 'connected':
      // A plain 112 call sends no data (TS 23.167): nothing to show as sent until voice opens.
      if (report.transport === 'plain112') return 'connecting';
      return report.msd === 'ackPositive' || report.msd === 'ackNegative' ? 'acknowledged' : 'dataSent';
    case 'voice':
      return 'voice';
    case 'redialWait':
      return 'redialing';
    case 'failed':
      return report.kind === 'test' ? 'testEnded' : 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'ended':
      return report.kind === 'test' ? 'testEnded' : 'ended';
    case 'callbackRinging':
    case 'callback':
      return 'callback';
  }
}

const deadlineOf = (
  report: SessionReport | null,
  key: 'cancelWindowEndsAt' | 'nextAttemptAt' | 'callbackWindowEndsAt' | 'holdEndsAt',
): number | null => (report ? report[key] : null);

/** Milliseconds from `now` until the next whole second of a countdown to `deadline`. */
function toNextSecond(deadline: number, now: number): number {
  const left = deadline - now;
  if (left <= 0) return Infinity;
  return left % 1000 || 1000;
}

/**
 * Presentation tick: how long until something on screen changes (a countdown or the voice timer
 * turns a second, the hold bar moves 100 ms); Infinity when nothing is timed.
 */
export function nextTick(context: { readonly report: SessionReport | null; readonly now: number }): number {
  const { report, now } = context;
  if (!report) return Infinity;
  let next = Infinity;
  for (const key of ['cancelWindowEndsAt', 'nextAttemptAt', 'callbackWindowEndsAt'] as const) {
    const deadline = deadlineOf(report, key);
    if (deadline !== null) next = Math.min(next, toNextSecond(deadline, now));
  }
  if (report.voiceSince !== null) next = Math.min(next, 1000 - (Math.max(0, now - report.voiceSince) % 1000));
  const holdEndsAt = deadlineOf(report, 'holdEndsAt');
  if (holdEndsAt !== null && holdEndsAt > now) next = Math.min(next, Math.min(100, holdEndsAt - now));
  return next;
}

/** Whole seconds from `now` to `deadline` (never negative), null without a deadline. */
export function secondsLeft(deadline: number | null, now: number): number | null {
  return deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** What orders two reports of the unit (the session, the conversation). */
export interface Sequenced {
  readonly ts: number;
  readonly seq: number;
}

/**
 * An older report than `than`: stamped earlier, or at the same time with an earlier `seq` (the unit
 * may send two changes in one millisecond). A unit that restarts counts `seq` from 0 at a later time.
 */
export function isOlderReport(report: Sequenced, than: Sequenced): boolean {
  if (report.ts !== than.ts) return report.ts < than.ts;
  const behind = (than.seq - report.seq + 65536) % 65536;
  return behind > 0 && behind < 32768;
}
