/**
 * Property-based fuzzing of the vehicle-message boundary (`validateSignal`, `validateCommand`) and of
 * message streams through `MockBridge.injectRaw` into the root machine. Properties: no exception
 * escapes, invalid input is refused with a clear one-line error, and the SOS status is never "ready"
 * unless every required signal is present, fresh and healthy.
 * Regular run: `FUZZ_RUNS` (default 300) cases per property; `npm run fuzz` runs 10,000+.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { VEHICLE_COMMAND_TYPES } from '../../src/bridge/commands.js';
import {
  CALL_TRANSPORTS,
  CHAIN_UNITS,
  DOOR_RELEASES,
  ECALL_SERVICES,
  MAX_CONVERSATION_LINES,
  MAX_TEXT_LENGTH,
  MOST_NODES,
  POWERTRAINS,
  PRESET_PHRASES,
  TEXT_DELIVERIES,
  VEHICLE_SIGNAL_TYPES,
} from '../../src/bridge/signals.js';
import { validateCommand, validateSignal } from '../../src/bridge/validation.js';
import { REQUIRED_SIGNALS, type SignalKey } from '../../src/machines/model/facts.js';
import {
  anyValue,
  FUZZ_RUNS,
  fuzzParams,
  STREAM_RUNS,
  InjectedHmi,
  isClearError,
  mutatedSignal,
  validSignal,
} from './helpers/fuzz.js';
import { factsSayHealthy, RIG_EPOCH } from './helpers/vehicleRig.js';

const NOW = RIG_EPOCH;

/** Texts of 1 to 160 characters, some of them beyond ASCII (one code point each, an emoji two UTF-16 units). */
const words = fc.string({
  unit: fc.constantFrom('a', 'Z', '7', ' ', '?', 'ä', 'ß', '–', '中', '🚑', '"', '\\'),
  minLength: 1,
  maxLength: MAX_TEXT_LENGTH,
});

/** A valid conversation line of either side (a phrase only from the occupants, centre lines delivered). */
const conversationLine = (at: fc.Arbitrary<number>) =>
  fc.oneof(
    fc.record({
      from: fc.constant('centre'),
      at,
      phrase: fc.constant(null),
      text: words,
      delivery: fc.constant('delivered'),
    }),
    fc
      .record({
        from: fc.constant('occupants'),
        at,
        said: fc.oneof(
          fc.constantFrom(...PRESET_PHRASES).map((phrase) => ({ phrase, text: null })),
          words.map((text) => ({ phrase: null, text })),
        ),
        delivery: fc.constantFrom(...TEXT_DELIVERIES),
      })
      .map(({ said, ...line }) => ({ ...line, ...said })),
  );

/** The contract's newer signals and fields: NG-eCall, the text conversation, post-crash guidance. */
function newerSignal(now: number): fc.Arbitrary<Record<string, unknown>> {
  const ts = fc.integer({ min: now - 2000, max: now });
  return fc.oneof(
    fc.record({
      type: fc.constant('cellular'),
      ts,
      registered: fc.boolean(),
      signalBars: fc.integer({ min: 0, max: 5 }),
      ecall: fc.constantFrom(...ECALL_SERVICES),
    }),
    fc
      .record({
        type: fc.constant('conversation'),
        ts,
        seq: fc.integer({ min: 0, max: 65535 }),
        lines: fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), conversationLine(ts)), {
          maxLength: MAX_CONVERSATION_LINES,
        }),
      })
      .map(({ lines, ...c }) => {
        let id = 0;
        // Ids unique and increasing, oldest first.
        return { ...c, lines: lines.map(([gap, line]) => ({ id: (id += gap), ...line })) };
      }),
    fc.record({ type: fc.constant('hazardLights'), ts, on: fc.boolean() }),
    fc.record({
      type: fc.constant('vehicleConfig'),
      ts,
      powertrain: fc.option(fc.constantFrom(...POWERTRAINS), { nil: null }),
      doorRelease: fc.option(fc.constantFrom(...DOOR_RELEASES), { nil: null }),
    }),
  );
}

/** Every kind of valid signal: the shared generator's (the session with its newer fields) and the newer ones. */
function anyValidSignal(now: number): fc.Arbitrary<Record<string, unknown>> {
  const session = fc.record({
    transport: fc.option(fc.constantFrom(...CALL_TRANSPORTS), { nil: null }),
    msdUpdatedAt: fc.option(fc.integer({ min: now - 60_000, max: now }), { nil: null }),
  });
  return fc.oneof(
    validSignal(now).chain((signal) =>
      signal.type === 'callSession'
        ? session.map((fields) => ({ ...signal, ...fields }))
        : fc.constant(signal),
    ),
    newerSignal(now),
  );
}

/** One of the newer signals with one field replaced, dropped or added (like `mutatedSignal`). */
function mutatedNewerSignal(now: number): fc.Arbitrary<unknown> {
  return fc
    .tuple(newerSignal(now), fc.nat(), anyValue, fc.constantFrom('replace', 'drop', 'add'))
    .map(([signal, pick, value, how]) => {
      const keys = Object.keys(signal);
      const key = keys[pick % keys.length]!;
      const copy: Record<string, unknown> = { ...signal };
      if (how === 'replace') copy[key] = value;
      else if (how === 'drop') delete copy[key];
      else copy[`x${pick % 7}`] = value;
      return copy;
    });
}

/** Healthy values of every required signal, stamped `ts`. */
function healthy(ts: number): Record<string, unknown>[] {
  return [
    ...CHAIN_UNITS.map((unit) => ({ type: 'unitHealth', ts, unit, status: 'ok' })),
    { type: 'mostRing', ts, nodes: [...MOST_NODES], closed: true, silent: [] },
    { type: 'gnss', ts, fix: '3d', latitude: 48.1, longitude: 11.5, headingDeg: 90, trusted: true },
    { type: 'cellular', ts, registered: true, signalBars: 4 },
  ];
}

function keyOf(message: Record<string, unknown>): SignalKey | null {
  // Generated garbage may carry objects without a prototype: never stringify what is not a string.
  if (typeof message.type !== 'string') return null;
  if (message.type === 'unitHealth')
    return typeof message.unit === 'string' ? (`unitHealth:${message.unit}` as SignalKey) : null;
  return (REQUIRED_SIGNALS as readonly string[]).includes(message.type) ? (message.type as SignalKey) : null;
}

function assertNeverWrongReady(hmi: InjectedHmi, step: string): void {
  if (hmi.level() !== 'ready') return;
  const evidence = factsSayHealthy(hmi.statusSnapshot);
  assert.ok(evidence.ok, `"SOS ready" without healthy signals (${evidence.why}) after ${step}`);
}

describe('fuzz: validateSignal', () => {
  it(`any value: never throws; accepted or refused with a clear error (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(anyValue, (raw) => {
        const result = validateSignal(raw);
        if (result.ok) {
          assert.ok(VEHICLE_SIGNAL_TYPES.includes(result.signal.type));
          assert.equal(validateSignal(result.signal).ok, true, 'an accepted signal stays valid');
        } else {
          assert.ok(isClearError(result.error), `unclear error: ${JSON.stringify(result.error)}`);
        }
      }),
      fuzzParams(),
    );
  });

  it(`valid signals with random values are accepted unchanged (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(anyValidSignal(NOW), (raw) => {
        const result = validateSignal(raw);
        assert.ok(result.ok, result.ok ? '' : result.error);
        assert.deepEqual(JSON.parse(JSON.stringify(result.signal)), JSON.parse(JSON.stringify(raw)));
      }),
      fuzzParams(),
    );
  });

  it(`one field broken: refused naming the signal type, or still valid (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(mutatedSignal(NOW), mutatedNewerSignal(NOW)), (raw) => {
        const result = validateSignal(raw);
        if (result.ok) return;
        assert.ok(isClearError(result.error), `unclear error: ${JSON.stringify(result.error)}`);
        const type = (raw as { type?: unknown } | null)?.type;
        if (typeof type === 'string' && VEHICLE_SIGNAL_TYPES.includes(type as never)) {
          assert.ok(result.error.startsWith(type), `error names the type: ${result.error}`);
        }
      }),
      fuzzParams(),
    );
  });

  it('JSON text from the wire: parse errors and bad values never escape', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), (text) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          return;
        }
        const result = validateSignal(raw);
        if (!result.ok) assert.ok(isClearError(result.error));
      }),
      fuzzParams(),
    );
  });
});

describe('fuzz: validateCommand', () => {
  it(`only documented commands with valid parameters pass (${FUZZ_RUNS} cases)`, () => {
    const commandish = fc.oneof(
      anyValue,
      fc.record(
        { type: fc.constantFrom(...VEHICLE_COMMAND_TYPES, 'reboot', 'exec', '') },
        { requiredKeys: [] },
      ),
      fc.record({
        type: fc.constantFrom(...VEHICLE_COMMAND_TYPES),
        kind: anyValue,
        led: anyValue,
        muted: anyValue,
      }),
      // The text channel, the hazard lights and speech: near-valid arguments as often as garbage.
      fc.record(
        {
          type: fc.constantFrom('sendText', 'speak', 'setHazardLights'),
          phrase: fc.oneof(fc.constant(null), fc.constantFrom(...PRESET_PHRASES, 'help'), anyValue),
          text: fc.oneof(fc.constant(null), words, fc.constantFrom('', '   ', 'a\u0000b'), anyValue),
          on: fc.oneof(fc.boolean(), anyValue),
          lang: fc.oneof(
            fc.constant(null),
            fc.constantFrom('de', 'en-GB', 'zh-Hant-TW', 'x', '12'),
            anyValue,
          ),
        },
        { requiredKeys: ['type'] },
      ),
    );
    fc.assert(
      fc.property(commandish, (raw) => {
        const result = validateCommand(raw);
        if (!result.ok)
          return assert.ok(isClearError(result.error), `unclear error: ${JSON.stringify(result.error)}`);
        const command = result.command;
        assert.ok(VEHICLE_COMMAND_TYPES.includes(command.type));
        if (command.type === 'sendText') {
          // A line is a phrase or a text, never both or neither; a text is never blank or too long.
          assert.notEqual(command.phrase === null, command.text === null);
          if (command.text !== null) {
            assert.ok(command.text.trim() !== '' && [...command.text].length <= MAX_TEXT_LENGTH);
            assert.ok(!command.text.includes('\u0000'));
          }
        }
      }),
      fuzzParams(),
    );
  });
});

type Step =
  | { readonly kind: 'valid'; readonly at: number; readonly message: Record<string, unknown> }
  | { readonly kind: 'raw'; readonly at: number; readonly message: unknown }
  | { readonly kind: 'advance'; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: anyValidSignal(0).map((m) => ({ kind: 'valid' as const, at: 0, message: m })), weight: 5 },
  { arbitrary: mutatedSignal(0).map((m) => ({ kind: 'raw' as const, at: 0, message: m })), weight: 3 },
  { arbitrary: mutatedNewerSignal(0).map((m) => ({ kind: 'raw' as const, at: 0, message: m })), weight: 1 },
  { arbitrary: anyValue.map((m) => ({ kind: 'raw' as const, at: 0, message: m })), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 4000 }).map((ms) => ({ kind: 'advance' as const, ms })), weight: 3 },
);

/** Re-stamps a generated message (generated around 0) to the clock: `ts` relative to now. */
function stamped(message: unknown, now: number): unknown {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return message;
  const ts = (message as { ts?: unknown }).ts;
  return typeof ts === 'number' ? { ...message, ts: now + ts } : message;
}

describe('fuzz: message streams through the bridge into the machines', () => {
  it(`a ready car under random streams: never "ready" on unhealthy or stale facts (${STREAM_RUNS} streams)`, () => {
    let sawReady = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const hmi = new InjectedHmi();
        try {
          const boot = (): void => {
            for (const m of healthy(hmi.clock.now())) hmi.bridge.injectRaw(m);
          };
          hmi.bridge.injectRaw({ type: 'ignition', ts: hmi.clock.now(), state: 'on' });
          boot();
          for (let t = 0; t < 4; t += 1) {
            hmi.clock.advance(1000);
            boot();
          }
          assert.equal(hmi.level(), 'ready', 'the stream starts from a ready car');
          steps.forEach((s, i) => {
            const before = hmi.bridge.rejected.length;
            if (s.kind === 'advance') hmi.clock.advance(s.ms);
            else hmi.bridge.injectRaw(stamped(s.message, hmi.clock.now()));
            const after = hmi.bridge.rejected;
            if (after.length > before || after.length === 50) {
              const last = after[after.length - 1];
              if (last) assert.ok(isClearError(last.error), `unclear refusal: ${last.error}`);
            }
            if (hmi.level() === 'ready') sawReady += 1;
            assertNeverWrongReady(hmi, `step ${i} (${s.kind})`);
          });
        } finally {
          hmi.dispose();
        }
      }),
      fuzzParams(STREAM_RUNS),
    );
    assert.ok(sawReady > 0, 'the property was exercised in the ready state');
  });

  it(`a required signal never sent: never "ready", whatever else arrives (${STREAM_RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.subarray([...REQUIRED_SIGNALS], { minLength: 1 }),
        fc.array(step, { maxLength: 20 }),
        (missing, steps) => {
          const hmi = new InjectedHmi();
          const left = new Set<string>(missing);
          const send = (m: Record<string, unknown>): void => {
            const key = keyOf(m);
            if (key && left.has(key)) return;
            hmi.bridge.injectRaw(m);
          };
          try {
            hmi.bridge.injectRaw({ type: 'ignition', ts: hmi.clock.now(), state: 'on' });
            for (let t = 0; t < 5; t += 1) {
              for (const m of healthy(hmi.clock.now())) send(m);
              hmi.clock.advance(1000);
              assert.notEqual(hmi.level(), 'ready', `ready without ${[...left].join(', ')}`);
            }
            for (const s of steps) {
              if (s.kind === 'advance') hmi.clock.advance(s.ms);
              else {
                const m = stamped(s.message, hmi.clock.now());
                if (typeof m === 'object' && m !== null && !Array.isArray(m))
                  send(m as Record<string, unknown>);
                else hmi.bridge.injectRaw(m);
              }
              assert.notEqual(hmi.level(), 'ready', `ready without ${[...left].join(', ')}`);
            }
          } finally {
            hmi.dispose();
          }
        },
      ),
      fuzzParams(STREAM_RUNS),
    );
  });
});

describe('found by fuzzing', () => {
  it('a unit reporting "degraded" (works with limits) makes SOS limited, not ready', () => {
    for (const unit of ['microphone', 'amplifier', 'sos-button', 'crash-sensor', 'backup-battery'] as const) {
      const hmi = new InjectedHmi();
      try {
        hmi.bridge.injectRaw({ type: 'ignition', ts: hmi.clock.now(), state: 'on' });
        for (let t = 0; t < 5; t += 1) {
          for (const m of healthy(hmi.clock.now())) hmi.bridge.injectRaw(m);
          hmi.clock.advance(1000);
        }
        assert.equal(hmi.level(), 'ready');
        hmi.bridge.injectRaw({ type: 'unitHealth', ts: hmi.clock.now(), unit, status: 'degraded' });
        assert.equal(hmi.level(), 'limited', `${unit} degraded`);
      } finally {
        hmi.dispose();
      }
    }
  });
});
