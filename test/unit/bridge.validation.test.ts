import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateCommand, validateSignal } from '../../src/bridge/validation.js';

const GOOD = {
  ignition: { type: 'ignition', ts: 1, state: 'on' },
  unitHealth: { type: 'unitHealth', ts: 1, unit: 'telematics', status: 'fault', code: 'software' },
  mostRing: {
    type: 'mostRing',
    ts: 1,
    nodes: ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'],
    closed: false,
    silent: ['amplifier', 'telematics', 'satellite-radio', 'hands-free'],
    breakBetween: ['satellite-radio', 'hands-free'],
  },
  gnss: { type: 'gnss', ts: 1, fix: '3d', latitude: 48.1, longitude: 11.5, headingDeg: 359, trusted: true },
  gnssNone: {
    type: 'gnss',
    ts: 1,
    fix: 'none',
    latitude: null,
    longitude: null,
    headingDeg: null,
    trusted: false,
  },
  cellular: { type: 'cellular', ts: 1, registered: true, signalBars: 5 },
  press: { type: 'sosButton', ts: 1, action: 'press' },
  release: { type: 'sosButton', ts: 1, action: 'release', heldMs: 0 },
  crash: { type: 'crash', ts: 1, severity: 4, airbagDeployed: true, rollover: true, occupants: 0 },
  session: {
    type: 'callSession',
    ts: 1,
    seq: 7,
    phase: 'redialWait',
    kind: 'automatic',
    attempt: 2,
    triggeredAt: 0,
    cancelWindowEndsAt: null,
    nextAttemptAt: 30_000,
    redialWindowEndsAt: 120_000,
    callbackWindowEndsAt: null,
    failureReason: 'no network',
    callEnd: 'dropped',
    msd: 'ackPositive',
    voiceSince: null,
    contactsNotified: true,
    cancellable: false,
    holdToEndMs: null,
    holdEndsAt: null,
    crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 },
    audioMuted: true,
  },
  led: { type: 'sosLed', ts: 1, led: 'green-blinking' },
  ack: {
    type: 'commandAck',
    ts: 1,
    commandId: 'cmd-1',
    command: 'cancelCall',
    ok: false,
    error: 'not cancellable',
  },
} as const;

describe('validateSignal', () => {
  for (const [name, raw] of Object.entries(GOOD)) {
    it(`accepts a well-formed ${name}`, () => {
      const result = validateSignal(raw);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.signal, raw);
    });
  }

  it('strips unknown fields', () => {
    const result = validateSignal({ ...GOOD.ignition, secret: 'x' });
    assert.ok(result.ok);
    assert.deepEqual(result.signal, GOOD.ignition);
  });

  const BAD: [string, unknown, string][] = [
    ['not an object', 'hello', 'signal: expected an object, got "hello"'],
    ['null', null, 'signal: expected an object, got null'],
    ['an array', [1], 'signal: expected an object, got [1]'],
    ['no type', { ts: 1 }, 'signal.type: expected a string, got undefined'],
    ['unknown type', { type: 'teleport', ts: 1 }, 'unknown signal type "teleport"'],
    [
      'latitude out of range',
      { ...GOOD.gnss, latitude: 123 },
      'gnss.latitude: expected a number from -90 to 90, got 123',
    ],
    [
      'longitude out of range',
      { ...GOOD.gnss, longitude: -181 },
      'gnss.longitude: expected a number from -180 to 180, got -181',
    ],
    [
      'heading 360',
      { ...GOOD.gnss, headingDeg: 360 },
      'gnss.headingDeg: expected a number from 0 to 359, got 360',
    ],
    [
      'latitude a string',
      { ...GOOD.gnss, latitude: '48' },
      'gnss.latitude: expected a number from -90 to 90, got "48"',
    ],
    [
      'missing field',
      { type: 'gnss', ts: 1, fix: '3d', latitude: 1, longitude: 1, headingDeg: 1 },
      'gnss.trusted: missing',
    ],
    ['unknown fix', { ...GOOD.gnss, fix: '4d' }, 'gnss.fix: expected one of "none", "2d", "3d", got "4d"'],
    [
      'bars 6',
      { ...GOOD.cellular, signalBars: 6 },
      'cellular.signalBars: expected an integer from 0 to 5, got 6',
    ],
    [
      'bars 2.5',
      { ...GOOD.cellular, signalBars: 2.5 },
      'cellular.signalBars: expected an integer from 0 to 5, got 2.5',
    ],
    ['negative ts', { ...GOOD.ignition, ts: -1 }, 'ignition.ts: expected a finite time in ms ≥ 0, got -1'],
    [
      'infinite ts',
      { ...GOOD.ignition, ts: Infinity },
      'ignition.ts: expected a finite time in ms ≥ 0, got Infinity',
    ],
    ['NaN ts', { ...GOOD.ignition, ts: NaN }, 'ignition.ts: expected a finite time in ms ≥ 0, got NaN'],
    [
      'unknown action',
      { ...GOOD.press, action: 'tap' },
      'sosButton.action: expected one of "press", "release", got "tap"',
    ],
    ['unknown unit', { ...GOOD.unitHealth, unit: 'radio' }, 'unitHealth.unit: expected one of "telematics"'],
    [
      'unknown status',
      { ...GOOD.unitHealth, status: 'fine' },
      'unitHealth.status: expected one of "ok", "degraded", "fault", got "fine"',
    ],
    [
      'code too long',
      { ...GOOD.unitHealth, code: 'x'.repeat(65) },
      'unitHealth.code: expected a string of at most 64 characters',
    ],
    [
      'duplicate nodes',
      { ...GOOD.mostRing, nodes: ['head-unit', 'amplifier', 'amplifier'] },
      'mostRing.nodes: expected no duplicate nodes',
    ],
    [
      'unknown node',
      { ...GOOD.mostRing, nodes: ['head-unit', 'cd-changer'] },
      'mostRing.nodes[1]: expected one of "head-unit"',
    ],
    [
      'empty ring',
      { ...GOOD.mostRing, nodes: [], silent: [], breakBetween: undefined },
      'mostRing.nodes: expected at least one node',
    ],
    [
      'silent node not on the ring',
      {
        ...GOOD.mostRing,
        nodes: ['head-unit', 'amplifier'],
        silent: ['telematics'],
        breakBetween: undefined,
      },
      'mostRing.silent: expected only nodes that are on the ring, got ["telematics"]',
    ],
    [
      'break pair of one node',
      { ...GOOD.mostRing, breakBetween: ['amplifier', 'amplifier'] },
      'mostRing.breakBetween: expected two different nodes',
    ],
    [
      'break of three',
      { ...GOOD.mostRing, breakBetween: ['amplifier', 'telematics', 'hands-free'] },
      'mostRing.breakBetween',
    ],
    [
      'unknown session phase',
      { ...GOOD.session, phase: 'teleported' },
      'callSession.phase: expected one of "idle"',
    ],
    [
      'session without seq',
      { ...GOOD.session, seq: undefined },
      'callSession.seq: expected an integer from 0 to 65535, got undefined',
    ],
    ['session with a negative deadline', { ...GOOD.session, nextAttemptAt: -5 }, 'callSession.nextAttemptAt'],
    ['unknown LED state', { ...GOOD.led, led: 'blue' }, 'sosLed.led: expected one of "off"'],
    ['crash without a time', { ...GOOD.crash, ts: 'now' }, 'crash.ts: expected a finite time'],
    ['button without an action', { type: 'sosButton', ts: 1 }, 'sosButton.action'],
    [
      'ack for unknown command',
      { ...GOOD.ack, command: 'selfDestruct' },
      'commandAck.command: expected one of "cancelCall"',
    ],
    [
      'ack with empty id',
      { ...GOOD.ack, commandId: '' },
      'commandAck.commandId: expected a non-empty string',
    ],
    ['ok as number', { ...GOOD.ack, ok: 1 }, 'commandAck.ok: expected true or false, got 1'],
  ];
  for (const [name, raw, error] of BAD) {
    it(`refuses ${name} with a clear one-line error`, () => {
      const result = validateSignal(raw);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.error.startsWith(error), `got: ${!result.ok && result.error}`);
      assert.ok(!result.ok && !result.error.includes('\n'));
    });
  }
});

describe('safety-critical events are never dropped for an ancillary field', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    [
      'severity 9',
      { severity: 9 },
      { severity: null },
      'crash.severity: expected an integer from 1 to 4, got 9',
    ],
    [
      'occupants -1',
      { occupants: -1 },
      { occupants: null },
      'crash.occupants: expected an integer from 0 to 9, got -1',
    ],
    [
      'rollover "yes"',
      { rollover: 'yes' },
      { rollover: null },
      'crash.rollover: expected true or false, got "yes"',
    ],
    ['no airbag field', { airbagDeployed: undefined }, { airbagDeployed: null }, 'crash.airbagDeployed'],
  ];
  for (const [name, bad, taken, note] of cases) {
    it(`a crash with ${name} is taken with that field unknown, and says so`, () => {
      const result = validateSignal({ ...GOOD.crash, ...bad });
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.signal, { ...GOOD.crash, ...taken });
      assert.equal(result.unknownFields?.length, 1);
      assert.ok(result.unknownFields?.[0]?.startsWith(note), result.unknownFields?.[0]);
    });
  }

  it('a session report with bad crash data keeps its session, crash fields unknown', () => {
    const result = validateSignal({ ...GOOD.session, crash: { ...GOOD.session.crash, severity: 12 } });
    assert.ok(result.ok);
    assert.deepEqual(result.signal, { ...GOOD.session, crash: { ...GOOD.session.crash, severity: null } });
    assert.ok(result.unknownFields?.[0]?.startsWith('callSession.crash.severity'));
  });

  it('a release with a bad hold time is still a release', () => {
    const result = validateSignal({ type: 'sosButton', ts: 1, action: 'release', heldMs: -3 });
    assert.ok(result.ok);
    assert.deepEqual(result.signal, { type: 'sosButton', ts: 1, action: 'release' });
    assert.equal(result.unknownFields?.length, 1);
  });

  it('a well-formed crash carries no note, nor does one whose sender says "unknown" (null)', () => {
    const result = validateSignal(GOOD.crash);
    assert.ok(result.ok && result.unknownFields === undefined);
    const unknown = validateSignal({ ...GOOD.crash, severity: null, occupants: null });
    assert.ok(unknown.ok && unknown.unknownFields === undefined);
    assert.deepEqual(unknown.signal, { ...GOOD.crash, severity: null, occupants: null });
  });
});

describe('validateCommand', () => {
  it('accepts every command shape', () => {
    for (const raw of [
      { type: 'cancelCall' },
      { type: 'callNow' },
      { type: 'endCall' },
      { type: 'answerCallback' },
      { type: 'startTestCall' },
      { type: 'requestSelfTest' },
    ]) {
      const result = validateCommand(raw);
      assert.ok(result.ok, JSON.stringify(raw));
      assert.deepEqual(result.command, raw);
    }
  });

  it('refuses malformed commands clearly', () => {
    const cases: [unknown, string][] = [
      // The page has no command that starts an emergency call: the telematics unit does that.
      [{ type: 'startCall', kind: 'automatic' }, 'unknown command type "startCall"'],
      [{ type: 'setLed', led: 'red' }, 'unknown command type "setLed"'],
      [
        { type: 'setRingBypass', unit: 'amplifier', bypassed: 'yes' },
        'setRingBypass.bypassed: expected true or false, got "yes"',
      ],
      [{ type: 'launch' }, 'unknown command type "launch"'],
      [42, 'command: expected an object, got 42'],
    ];
    for (const [raw, error] of cases) {
      const result = validateCommand(raw);
      assert.ok(!result.ok && result.error.startsWith(error), `got: ${!result.ok && result.error}`);
    }
  });
});
