/**
 * The telematics unit's text channel: the conversation of the session with the centre, for occupants
 * who cannot speak or hear (EECC art. 109 and the European Accessibility Act: emergency access "not
 * only by voice"; RFC 8147/8148 for the centre's messages). Ancillary to the call: it never holds up
 * or ends one.
 *
 * It keeps the lines (at most `MAX_CONVERSATION_LINES`, the newest) and publishes them the way the
 * unit publishes its session report: a change goes out at once as one `conversation` message with a
 * new `seq` (modulo 65536), and `publish()` repeats the current one. The unit decides when it may
 * speak (a dead unit says nothing); this class only keeps and words the conversation.
 */
import {
  MAX_CONVERSATION_LINES,
  MAX_TEXT_LENGTH,
  PRESET_PHRASES,
  type ConversationLine,
  type ConversationSignal,
  type PresetPhrase,
  type TextDelivery,
} from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';

export interface TextChannelOptions {
  readonly clock: SimulatedClock;
  /** Puts the conversation on the bus. */
  readonly emit: (msg: ConversationSignal) => void;
}

/** A line the occupants asked to send, checked: exactly one of a known phrase and a trimmed text. */
export type OutgoingText =
  | { readonly ok: true; readonly phrase: PresetPhrase | null; readonly text: string | null }
  | { readonly ok: false; readonly refusal: string };

/**
 * Checks a `sendText` request's content; refusals in the unit's style (short, lower case). The bridge
 * checks commands too, but the unit answers whatever reaches it (a gateway, a bench tool).
 */
export function checkOutgoing(phrase: unknown, text: unknown): OutgoingText {
  const hasPhrase = phrase !== null && phrase !== undefined;
  const hasText = text !== null && text !== undefined;
  if (hasPhrase && hasText) return { ok: false, refusal: 'phrase and text' };
  if (hasPhrase) {
    return (PRESET_PHRASES as readonly unknown[]).includes(phrase)
      ? { ok: true, phrase: phrase as PresetPhrase, text: null }
      : { ok: false, refusal: 'unknown phrase' };
  }
  if (typeof text !== 'string') return { ok: false, refusal: 'empty text' };
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, refusal: 'empty text' };
  if (characters(trimmed) > MAX_TEXT_LENGTH) return { ok: false, refusal: 'text too long' };
  // The CAN text transport pads with NUL: a NUL inside a line would cut it short.
  if (trimmed.includes('\u0000')) return { ok: false, refusal: 'bad text' };
  return { ok: true, phrase: null, text: trimmed };
}

/** Characters as the boundary counts them: Unicode code points (an emoji counts once). */
function characters(text: string): number {
  return [...text].length;
}

/** A text cut to `max` characters (code points, never half of one), without NUL. */
export function cutText(text: string, max: number = MAX_TEXT_LENGTH): string {
  const clean = text.replaceAll('\u0000', '');
  return characters(clean) <= max ? clean : [...clean].slice(0, max).join('');
}

/** The conversation of one session, as the unit keeps and publishes it. */
export class TextChannel {
  private readonly clock: SimulatedClock;
  private readonly emit: (msg: ConversationSignal) => void;
  private lines: ConversationLine[] = [];
  private nextId = 1;
  private seq = 0;
  private committed = '[]';
  private last: ConversationSignal;

  constructor(options: TextChannelOptions) {
    this.clock = options.clock;
    this.emit = options.emit;
    this.last = this.toSignal();
  }

  /** The conversation last put on the bus (the initial empty one before any). */
  get signal(): ConversationSignal {
    return this.last;
  }

  /** The delivery of the occupants' line `id`, or null when it is gone (emptied, or dropped as oldest). */
  delivery(id: number): TextDelivery | null {
    return this.lines.find((line) => line.id === id)?.delivery ?? null;
  }

  /** A line from the occupants, `sending`; returns its id. */
  addOccupants(phrase: PresetPhrase | null, text: string | null): number {
    const id = this.nextId++;
    this.push({ id, from: 'occupants', at: this.clock.now(), phrase, text, delivery: 'sending' });
    return id;
  }

  /** A text from the centre: it is here, so it is delivered. */
  addCentre(text: string): void {
    const id = this.nextId++;
    this.push({ id, from: 'centre', at: this.clock.now(), phrase: null, text, delivery: 'delivered' });
  }

  /** Moves the occupants' line `id` on (`sending` → `sent` → `delivered`); a failed line stays failed. */
  setDelivery(id: number, delivery: TextDelivery): void {
    this.lines = this.lines.map((line) =>
      line.id === id && line.delivery !== 'failed' && line.delivery !== 'delivered'
        ? { ...line, delivery }
        : line,
    );
  }

  /** The call ended: whatever the centre does not have yet never gets there. */
  failPending(): void {
    this.lines = this.lines.map((line) =>
      line.delivery === 'sending' || line.delivery === 'sent' ? { ...line, delivery: 'failed' } : line,
    );
  }

  /**
   * A new session, or back to idle: the conversation starts empty. Ids keep counting, so a late
   * event about a line of the last session can never touch one of this session.
   */
  clear(): void {
    this.lines = [];
  }

  /** Repeats the current conversation (cyclic publishing, a new listener): same `seq`. */
  publish(): void {
    this.last = this.toSignal();
    this.emit(this.last);
  }

  /** Publishes the conversation if it changed, with a new `seq`. */
  commit(): void {
    const key = JSON.stringify(this.lines);
    if (key === this.committed) return;
    this.committed = key;
    this.seq = (this.seq + 1) % 65536;
    this.publish();
  }

  private push(line: ConversationLine): void {
    // The unit keeps the newest lines only: the bus message stays bounded.
    this.lines = [...this.lines, line].slice(-MAX_CONVERSATION_LINES);
  }

  private toSignal(): ConversationSignal {
    return {
      type: 'conversation',
      ts: this.clock.now(),
      seq: this.seq,
      lines: this.lines.map((line) => ({ ...line })),
    };
  }
}
