/**
 * A CAN frame as the gateway handles it: classic, remote, CAN FD or error frame. Timestamps are
 * integer microseconds (`bigint`) so a recorded `candump -L` time survives exactly.
 */
export interface CanFrame {
  /** 11-bit or 29-bit identifier (without flag bits). For error frames: the error class bits. */
  readonly id: number;
  readonly extended: boolean;
  readonly remote: boolean;
  readonly fd: boolean;
  readonly error: boolean;
  readonly data: Uint8Array;
  /** Remote frames: the requested length. */
  readonly dlc?: number;
  /** CAN FD flags nibble (BRS = 1, ESI = 2). */
  readonly fdFlags?: number;
  /** Time in µs since the Unix epoch (recorded or received). */
  readonly timestampUs?: bigint;
  readonly iface?: string;
  /** candump's optional direction mark: R received, T transmitted. */
  readonly direction?: 'R' | 'T';
}

/** Builds a classic data frame. */
export function dataFrame(id: number, data: readonly number[] | Uint8Array, extended = id > 0x7ff): CanFrame {
  return { id, extended, remote: false, fd: false, error: false, data: Uint8Array.from(data) };
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** The frame in cansend / candump `-L` notation (`12F#00000A0000000000`). */
export function formatFrame(frame: CanFrame): string {
  const id = frame.error
    ? hex((frame.id | 0x20000000) >>> 0, 8)
    : frame.extended
      ? hex(frame.id, 8)
      : hex(frame.id, 3);
  const bytes = [...frame.data].map((b) => hex(b, 2)).join('');
  if (frame.remote) return `${id}#R${frame.dlc !== undefined && frame.dlc > 0 ? frame.dlc : ''}`;
  if (frame.fd) return `${id}##${hex(frame.fdFlags ?? 0, 1)}${bytes}`;
  return `${id}#${bytes}`;
}

/** `(seconds.micros) iface frame`, exactly as candump -L writes it. */
export function formatLogLine(frame: CanFrame, iface = frame.iface ?? 'can0'): string {
  const us = frame.timestampUs ?? 0n;
  const secs = us / 1_000_000n;
  const micros = (us % 1_000_000n).toString().padStart(6, '0');
  return `(${secs}.${micros}) ${iface} ${formatFrame(frame)}`;
}
