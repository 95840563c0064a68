/**
 * Property-based fuzzing of the gateway's decoders: `candump -L` lines, CAN frames against the DBC
 * (random ids, lengths, payloads, flags) and through the CAN vehicle into the HMI, SocketMost control
 * messages, and VISS JSON both ways. Properties: no exception escapes, invalid input is refused with a
 * clear error, the SOS status never becomes "ready" from frames that lack healthy signals, and the
 * telematics unit's session report is never torn: parts of different sessions never make a report.
 * Regular run: `FUZZ_RUNS` (default 300) cases per property; `npm run fuzz` runs 10,000+.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { parseCandumpLog, parseFrame, parseLogLine } from '../../gateway/can/candump.js';
import { CanVehicle } from '../../gateway/can/canVehicle.js';
import { DbcCodec } from '../../gateway/can/dbc.js';
import { formatLogLine, type CanFrame } from '../../gateway/can/frame.js';
import {
  encodeSessionFrames,
  FAILURE_REASONS,
  SESSION_PARTS,
  SessionAssembler,
} from '../../gateway/can/sessionFrames.js';
import { ConversationAssembler, encodeConversationFrames } from '../../gateway/can/textFrames.js';
import { MemoryCanBus } from '../../gateway/can/transports.js';
import { parseSocketMostCommand, parseSocketMostEvent } from '../../gateway/most/protocol.js';
import {
  CALL_ENDS,
  CALL_KINDS,
  CALL_SESSION_PHASES,
  CALL_TRANSPORTS,
  MSD_STATES,
  PRESET_PHRASES,
  TEXT_DELIVERIES,
  type CallSessionSignal,
  type ConversationLine,
  type ConversationSignal,
} from '../../src/bridge/signals.js';
import { validateSignal } from '../../src/bridge/validation.js';
import { parseVissRequest, parseVissServerMessage } from '../../src/bridge/vissProtocol.js';
import { anyValue, FUZZ_RUNS, fuzzParams, InjectedHmi, isClearError, STREAM_RUNS } from './helpers/fuzz.js';
import { factsSayHealthy } from './helpers/vehicleRig.js';

const codec = DbcCodec.fromFile();
const KNOWN_IDS = codec.messageNames.map((name) => codec.message(name)!.id);

/** Random classic, remote, FD and error frames; ids biased towards the DBC's own. */
const frame: fc.Arbitrary<CanFrame> = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.constantFrom(...KNOWN_IDS), fc.integer({ min: 0, max: 0x7ff })),
      fc.uint8Array({ minLength: 0, maxLength: 8 }),
    )
    .map(([id, data]) => ({ id, extended: false, remote: false, fd: false, error: false, data })),
  fc
    .tuple(fc.integer({ min: 0, max: 0x1fffffff }), fc.uint8Array({ maxLength: 8 }))
    .map(([id, data]) => ({ id, extended: true, remote: false, fd: false, error: false, data })),
  fc
    .tuple(fc.constantFrom(...KNOWN_IDS), fc.constantFrom(0, 8, 12, 16, 32, 64))
    .chain(([id, n]) =>
      fc
        .uint8Array({ minLength: n, maxLength: n })
        .map((data) => ({ id, extended: false, remote: false, fd: true, error: false, data, fdFlags: 1 })),
    ),
  fc.constantFrom(...KNOWN_IDS).map((id) => ({
    id,
    extended: false,
    remote: true,
    fd: false,
    error: false,
    data: new Uint8Array(0),
    dlc: 8,
  })),
  fc
    .integer({ min: 0, max: 0x1fff })
    .map((id) => ({ id, extended: true, remote: false, fd: false, error: true, data: new Uint8Array(8) })),
);

/** A valid log line, then maybe a few characters replaced, dropped or added. */
const candumpLine = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc
    .tuple(frame, fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([f, s, us]) => {
      const withTime = { ...f, timestampUs: BigInt(s) * 1_000_000n + BigInt(us) };
      return formatLogLine(withTime, 'vcan0');
    }),
  fc.tuple(frame, fc.nat(60), fc.string({ maxLength: 4 }), fc.nat(3)).map(([f, at, junk, cut]) => {
    const line = formatLogLine({ ...f, timestampUs: 1_436_509_052_249_713n }, 'can0');
    return line.slice(0, at) + junk + line.slice(at + cut);
  }),
);

describe('fuzz: candump -L lines', () => {
  it(`any line: a frame, a skipped comment, or a clear error — never a throw (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(candumpLine, (line) => {
        const result = parseLogLine(line);
        if (result === null || result.ok) return;
        assert.ok(isClearError(result.error), `unclear error for ${JSON.stringify(line)}: ${result.error}`);
      }),
      fuzzParams(),
    );
  });

  it(`written and read back: the same frame, microseconds exact (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(frame, fc.bigInt({ min: 0n, max: 9_999_999_999_999_999n }), (f, timestampUs) => {
        const parsed = parseLogLine(formatLogLine({ ...f, timestampUs }, 'vcan0'));
        assert.ok(parsed && parsed.ok, parsed && !parsed.ok ? parsed.error : 'skipped');
        assert.equal(parsed.frame.id, f.id);
        assert.equal(parsed.frame.timestampUs, timestampUs);
        assert.deepEqual([...parsed.frame.data], [...f.data]);
        assert.equal(parsed.frame.remote, f.remote);
        assert.equal(parsed.frame.fd, f.fd);
        assert.equal(parsed.frame.error, f.error);
      }),
      fuzzParams(),
    );
  });

  it(`a whole log with bad lines: never throws, every error carries its line number (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(candumpLine, { maxLength: 20 }), (lines) => {
        const log = parseCandumpLog(lines.join('\n'));
        for (const e of log.errors) {
          assert.ok(e.line >= 1 && e.line <= lines.length, `line ${e.line} of ${lines.length}`);
          assert.ok(e.message.startsWith(`line ${e.line}:`), e.message);
        }
      }),
      fuzzParams(),
    );
  });

  it(`cansend notation: never a throw (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Fa-fRr#.]{0,40}$/), (text) => {
        const result = parseFrame(text);
        if (!result.ok) assert.ok(isClearError(result.error), result.error);
      }),
      fuzzParams(),
    );
  });
});

describe('fuzz: CAN frames against the DBC', () => {
  it(`random ids, lengths and payloads: decoded to finite values or ignored, never a throw (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(frame, (f) => {
        const decoded = codec.decode(f);
        if (!decoded) return;
        assert.ok(codec.messageNames.includes(decoded.name));
        for (const [name, value] of Object.entries(decoded.signals)) {
          assert.ok(Number.isFinite(value), `${decoded.name}.${name} = ${value}`);
        }
      }),
      fuzzParams(),
    );
  });

  it(`random frames through the CAN vehicle: every signal passes the HMI boundary, never a wrong "ready" (${STREAM_RUNS} streams)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(frame, fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 60 }),
        async (steps) => {
          const hmi = new InjectedHmi();
          const bus = new MemoryCanBus();
          const vehicle = new CanVehicle({ transport: bus, codec, clock: hmi.clock });
          vehicle.onOutput((output) => {
            if (output.kind !== 'signal') return;
            const checked = validateSignal(output.signal);
            assert.ok(
              checked.ok,
              `the gateway emitted a signal the HMI refuses: ${checked.ok ? '' : checked.error}`,
            );
            hmi.bridge.injectRaw(output.signal);
          });
          await vehicle.start();
          try {
            for (const s of steps) {
              if (typeof s === 'number') hmi.clock.advance(s);
              else bus.inject(s);
              if (hmi.level() === 'ready') {
                const evidence = factsSayHealthy(hmi.statusSnapshot);
                assert.ok(evidence.ok, `"SOS ready" from random frames: ${evidence.why}`);
              }
            }
          } finally {
            await vehicle.stop();
            hmi.dispose();
          }
        },
      ),
      fuzzParams(STREAM_RUNS),
    );
  });
});

const T = 1_780_000_000_000;
const instant = fc.option(fc.integer({ min: T - 50_000_000, max: T + 50_000_000 }), { nil: null });
const crashField = <A>(a: fc.Arbitrary<A>) => fc.option(a, { nil: null });

/** Any session report the unit could send at vehicle time T (seq filled in by the caller). */
const sessionAt = (seq: number): fc.Arbitrary<CallSessionSignal> =>
  fc.record({
    type: fc.constant('callSession' as const),
    ts: fc.constant(T),
    seq: fc.constant(seq),
    phase: fc.constantFrom(...CALL_SESSION_PHASES),
    kind: fc.option(fc.constantFrom(...CALL_KINDS), { nil: null }),
    attempt: fc.integer({ min: 0, max: 255 }),
    triggeredAt: instant,
    cancelWindowEndsAt: instant,
    nextAttemptAt: instant,
    redialWindowEndsAt: instant,
    callbackWindowEndsAt: instant,
    failureReason: fc.option(fc.oneof(fc.constantFrom(...FAILURE_REASONS), fc.string({ maxLength: 8 })), {
      nil: null,
    }),
    callEnd: fc.option(fc.constantFrom(...CALL_ENDS), { nil: null }),
    msd: fc.constantFrom(...MSD_STATES),
    voiceSince: instant,
    contactsNotified: fc.boolean(),
    cancellable: fc.boolean(),
    holdToEndMs: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
    holdEndsAt: instant,
    crash: fc.option(
      fc.record({
        severity: crashField(fc.integer({ min: 1, max: 4 })),
        airbagDeployed: crashField(fc.boolean()),
        rollover: crashField(fc.boolean()),
        occupants: crashField(fc.integer({ min: 0, max: 9 })),
      }),
      { nil: null },
    ),
    audioMuted: fc.boolean(),
    transport: fc.option(fc.constantFrom(...CALL_TRANSPORTS), { nil: null }),
    msdUpdatedAt: instant,
  });

/** A report as a unit sends it: four parts, or three from an older unit (no transport, no updated data). */
const unitReport = (seq: number): fc.Arbitrary<{ session: CallSessionSignal; legacy: boolean }> =>
  fc.tuple(sessionAt(seq), fc.boolean()).map(([session, legacy]) => ({
    session: legacy ? { ...session, transport: null, msdUpdatedAt: null } : session,
    legacy,
  }));

describe('fuzz: the session report on CAN (TEL_SESSION_1/2/3, 4)', () => {
  it(`parts of several sessions in any order, some lost: every report published is one whole session (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer({ min: 0, max: 65_535 }), { minLength: 1, maxLength: 3 })
          .chain((seqs) => fc.tuple(...seqs.map((seq) => unitReport(seq)))),
        fc.array(fc.tuple(fc.nat(2), fc.nat(3)), { maxLength: 40 }),
        (sessions, picks) => {
          const parts = sessions.map(({ session, legacy }, k) =>
            encodeSessionFrames(codec, session, k, session.ts, { legacy }).map((f) => codec.decode(f)!),
          );
          // Each session alone, its parts in order: what a whole report of it decodes to.
          const whole = parts.map((p) => {
            const alone = new SessionAssembler();
            const out = p.map((d, i) => alone.take(SESSION_PARTS[i]!, d.signals, T)).at(-1);
            assert.ok(out && 'session' in out, 'a complete set makes a report');
            assert.ok(validateSignal(out.session).ok, 'a report the HMI takes');
            return out.session;
          });
          const assembler = new SessionAssembler();
          for (const [k, pick] of picks) {
            const session = parts[k % parts.length]!;
            const i = pick % session.length;
            const out = assembler.take(SESSION_PARTS[i]!, session[i]!.signals, T);
            if (!out) continue;
            assert.ok('session' in out, 'error' in out ? out.error : '');
            assert.ok(
              whole.some((w) => JSON.stringify(w) === JSON.stringify(out.session)),
              `a torn report: ${JSON.stringify(out.session)}`,
            );
          }
        },
      ),
      fuzzParams(),
    );
  });
});

/** A session's lines: each id always the same line (only its delivery changes), times whole seconds before T. */
const sessionLines = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 300 }),
      agoS: fc.integer({ min: 0, max: 4000 }),
      said: fc.oneof(
        fc
          .constantFrom(...PRESET_PHRASES)
          .map((phrase) => ({ from: 'occupants' as const, phrase, text: null })),
        fc
          .string({ unit: fc.constantFrom('a', ' ', 'ü', '–', '🚑', '中'), minLength: 1, maxLength: 40 })
          .chain((text) =>
            fc.constantFrom(
              { from: 'centre' as const, phrase: null, text },
              { from: 'occupants' as const, phrase: null, text },
            ),
          ),
      ),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((raw) => {
    let id = 0;
    return raw.map(({ gap, agoS, said }) => ({ id: (id += gap), at: T - agoS * 1000, ...said }));
  });

/** Versions of one session's conversation (distinct seq low bytes): a window of its lines, deliveries varying. */
const conversationVersions = sessionLines.chain((lines) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }).chain((seqs) =>
    fc.tuple(
      ...seqs.map((seq) =>
        fc
          .tuple(
            fc.nat(lines.length),
            fc.nat(lines.length),
            fc.array(fc.constantFrom(...TEXT_DELIVERIES), {
              minLength: lines.length,
              maxLength: lines.length,
            }),
            fc.nat(3),
          )
          .map(([a, b, deliveries, hi]): ConversationSignal => ({
            type: 'conversation',
            ts: T,
            seq: seq + 256 * hi,
            lines: lines.slice(Math.min(a, b), Math.max(a, b)).map((l, i): ConversationLine => ({
              ...l,
              delivery: l.from === 'centre' ? 'delivered' : deliveries[i]!,
            })),
          })),
      ),
    ),
  ),
);

describe('fuzz: the text conversation on CAN (TEL_CONV, TEL_CONV_LINE, TEL_TEXT)', () => {
  it(`frames of several versions in any order, some lost: every conversation published is one whole version (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        conversationVersions,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 200 }),
        (versions, picks) => {
          const frames = versions.map((v) => encodeConversationFrames(codec, v).map((f) => codec.decode(f)!));
          // Each version alone, in order: a whole conversation the HMI takes.
          for (const [k, version] of versions.entries()) {
            const alone = new ConversationAssembler();
            const out = frames[k]!.map((d) => alone.take(d.name, d.signals, T)).filter((r) => r !== null);
            assert.deepEqual(out, [{ conversation: version }]);
          }
          const assembler = new ConversationAssembler();
          for (const [k, i] of picks) {
            const version = frames[k % frames.length]!;
            const d = version[i % version.length]!;
            const out = assembler.take(d.name, d.signals, T);
            if (!out) continue;
            if ('error' in out) assert.fail(`a refusal from valid versions: ${out.error}`);
            assert.ok(
              versions.some((v) => isDeepStrictEqual(v, out.conversation)),
              `a torn conversation: ${JSON.stringify(out.conversation)}`,
            );
          }
        },
      ),
      fuzzParams(),
    );
  });
});

const mostEvent = fc.oneof(
  fc.record({
    eventType: fc.constant('newMessage'),
    fBlockID: fc.integer({ min: -1, max: 300 }),
    instanceID: fc.integer({ min: 0, max: 255 }),
    fktID: fc.integer({ min: 0, max: 0x1000 }),
    opType: fc.integer({ min: 0, max: 16 }),
    data: fc.array(fc.integer({ min: -1, max: 256 }), { maxLength: 20 }),
  }),
  fc.record({
    eventType: fc.constantFrom('locked', 'unlocked', 'masterFound', 'messageSent', 'bogus'),
  }),
  fc.record({
    eventType: fc.constant('positionUpdate'),
    nodePosition: anyValue,
    maxPosition: fc.integer({ min: -1, max: 70_000 }),
  }),
  anyValue,
);

const mostCommand = fc.oneof(
  fc.record({
    eventType: fc.constant('sendControlMessage'),
    targetAddressHigh: fc.integer({ min: -1, max: 256 }),
    targetAddressLow: fc.integer({ min: 0, max: 255 }),
    fBlockID: fc.integer({ min: 0, max: 255 }),
    instanceID: fc.integer({ min: 0, max: 255 }),
    fktId: fc.integer({ min: 0, max: 0x1000 }),
    opType: fc.integer({ min: 0, max: 16 }),
    data: fc.array(fc.integer({ min: 0, max: 256 }), { maxLength: 20 }),
  }),
  fc.record({ eventType: fc.constantFrom('getNodePosition', 'getMaster', 'allocate', 'format-disk') }),
  anyValue,
);

/** JSON text of a value, sometimes truncated or garbled like a damaged datagram. */
function asText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    value.map((v) => JSON.stringify(v) ?? 'undefined'),
    fc.tuple(value, fc.nat(80)).map(([v, n]) => (JSON.stringify(v) ?? '').slice(0, n)),
    fc.string({ maxLength: 80 }),
  );
}

describe('fuzz: MOST control messages (SocketMost JSON)', () => {
  it(`daemon events: accepted within the byte/nibble ranges, else a clear error (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(asText(mostEvent), (text) => {
        const result = parseSocketMostEvent(text);
        if (!result.ok) return assert.ok(isClearError(result.error), result.error);
        if (result.event.eventType === 'newMessage') {
          const e = result.event;
          assert.ok(e.fBlockID >= 0 && e.fBlockID <= 255 && e.opType >= 0 && e.opType <= 0xf);
          assert.ok(e.data.every((b) => b >= 0 && b <= 255));
        }
      }),
      fuzzParams(),
    );
  });

  it(`commands to the daemon: only the four documented ones pass (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(asText(mostCommand), (text) => {
        const result = parseSocketMostCommand(text);
        if (!result.ok) return assert.ok(isClearError(result.error), result.error);
        assert.ok(
          ['sendControlMessage', 'getNodePosition', 'getMaster', 'allocate'].includes(
            result.command.eventType,
          ),
        );
      }),
      fuzzParams(),
    );
  });
});

const vissRequest = fc.oneof(
  fc.record(
    {
      action: fc.constantFrom('get', 'set', 'subscribe', 'unsubscribe', 'delete', ''),
      path: fc.oneof(fc.constant('Vehicle.Speed'), fc.string({ maxLength: 30 })),
      requestId: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
      subscriptionId: fc.string({ maxLength: 10 }),
      value: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.array(fc.string(), { maxLength: 3 })),
      authorization: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['action'] },
  ),
  anyValue,
);

const vissServer = fc.oneof(
  fc.record(
    {
      action: fc.constantFrom('get', 'set', 'subscribe', 'unsubscribe', 'subscription', 'hello'),
      requestId: fc.string({ maxLength: 10 }),
      subscriptionId: fc.string({ maxLength: 10 }),
      ts: fc.oneof(fc.constant('2024-05-01T08:00:00.000Z'), fc.string({ maxLength: 30 })),
      data: fc.oneof(
        fc.record({
          path: fc.oneof(fc.constant('Vehicle.Speed'), fc.string({ maxLength: 20 })),
          dp: fc.record({
            value: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
            ts: fc.oneof(fc.constant('2024-05-01T08:00:00.000Z'), fc.string({ maxLength: 30 })),
          }),
        }),
        anyValue,
      ),
      error: fc.oneof(
        fc.record({ number: fc.integer({ min: 0, max: 700 }), reason: fc.string({ maxLength: 20 }) }),
        anyValue,
      ),
    },
    { requiredKeys: ['action'] },
  ),
  anyValue,
);

describe('fuzz: VISS v2 JSON', () => {
  it(`requests reaching the gateway: parsed or refused with a clear error (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(asText(vissRequest), (text) => {
        const result = parseVissRequest(text);
        if (!result.ok) return assert.ok(isClearError(result.error), result.error);
        assert.ok(['get', 'set', 'subscribe', 'unsubscribe'].includes(result.message.action));
      }),
      fuzzParams(),
    );
  });

  it(`messages reaching the browser: parsed or refused with a clear error (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(asText(vissServer), (text) => {
        const result = parseVissServerMessage(text);
        if (!result.ok) assert.ok(isClearError(result.error), result.error);
      }),
      fuzzParams(),
    );
  });
});
