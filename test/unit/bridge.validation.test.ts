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
    transport: 'ngECall',
    msdUpdatedAt: 45_000,
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

// ------------------------------------------------------------------ NG-eCall, text, post-crash guidance

const LINE_C = {
  id: 1,
  from: 'centre',
  at: 10,
  phrase: null,
  text: 'Are you injured?',
  delivery: 'delivered',
} as const;
const LINE_O = {
  id: 2,
  from: 'occupants',
  at: 12,
  phrase: 'injured',
  text: null,
  delivery: 'sending',
} as const;
const CONVERSATION = { type: 'conversation', ts: 13, seq: 3, lines: [LINE_C, LINE_O] } as const;

describe('the session report: transport and updated data (EN 17184)', () => {
  it('a well-formed report carries both, without a note', () => {
    const result = validateSignal({ ...GOOD.session, transport: 'plain112', msdUpdatedAt: null });
    assert.ok(result.ok && result.unknownFields === undefined, JSON.stringify(result));
    assert.deepEqual(result.signal, { ...GOOD.session, transport: 'plain112', msdUpdatedAt: null });
  });

  it('an older unit leaves both out: taken as null, silently', () => {
    const { transport: _t, msdUpdatedAt: _m, ...older } = GOOD.session;
    const result = validateSignal(older);
    assert.ok(result.ok && result.unknownFields === undefined, JSON.stringify(result));
    assert.deepEqual(result.signal, { ...GOOD.session, transport: null, msdUpdatedAt: null });
  });

  it('present but bad: the report is taken with them null, and each is noted like a crash field', () => {
    const result = validateSignal({ ...GOOD.session, transport: 'satellite', msdUpdatedAt: -5 });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.signal, { ...GOOD.session, transport: null, msdUpdatedAt: null });
    assert.deepEqual(result.unknownFields, [
      'callSession.transport: expected one of "ngECall", "eCall", "plain112", got "satellite"; taken as unknown',
      'callSession.msdUpdatedAt: expected a finite time in ms ≥ 0, got -5; taken as unknown',
    ]);
    // The safety-critical part of the report is untouched.
    assert.equal(result.signal.type === 'callSession' && result.signal.phase, 'redialWait');
  });

  it('with a bad crash field too: every ancillary field is noted, none costs the report', () => {
    const result = validateSignal({
      ...GOOD.session,
      crash: { ...GOOD.session.crash, occupants: 99 },
      transport: 7,
    });
    assert.ok(result.ok);
    assert.equal(result.unknownFields?.length, 2);
  });
});

describe('cellular: the network eCall service', () => {
  it('is taken when valid, absent when the unit does not say (or says null)', () => {
    for (const ecall of ['ngECall', 'eCall', 'none'] as const) {
      const result = validateSignal({ ...GOOD.cellular, ecall });
      assert.ok(result.ok && result.unknownFields === undefined);
      assert.deepEqual(result.signal, { ...GOOD.cellular, ecall });
    }
    const silent = validateSignal({ ...GOOD.cellular, ecall: null });
    assert.ok(silent.ok && silent.unknownFields === undefined);
    assert.deepEqual(silent.signal, GOOD.cellular);
  });

  it('a bad value never costs the connectivity facts: left out and noted', () => {
    const result = validateSignal({ ...GOOD.cellular, ecall: 'lte' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.signal, GOOD.cellular);
    assert.deepEqual(result.unknownFields, [
      'cellular.ecall: expected one of "ngECall", "eCall", "none", got "lte"; left out',
    ]);
    // A bad registration is still refused: that is the fact itself.
    assert.equal(validateSignal({ ...GOOD.cellular, registered: 'yes', ecall: 'none' }).ok, false);
  });
});

describe('the vehicle configuration', () => {
  it('accepts the build facts, null where not known', () => {
    for (const raw of [
      { type: 'vehicleConfig', ts: 1, powertrain: 'electric', doorRelease: 'cableInDoorPocket' },
      { type: 'vehicleConfig', ts: 1, powertrain: 'hybrid', doorRelease: null },
      { type: 'vehicleConfig', ts: 1, powertrain: null, doorRelease: 'leverBesideWindowSwitch' },
    ]) {
      const result = validateSignal(raw);
      assert.ok(result.ok && result.unknownFields === undefined, JSON.stringify(raw));
      assert.deepEqual(result.signal, raw);
    }
  });

  it('a value this HMI does not know: that field null, noted; absent fields null, silently', () => {
    const result = validateSignal({
      type: 'vehicleConfig',
      ts: 1,
      powertrain: 'fuelCell',
      doorRelease: 'innerHandle',
    });
    assert.ok(result.ok);
    assert.deepEqual(result.signal, {
      type: 'vehicleConfig',
      ts: 1,
      powertrain: null,
      doorRelease: 'innerHandle',
    });
    assert.deepEqual(result.unknownFields, [
      'vehicleConfig.powertrain: expected one of "combustion", "hybrid", "electric", got "fuelCell"; taken as unknown',
    ]);
    const bare = validateSignal({ type: 'vehicleConfig', ts: 1 });
    assert.ok(bare.ok && bare.unknownFields === undefined);
    assert.deepEqual(bare.signal, { type: 'vehicleConfig', ts: 1, powertrain: null, doorRelease: null });
    assert.equal(validateSignal({ type: 'vehicleConfig', ts: -1 }).ok, false, 'its time is not ancillary');
  });
});

describe('hazard lights', () => {
  it('on or off; anything else is refused', () => {
    for (const on of [true, false]) {
      const result = validateSignal({ type: 'hazardLights', ts: 1, on });
      assert.ok(result.ok);
      assert.deepEqual(result.signal, { type: 'hazardLights', ts: 1, on });
    }
    const bad = validateSignal({ type: 'hazardLights', ts: 1, on: 'flashing' });
    assert.ok(!bad.ok && bad.error === 'hazardLights.on: expected true or false, got "flashing"');
  });
});

describe('the text conversation', () => {
  it('accepts a conversation, an empty one, and 40 lines of 160 characters (an emoji is one)', () => {
    for (const raw of [
      CONVERSATION,
      { ...CONVERSATION, lines: [] },
      {
        ...CONVERSATION,
        lines: Array.from({ length: 40 }, (_, i) => ({ ...LINE_C, id: i + 1, text: '🚑'.repeat(160) })),
      },
    ]) {
      const result = validateSignal(raw);
      assert.ok(result.ok, result.ok ? '' : result.error);
      assert.deepEqual(result.signal, raw);
    }
  });

  const refused: [string, unknown, string][] = [
    [
      'a line with an unknown delivery',
      { ...CONVERSATION, lines: [LINE_C, { ...LINE_O, delivery: 'read' }] },
      'conversation.lines[1].delivery: expected one of "sending", "sent", "delivered", "failed", got "read"',
    ],
    [
      'an unknown phrase',
      { ...CONVERSATION, lines: [{ ...LINE_O, phrase: 'bored' }] },
      'conversation.lines[0].phrase: expected one of "cannotSpeak"',
    ],
    [
      'too many lines',
      { ...CONVERSATION, lines: Array.from({ length: 41 }, (_, i) => ({ ...LINE_C, id: i })) },
      'conversation.lines: expected at most 40 lines',
    ],
    [
      'a text of 161 characters',
      { ...CONVERSATION, lines: [{ ...LINE_C, text: 'x'.repeat(161) }] },
      'conversation.lines[0].text: expected a text of 1 to 160 characters',
    ],
    [
      'an empty text',
      { ...CONVERSATION, lines: [{ ...LINE_C, text: '' }] },
      'conversation.lines[0].text: expected a text of 1 to 160 characters',
    ],
    [
      'a NUL in a text',
      { ...CONVERSATION, lines: [{ ...LINE_C, text: 'a\u0000b' }] },
      'conversation.lines[0].text: expected a text without NUL characters',
    ],
    [
      'a phrase and a text',
      { ...CONVERSATION, lines: [{ ...LINE_O, text: 'hurt' }] },
      'conversation.lines[0]: expected a preset phrase or a text, exactly one',
    ],
    [
      'neither phrase nor text',
      { ...CONVERSATION, lines: [{ ...LINE_O, phrase: null }] },
      'conversation.lines[0]: expected a preset phrase or a text, exactly one',
    ],
    [
      'a preset phrase from the centre',
      { ...CONVERSATION, lines: [{ ...LINE_C, phrase: 'safe', text: null }] },
      'conversation.lines[0]: expected no preset phrase from the centre',
    ],
    [
      'a centre line not delivered',
      { ...CONVERSATION, lines: [{ ...LINE_C, delivery: 'sending' }] },
      'conversation.lines[0]: expected a centre line delivered',
    ],
    [
      'line ids not increasing',
      { ...CONVERSATION, lines: [LINE_O, LINE_C] },
      'conversation.lines: expected line ids increasing, oldest first',
    ],
    [
      'a line without a time',
      { ...CONVERSATION, lines: [{ ...LINE_C, at: undefined }] },
      'conversation.lines[0].at',
    ],
    ['no seq', { ...CONVERSATION, seq: undefined }, 'conversation.seq'],
  ];
  for (const [name, raw, error] of refused) {
    it(`refuses the whole conversation for ${name}`, () => {
      const result = validateSignal(raw);
      assert.ok(!result.ok, JSON.stringify(result));
      assert.ok(result.error.startsWith(error), `got: ${result.error}`);
      assert.ok(!result.error.includes('\n'));
    });
  }
});

describe('validateCommand: the text channel, hazard lights and speech', () => {
  it('accepts a preset phrase or a typed line, the hazard lights on or off, a text to speak', () => {
    for (const raw of [
      { type: 'sendText', phrase: 'cannotSpeak', text: null },
      { type: 'sendText', phrase: null, text: 'Zwei Verletzte, einer bewusstlos. 🚑' },
      { type: 'sendText', phrase: null, text: 'é'.repeat(160) },
      { type: 'setHazardLights', on: true },
      { type: 'setHazardLights', on: false },
      { type: 'speak', text: 'Help is on the way.', lang: 'en-GB' },
      { type: 'speak', text: 'Hilfe ist unterwegs.', lang: null },
    ]) {
      const result = validateCommand(raw);
      assert.ok(result.ok, result.ok ? '' : result.error);
      assert.deepEqual(result.command, raw);
    }
  });

  it('refuses what the text channel, the lights or speech cannot take', () => {
    const cases: [unknown, string][] = [
      [
        { type: 'sendText', phrase: 'injured', text: 'hurt' },
        'sendText: expected a preset phrase or a text, exactly one',
      ],
      [
        { type: 'sendText', phrase: null, text: null },
        'sendText: expected a preset phrase or a text, exactly one',
      ],
      [{ type: 'sendText', phrase: null, text: '   ' }, 'sendText.text: expected a text that is not blank'],
      [{ type: 'sendText', phrase: null, text: '' }, 'sendText.text: expected a text of 1 to 160 characters'],
      [
        { type: 'sendText', phrase: null, text: 'x'.repeat(161) },
        'sendText.text: expected a text of 1 to 160 characters',
      ],
      [{ type: 'sendText', phrase: null, text: 'a\u0000' }, 'sendText.text: expected a text without NUL'],
      [{ type: 'sendText', phrase: 'bored', text: null }, 'sendText.phrase: expected one of "cannotSpeak"'],
      [{ type: 'sendText', text: 'hi' }, 'sendText.phrase'],
      [{ type: 'setHazardLights', on: 'yes' }, 'setHazardLights.on: expected true or false, got "yes"'],
      [{ type: 'setHazardLights' }, 'setHazardLights.on'],
      [{ type: 'speak', text: '', lang: null }, 'speak.text: expected a text of 1 to 500 characters'],
      [{ type: 'speak', text: 'hi', lang: 'english please' }, 'speak.lang: expected a BCP 47 language tag'],
      [{ type: 'speak', text: 'hi' }, 'speak.lang'],
    ];
    for (const [raw, error] of cases) {
      const result = validateCommand(raw);
      assert.ok(
        !result.ok && result.error.startsWith(error),
        `${JSON.stringify(raw)} → ${!result.ok && result.error}`,
      );
    }
  });
});
