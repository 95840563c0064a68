/**
 * The fault matrix: every fault of the product description × every call phase × manual/automatic,
 * with the outcome the occupants must see. One table drives both the generated tests
 * (test/unit/faultMatrix.test.ts) and the document (docs/fault-matrix.md), so they cannot drift.
 */
import { ALL_FAULTS, type Fault } from '../../../src/sim/faults.js';

export type MatrixPhase = 'idle' | 'cancelWindow' | 'dialing' | 'dataSent' | 'voice' | 'callbackWindow';
export const MATRIX_PHASES: readonly MatrixPhase[] = [
  'idle',
  'cancelWindow',
  'dialing',
  'dataSent',
  'voice',
  'callbackWindow',
];
export type MatrixKind = 'manual' | 'automatic';
export const MATRIX_KINDS: readonly MatrixKind[] = ['manual', 'automatic'];
export const MATRIX_FAULTS: readonly Fault[] = ALL_FAULTS;

/** How the call ends up, as the occupants see it. */
export type MatrixEnd =
  /** The trigger is never heard: no call starts, the status screen stays (with its malfunction). */
  | 'noCall'
  /** The call reaches (or stays in) voice. */
  | 'continues'
  /** The call stays up on the telematics unit; the screen says audio may be lost and the centre has the position. */
  | 'continuesAudioLost'
  /** Redials inside the 2 min window are refused or fail: "Call failed", call 112 from a phone, position shown. */
  | 'failed'
  /** The centre's call-back is answered. */
  | 'callback'
  /** The call-back is answered; the screen says audio may be lost. */
  | 'callbackAudioLost'
  /** The centre cannot reach the car: the "Call ended" summary stays, nothing is answered. */
  | 'noCallback'
  /**
   * The telematics unit is dead or hung: no emergency call the car confirms (a crash it never
   * answers, or its reports stop mid-call): "not confirmed", call 112 from a phone, position shown.
   */
  | 'unconfirmed';

export interface MatrixExpectation {
  readonly end: MatrixEnd;
  /** The SOS status once the fault is present. */
  readonly status: 'limited' | 'unavailable';
  /** "The centre has your position" (no voice / mic or speaker fault) during the call. */
  readonly noVoiceHint: boolean;
  /** `failed`: the reason the telematics unit gave for the last refused/failed attempt. */
  readonly failureReason: string | null;
  /** The position sent to the centre is marked untrusted (no GNSS fix before the data went). */
  readonly positionUntrusted: boolean;
  /** One line for the document. */
  readonly text: string;
}

const RING_FAULT = /^(most-node-failure|fibre-damage|blown-fuse):/;

/** Faults that leave the telematics unit, which owns the call, dead or hung: it starts and reports nothing. */
const UNIT_DEAD = new Set<Fault>(['software-glitch', 'control-module-failure', 'blown-fuse:telematics']);

const UNAVAILABLE = new Set<Fault>([
  'software-glitch',
  'control-module-failure',
  'no-cellular',
  'bluetooth-fault',
]);

export function isRingFault(fault: Fault): boolean {
  return RING_FAULT.test(fault);
}

/**
 * Before any call is placed: idle, or the manual cancel window. At an automatic call's crash instant
 * the telematics unit has already dialled (it takes the crash itself), so a fault then meets a call.
 */
function beforeCall(phase: MatrixPhase, kind: MatrixKind): boolean {
  return phase === 'idle' || (phase === 'cancelWindow' && kind === 'manual');
}

export function expectation(fault: Fault, phase: MatrixPhase, kind: MatrixKind): MatrixExpectation {
  const status: MatrixExpectation['status'] =
    UNAVAILABLE.has(fault) || isRingFault(fault) ? 'unavailable' : 'limited';
  const audioUnit = fault === 'microphone-fault' || fault === 'speaker-fault';
  const audioPath = fault === 'bluetooth-fault' || isRingFault(fault);
  const dead = UNIT_DEAD.has(fault);
  const base = { status, noVoiceHint: false, failureReason: null, positionUntrusted: false } as const;
  const before = beforeCall(phase, kind);

  if (phase === 'callbackWindow') {
    if (dead || fault === 'no-cellular')
      return {
        ...base,
        end: 'noCallback',
        text: 'The centre cannot call back (no unit/network); "Call ended" stays; status shows the fault.',
      };
    return audioPath
      ? { ...base, end: 'callbackAudioLost', text: 'Call-back answered; "audio may be lost" shown.' }
      : { ...base, end: 'callback', text: 'Call-back answered as usual.' };
  }

  if (before && fault === 'sos-button-fault' && kind === 'manual' && phase === 'idle')
    return {
      ...base,
      end: 'noCall',
      text: 'The press is never heard: no call; SOS limited, button fault shown.',
    };
  if (before && fault === 'crash-sensor-fault' && kind === 'automatic' && phase === 'idle')
    return {
      ...base,
      end: 'noCall',
      text: 'The crash is never reported: no automatic call; SOS limited, crash sensor fault shown.',
    };

  if (dead && phase === 'idle' && kind === 'manual')
    return {
      ...base,
      end: 'noCall',
      text: 'The dead unit starts no call for the press; SOS unavailable and the fault are shown.',
    };
  if (dead)
    return {
      ...base,
      end: 'unconfirmed',
      text:
        phase === 'idle'
          ? 'The dead unit never answers the crash: after 5 s "not confirmed", call 112 from a phone, position shown.'
          : 'The unit dies mid-session and its reports stop: after 5 s "not confirmed", call 112 from a phone, position shown.',
    };
  if (fault === 'no-cellular') {
    return {
      ...base,
      end: 'failed',
      failureReason: 'no network',
      text: before
        ? 'Every attempt fails ("no network"); after the 2 min redial window: "Call failed", call 112 from a phone, position shown.'
        : 'The call drops and is redialled; redials fail ("no network"); after the 2 min window: "Call failed", call 112, position shown.',
    };
  }
  if (isRingFault(fault) && before) {
    return {
      ...base,
      end: 'failed',
      failureReason: 'ring break',
      text: 'With the ring open the unit cannot set up a call: attempts fail ("ring break"); "Call failed", call 112, position shown.',
    };
  }
  if (fault === 'network-without-ecall')
    return {
      ...base,
      end: 'continues',
      text: before
        ? 'SOS limited (no eCall here, not a car fault); the unit places a plain 112 voice call without data: the screen says so and shows the position to read out.'
        : 'The call keeps the transport it set up with and continues to voice.',
    };
  // EN 15722: the data carries the position known when the call connects.
  const positionUntrusted = fault === 'no-gps' && (before || phase === 'dialing' || phase === 'cancelWindow');
  if (audioPath) {
    return {
      ...base,
      end: 'continuesAudioLost',
      noVoiceHint: true,
      positionUntrusted,
      text: 'The call continues on the telematics unit; the screen says audio may be lost and the centre has the position.',
    };
  }
  const extra = audioUnit
    ? ' "The centre has your position" shown (may not hear / be heard).'
    : positionUntrusted
      ? ' Position sent marked untrusted.'
      : fault === 'no-gps'
        ? ' The position already sent stays trusted.'
        : '';
  return {
    ...base,
    end: 'continues',
    noVoiceHint: audioUnit,
    positionUntrusted,
    text: `The call continues to voice.${extra}`,
  };
}

const PHASE_TITLES: Record<MatrixPhase, string> = {
  idle: 'idle (fault, then trigger)',
  cancelWindow: 'cancel window (automatic: the crash instant)',
  dialing: 'dialing',
  dataSent: 'data sent',
  voice: 'voice connected',
  callbackWindow: 'call-back window',
};

const END_SHORT: Record<MatrixEnd, string> = {
  noCall: 'no call',
  continues: 'continues',
  continuesAudioLost: 'continues, audio may be lost',
  failed: 'failed → 112',
  callback: 'call-back answered',
  callbackAudioLost: 'call-back, audio may be lost',
  noCallback: 'no call-back',
  unconfirmed: 'not confirmed → 112',
};

const END_MEANING: Record<MatrixEnd, string> = {
  noCall:
    'the trigger never starts a session (faulty button or crash sensor, a dead telematics unit for a press): no call screen; the status screen shows the fault (Check Control).',
  continues:
    'the call reaches voice (`Connected`, timer running) and stays up. "hint": `The emergency centre has your position. Help is on the way.` is shown (microphone/loudspeaker fault). "untrusted pos.": the position sent is marked not trusted (no GNSS fix when the data went).',
  continuesAudioLost:
    'the call stays up on the telematics unit (the modem is not on the ring) and the screen says `Call audio may be lost. The call continues.` together with `The emergency centre has your position. Help is on the way.`',
  failed:
    'the call drops or every attempt fails; the telematics unit redials inside the EN 16062 2-minute window (at once after a connected call, else every 30 s), then reports the call failed: the HMI shows `Call failed`, `Call 112 from a phone` and the position to read out. Never a silent return to idle.',
  callback:
    'the centre calls back inside the call-back window; the telematics unit answers it by itself (voice).',
  callbackAudioLost:
    'the call-back is answered; the screen says `Call audio may be lost. The call continues.`',
  noCallback:
    'the telematics unit cannot be reached (no modem, no network, no power): the "Call ended" summary stays with its call-back countdown, nothing is answered, the status shows the fault.',
  unconfirmed:
    'the telematics unit is dead or hung: a crash it never answers, or a session whose reports stop, is not left on screen as if all were well — after 5 s the HMI says the car has not confirmed an emergency call, `Call 112 from a phone`, with the position to read out.',
};

/** The matrix as Markdown tables (one per call kind), plus the cell notes. */
export function renderMatrixMarkdown(): string {
  const lines: string[] = [];
  for (const kind of MATRIX_KINDS) {
    lines.push(`### ${kind === 'manual' ? 'Manual call (SOS button)' : 'Automatic call (crash)'}`, '');
    lines.push(`| fault | status | ${MATRIX_PHASES.map((p) => PHASE_TITLES[p]).join(' | ')} |`);
    lines.push(`|---|---|${MATRIX_PHASES.map(() => '---').join('|')}|`);
    for (const fault of MATRIX_FAULTS) {
      const cells = MATRIX_PHASES.map((phase) => {
        const e = expectation(fault, phase, kind);
        const marks = [
          e.noVoiceHint && e.end === 'continues' ? 'hint' : '',
          e.positionUntrusted ? 'untrusted pos.' : '',
          e.failureReason ? `"${e.failureReason}"` : '',
        ].filter(Boolean);
        return `${END_SHORT[e.end]}${marks.length ? ` (${marks.join(', ')})` : ''}`;
      });
      lines.push(`| \`${fault}\` | ${expectation(fault, 'idle', kind).status} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('### What each outcome means', '');
  for (const end of Object.keys(END_SHORT) as MatrixEnd[])
    lines.push(`- **${END_SHORT[end]}**: ${END_MEANING[end]}`);
  return lines.join('\n');
}

export const MATRIX_BEGIN = '<!-- fault-matrix:begin (generated from test/unit/helpers/faultMatrix.ts) -->';
export const MATRIX_END = '<!-- fault-matrix:end -->';
