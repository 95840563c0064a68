/**
 * MOST control messages and the SocketMost socket protocol.
 *
 * Addresses are FBlockID.InstID.FktID.OPType with the public FBlock ids below. BMW's telematics and
 * ring-diagnosis details are not public: the ids marked PROJECT-DEFINED are this project's own.
 *
 * The socket protocol is the JSON that the `socketmost` daemon (a MOST25 driver for OS8104 hardware)
 * exchanges over a Unix datagram socket: events `newMessage`, `locked`, `unlocked`,
 * `positionUpdate`, `masterFound`, `messageSent`; commands `sendControlMessage`, `getNodePosition`,
 * `getMaster`, `allocate`. Field names follow the daemon's event names; check them against the
 * daemon version you run (see docs/bridge-protocol.md). Every incoming datagram is validated here.
 */
import * as v from 'valibot';
import type { MostNode } from '../../src/bridge/signals.js';

export const FBLOCK = {
  NetBlock: 0x01,
  NetworkMaster: 0x02,
  ConnectionMaster: 0x03,
  Diagnosis: 0x06,
  HMI: 0x10,
  Amplifier: 0x22,
  MicrophoneInput: 0x26,
  AudioDiskPlayer: 0x31,
  AmFmTuner: 0x40,
  Sdars: 0x44,
  Telephone: 0x50,
  PhoneBook: 0x51,
  /** PROJECT-DEFINED (proprietary FBlock range 0xF0–0xFE): the telematics unit's eCall function. */
  SosTelematics: 0xf5,
} as const;

export const OPTYPE = { Set: 0x0, Get: 0x1, Start: 0x2, Status: 0xc, Error: 0xf } as const;

/** FktIDs: public NetBlock ones, and PROJECT-DEFINED ones for ring diagnosis and bypass. */
export const FKT = {
  FktIDs: 0x000,
  Notification: 0x001,
  FBlockInfo: 0x011,
  /** PROJECT-DEFINED on Diagnosis: ring-break diagnosis result, data [position of the first dark input]. */
  RingBreakResult: 0xc01,
  /** PROJECT-DEFINED on NetworkMaster: bypass, data [position, 1 = bypassed / 0 = back in the ring]. */
  Bypass: 0xc10,
} as const;

/** The FBlock each ring unit is identified by (its main function). */
export const NODE_FBLOCK: Readonly<Record<MostNode, number>> = {
  'head-unit': FBLOCK.HMI,
  amplifier: FBLOCK.Amplifier,
  telematics: FBLOCK.Telephone,
  'satellite-radio': FBLOCK.Sdars,
  'hands-free': FBLOCK.MicrophoneInput,
};

export function formatAddress(fBlockID: number, instanceID: number, fktID: number, opType: number): string {
  const h = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
  return `${h(fBlockID, 2)}.${h(instanceID, 2)}.${h(fktID, 3)}.${opType}`;
}

const byte = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(255));
const small = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff));

/** Events from the daemon (or the simulated ring). */
export const SocketMostEventSchema = v.variant('eventType', [
  v.object({
    eventType: v.literal('newMessage'),
    fBlockID: byte,
    instanceID: byte,
    fktID: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xfff)),
    opType: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xf)),
    data: v.pipe(v.array(byte), v.maxLength(4096)),
    sourceAddrHigh: v.optional(byte),
    sourceAddrLow: v.optional(byte),
  }),
  v.object({ eventType: v.literal('locked') }),
  v.object({ eventType: v.literal('unlocked') }),
  v.object({ eventType: v.literal('positionUpdate'), nodePosition: small, maxPosition: small }),
  v.object({ eventType: v.literal('masterFound'), nodePosition: v.optional(small) }),
  v.object({ eventType: v.literal('messageSent') }),
]);
export type SocketMostEvent = v.InferOutput<typeof SocketMostEventSchema>;

/** Commands to the daemon. */
export const SocketMostCommandSchema = v.variant('eventType', [
  v.object({
    eventType: v.literal('sendControlMessage'),
    targetAddressHigh: byte,
    targetAddressLow: byte,
    fBlockID: byte,
    instanceID: byte,
    fktId: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xfff)),
    opType: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xf)),
    data: v.pipe(v.array(byte), v.maxLength(4096)),
  }),
  v.object({ eventType: v.literal('getNodePosition') }),
  v.object({ eventType: v.literal('getMaster') }),
  v.object({ eventType: v.literal('allocate') }),
]);
export type SocketMostCommand = v.InferOutput<typeof SocketMostCommandSchema>;

export function parseSocketMostEvent(
  text: string,
): { ok: true; event: SocketMostEvent } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'socketmost: not JSON' };
  }
  const result = v.safeParse(SocketMostEventSchema, raw);
  return result.success
    ? { ok: true, event: result.output }
    : { ok: false, error: `socketmost: ${result.issues[0].message}` };
}

export function parseSocketMostCommand(
  text: string,
): { ok: true; command: SocketMostCommand } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'socketmost: not JSON' };
  }
  const result = v.safeParse(SocketMostCommandSchema, raw);
  return result.success
    ? { ok: true, command: result.output }
    : { ok: false, error: `socketmost: ${result.issues[0].message}` };
}

/** One end of a datagram link carrying the JSON text of the socket protocol. */
export interface MostTransport {
  send(text: string): void;
  onMessage(listener: (text: string) => void): () => void;
  onState(listener: (state: 'up' | 'down', why?: string) => void): () => void;
  close(): void;
}

/** Two connected in-memory ends (the simulated ring on one, the client on the other). */
export function createMemoryMostLink(): { client: MostTransport; daemon: MostTransport } {
  const make = () => ({ listeners: new Set<(text: string) => void>(), closed: false });
  const a = make();
  const b = make();
  const end = (self: typeof a, peer: typeof a): MostTransport => ({
    send: (text) => {
      if (self.closed || peer.closed) return;
      for (const l of [...peer.listeners]) l(text);
    },
    onMessage: (listener) => {
      self.listeners.add(listener);
      return () => self.listeners.delete(listener);
    },
    onState: (listener) => {
      listener('up');
      return () => {};
    },
    close: () => {
      self.closed = true;
    },
  });
  return { client: end(a, b), daemon: end(b, a) };
}
