/**
 * Shared pieces of the property-based fuzzers: the run count, generators of valid and nearly-valid
 * vehicle signals, and a bridge + root machine fed only by injected raw messages.
 */
import fc from 'fast-check';
import { createActor, type Actor } from 'xstate';
import { MockBridge } from '../../../src/bridge/mockBridge.js';
import {
  CALL_ENDS,
  CALL_KINDS,
  CALL_SESSION_PHASES,
  CHAIN_UNITS,
  GNSS_FIXES,
  IGNITION_STATES,
  LED_STATES,
  MOST_NODES,
  MSD_STATES,
  UNIT_STATUSES,
} from '../../../src/bridge/signals.js';
import { toMachineEvent } from '../../../src/machines/events.js';
import { selectStatusView, type StatusSnapshot } from '../../../src/machines/selectors.js';
import { sosHmiMachine } from '../../../src/machines/sosHmiMachine.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { RIG_EPOCH } from './vehicleRig.js';

/**
 * Cases per property: small in the regular test run, `FUZZ_RUNS` (≥ 10,000 in `npm run fuzz`) otherwise.
 * `FUZZ_SEED` replays a failure fast-check reported.
 */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 300) || 300);
/** Whole message streams through bridge and machines cost more: a tenth of the runs (100 by default). */
export const STREAM_RUNS = process.env.FUZZ_RUNS ? Math.max(10, Math.floor(FUZZ_RUNS / 10)) : 100;
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export function fuzzParams(runs = FUZZ_RUNS): fc.Parameters<unknown> {
  return { numRuns: runs, ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}) };
}

/** An error message as the boundary writes them: one line, names where, not empty, bounded. */
export function isClearError(error: unknown): boolean {
  return typeof error === 'string' && error.length > 3 && error.length < 600 && !error.includes('\n');
}

/** Any JSON-ish value, including the nasty ones (prototype keys, huge numbers, deep nesting). */
export const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, -1, 1e308, '', '__proto__', 'constructor'),
);

const ts = (now: number) => fc.integer({ min: now - 2000, max: now });

/** Valid vehicle signals with random (often unhealthy) values, stamped near `now`. */
export function validSignal(now: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ type: fc.constant('ignition'), ts: ts(now), state: fc.constantFrom(...IGNITION_STATES) }),
    fc.record({
      type: fc.constant('unitHealth'),
      ts: ts(now),
      unit: fc.constantFrom(...CHAIN_UNITS),
      status: fc.constantFrom(...UNIT_STATUSES),
    }),
    fc
      .record({
        type: fc.constant('mostRing'),
        ts: ts(now),
        closed: fc.boolean(),
        silentCount: fc.integer({ min: 0, max: MOST_NODES.length - 1 }),
      })
      .map(({ silentCount, closed, ...r }) => ({
        ...r,
        nodes: [...MOST_NODES],
        closed,
        silent: closed ? [] : MOST_NODES.slice(1, 1 + silentCount),
      })),
    fc.record({
      type: fc.constant('gnss'),
      ts: ts(now),
      fix: fc.constantFrom(...GNSS_FIXES),
      latitude: fc.option(fc.double({ min: -90, max: 90, noNaN: true }), { nil: null }),
      longitude: fc.option(fc.double({ min: -180, max: 180, noNaN: true }), { nil: null }),
      headingDeg: fc.option(fc.integer({ min: 0, max: 359 }), { nil: null }),
      trusted: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('cellular'),
      ts: ts(now),
      registered: fc.boolean(),
      signalBars: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({
      type: fc.constant('callSession'),
      ts: ts(now),
      seq: fc.integer({ min: 0, max: 65535 }),
      phase: fc.constantFrom(...CALL_SESSION_PHASES),
      kind: fc.option(fc.constantFrom(...CALL_KINDS), { nil: null }),
      attempt: fc.integer({ min: 0, max: 9 }),
      triggeredAt: fc.option(ts(now), { nil: null }),
      cancelWindowEndsAt: fc.option(ts(now + 10_000), { nil: null }),
      nextAttemptAt: fc.option(ts(now + 30_000), { nil: null }),
      redialWindowEndsAt: fc.option(ts(now + 120_000), { nil: null }),
      callbackWindowEndsAt: fc.option(ts(now + 3_600_000), { nil: null }),
      failureReason: fc.option(fc.constantFrom('no network', 'no answer', 'ring break'), { nil: null }),
      callEnd: fc.option(fc.constantFrom(...CALL_ENDS), { nil: null }),
      msd: fc.constantFrom(...MSD_STATES),
      voiceSince: fc.option(ts(now), { nil: null }),
      contactsNotified: fc.boolean(),
      cancellable: fc.boolean(),
      holdToEndMs: fc.option(fc.constantFrom(0, 2000), { nil: null }),
      holdEndsAt: fc.option(ts(now + 2000), { nil: null }),
      crash: fc.constant(null),
      audioMuted: fc.boolean(),
    }),
    fc.record({ type: fc.constant('sosLed'), ts: ts(now), led: fc.constantFrom(...LED_STATES) }),
    fc.record({
      type: fc.constant('crash'),
      ts: ts(now),
      severity: fc.integer({ min: 1, max: 4 }),
      airbagDeployed: fc.boolean(),
      rollover: fc.boolean(),
      occupants: fc.integer({ min: 0, max: 9 }),
    }),
    fc.record({ type: fc.constant('sosButton'), ts: ts(now), action: fc.constantFrom('press', 'release') }),
  );
}

/** A valid signal with one field replaced, dropped, or the whole message wrapped/truncated. */
export function mutatedSignal(now: number): fc.Arbitrary<unknown> {
  return fc
    .tuple(validSignal(now), fc.nat(), anyValue, fc.constantFrom('replace', 'drop', 'add', 'wrap', 'array'))
    .map(([signal, pick, value, how]) => {
      const keys = Object.keys(signal);
      const key = keys[pick % keys.length]!;
      const copy: Record<string, unknown> = { ...signal };
      switch (how) {
        case 'replace':
          copy[key] = value;
          return copy;
        case 'drop':
          delete copy[key];
          return copy;
        case 'add':
          copy[`x${pick % 7}`] = value;
          return copy;
        case 'wrap':
          return { data: copy };
        default:
          return [copy];
      }
    });
}

/** A bridge with a silent vehicle behind it: only `injectRaw` puts messages on it. */
export class InjectedHmi {
  readonly clock = new SimulatedClock(RIG_EPOCH);
  readonly bridge: MockBridge;
  readonly actor: Actor<typeof sosHmiMachine>;
  readonly errors: string[] = [];

  constructor() {
    this.bridge = new MockBridge({
      clock: this.clock,
      simulator: { onMessage: () => () => {}, receive: () => {} },
      log: (message) => {
        this.errors.push(message);
        if (this.errors.length > 50) this.errors.shift();
      },
    });
    this.actor = createActor(sosHmiMachine, { clock: this.clock, input: { config: {} } });
    this.actor.on('command', (event) => this.bridge.send(event.command));
    this.actor.start();
    this.bridge.subscribe((event) => this.actor.send(toMachineEvent(event)));
  }

  get statusSnapshot(): StatusSnapshot {
    return this.actor.system.get('status')!.getSnapshot() as StatusSnapshot;
  }

  level(): string {
    return selectStatusView(this.statusSnapshot).level;
  }

  dispose(): void {
    this.actor.stop();
    this.bridge.dispose();
  }
}
