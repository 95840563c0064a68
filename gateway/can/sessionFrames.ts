/**
 * The telematics unit's session report on CAN (project-defined, `dbc/sos-hmi.dbc`): 8-byte frames
 * TEL_SESSION_1/2/3 (0x5E7–0x5E9) and, from a unit that carries the call's transport (NG-eCall,
 * EN 17184), TEL_SESSION_4 (0x5EB), each with the same 16-bit session seq. Part 1 says whether part 4
 * belongs to the report (`SESS_PART4`): an older unit sends three parts and its report has no
 * transport and no updated data (null). The unit sends the parts back to back, cyclically (500 ms)
 * and on every change; the receiver publishes a report only when all its parts with the same seq have
 * arrived, so a report is never torn between two sessions.
 *
 * Times travel relative to the frame that carries them — deadlines as time left, past instants as
 * time since — and become absolute vehicle time on arrival (`ts ± value`). Short deadlines in 0.1 s,
 * long ones in whole seconds; the largest raw value of a field means "none". The crash that
 * triggered the session travels in part 2, so the report needs no other frame (a gateway that starts
 * mid-call, after the ST_CR edge, still has it).
 *
 * Both sides live here: `encodeSessionFrames` (what the fixture tool and the tests put on the bus
 * as the unit) and `SessionAssembler` (what the gateway takes off it).
 */
import type {
  CallEnd,
  CallKind,
  CallSessionPhase,
  CallSessionSignal,
  CallTransport,
  CrashData,
  MsdState,
} from '../../src/bridge/signals.js';
import type { DbcCodec } from './dbc.js';
import type { CanFrame } from './frame.js';

/** The parts, in the order the unit sends them (the fourth only when part 1 says so). */
export const SESSION_PARTS = ['TEL_SESSION_1', 'TEL_SESSION_2', 'TEL_SESSION_3', 'TEL_SESSION_4'] as const;
export type SessionPart = (typeof SESSION_PARTS)[number];

/** The seq signal of each part. */
const SEQ_SIGNAL: Readonly<Record<SessionPart, string>> = {
  TEL_SESSION_1: 'SESS1_SEQ',
  TEL_SESSION_2: 'SESS2_SEQ',
  TEL_SESSION_3: 'SESS3_SEQ',
  TEL_SESSION_4: 'SESS4_SEQ',
};

/** SESS_PHASE codes: the bus order, fixed here (not the order of a TypeScript list that may change). */
export const SESSION_PHASE_CODES: readonly CallSessionPhase[] = [
  'idle',
  'cancelWindow',
  'dialing',
  'connected',
  'voice',
  'redialWait',
  'failed',
  'cancelled',
  'ended',
  'callbackRinging',
  'callback',
];
/** SESS_KIND: 0 = no kind (idle). */
export const SESSION_KIND_CODES: readonly (CallKind | null)[] = [null, 'manual', 'automatic', 'test'];
export const MSD_CODES: readonly MsdState[] = ['none', 'sent', 'ackPositive', 'ackNegative'];
/** SESS_CALL_END: 0 = no connected call has ended yet. */
export const CALL_END_CODES: readonly (CallEnd | null)[] = [null, 'clearDown', 'dropped', 'hungUp'];
/** SESS_TRANSPORT (part 4): 0 = none yet (before the first attempt). */
export const TRANSPORT_CODES: readonly (CallTransport | null)[] = [null, 'ngECall', 'eCall', 'plain112'];
/** SESS_FAIL_REASON: 0 = none, n = `FAILURE_REASONS[n - 1]`, 31 = a reason not in the list. */
export const FAILURE_REASONS: readonly string[] = [
  'no network',
  'busy',
  'no answer',
  'network lost',
  'power loss',
  'software fault',
  'control module failure',
  'ring break',
  'timeout',
  'msd not acknowledged',
];
const OTHER_REASON_CODE = 31;
/** What a reason code outside the list decodes to. */
export const OTHER_REASON = 'other';

/** Raw "none" of each time field (its largest raw value), and the scale of one raw step in ms. */
const TIME_FIELDS = {
  SESS_HOLD_TO_END: { none: 255, stepMs: 100 },
  SESS_HOLD_LEFT: { none: 255, stepMs: 100 },
  SESS_CANCEL_LEFT: { none: 4095, stepMs: 100 },
  SESS_NEXT_ATTEMPT_LEFT: { none: 4095, stepMs: 100 },
  SESS_REDIAL_LEFT: { none: 4095, stepMs: 100 },
  SESS_TRIGGERED_AGO: { none: 65535, stepMs: 1000 },
  SESS_VOICE_AGO: { none: 65535, stepMs: 1000 },
  SESS_CALLBACK_LEFT: { none: 65535, stepMs: 1000 },
  SESS_MSD_UPDATED_AGO: { none: 65535, stepMs: 1000 },
} as const;
type TimeField = keyof typeof TIME_FIELDS;

/** The DBC factor of a time field, in seconds per raw step (the DBC says the same). */
const factorS = (field: TimeField): number => TIME_FIELDS[field].stepMs / 1000;

/** A duration in ms → the physical value of the field (seconds), saturating below "none". */
function durationOut(field: TimeField, ms: number | null): number {
  const { none, stepMs } = TIME_FIELDS[field];
  const raw = ms === null ? none : Math.min(none - 1, Math.max(0, Math.round(ms / stepMs)));
  return raw * factorS(field);
}

/** The physical value of a time field → ms, or null for "none". */
function durationIn(field: TimeField, physical: number | undefined): number | null {
  if (physical === undefined) return null;
  const raw = Math.round(physical / factorS(field));
  return raw >= TIME_FIELDS[field].none ? null : raw * TIME_FIELDS[field].stepMs;
}

const TRI_STATE_UNKNOWN = 3;
const boolOut = (value: boolean | null): number => (value === null ? TRI_STATE_UNKNOWN : value ? 1 : 0);
const boolIn = (code: number | undefined): boolean | null => (code === 0 ? false : code === 1 ? true : null);

/** How the unit lays its report out on the bus. */
export interface SessionEncoding {
  /**
   * An older unit (EN 16062 only): three parts, no SESS_PART4, no transport or updated data (the
   * report's `transport` and `msdUpdatedAt` must be null: such a unit cannot say them).
   */
  readonly legacy?: boolean;
}

/**
 * The unit's frames for a report, as sent at vehicle time `atMs` (default: the report's `ts`):
 * deadlines become time left from `atMs`, past instants time since. `alive` is TEL_SESSION_1's
 * alive counter (0–14, BMW style: it must change from frame to frame). Four parts, or three as an
 * older unit sends them (`legacy`).
 */
export function encodeSessionFrames(
  codec: DbcCodec,
  session: CallSessionSignal,
  alive: number,
  atMs: number = session.ts,
  encoding: SessionEncoding = {},
): CanFrame[] {
  const legacy = encoding.legacy ?? false;
  if (legacy && (session.transport !== null || session.msdUpdatedAt !== null))
    throw new RangeError('an older unit (three parts) carries no transport and no updated data');
  const left = (at: number | null) => (at === null ? null : at - atMs);
  const since = (at: number | null) => (at === null ? null : atMs - at);
  const reason = session.failureReason;
  const reasonIndex = reason === null ? -1 : FAILURE_REASONS.indexOf(reason);
  const crash = session.crash;
  return [
    codec.encode('TEL_SESSION_1', {
      SESS1_SEQ: session.seq,
      ALIV_SESS: alive % 15,
      SESS_PHASE: SESSION_PHASE_CODES.indexOf(session.phase),
      SESS_KIND: SESSION_KIND_CODES.indexOf(session.kind),
      SESS_MSD: MSD_CODES.indexOf(session.msd),
      SESS_CALL_END: CALL_END_CODES.indexOf(session.callEnd),
      SESS_CANCELLABLE: session.cancellable ? 1 : 0,
      SESS_CONTACTS: session.contactsNotified ? 1 : 0,
      SESS_ATTEMPT: Math.min(255, session.attempt),
      SESS_AUDIO_MUTED: session.audioMuted ? 1 : 0,
      SESS_FAIL_REASON: reason === null ? 0 : reasonIndex >= 0 ? reasonIndex + 1 : OTHER_REASON_CODE,
      SESS_PART4: legacy ? 0 : 1,
      SESS_HOLD_TO_END: durationOut('SESS_HOLD_TO_END', session.holdToEndMs),
      SESS_HOLD_LEFT: durationOut('SESS_HOLD_LEFT', left(session.holdEndsAt)),
    }),
    codec.encode('TEL_SESSION_2', {
      SESS2_SEQ: session.seq,
      CR_PRESENT: crash ? 1 : 0,
      CR_SEVERITY: crash?.severity ?? 0,
      CR_AIRBAG: boolOut(crash?.airbagDeployed ?? null),
      CR_ROLLOVER: boolOut(crash?.rollover ?? null),
      CR_OCCUPANTS: crash?.occupants ?? 15,
      SESS_CANCEL_LEFT: durationOut('SESS_CANCEL_LEFT', left(session.cancelWindowEndsAt)),
      SESS_NEXT_ATTEMPT_LEFT: durationOut('SESS_NEXT_ATTEMPT_LEFT', left(session.nextAttemptAt)),
      SESS_REDIAL_LEFT: durationOut('SESS_REDIAL_LEFT', left(session.redialWindowEndsAt)),
    }),
    codec.encode('TEL_SESSION_3', {
      SESS3_SEQ: session.seq,
      SESS_TRIGGERED_AGO: durationOut('SESS_TRIGGERED_AGO', since(session.triggeredAt)),
      SESS_VOICE_AGO: durationOut('SESS_VOICE_AGO', since(session.voiceSince)),
      SESS_CALLBACK_LEFT: durationOut('SESS_CALLBACK_LEFT', left(session.callbackWindowEndsAt)),
    }),
    ...(legacy
      ? []
      : [
          codec.encode('TEL_SESSION_4', {
            SESS4_SEQ: session.seq,
            SESS_TRANSPORT: TRANSPORT_CODES.indexOf(session.transport),
            SESS_MSD_UPDATED_AGO: durationOut('SESS_MSD_UPDATED_AGO', since(session.msdUpdatedAt)),
          }),
        ]),
  ];
}

interface ReceivedPart {
  readonly signals: Readonly<Record<string, number>>;
  readonly ts: number;
}

/** The report without its time of publication. */
type Report = Omit<CallSessionSignal, 'ts'>;

/**
 * Collects the parts off the bus and turns a complete set into a `CallSessionSignal`: parts 1–3, and
 * part 4 when part 1 says it belongs (`SESS_PART4`). A part with another seq than those collected
 * starts a new set (the older parts are dropped), so a report never mixes two sessions. A cyclic repeat (same seq, same discrete content) gives the report first
 * decoded for it again, with the new `ts`: the same seq is the same report, so its absolute times
 * do not wobble by the fields' resolution from one repeat to the next.
 */
export class SessionAssembler {
  private seq: number | null = null;
  private readonly parts = new Map<SessionPart, ReceivedPart>();
  private last: { readonly key: string; readonly report: Report } | null = null;

  /** Whether a message name is one of the session parts. */
  static isPart(name: string): name is SessionPart {
    return (SESSION_PARTS as readonly string[]).includes(name);
  }

  /** Forgets the parts collected so far (a frozen or stale sender). */
  reset(): void {
    this.seq = null;
    this.parts.clear();
  }

  /**
   * One decoded part received at vehicle time `ts`. Returns the report it completes, an error for a
   * complete set that cannot be read (an unknown phase: never guessed), or null while parts are missing.
   */
  take(
    part: SessionPart,
    signals: Readonly<Record<string, number>>,
    ts: number,
  ): { readonly session: CallSessionSignal } | { readonly error: string } | null {
    const seq = signals[SEQ_SIGNAL[part]];
    if (seq === undefined) return null;
    if (seq !== this.seq) this.reset();
    this.seq = seq;
    this.parts.set(part, { signals, ts });
    const [p1, p2, p3, p4] = SESSION_PARTS.map((name) => this.parts.get(name));
    if (!p1 || !p2 || !p3) return null;
    // Part 1 says whether a fourth part belongs to this report; an older unit never sends one.
    const needs4 = p1.signals.SESS_PART4 === 1;
    if (needs4 && !p4) return null;
    this.reset();
    const report = decodeReport(seq, p1, p2, p3, needs4 ? p4! : null);
    if ('error' in report) return report;
    const key = discreteKey(report);
    if (this.last?.key === key) return { session: { ...this.last.report, ts } };
    this.last = { key, report };
    return { session: { ...report, ts } };
  }
}

function decodeReport(
  seq: number,
  p1: ReceivedPart,
  p2: ReceivedPart,
  p3: ReceivedPart,
  p4: ReceivedPart | null,
): Report | { readonly error: string } {
  const s1 = p1.signals;
  const s2 = p2.signals;
  const after = (part: ReceivedPart, field: TimeField) => {
    const ms = durationIn(field, part.signals[field]);
    return ms === null ? null : part.ts + ms;
  };
  const before = (part: ReceivedPart, field: TimeField) => {
    const ms = durationIn(field, part.signals[field]);
    return ms === null ? null : part.ts - ms;
  };
  const phase = SESSION_PHASE_CODES[s1.SESS_PHASE ?? 0];
  if (!phase)
    return { error: `TEL_SESSION_1: unknown SESS_PHASE ${s1.SESS_PHASE}, session ${seq} not taken` };
  const reasonCode = s1.SESS_FAIL_REASON ?? 0;
  const severity = s2.CR_SEVERITY ?? 0;
  const occupants = s2.CR_OCCUPANTS ?? 15;
  const crash: CrashData | null =
    s2.CR_PRESENT === 1
      ? {
          severity: severity >= 1 && severity <= 4 ? severity : null,
          airbagDeployed: boolIn(s2.CR_AIRBAG),
          rollover: boolIn(s2.CR_ROLLOVER),
          occupants: occupants <= 9 ? occupants : null,
        }
      : null;
  return {
    type: 'callSession',
    seq,
    phase,
    kind: SESSION_KIND_CODES[s1.SESS_KIND ?? 0] ?? null,
    attempt: s1.SESS_ATTEMPT ?? 0,
    triggeredAt: before(p3, 'SESS_TRIGGERED_AGO'),
    cancelWindowEndsAt: after(p2, 'SESS_CANCEL_LEFT'),
    nextAttemptAt: after(p2, 'SESS_NEXT_ATTEMPT_LEFT'),
    redialWindowEndsAt: after(p2, 'SESS_REDIAL_LEFT'),
    callbackWindowEndsAt: after(p3, 'SESS_CALLBACK_LEFT'),
    failureReason: reasonCode === 0 ? null : (FAILURE_REASONS[reasonCode - 1] ?? OTHER_REASON),
    callEnd: CALL_END_CODES[s1.SESS_CALL_END ?? 0] ?? null,
    msd: MSD_CODES[s1.SESS_MSD ?? 0] ?? 'none',
    voiceSince: before(p3, 'SESS_VOICE_AGO'),
    contactsNotified: s1.SESS_CONTACTS === 1,
    cancellable: s1.SESS_CANCELLABLE === 1,
    holdToEndMs: durationIn('SESS_HOLD_TO_END', s1.SESS_HOLD_TO_END),
    holdEndsAt: after(p1, 'SESS_HOLD_LEFT'),
    crash,
    audioMuted: s1.SESS_AUDIO_MUTED === 1,
    transport: p4 ? (TRANSPORT_CODES[p4.signals.SESS_TRANSPORT ?? 0] ?? null) : null,
    msdUpdatedAt: p4 ? before(p4, 'SESS_MSD_UPDATED_AGO') : null,
  };
}

/** Everything of a report but its times' values (which only say whether each is there). */
function discreteKey(report: Report): string {
  return JSON.stringify(report, (key, value: unknown) =>
    typeof value === 'number' && (key.endsWith('At') || key === 'voiceSince') ? 1 : value,
  );
}
