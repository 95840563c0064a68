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
  },
  { type: 'callSession', ts, seq: 0, ...NO_CALL_SESSION },
  { type: 'sosLed', ts, led: 'green-blinking' },
  { type: 'sosLed', ts, led: 'off' },
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
