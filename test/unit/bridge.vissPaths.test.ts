import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateCommand, validateSignal } from '../../src/bridge/validation.js';
import type { VehicleCommand } from '../../src/bridge/commands.js';
import type { VehicleSignal } from '../../src/bridge/signals.js';
import { parseVissRequest, parseVissServerMessage } from '../../src/bridge/vissProtocol.js';
import {
  commandToVss,
  signalToVss,
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
  { type: 'callProgress', ts, phase: 'failed', reason: 'no network' },
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
      { type: 'startCall', kind: 'manual' },
      { type: 'endCall' },
      { type: 'answerCallback' },
      { type: 'setLed', led: 'red' },
      { type: 'muteAudio', muted: true },
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
    assert.equal(vssToCommand('Vehicle.Private.SOS.Command.StartCall', 'prank').ok, false);
    assert.equal(vssToCommand('Vehicle.Speed', '1').ok, false);
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
    assert.equal(parseVissRequest('{"action":"set","path":"../etc","value":"1","requestId":"9"}').ok, false);
  });
});
