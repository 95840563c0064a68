import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateCommand, validateSignal } from '../../src/bridge/validation.js';
import type { VehicleCommand } from '../../src/bridge/commands.js';
import { NO_CALL_SESSION, type VehicleSignal } from '../../src/bridge/signals.js';
import { parseVissRequest, parseVissServerMessage } from '../../src/bridge/vissProtocol.js';
import {
  commandToVss,
  PATHS,
  pathSpec,
  signalToVss,
  SUBSCRIBED_PATHS,
  VSS_PATHS,
  VssSignalAssembler,
  vssToCommand,
} from '../../src/bridge/vissPaths.js';
import { makeOverlay } from '../../gateway/tools/makeOverlay.js';
import { VSS_DESCRIPTIONS } from '../../gateway/vssDescriptions.js';

const ts = 1_780_000_000_000;
const SIGNALS: VehicleSignal[] = [
  { type: 'ignition', ts, state: 'accessory' },
  { type: 'gnss', ts, fix: '3d', latitude: 48.1424, longitude: 11.5775, headingDeg: 72, trusted: true },
  { type: 'gnss', ts, fix: 'none', latitude: null, longitude: null, headingDeg: null, trusted: false },
  { type: 'cellular', ts, registered: true, signalBars: 3 },
  { type: 'unitHealth', ts, unit: 'backup-battery', status: 'degraded', code: 'low' },
  { type: 'unitHealth', ts, unit: 'telematics', status: 'ok' },
  {
    type: 'mostRing',
    ts,
    nodes: ['head-unit', 'amplifier', 'telematics'],
    closed: false,
    silent: ['amplifier', 'telematics'],
    breakBetween: ['amplifier', 'telematics'],
  },
  { type: 'sosButton', ts, action: 'release', heldMs: 2100 },
  { type: 'crash', ts, severity: 4, airbagDeployed: true, rollover: true, occupants: 2 },
  { type: 'crash', ts, severity: null, airbagDeployed: null, rollover: false, occupants: null },
  {
    type: 'callSession',
    ts,
    seq: 65535,
    phase: 'redialWait',
    kind: 'automatic',
    attempt: 2,
    triggeredAt: ts - 40_000,
    cancelWindowEndsAt: null,
    nextAttemptAt: ts + 12_345,
    redialWindowEndsAt: ts + 80_000,
    callbackWindowEndsAt: null,
    failureReason: 'network lost',
    callEnd: 'dropped',
    msd: 'ackPositive',
    voiceSince: null,
    contactsNotified: true,
    cancellable: false,
    holdToEndMs: null,
    holdEndsAt: null,
    crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 },
    audioMuted: true,
    transport: 'plain112',
    msdUpdatedAt: ts - 10_000,
  },
  { type: 'callSession', ts, seq: 0, ...NO_CALL_SESSION },
  { type: 'sosLed', ts, led: 'green-blinking' },
  { type: 'sosLed', ts, led: 'off' },
  // After the cellular signal without one: the network eCall service path keeps its last value.
  { type: 'cellular', ts, registered: true, signalBars: 1, ecall: 'none' },
  { type: 'cellular', ts, registered: false, signalBars: 0, ecall: 'ngECall' },
  { type: 'hazardLights', ts, on: true },
  { type: 'hazardLights', ts, on: false },
  // The powertrain not known (never published) before it is.
  { type: 'vehicleConfig', ts, powertrain: null, doorRelease: 'leverBesideWindowSwitch' },
  { type: 'vehicleConfig', ts, powertrain: 'electric', doorRelease: 'cableInDoorPocket' },
  { type: 'conversation', ts, seq: 0, lines: [] },
  {
    type: 'conversation',
    ts,
    seq: 65535,
    lines: [
      {
        id: 1,
        from: 'centre',
        at: ts - 9000,
        phrase: null,
        text: 'Hilfe ist unterwegs – "bleiben" Sie \\ im Auto. 🚑',
        delivery: 'delivered',
      },
      { id: 4, from: 'occupants', at: ts - 1000, phrase: 'trapped', text: null, delivery: 'failed' },
    ],
  },
];

describe('VSS mapping', () => {
  it('every signal survives signal → VSS strings → assembler → validateSignal unchanged', () => {
    const assembler = new VssSignalAssembler();
    SIGNALS.forEach((signal, i) => {
      const updates = signalToVss(signal, i + 1);
      assert.ok(
        updates.every((u) => typeof u.value === 'string'),
        'values travel as strings',
      );
      const out = updates.flatMap((u) => {
        const r = assembler.update(u.path, u.value, ts);
        assert.equal(r.error, undefined, r.error);
        return r.signals;
      });
      const last = out.at(-1);
      const checked = validateSignal(last);
      assert.ok(checked.ok, checked.ok ? '' : checked.error);
      assert.deepEqual(checked.signal, signal);
    });
  });

  it('every command maps to a documented command path and back', () => {
    const commands: VehicleCommand[] = [
      { type: 'cancelCall' },
      { type: 'callNow' },
      { type: 'endCall' },
      { type: 'answerCallback' },
      { type: 'startTestCall' },
      { type: 'requestSelfTest' },
      { type: 'setRingBypass', unit: 'amplifier', bypassed: true },
      { type: 'startGuidance', name: 'Klinikum', latitude: 48.1, longitude: 11.5 },
      { type: 'sendText', phrase: 'cannotHear', text: null },
      { type: 'sendText', phrase: null, text: 'Wir sind zu dritt – alle wach. 👍' },
      { type: 'setHazardLights', on: true },
      { type: 'setHazardLights', on: false },
      { type: 'speak', text: 'Help is on the way.', lang: 'en' },
      { type: 'speak', text: 'Hilfe kommt.', lang: null },
    ];
    for (const command of commands) {
      const { path, value } = commandToVss(command);
      assert.equal(VSS_PATHS.find((s) => s.path === path)?.type, 'actuator');
      const back = vssToCommand(path, value);
      assert.ok(back.ok);
      const checked = validateCommand(back.command);
      assert.ok(checked.ok);
      assert.deepEqual(checked.command, command);
    }
    assert.deepEqual(
      commands.slice(0, 5).map((c) => commandToVss(c)),
      [
        { path: 'Vehicle.Private.SOS.Command.CancelCall', value: 'true' },
        { path: 'Vehicle.Private.SOS.Command.CallNow', value: 'true' },
        { path: 'Vehicle.Private.SOS.Command.EndCall', value: 'true' },
        { path: 'Vehicle.Private.SOS.Command.AnswerCallback', value: 'true' },
        { path: 'Vehicle.Private.SOS.Command.StartTestCall', value: 'true' },
      ],
    );
    assert.equal(vssToCommand(PATHS.command.cancelCall, 'false').ok, false);
    assert.equal(vssToCommand(PATHS.command.callNow, 'manual').ok, false);
    assert.equal(vssToCommand(PATHS.command.startTestCall, '').ok, false);
    assert.equal(vssToCommand('Vehicle.Speed', '1').ok, false);
  });

  it('the HMI only asks: no path starts a call, sets the LED or mutes audio any more', () => {
    for (const gone of [
      'Vehicle.Private.SOS.Command.StartCall',
      'Vehicle.Private.SOS.Command.Led',
      'Vehicle.Private.SOS.Command.MuteAudio',
      'Vehicle.Private.SOS.Call.Progress',
    ]) {
      assert.equal(pathSpec(gone), undefined, gone);
      assert.equal(vssToCommand(gone, 'true').ok, false, gone);
    }
    assert.deepEqual(
      VSS_PATHS.filter((s) => s.type === 'actuator' && s.path.includes('.Command.'))
        .map((s) => s.path.split('.').at(-1))
        .sort(),
      [
        'AnswerCallback',
        'CallNow',
        'CancelCall',
        'EndCall',
        'RequestSelfTest',
        'RingBypass',
        'SendText',
        'Speak',
        'StartGuidance',
        'StartTestCall',
      ],
    );
  });

  it('the session and the LED are subscribed states (sent on subscribe); crash and button are events', () => {
    for (const path of [PATHS.callSession, PATHS.ledState]) {
      assert.ok(SUBSCRIBED_PATHS.includes(path), path);
      assert.equal(pathSpec(path)?.event, undefined, `${path} is a state`);
    }
    assert.equal(pathSpec(PATHS.callSession)?.repeats, true, 'every session repeat is delivered');
    assert.deepEqual(pathSpec(PATHS.ledState)?.allowed, ['OFF', 'GREEN_BLINKING', 'GREEN_STEADY', 'RED']);
    for (const path of [PATHS.crashEvent, PATHS.buttonEvent]) assert.equal(pathSpec(path)?.event, true, path);
    // The session keeps the unit's own seq; the gateway's event counter is for events only.
    const session = SIGNALS.find((x) => x.type === 'callSession')!;
    const [update] = signalToVss(session, 7);
    assert.equal((JSON.parse(update!.value) as { seq: number }).seq, 65535);
  });

  it('the committed overlay is the one generated from the path table, with every overlay path', () => {
    const file = readFileSync(new URL('../../vss/sos-overlay.vspec', import.meta.url), 'utf8');
    assert.equal(file, makeOverlay(), 'run node --import tsx gateway/tools/makeOverlay.ts');
    for (const spec of VSS_PATHS.filter((s) => s.overlay))
      assert.ok(file.includes(`${spec.path}:`), spec.path);
    assert.ok(!file.includes('Vehicle.LowVoltageSystemState:'), 'standard paths are not redefined');
  });

  it('every path is described for the overlay, and only paths of the table', () => {
    assert.deepEqual([...VSS_DESCRIPTIONS.keys()].sort(), VSS_PATHS.map((s) => s.path).sort());
  });

  it('VISS envelopes: KUKSA-style messages pass, malformed ones are refused', () => {
    const t = new Date(ts).toISOString();
    for (const m of [
      { action: 'get', requestId: '1', data: { path: 'Vehicle.Speed', dp: { value: '47.3', ts: t } }, ts: t },
      { action: 'set', requestId: '2', ts: t },
      { action: 'subscribe', subscriptionId: 's1', requestId: '3', ts: t },
      {
        action: 'subscription',
        subscriptionId: 's1',
        data: { path: 'Vehicle.Speed', dp: { value: '1', ts: t } },
        ts: t,
      },
      { action: 'unsubscribe', subscriptionId: 's1', requestId: '4', ts: t },
      {
        action: 'get',
        requestId: '5',
        error: { number: 404, reason: 'unavailable_data', message: 'no' },
        ts: t,
      },
    ]) {
      assert.ok(parseVissServerMessage(JSON.stringify(m)).ok, JSON.stringify(m));
    }
    for (const bad of ['x', '{"action":"get","requestId":5}', '{"action":"boom","requestId":"1"}']) {
      assert.equal(parseVissServerMessage(bad).ok, false, bad);
    }
    assert.ok(
      parseVissRequest(
        '{"action":"set","path":"Vehicle.Private.SOS.Command.EndCall","value":"true","requestId":"9"}',
      ).ok,
    );
    // KUKSA: a path is any string (an unknown one is answered 404 invalid_path), a requestId is a string.
    assert.equal(parseVissRequest('{"action":"set","path":"../etc","value":"1","requestId":"9"}').ok, true);
    assert.equal(
      parseVissRequest('{"action":"set","path":"Vehicle.Speed","value":"1","requestId":9}').ok,
      false,
    );
    assert.equal(
      parseVissRequest('{"action":"set","path":"Vehicle.Speed","value":1,"requestId":"9"}').ok,
      false,
    );
    assert.ok(
      parseVissServerMessage(
        JSON.stringify({
          action: 'get',
          requestId: '6',
          data: { path: 'Vehicle.Speed', dp: { value: null, ts: t } },
        }),
      ).ok,
    );
  });
});

describe('VSS mapping: NG-eCall, the text conversation, post-crash guidance', () => {
  it('standard VSS where it exists, the rest in the overlay; the new paths the HMI reads are subscribed', () => {
    assert.deepEqual(pathSpec(PATHS.hazardLights), {
      path: 'Vehicle.Body.Lights.Hazard.IsSignaling',
      datatype: 'boolean',
      type: 'actuator',
      overlay: false,
    });
    assert.equal(PATHS.command.setHazardLights, PATHS.hazardLights, 'the request sets the actuator’s target');
    assert.deepEqual(pathSpec(PATHS.powertrainType)?.allowed, ['COMBUSTION', 'HYBRID', 'ELECTRIC']);
    assert.equal(pathSpec(PATHS.powertrainType)?.type, 'attribute');
    assert.equal(pathSpec(PATHS.doorRelease)?.type, 'attribute');
    assert.equal(pathSpec(PATHS.conversation)?.repeats, true, 'a state: every repeat is delivered');
    for (const path of [
      PATHS.ecallService,
      PATHS.conversation,
      PATHS.hazardLights,
      PATHS.powertrainType,
      PATHS.doorRelease,
    ])
      assert.ok(SUBSCRIBED_PATHS.includes(path), path);
    for (const path of [PATHS.command.sendText, PATHS.command.speak])
      assert.ok(!SUBSCRIBED_PATHS.includes(path), path);
    const file = readFileSync(new URL('../../vss/sos-overlay.vspec', import.meta.url), 'utf8');
    for (const path of [
      'Vehicle.Private.SOS.Cellular.EcallService:',
      'Vehicle.Private.SOS.Call.Conversation:',
      'Vehicle.Private.SOS.Rescue.DoorRelease:',
      'Vehicle.Private.SOS.Command.SendText:',
      'Vehicle.Private.SOS.Command.Speak:',
    ])
      assert.ok(file.includes(path), path);
    for (const standard of ['Vehicle.Powertrain.Type:', 'Vehicle.Body.Lights.Hazard.IsSignaling:'])
      assert.ok(!file.includes(standard), `${standard} is VSS, not redefined`);
  });

  it('a value this HMI does not know on an ancillary path reaches validation, which notes it', () => {
    const assembler = new VssSignalAssembler();
    const ecall = assembler.update(PATHS.ecallService, 'FIVE_G_ONLY', ts);
    assert.deepEqual(ecall, { signals: [] }, 'not refused; nothing complete yet');
    assembler.update(PATHS.connectivity, 'true', ts);
    const taken = validateSignal(assembler.update(PATHS.signalBars, '3', ts).signals[0]);
    assert.ok(taken.ok);
    assert.deepEqual(taken.signal, { type: 'cellular', ts, registered: true, signalBars: 3 });
    assert.match(taken.unknownFields?.[0] ?? '', /^cellular\.ecall: .*"FIVE_G_ONLY"; left out$/);
    const config = validateSignal(assembler.update(PATHS.powertrainType, 'FUEL_CELL', ts).signals[0]);
    assert.ok(config.ok);
    assert.deepEqual(config.signal, { type: 'vehicleConfig', ts, powertrain: null, doorRelease: null });
    assert.match(config.unknownFields?.[0] ?? '', /^vehicleConfig\.powertrain: .*"FUEL_CELL"/);
    // Other enumerations stay strict: an LED state the HMI does not know is refused.
    assert.ok(assembler.update(PATHS.ledState, 'BLUE', ts).error);
    assert.ok(assembler.update(PATHS.hazardLights, 'maybe', ts).error);
  });

  it('an older gateway’s session report without transport is taken, both fields null', () => {
    const assembler = new VssSignalAssembler();
    const {
      type: _t,
      ts: _ts,
      transport: _tr,
      msdUpdatedAt: _m,
      ...old
    } = {
      type: 'callSession' as const,
      ts,
      seq: 9,
      ...NO_CALL_SESSION,
    };
    const out = assembler.update(PATHS.callSession, JSON.stringify(old), ts);
    const checked = validateSignal(out.signals[0]);
    assert.ok(checked.ok && checked.unknownFields === undefined);
    assert.deepEqual(checked.signal, { type: 'callSession', ts, seq: 9, ...NO_CALL_SESSION });
  });

  it('commands: SendText and Speak take JSON, the hazard lights a boolean target; bad values refused', () => {
    assert.deepEqual(commandToVss({ type: 'setHazardLights', on: true }), {
      path: 'Vehicle.Body.Lights.Hazard.IsSignaling',
      value: 'true',
    });
    assert.deepEqual(commandToVss({ type: 'sendText', phrase: 'safe', text: null }), {
      path: 'Vehicle.Private.SOS.Command.SendText',
      value: '{"phrase":"safe","text":null}',
    });
    assert.equal(vssToCommand(PATHS.hazardLights, 'on').ok, false);
    assert.equal(vssToCommand(PATHS.command.sendText, 'hello').ok, false);
    assert.equal(vssToCommand(PATHS.command.speak, '["x"]').ok, false);
    // Mapped, then refused by validateCommand like any other command.
    const both = vssToCommand(PATHS.command.sendText, '{"phrase":"safe","text":"ok"}');
    assert.ok(both.ok);
    assert.equal(validateCommand(both.command).ok, false);
  });

  it('a whole conversation of 40 lines × 160 characters travels as one VISS value', () => {
    const text = '"\\'.repeat(53) + 'x'; // every character escaped in JSON
    const lines = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      from: 'centre' as const,
      at: ts,
      phrase: null,
      text,
      delivery: 'delivered' as const,
    }));
    const signal: VehicleSignal = { type: 'conversation', ts, seq: 1, lines };
    assert.ok(validateSignal(signal).ok);
    const [update] = signalToVss(signal, 0);
    assert.ok(update!.value.length > 4096, 'longer than the old value limit');
    const message = {
      action: 'subscription',
      subscriptionId: 's1',
      data: { path: PATHS.conversation, dp: { value: update!.value, ts: new Date(ts).toISOString() } },
      ts: new Date(ts).toISOString(),
    };
    assert.ok(parseVissServerMessage(JSON.stringify(message)).ok);
    const back = new VssSignalAssembler().update(PATHS.conversation, update!.value, ts);
    assert.deepEqual(validateSignal(back.signals[0]).ok && back.signals[0], signal);
  });
});
