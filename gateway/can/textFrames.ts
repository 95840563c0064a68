/**
 * The telematics unit's text channel on CAN (project-defined, `dbc/sos-hmi.dbc`): the conversation
 * with the emergency centre (RFC 8147 text; EECC art. 109: emergency access not only by voice) in
 * both directions, as a segmented transport of UTF-8 text in classic 8-byte frames.
 *
 * Unit → head unit, the whole conversation of the session:
 * - TEL_CONV (0x5EC): header, `CONV_SEQ` (changes with every change) and `CONV_LINES`;
 * - TEL_CONV_LINE (0x5ED): one per line, tied to its header by `LINE_CONV_SEQ` (the seq's low byte):
 *   id, sender, delivery, preset phrase, the text's UTF-8 length and CRC-8, time since it was sent;
 * - TEL_TEXT (0x5EE): a line's text in segments of 5 bytes (`TXT_LINE_ID`, `TXT_SEG`).
 * A conversation is published only when its header, every one of its lines and every line's text
 * have arrived (in any order), so it is never torn between two versions. A line's text never changes,
 * so its segments are kept by line id across versions and checked against the line's CRC: a text
 * left over from an earlier session (ids restart) never completes a new line.
 *
 * Head unit → unit, a typed line (`sendText`): HU_TEXT (0x5EF) segments of 5 bytes with the request's
 * REQ_SEQ, index and count, then TEL_CALL_REQ with CALL_REQ 9 and the same REQ_SEQ. A preset phrase
 * needs no text: it is its own CALL_REQ code.
 *
 * Both sides of both directions live here: what the fixture tool and the tests put on the bus as the
 * unit, and what the gateway takes off it (and the unit side of a send-text request, for tests).
 */
import {
  PRESET_PHRASES,
  TEXT_DELIVERIES,
  type ConversationLine,
  type ConversationSignal,
  type PresetPhrase,
  type TextDelivery,
} from '../../src/bridge/signals.js';
import { validateSignal } from '../../src/bridge/validation.js';
import type { DbcCodec } from './dbc.js';
import type { CanFrame } from './frame.js';

/** Text bytes per segment frame (3 bytes of each 8 say which line or request and which segment). */
export const SEGMENT_BYTES = 5;
/** LINE_PHRASE / CALL_REQ phrase codes: the bus order, fixed here (not a TypeScript list that may change). */
export const PHRASE_CODES: readonly PresetPhrase[] = [
  'cannotSpeak',
  'cannotHear',
  'injured',
  'trapped',
  'fireSmoke',
  'children',
  'safe',
];
/** LINE_DELIVERY codes. */
export const DELIVERY_CODES: readonly TextDelivery[] = ['sending', 'sent', 'delivered', 'failed'];
/** LINE_FROM codes. */
const FROM_CODES = ['centre', 'occupants'] as const;
/** LINE_AT_AGO: whole seconds; the largest raw value is never sent (a longer time saturates below it). */
const AGO_MAX_S = 65534;
/** The most lines the receiver keeps while a version is incomplete (a conversation has at most 40). */
const MAX_PENDING_LINES = 64;

// The bus tables and the contract's lists must name the same values (a new phrase needs a new code).
if (
  PHRASE_CODES.length !== PRESET_PHRASES.length ||
  !PRESET_PHRASES.every((p) => PHRASE_CODES.includes(p)) ||
  !TEXT_DELIVERIES.every((d) => DELIVERY_CODES.includes(d))
)
  throw new Error('textFrames: the bus codes do not cover the contract’s phrases and deliveries');

/** CRC-8, polynomial 0x07, init 0 (CRC-8/SMBUS): the project's own check of a line's text. */
export function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** A text's UTF-8 bytes cut into segments of `SEGMENT_BYTES`, the last padded with 0. */
export function segments(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += SEGMENT_BYTES) {
    const segment = new Uint8Array(SEGMENT_BYTES);
    segment.set(bytes.subarray(at, at + SEGMENT_BYTES));
    out.push(segment);
  }
  return out;
}

/** The five payload signals of a segment frame (`TXT_BYTE_1..5` / `TXR_BYTE_1..5`). */
function payload(prefix: 'TXT_BYTE_' | 'TXR_BYTE_', segment: Uint8Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < SEGMENT_BYTES; i++) out[`${prefix}${i + 1}`] = segment[i] ?? 0;
  return out;
}

function payloadOf(prefix: 'TXT_BYTE_' | 'TXR_BYTE_', signals: Readonly<Record<string, number>>): Uint8Array {
  const out = new Uint8Array(SEGMENT_BYTES);
  for (let i = 0; i < SEGMENT_BYTES; i++) out[i] = signals[`${prefix}${i + 1}`] ?? 0;
  return out;
}

/** The UTF-8 of a complete segment set, or null when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// ------------------------------------------------------------- unit → head unit: the conversation

/** The frames of one conversation line: its text segments first, then the line itself. */
export function encodeLineFrames(
  codec: DbcCodec,
  conversationSeq: number,
  line: ConversationLine,
  atMs: number,
): CanFrame[] {
  const bytes = line.text === null ? new Uint8Array(0) : utf8(line.text);
  const phrase = line.phrase === null ? 0 : PHRASE_CODES.indexOf(line.phrase) + 1;
  const agoS = Math.min(AGO_MAX_S, Math.max(0, Math.round((atMs - line.at) / 1000)));
  return [
    ...segments(bytes).map((segment, index) =>
      codec.encode('TEL_TEXT', { TXT_LINE_ID: line.id, TXT_SEG: index, ...payload('TXT_BYTE_', segment) }),
    ),
    codec.encode('TEL_CONV_LINE', {
      LINE_CONV_SEQ: conversationSeq & 0xff,
      LINE_ID: line.id,
      LINE_FROM: FROM_CODES.indexOf(line.from),
      LINE_DELIVERY: DELIVERY_CODES.indexOf(line.delivery),
      LINE_PHRASE: phrase,
      LINE_TEXT_BYTES: bytes.length,
      LINE_AT_AGO: agoS,
      LINE_TEXT_CRC: crc8(bytes),
    }),
  ];
}

/**
 * The unit's frames for a conversation, as sent at vehicle time `atMs` (default: its `ts`): the
 * header, then each line's text segments and the line. `texts: false` leaves the segments out (the
 * unit's cyclic repeat: a line's text is sent when the line is new, then round-robin).
 */
export function encodeConversationFrames(
  codec: DbcCodec,
  conversation: ConversationSignal,
  atMs: number = conversation.ts,
  options: { readonly texts?: boolean } = {},
): CanFrame[] {
  const texts = options.texts ?? true;
  return [
    codec.encode('TEL_CONV', { CONV_SEQ: conversation.seq, CONV_LINES: conversation.lines.length }),
    ...conversation.lines.flatMap((line) =>
      encodeLineFrames(codec, conversation.seq, line, atMs).filter(
        (frame) => texts || frame.id !== codec.message('TEL_TEXT')!.id,
      ),
    ),
  ];
}

interface LineFrame {
  readonly seqLo: number;
  readonly from: ConversationLine['from'] | undefined;
  readonly delivery: TextDelivery | undefined;
  readonly phraseCode: number;
  readonly bytes: number;
  readonly crc: number;
  readonly agoS: number;
  readonly ts: number;
}

export type ConversationResult =
  { readonly conversation: ConversationSignal } | { readonly error: string } | null;

/**
 * Collects TEL_CONV, TEL_CONV_LINE and TEL_TEXT off the bus and turns a complete version into a
 * `ConversationSignal`, checked like any vehicle message (a bad one is refused whole: the call goes on).
 * Each header is published once when complete (a cyclic repeat of the same seq again, like the session
 * report); a line's time (`at`) is decoded once per line, so repeats do not wobble by a second.
 */
export class ConversationAssembler {
  private header: { readonly seq: number; readonly count: number; readonly ts: number } | null = null;
  private published = false;
  private readonly lines = new Map<number, LineFrame>();
  private readonly texts = new Map<number, Map<number, Uint8Array>>();
  private readonly times = new Map<number, { readonly key: string; readonly at: number }>();

  /** Whether a message name is part of the conversation transport. */
  static isPart(name: string): boolean {
    return name === 'TEL_CONV' || name === 'TEL_CONV_LINE' || name === 'TEL_TEXT';
  }

  /** Forgets everything (a stale unit): the next complete version starts afresh. */
  reset(): void {
    this.header = null;
    this.published = false;
    this.lines.clear();
    this.texts.clear();
    this.times.clear();
  }

  /** One decoded frame received at vehicle time `ts`: the conversation it completes, an error, or null. */
  take(name: string, s: Readonly<Record<string, number>>, ts: number): ConversationResult {
    switch (name) {
      case 'TEL_CONV': {
        const seq = s.CONV_SEQ ?? 0;
        const count = s.CONV_LINES ?? 0;
        this.header = { seq, count, ts };
        this.published = false;
        // Line frames of other versions can never complete this one (a version's lines follow its header).
        for (const [id, line] of [...this.lines]) if (line.seqLo !== (seq & 0xff)) this.lines.delete(id);
        // The end of a session empties the conversation; line ids start again in the next one.
        if (count === 0) {
          this.lines.clear();
          this.texts.clear();
          this.times.clear();
        }
        break;
      }
      case 'TEL_CONV_LINE': {
        const id = s.LINE_ID ?? 0;
        this.lines.delete(id);
        this.lines.set(id, {
          seqLo: s.LINE_CONV_SEQ ?? 0,
          from: FROM_CODES[s.LINE_FROM ?? 0],
          delivery: DELIVERY_CODES[s.LINE_DELIVERY ?? 0],
          phraseCode: s.LINE_PHRASE ?? 0,
          bytes: s.LINE_TEXT_BYTES ?? 0,
          crc: s.LINE_TEXT_CRC ?? 0,
          agoS: s.LINE_AT_AGO ?? 0,
          ts,
        });
        // Bounded: garbage on the bus never grows the gateway (the oldest line frames go first).
        while (this.lines.size > MAX_PENDING_LINES) this.lines.delete(this.lines.keys().next().value!);
        break;
      }
      case 'TEL_TEXT': {
        const id = s.TXT_LINE_ID ?? 0;
        const index = s.TXT_SEG ?? 0;
        let text = this.texts.get(id);
        if (!text) {
          text = new Map();
          this.texts.set(id, text);
          while (this.texts.size > MAX_PENDING_LINES) this.texts.delete(this.texts.keys().next().value!);
        }
        text.set(index, payloadOf('TXT_BYTE_', s));
        break;
      }
      default:
        return null;
    }
    return this.complete();
  }

  /** The current header's version, if every line and text has arrived and it was not yet published. */
  private complete(): ConversationResult {
    const header = this.header;
    if (!header || this.published) return null;
    const mine = [...this.lines.entries()]
      .filter(([, line]) => line.seqLo === (header.seq & 0xff))
      .sort(([a], [b]) => a - b);
    if (mine.length < header.count) return null;
    if (mine.length > header.count) {
      this.published = true;
      return { error: `TEL_CONV ${header.seq}: ${mine.length} lines for a header of ${header.count}` };
    }
    const lines: ConversationLine[] = [];
    for (const [id, line] of mine) {
      const text = this.text(id, line);
      if (text === undefined) return null;
      if (text === false) {
        this.published = true;
        return { error: `TEL_TEXT line ${id}: not UTF-8, conversation ${header.seq} not taken` };
      }
      const phrase = line.phraseCode === 0 ? null : PHRASE_CODES[line.phraseCode - 1];
      if (!line.from || !line.delivery || phrase === undefined) {
        this.published = true;
        return {
          error: `TEL_CONV_LINE ${id}: a code the gateway does not know, conversation ${header.seq} not taken`,
        };
      }
      lines.push({ id, from: line.from, at: this.at(id, line), phrase, text, delivery: line.delivery });
    }
    this.published = true;
    // Texts and times of lines no longer in the conversation (the oldest drop off) are not needed again.
    for (const map of [this.texts, this.times])
      for (const id of [...map.keys()]) if (!this.lines.has(id)) map.delete(id);
    const checked = validateSignal({ type: 'conversation', ts: header.ts, seq: header.seq, lines });
    if (!checked.ok) return { error: `TEL_CONV ${header.seq}: ${checked.error}` };
    if (checked.signal.type !== 'conversation') return null;
    return { conversation: checked.signal };
  }

  /** The line's text: null for a phrase, undefined while segments are missing, false when not UTF-8. */
  private text(id: number, line: LineFrame): string | null | undefined | false {
    if (line.bytes === 0) return line.phraseCode === 0 ? '' : null;
    const parts = this.texts.get(id);
    const count = Math.ceil(line.bytes / SEGMENT_BYTES);
    if (!parts) return undefined;
    const bytes = new Uint8Array(count * SEGMENT_BYTES);
    for (let i = 0; i < count; i++) {
      const part = parts.get(i);
      if (!part) return undefined;
      bytes.set(part, i * SEGMENT_BYTES);
    }
    const exact = bytes.subarray(0, line.bytes);
    // Segments of another text under the same id (an earlier session's): wait for this line's own.
    if (crc8(exact) !== line.crc) return undefined;
    return decodeUtf8(exact) ?? false;
  }

  /** The line's time, decoded once per line (its frames' `ts` minus the time since, in whole seconds). */
  private at(id: number, line: LineFrame): number {
    const key = `${line.from}|${line.phraseCode}|${line.bytes}|${line.crc}`;
    const known = this.times.get(id);
    if (known?.key === key) return known.at;
    const at = Math.max(0, line.ts - line.agoS * 1000);
    this.times.set(id, { key, at });
    return at;
  }
}

// ------------------------------------------------------------- head unit → unit: a typed line

/** The HU_TEXT frames of a typed line for request `reqSeq` (sent before its TEL_CALL_REQ). */
export function encodeTextRequestFrames(codec: DbcCodec, reqSeq: number, text: string): CanFrame[] {
  const parts = segments(utf8(text));
  return parts.map((segment, index) =>
    codec.encode('HU_TEXT', {
      TXR_REQ_SEQ: reqSeq,
      TXR_SEG: index,
      TXR_SEGS: parts.length,
      ...payload('TXR_BYTE_', segment),
    }),
  );
}

/**
 * The unit's side of a typed line (tests, fixtures): collects HU_TEXT segments per REQ_SEQ; `text`
 * gives the complete text of a request, or null while a segment is missing (the unit then answers
 * "text incomplete").
 */
export class TextRequestAssembler {
  private readonly requests = new Map<number, { count: number; parts: Map<number, Uint8Array> }>();

  take(s: Readonly<Record<string, number>>): void {
    const seq = s.TXR_REQ_SEQ ?? 0;
    const count = s.TXR_SEGS ?? 0;
    let request = this.requests.get(seq);
    // A new count for the same REQ_SEQ is a new request (the counter wrapped): start again.
    if (!request || request.count !== count) {
      request = { count, parts: new Map() };
      this.requests.set(seq, request);
    }
    request.parts.set(s.TXR_SEG ?? 0, payloadOf('TXR_BYTE_', s));
  }

  /** The text of request `reqSeq`, once all its segments are in (and forgets it); else null. */
  text(reqSeq: number): string | null {
    const request = this.requests.get(reqSeq);
    if (!request || request.count === 0) return null;
    const bytes = new Uint8Array(request.count * SEGMENT_BYTES);
    for (let i = 0; i < request.count; i++) {
      const part = request.parts.get(i);
      if (!part) return null;
      bytes.set(part, i * SEGMENT_BYTES);
    }
    this.requests.delete(reqSeq);
    // The last segment is padded with 0: a text has no NUL (validation refuses one).
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return decodeUtf8(bytes.subarray(0, end));
  }
}
