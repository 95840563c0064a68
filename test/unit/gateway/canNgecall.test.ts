/**
 * CAN for NG-eCall, the text conversation and post-crash guidance (`dbc/sos-hmi.dbc`,
 * `gateway/can/*`): the fourth session part, the network eCall service, the hazard lights and their
 * request, the vehicle configuration, and the segmented text transport both ways — encoded as the unit
 * or body sends it, decoded back exactly, in any order, never torn.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CanVehicle } from '../../../gateway/can/canVehicle.js';
import { DbcCodec } from '../../../gateway/can/dbc.js';
import { formatFrame, type CanFrame } from '../../../gateway/can/frame.js';
import { encodeSessionFrames } from '../../../gateway/can/sessionFrames.js';
import {
  ConversationAssembler,
  crc8,
  encodeConversationFrames,
  encodeLineFrames,
  SEGMENT_BYTES,
  TextRequestAssembler,
} from '../../../gateway/can/textFrames.js';
import { MemoryCanBus } from '../../../gateway/can/transports.js';
import type { SourceOutput } from '../../../gateway/sources/source.js';
import {
  MAX_CONVERSATION_LINES,
  NO_CALL_SESSION,
  PRESET_PHRASES,
  type CallSessionSignal,
  type ConversationLine,
  type ConversationSignal,
  type VehicleSignal,
} from '../../../src/bridge/signals.js';
import { validateSignal } from '../../../src/bridge/validation.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { centreLine } from '../helpers/conversationLines.js';

const codec = DbcCodec.fromFile();
const T = 1_780_000_000_000;

async function setup() {
  const clock = new SimulatedClock(T);
  const bus = new MemoryCanBus();
  const logs: string[] = [];
  const vehicle = new CanVehicle({
    transport: bus,
    codec,
    clock,
    answerWaitMs: 300,
    log: (m) => logs.push(m),
  });
  const out: SourceOutput[] = [];
  vehicle.onOutput((o) => out.push(o));
  await vehicle.start();
  const signals = (): VehicleSignal[] => out.flatMap((o) => (o.kind === 'signal' ? [o.signal] : []));
  const of = <K extends VehicleSignal['type']>(type: K) =>
    signals().filter((s): s is Extract<VehicleSignal, { type: K }> => s.type === type);
  return { clock, bus, vehicle, signals, of, logs };
}

const CONV: ConversationSignal = {
  type: 'conversation',
  ts: T,
  seq: 7,
  lines: [
    centreLine(1, T - 20_000, 'Emergency centre. Are you injured? Answer here if you cannot speak.'),
    { id: 2, from: 'occupants', at: T - 15_000, phrase: 'injured', text: null, delivery: 'delivered' },
    {
      id: 5,
      from: 'occupants',
      at: T - 3000,
      phrase: null,
      text: 'Zwei Verletzte – Fahrer eingeklemmt 🚑',
      delivery: 'sending',
    },
  ],
};

describe('CAN: the session report’s fourth part (EN 17184 transport, updated data)', () => {
  it('an NG-eCall report round-trips through four parts; an older unit’s three parts read as null', async () => {
    const { bus, of } = await setup();
    const session: CallSessionSignal = {
      type: 'callSession',
      ts: T,
      seq: 40,
      ...NO_CALL_SESSION,
      phase: 'voice',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: T - 60_000,
      voiceSince: T - 50_000,
      msd: 'ackPositive',
      transport: 'ngECall',
      msdUpdatedAt: T - 9000,
    };
    const frames = encodeSessionFrames(codec, session, 1);
    assert.deepEqual(
      frames.map((f) => f.id),
      [0x5e7, 0x5e8, 0x5e9, 0x5eb],
    );
    frames.slice(0, 3).forEach((f) => bus.inject(f));
    assert.equal(of('callSession').length, 0, 'part 1 says part 4 belongs: not without it');
    bus.inject(frames[3]!);
    assert.deepEqual(of('callSession').at(-1), session);
    // An older unit: three parts, SESS_PART4 = 0, nothing to wait for.
    const older = { ...session, seq: 41, transport: null, msdUpdatedAt: null };
    const legacy = encodeSessionFrames(codec, older, 2, T, { legacy: true });
    assert.equal(legacy.length, 3);
    legacy.forEach((f) => bus.inject(f));
    assert.deepEqual(of('callSession').at(-1), older);
    assert.throws(() => encodeSessionFrames(codec, session, 3, T, { legacy: true }), /older unit/);
    // Part 4 of another seq never completes a report.
    const plain = { ...session, seq: 42, transport: 'plain112' as const, msdUpdatedAt: null };
    const p = encodeSessionFrames(codec, plain, 4);
    const other = encodeSessionFrames(codec, { ...plain, seq: 43 }, 5);
    [p[0]!, p[1]!, p[2]!].forEach((f) => bus.inject(f));
    bus.inject(other[3]!);
    assert.equal(of('callSession').length, 2, 'a torn set is never published');
    const again = encodeSessionFrames(codec, plain, 6); // the next cycle: a new alive counter
    [again[3]!, again[0]!, again[1]!, again[2]!].forEach((f) => bus.inject(f));
    assert.deepEqual(of('callSession').at(-1), plain);
  });
});

describe('CAN: the network eCall service, the hazard lights, the vehicle configuration', () => {
  it('TEL_STATUS CELL_ECALL → cellular.ecall; 0 (an older unit) says nothing', async () => {
    const { bus, of } = await setup();
    [0, 1, 2, 3].forEach((code, k) =>
      bus.inject(codec.encode('TEL_STATUS', { CELL_REG: 1, CELL_BARS: 3, ALIV_TEL: k, CELL_ECALL: code })),
    );
    assert.deepEqual(
      of('cellular').map((c) => c.ecall),
      [undefined, 'ngECall', 'eCall', 'none'],
    );
    for (const c of of('cellular')) assert.ok(validateSignal(c).ok);
  });

  it('BDC_HAZARD → hazardLights; invalid says nothing; a frozen counter is ignored', async () => {
    const { bus, of } = await setup();
    const hazard = (st: number, alive: number) =>
      bus.inject(codec.encode('BDC_HAZARD', { ST_HAZARD: st, ALIV_HAZARD: alive }));
    hazard(0, 0);
    hazard(1, 1);
    hazard(1, 1); // the same counter: a frozen body controller
    hazard(3, 2); // invalid
    hazard(2, 3); // reserved
    hazard(0, 4);
    assert.deepEqual(
      of('hazardLights').map((h) => h.on),
      [false, true, false],
    );
    assert.equal(codec.message('BDC_HAZARD')?.cycleMs, 500);
  });

  it('VEH_CONFIG → vehicleConfig; not coded or a code the gateway does not know is unknown (null), logged', async () => {
    const { bus, of, logs } = await setup();
    const config = (p: number, d: number) =>
      bus.inject(codec.encode('VEH_CONFIG', { CFG_POWERTRAIN: p, CFG_DOOR_RELEASE: d }));
    config(3, 3);
    config(1, 1);
    config(2, 2);
    config(0, 0);
    config(6, 5);
    config(6, 5); // the same coding again (every 5 s): logged once
    assert.deepEqual(
      of('vehicleConfig').map((c) => [c.powertrain, c.doorRelease]),
      [
        ['electric', 'cableInDoorPocket'],
        ['combustion', 'innerHandle'],
        ['hybrid', 'leverBesideWindowSwitch'],
        [null, null],
        [null, null],
        [null, null],
      ],
    );
    assert.equal(logs.filter((l) => l.includes('VEH_CONFIG: unknown')).length, 2);
    assert.equal(codec.message('VEH_CONFIG')?.cycleMs, null, 'static: never stale');
  });
});

describe('CAN: the text conversation (TEL_CONV, TEL_CONV_LINE, TEL_TEXT)', () => {
  it('round-trips exactly: segmented UTF-8 (umlauts, dashes, emoji), phrases, deliveries, times', async () => {
    const { bus, of } = await setup();
    const frames = encodeConversationFrames(codec, CONV);
    assert.equal(frames[0]!.id, 0x5ec);
    const text = CONV.lines[2]!.text!;
    const segmentsOfLast = Math.ceil(new TextEncoder().encode(text).length / SEGMENT_BYTES);
    assert.equal(frames.filter((f) => f.id === 0x5ee).length > segmentsOfLast, true);
    frames.forEach((f) => bus.inject(f));
    assert.deepEqual(of('conversation'), [CONV]);
    assert.ok(validateSignal(CONV).ok);
  });

  it('any order, any frames in between: the same conversation; nothing until the last segment is in', () => {
    const frames = encodeConversationFrames(codec, CONV);
    // A fixed shuffle: lines before their header, segments backwards, the header last but one.
    const order = [...frames.keys()].sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13) || b - a);
    const assembler = new ConversationAssembler();
    const results = order.map((i) => {
      const d = codec.decode(frames[i]!)!;
      return assembler.take(d.name, d.signals, T);
    });
    const done = results.flatMap((r) => (r && 'conversation' in r ? [r.conversation] : []));
    assert.deepEqual(done, [CONV], 'once, when complete');
    assert.ok(results.slice(0, -1).every((r) => r === null || 'conversation' in r));
  });

  it('a missing segment holds the whole version back; it is published when the segment arrives', async () => {
    const { bus, of } = await setup();
    const frames = encodeConversationFrames(codec, CONV);
    const lastText = frames.map((f) => f.id).lastIndexOf(0x5ee);
    frames.forEach((f, i) => i !== lastText && bus.inject(f));
    assert.equal(of('conversation').length, 0, 'never a line without its whole text');
    bus.inject(frames[lastText]!);
    assert.deepEqual(of('conversation'), [CONV]);
  });

  it('cyclic repeats are published again with the times first decoded; a new version replaces the lines', async () => {
    const { bus, of, clock } = await setup();
    encodeConversationFrames(codec, CONV).forEach((f) => bus.inject(f));
    clock.advance(1700);
    // The repeat: header and lines (the line times now 1.7 s further back), texts left out.
    encodeConversationFrames(codec, { ...CONV, ts: clock.now() }, clock.now(), { texts: false }).forEach(
      (f) => bus.inject(f),
    );
    const got = of('conversation');
    assert.equal(got.length, 2);
    assert.deepEqual(got[1], { ...CONV, ts: clock.now() }, 'the same lines, the same times');
    // A new version: the typed line delivered, one more centre line (whose text is sent once).
    const next: ConversationSignal = {
      ...CONV,
      ts: clock.now(),
      seq: 8,
      lines: [
        ...CONV.lines.slice(0, 2),
        { ...CONV.lines[2]!, delivery: 'delivered' },
        centreLine(6, clock.now(), 'OK.'),
      ],
    };
    const nextFrames = encodeConversationFrames(codec, next);
    // Old texts are not sent again: the line's text is kept by its id.
    const texts = new Set(encodeLineFrames(codec, 8, next.lines[3]!, clock.now()).map(formatFrame));
    nextFrames.filter((f) => f.id !== 0x5ee || texts.has(formatFrame(f))).forEach((f) => bus.inject(f));
    assert.deepEqual(of('conversation').at(-1), next);
    // The session ends: emptied.
    encodeConversationFrames(codec, { ...next, seq: 9, lines: [] }).forEach((f) => bus.inject(f));
    assert.deepEqual(of('conversation').at(-1)?.lines, []);
  });

  it('a text left over from an earlier session (ids restart) never completes a new line: the CRC tells', () => {
    const assembler = new ConversationAssembler();
    const feed = (frames: CanFrame[]) =>
      frames.map((f) => codec.decode(f)!).map((d) => assembler.take(d.name, d.signals, T));
    const before = { ...CONV, seq: 1, lines: [centreLine(1, T, 'Old session, first line.')] };
    assert.ok(feed(encodeConversationFrames(codec, before)).some((r) => r && 'conversation' in r));
    // A new session's line 1, same length, other text: its header and line arrive, its text not yet.
    const after = { ...CONV, seq: 2, lines: [centreLine(1, T, 'New session, first line.')] };
    assert.equal(
      crc8(new TextEncoder().encode('Old session, first line.')) !==
        crc8(new TextEncoder().encode('New session, first line.')),
      true,
    );
    const frames = encodeConversationFrames(codec, after);
    const noText = feed(frames.filter((f) => f.id !== 0x5ee));
    assert.ok(
      noText.every((r) => r === null),
      'the old segments never pass for the new text',
    );
    const withText = feed(frames.filter((f) => f.id === 0x5ee));
    assert.deepEqual(
      withText.flatMap((r) => (r && 'conversation' in r ? [r.conversation] : [])),
      [after],
    );
  });

  it('a bad version is refused whole (logged), the next good one taken: not UTF-8, more lines than said, a bad line', async () => {
    const { bus, of, logs } = await setup();
    // Not UTF-8: a segment with a lone continuation byte (and the CRC of those bytes).
    const bytes = Uint8Array.from([0x80, 0x41, 0x42]);
    bus.inject(codec.encode('TEL_CONV', { CONV_SEQ: 20, CONV_LINES: 1 }));
    bus.inject(
      codec.encode('TEL_TEXT', {
        TXT_LINE_ID: 1,
        TXT_SEG: 0,
        TXT_BYTE_1: 0x80,
        TXT_BYTE_2: 0x41,
        TXT_BYTE_3: 0x42,
      }),
    );
    bus.inject(
      codec.encode('TEL_CONV_LINE', {
        LINE_CONV_SEQ: 20,
        LINE_ID: 1,
        LINE_DELIVERY: 2,
        LINE_TEXT_BYTES: 3,
        LINE_TEXT_CRC: crc8(bytes),
      }),
    );
    // More lines than the header says (three lines of the version, then its header saying two).
    const three = encodeConversationFrames(codec, { ...CONV, seq: 21 });
    three.slice(1).forEach((f) => bus.inject(f));
    bus.inject(codec.encode('TEL_CONV', { CONV_SEQ: 21, CONV_LINES: 2 }));
    // A phrase from the centre (the contract refuses it).
    bus.inject(codec.encode('TEL_CONV', { CONV_SEQ: 22, CONV_LINES: 1 }));
    bus.inject(
      codec.encode('TEL_CONV_LINE', {
        LINE_CONV_SEQ: 22,
        LINE_ID: 1,
        LINE_FROM: 0,
        LINE_DELIVERY: 2,
        LINE_PHRASE: 3,
      }),
    );
    assert.equal(of('conversation').length, 0);
    assert.deepEqual(
      logs.map((l) => l.replace(/^\[gateway\] /, '').split(':')[0]),
      ['TEL_TEXT line 1', 'TEL_CONV 21', 'TEL_CONV 22'],
    );
    encodeConversationFrames(codec, { ...CONV, seq: 23 }).forEach((f) => bus.inject(f));
    assert.deepEqual(of('conversation'), [{ ...CONV, seq: 23 }]);
  });

  it('the largest conversation: 40 lines of 160 four-byte characters (128 segments each)', () => {
    const lines: ConversationLine[] = Array.from({ length: MAX_CONVERSATION_LINES }, (_, i) =>
      i % 2 === 0
        ? centreLine(i + 1, T - 1000 * (40 - i), '🚑'.repeat(160))
        : {
            id: i + 1,
            from: 'occupants',
            at: T - 1000 * (40 - i),
            phrase: PRESET_PHRASES[i % 7]!,
            text: null,
            delivery: 'sent',
          },
    );
    const big: ConversationSignal = { type: 'conversation', ts: T, seq: 65535, lines };
    const assembler = new ConversationAssembler();
    const frames = encodeConversationFrames(codec, big);
    assert.equal(frames.filter((f) => f.id === 0x5ee).length, 20 * 128);
    const out = frames.map((f) => codec.decode(f)!).map((d) => assembler.take(d.name, d.signals, T));
    assert.deepEqual(out.at(-1), { conversation: big });
  });
});

describe('CAN: the head unit’s requests (TEL_CALL_REQ, HU_TEXT)', () => {
  /** A telematics unit on the bus: collects HU_TEXT, answers every TEL_CALL_REQ. */
  function unit(bus: MemoryCanBus) {
    const texts = new TextRequestAssembler();
    const got: { code: number; text: string | null }[] = [];
    bus.onSent((f) => {
      const d = codec.decode(f);
      if (d?.name === 'HU_TEXT') texts.take(d.signals);
      if (d?.name !== 'TEL_CALL_REQ') return;
      const code = d.signals.CALL_REQ!;
      const seq = d.signals.REQ_SEQ!;
      const text = code === 9 ? texts.text(seq) : null;
      got.push({ code, text });
      // 8: text incomplete.
      const result = code === 9 && text === null ? 8 : 0;
      bus.inject(codec.encode('TEL_CALL_RSP', { RSP_REQ_SEQ: seq, REQ_RESULT: result }));
    });
    return got;
  }

  it('hazard lights on / off are CALL_REQ 7 / 8; a preset phrase its own code 10–16', async () => {
    const { bus, vehicle } = await setup();
    const got = unit(bus);
    assert.deepEqual(await vehicle.command({ type: 'setHazardLights', on: true }), { ok: true });
    assert.deepEqual(await vehicle.command({ type: 'setHazardLights', on: false }), { ok: true });
    for (const phrase of PRESET_PHRASES)
      assert.deepEqual(await vehicle.command({ type: 'sendText', phrase, text: null }), { ok: true });
    assert.deepEqual(
      got.map((g) => g.code),
      [7, 8, 10, 11, 12, 13, 14, 15, 16],
    );
    assert.ok(
      bus.sent.every((f) => f.id === 0x5e4),
      'a phrase needs no text frames',
    );
    assert.equal(
      vehicle.handles({ type: 'speak', text: 'x', lang: null }),
      false,
      'speech is the head unit’s own',
    );
    assert.deepEqual(await vehicle.command({ type: 'speak', text: 'x', lang: null }), {
      ok: false,
      error: 'not supported on CAN',
    });
  });

  it('a typed line: HU_TEXT segments with the REQ_SEQ, then CALL_REQ 9; the unit reads it back exactly', async () => {
    const { bus, vehicle } = await setup();
    const got = unit(bus);
    const text = 'Zwei Verletzte, Fahrer eingeklemmt – bitte schnell! 🚑 中文';
    assert.deepEqual(await vehicle.command({ type: 'sendText', phrase: null, text }), { ok: true });
    const ids = bus.sent.map((f) => f.id);
    const segments = Math.ceil(new TextEncoder().encode(text).length / SEGMENT_BYTES);
    assert.deepEqual(
      ids,
      [...Array<number>(segments).fill(0x5ef), 0x5e4],
      'the text first, the request last',
    );
    assert.deepEqual(got, [{ code: 9, text }]);
    const longest = '€'.repeat(160);
    assert.deepEqual(await vehicle.command({ type: 'sendText', phrase: null, text: longest }), { ok: true });
    assert.deepEqual(got.at(-1), { code: 9, text: longest });
  });

  it('a segment lost on the way: the unit answers "text incomplete", the HMI is told', async () => {
    const { bus, vehicle } = await setup();
    const got: number[] = [];
    const texts = new TextRequestAssembler();
    let dropped = false;
    bus.onSent((f) => {
      const d = codec.decode(f)!;
      if (d.name === 'HU_TEXT') {
        if (!dropped && d.signals.TXR_SEG === 1) dropped = true;
        else texts.take(d.signals);
        return;
      }
      got.push(d.signals.CALL_REQ!);
      const result = texts.text(d.signals.REQ_SEQ!) === null ? 8 : 0;
      bus.inject(codec.encode('TEL_CALL_RSP', { RSP_REQ_SEQ: d.signals.REQ_SEQ!, REQ_RESULT: result }));
    });
    assert.deepEqual(await vehicle.command({ type: 'sendText', phrase: null, text: 'We need help here.' }), {
      ok: false,
      error: 'text incomplete',
    });
    assert.deepEqual(got, [9]);
  });
});

describe('CAN: the new layouts, bit for bit (little-endian, start|length as in the DBC)', () => {
  it('TEL_CONV_LINE fills its 64 bits; TEL_SESSION_4, HU_TEXT and the body frames decode back', () => {
    const line = codec.encode('TEL_CONV_LINE', {
      LINE_CONV_SEQ: 0xab,
      LINE_ID: 0x1234,
      LINE_FROM: 1,
      LINE_DELIVERY: 3,
      LINE_PHRASE: 7,
      LINE_TEXT_BYTES: 1023,
      LINE_AT_AGO: 0xbeef,
      LINE_TEXT_CRC: 0x5a,
    });
    assert.equal(formatFrame(line), '5ED#AB3412FFFFEFBE5A');
    const s4 = codec.encode('TEL_SESSION_4', {
      SESS4_SEQ: 0x0102,
      SESS_TRANSPORT: 3,
      SESS_MSD_UPDATED_AGO: 65535,
    });
    assert.equal(formatFrame(s4), '5EB#02010300FFFF0000');
    for (const [name, values] of [
      ['HU_TEXT', { TXR_REQ_SEQ: 200, TXR_SEG: 127, TXR_SEGS: 128, TXR_BYTE_1: 0xf0, TXR_BYTE_5: 0x9f }],
      ['TEL_TEXT', { TXT_LINE_ID: 65535, TXT_SEG: 3, TXT_BYTE_3: 0xe2 }],
      ['TEL_CONV', { CONV_SEQ: 65535, CONV_LINES: 40 }],
      ['BDC_HAZARD', { ST_HAZARD: 1, ALIV_HAZARD: 14 }],
      ['VEH_CONFIG', { CFG_POWERTRAIN: 3, CFG_DOOR_RELEASE: 2 }],
      ['TEL_STATUS', { CELL_REG: 1, CELL_BARS: 5, ALIV_TEL: 3, CELL_ECALL: 3 }],
      ['TEL_CALL_REQ', { CALL_REQ: 16, REQ_SEQ: 255 }],
    ] as const) {
      const decoded = codec.decode(codec.encode(name, values))!;
      assert.equal(decoded.name, name);
      for (const [signal, value] of Object.entries(values))
        assert.equal(decoded.signals[signal], value, signal);
    }
    // The old request codes keep their bits (CALL_REQ grew into the reserved bits 3-4).
    assert.equal(formatFrame(codec.encode('TEL_CALL_REQ', { CALL_REQ: 6, REQ_SEQ: 6 })), '5E4#0606');
  });
});
