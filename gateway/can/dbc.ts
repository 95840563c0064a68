/**
 * The project's CAN database (`dbc/sos-hmi.dbc`) through `candied`: candied parses the DBC and
 * decodes frames. candied 2.2's encoder does not write signal values back into the payload, so
 * `encode` packs the bits itself from the signal definitions candied parsed (start bit, length,
 * byte order, factor, offset) — the layout still comes from the DBC, never from code.
 *
 * candied pitfalls met here: big-endian (Motorola, `@0`) signals are decoded here too, because candied
 * 2.2 takes their start bit for the LSB where the DBC convention makes it the MSB; a factor in E-notation (`8.38E-008`) makes it drop the signal
 * silently (the DBC writes factors in plain decimals), and `;` inside a comment string confuses it.
 */
import { Can, Dbc } from 'candied';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataFrame, type CanFrame } from './frame.js';

type DbcData = ReturnType<Dbc['load']>;
type DbcMessage = DbcData['messages'] extends Map<string, infer M> ? M : never;
type DbcSignal = DbcMessage['signals'] extends Map<string, infer S> ? S : never;

/** DBC ids of extended frames carry bit 31. */
const DBC_EXTENDED = 0x80000000;

export const DEFAULT_DBC_PATH = fileURLToPath(new URL('../../dbc/sos-hmi.dbc', import.meta.url));

export interface DecodedMessage {
  readonly name: string;
  readonly id: number;
  /** Physical values (factor and offset applied). */
  readonly signals: Readonly<Record<string, number>>;
}

export class DbcCodec {
  private readonly can = new Can();
  private readonly byName = new Map<string, DbcMessage>();
  private readonly data: DbcData;

  constructor(text: string) {
    const dbc = new Dbc();
    this.data = dbc.load(text);
    this.can.database = this.data;
    for (const message of this.data.messages.values()) this.byName.set(message.name, message);
  }

  static fromFile(path = DEFAULT_DBC_PATH): DbcCodec {
    return new DbcCodec(readFileSync(path, 'utf8'));
  }

  get messageNames(): string[] {
    return [...this.byName.keys()];
  }

  /** Message definition by name (id, dlc, signals) for tests and docs. */
  message(
    name: string,
  ): { id: number; dlc: number; signals: string[]; cycleMs: number | null; comment: string } | undefined {
    const m = this.byName.get(name);
    if (!m) return undefined;
    const cycle = m.attributes?.get('GenMsgCycleTime')?.value;
    return {
      id: m.id & ~DBC_EXTENDED,
      dlc: m.dlc,
      signals: [...m.signals.keys()],
      cycleMs: cycle !== undefined && Number(cycle) > 0 ? Number(cycle) : null,
      comment: m.description ?? '',
    };
  }

  /** Decodes a data frame; undefined for unknown ids, wrong lengths, remote/error/FD frames. */
  decode(frame: CanFrame): DecodedMessage | undefined {
    if (frame.remote || frame.error || frame.fd) return undefined;
    const id = frame.extended ? (frame.id | DBC_EXTENDED) >>> 0 : frame.id;
    if (frame.data.length === 0) return undefined;
    const bound = this.can.decode(this.can.createFrame(id, [...frame.data], frame.extended));
    if (!bound) return undefined;
    const signals: Record<string, number> = {};
    for (const [name, signal] of bound.boundSignals) {
      const def = signal.boundData.signal;
      // candied 2.2 reads a Motorola start bit as the LSB; the DBC convention (and cantools) is the MSB.
      signals[name] = def.endian === 'Motorola' ? unpackMotorola(frame.data, def) : signal.value;
    }
    return { name: bound.name, id: frame.id, signals };
  }

  /** Encodes a message by name; signals not given are 0 (raw). Values are physical. */
  encode(name: string, values: Readonly<Record<string, number>>): CanFrame {
    const message = this.byName.get(name);
    if (!message) throw new Error(`DBC has no message ${name}`);
    const payload = new Uint8Array(message.dlc);
    for (const [signalName, value] of Object.entries(values)) {
      const signal = message.signals.get(signalName);
      if (!signal) throw new Error(`${name} has no signal ${signalName}`);
      packSignal(payload, signal, value);
    }
    const extended = (message.id & DBC_EXTENDED) !== 0;
    return dataFrame((message.id & ~DBC_EXTENDED) >>> 0, payload, extended);
  }
}

function packSignal(payload: Uint8Array, signal: DbcSignal, physical: number): void {
  const length = signal.length;
  const raw = Math.round((physical - signal.offset) / signal.factor);
  const min = signal.signed ? -(2 ** (length - 1)) : 0;
  const max = signal.signed ? 2 ** (length - 1) - 1 : 2 ** length - 1;
  if (raw < min || raw > max) throw new RangeError(`${signal.name}: ${physical} does not fit ${length} bits`);
  let bits = BigInt(raw);
  if (bits < 0n) bits += 1n << BigInt(length);
  if (signal.endian === 'Intel') {
    for (let i = 0; i < length; i++) setBit(payload, signal.startBit + i, (bits >> BigInt(i)) & 1n);
  } else {
    // Motorola: the DBC start bit is the MSB; walk the sawtooth bit numbering towards the LSB.
    let pos = signal.startBit;
    for (let i = length - 1; i >= 0; i--) {
      setBit(payload, pos, (bits >> BigInt(i)) & 1n);
      pos = pos % 8 === 0 ? pos + 15 : pos - 1;
    }
  }
}

function unpackMotorola(payload: Uint8Array, signal: DbcSignal): number {
  let bits = 0n;
  let pos = signal.startBit;
  for (let i = 0; i < signal.length; i++) {
    const byte = pos >> 3;
    const bit = byte < payload.length ? (payload[byte]! >> (pos & 7)) & 1 : 0;
    bits = (bits << 1n) | BigInt(bit);
    pos = pos % 8 === 0 ? pos + 15 : pos - 1;
  }
  if (signal.signed && bits & (1n << BigInt(signal.length - 1))) bits -= 1n << BigInt(signal.length);
  return Number(bits) * signal.factor + signal.offset;
}

function setBit(payload: Uint8Array, pos: number, bit: bigint): void {
  const byte = pos >> 3;
  if (byte >= payload.length) throw new RangeError(`bit ${pos} is outside a ${payload.length}-byte frame`);
  if (bit) payload[byte]! |= 1 << (pos & 7);
  else payload[byte]! &= ~(1 << (pos & 7));
}
