/**
 * Parser for can-utils' `candump -L` log format: `(<seconds>.<micros>) <iface> <frame> [R|T]`.
 * Frames: `<id>#<data>` (3-digit 11-bit or 8-digit 29-bit id, 0–8 bytes, `.` separators allowed),
 * `<id>#R[len]` remote, `<id>##<flags><data>` CAN FD (≤ 64 bytes), 8-digit ids with the error flag
 * (0x20000000) are error frames. A bad line is reported with its number and skipped — never a crash.
 */
import type { CanFrame } from './frame.js';

export interface CandumpError {
  readonly line: number;
  readonly message: string;
  readonly text: string;
}

export interface CandumpLog {
  readonly frames: CanFrame[];
  readonly errors: CandumpError[];
}

const LINE = /^\((\d{1,12})\.(\d{6})\)\s+(\S+)\s+(\S+)(?:\s+([RT]))?\s*$/;
const FD_LENGTHS = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64]);
const CAN_ERR_FLAG = 0x20000000;
const CAN_EFF_MASK = 0x1fffffff;

export type FrameParse = { ok: true; frame: CanFrame } | { ok: false; error: string };

/** Parses one `cansend`-style frame (`12F#0011`, `1F334455#R`, `123##1DEADBEEF`). */
export function parseFrame(text: string): FrameParse {
  const m = /^([0-9A-Fa-f]+)(##?)(.*)$/.exec(text);
  if (!m) return { ok: false, error: 'expected <id>#<data>' };
  const [, idText, sep, rest] = m as unknown as [string, string, string, string];
  if (idText.length !== 3 && idText.length !== 8) {
    return { ok: false, error: `id must have 3 (11-bit) or 8 (29-bit) hex digits, got "${idText}"` };
  }
  const rawId = Number.parseInt(idText, 16);
  const extended = idText.length === 8;
  if (!extended && rawId > 0x7ff) return { ok: false, error: `11-bit id out of range: ${idText}` };
  const error = extended && (rawId & CAN_ERR_FLAG) !== 0;
  if (extended && !error && rawId > CAN_EFF_MASK)
    return { ok: false, error: `29-bit id out of range: ${idText}` };
  const id = error ? rawId & CAN_EFF_MASK & ~CAN_ERR_FLAG : rawId;

  if (sep === '##') {
    const fd = /^([0-9A-Fa-f])([0-9A-Fa-f.]*)$/.exec(rest);
    if (!fd) return { ok: false, error: 'CAN FD frame needs a flags digit after ##' };
    const data = bytes(fd[2]!);
    if (!data.ok) return data;
    if (!FD_LENGTHS.has(data.value.length))
      return { ok: false, error: `invalid CAN FD length ${data.value.length}` };
    return {
      ok: true,
      frame: {
        id,
        extended,
        remote: false,
        fd: true,
        error,
        data: data.value,
        fdFlags: Number.parseInt(fd[1]!, 16),
      },
    };
  }
  if (rest.startsWith('R') || rest.startsWith('r')) {
    const len = rest.slice(1);
    if (len !== '' && !/^[0-8]$/.test(len))
      return { ok: false, error: `remote frame length must be 0–8, got "${len}"` };
    return {
      ok: true,
      frame: {
        id,
        extended,
        remote: true,
        fd: false,
        error,
        data: new Uint8Array(0),
        dlc: len === '' ? 0 : Number(len),
      },
    };
  }
  // Optional `_<dlc>` suffix (len8_dlc, DLC 9–F on an 8-byte frame).
  const classic = /^([0-9A-Fa-f.]*?)(?:_([9A-Fa-f]))?$/.exec(rest);
  if (!classic) return { ok: false, error: 'bad data' };
  const data = bytes(classic[1]!);
  if (!data.ok) return data;
  if (data.value.length > 8)
    return { ok: false, error: `classic CAN carries at most 8 bytes, got ${data.value.length}` };
  return { ok: true, frame: { id, extended, remote: false, fd: false, error, data: data.value } };
}

function bytes(text: string): { ok: true; value: Uint8Array } | { ok: false; error: string } {
  const clean = text.replaceAll('.', '');
  if (!/^[0-9A-Fa-f]*$/.test(clean)) return { ok: false, error: `data is not hex: "${text}"` };
  if (clean.length % 2 !== 0) return { ok: false, error: `odd number of hex digits in data "${text}"` };
  if (clean.length > 128) return { ok: false, error: 'more than 64 data bytes' };
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, value: out };
}

/** Parses one log line; `null` for blank lines and `#` comments. */
export function parseLogLine(text: string): FrameParse | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  const m = LINE.exec(trimmed);
  if (!m) return { ok: false, error: 'expected "(seconds.micros) iface frame"' };
  const [, secs, micros, iface, frameText, direction] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  const parsed = parseFrame(frameText);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    frame: {
      ...parsed.frame,
      timestampUs: BigInt(secs) * 1_000_000n + BigInt(micros),
      iface,
      ...(direction ? { direction: direction as 'R' | 'T' } : {}),
    },
  };
}

/** Parses a whole `candump -L` log. Never throws; bad lines land in `errors` with their number. */
export function parseCandumpLog(text: string): CandumpLog {
  const frames: CanFrame[] = [];
  const errors: CandumpError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const result = parseLogLine(line);
    if (result === null) continue;
    if (result.ok) frames.push(result.frame);
    else errors.push({ line: i + 1, message: `line ${i + 1}: ${result.error}`, text: line.slice(0, 120) });
  }
  return { frames, errors };
}
