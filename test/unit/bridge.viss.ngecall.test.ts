/**
 * VissBridge and the contract's newer values (NG-eCall session fields, the network eCall service, the
 * text conversation, hazard lights, vehicle configuration, and their requests) against a fake socket
 * on the SimulatedClock: what is delivered, what is taken with a field unknown (`incomplete`), what is
 * refused whole (`rejected`).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NO_CALL_SESSION } from '../../src/bridge/signals.js';
import { PATHS } from '../../src/bridge/vissPaths.js';
import { vissOnFakeSocket } from './helpers/vissOnFakeSocket.js';

/** The bridge connected and subscribed; `push(path, value)` is the server notifying a change. */
function setup() {
  const t = vissOnFakeSocket();
  const socket = t.sockets[0]!;
  socket.open();
  const ids = socket.acceptSubscriptions();
  const push = (path: string, value: string | null) => t.push(socket, ids, path, value);
  return { clock: t.clock, socket, bridge: t.bridge, push, signals: t.signals, ids };
}

describe('VissBridge: NG-eCall, the text conversation, post-crash guidance', () => {
  it('subscribes to the new paths it reads: conversation, eCall service, hazard lights, powertrain, door release', () => {
    const { ids } = setup();
    for (const path of [
      PATHS.conversation,
      PATHS.ecallService,
      PATHS.hazardLights,
      PATHS.powertrainType,
      PATHS.doorRelease,
    ])
      assert.ok(ids.has(path), path);
  });

  it('delivers them; a bad eCall service or powertrain is taken as unknown and counted as incomplete', () => {
    const { push, signals, bridge, clock } = setup();
    const ts = clock.now();
    push(PATHS.hazardLights, 'true');
    push(PATHS.doorRelease, 'INNER_HANDLE');
    push(PATHS.powertrainType, 'HYBRID');
    push(PATHS.ecallService, 'NONE');
    push(PATHS.signalBars, '4');
    push(PATHS.connectivity, 'true');
    assert.deepEqual(signals(), [
      { type: 'hazardLights', ts, on: true },
      { type: 'vehicleConfig', ts, powertrain: null, doorRelease: 'innerHandle' },
      { type: 'vehicleConfig', ts, powertrain: 'hybrid', doorRelease: 'innerHandle' },
      { type: 'cellular', ts, registered: true, signalBars: 4, ecall: 'none' },
    ]);
    assert.equal(bridge.incomplete.length, 0);
    push(PATHS.ecallService, 'SATELLITE');
    push(PATHS.powertrainType, 'HYDROGEN');
    assert.deepEqual(signals().slice(4), [
      { type: 'cellular', ts, registered: true, signalBars: 4 },
      { type: 'vehicleConfig', ts, powertrain: null, doorRelease: 'innerHandle' },
    ]);
    assert.deepEqual(
      bridge.incomplete.map((x) => x.error.split(':')[0]),
      ['cellular.ecall', 'vehicleConfig.powertrain'],
    );
    assert.deepEqual(bridge.rejected, [], 'connectivity and build facts are never refused for them');
  });

  it('the session report: fields left out by an older unit are null, bad ones noted; the call is never dropped', () => {
    const { push, signals, bridge, clock } = setup();
    const { transport: _t, msdUpdatedAt: _m, ...older } = NO_CALL_SESSION;
    push(PATHS.callSession, JSON.stringify({ seq: 3, ...older, phase: 'voice', kind: 'manual' }));
    assert.deepEqual(signals().at(-1), {
      type: 'callSession',
      ts: clock.now(),
      seq: 3,
      ...NO_CALL_SESSION,
      phase: 'voice',
      kind: 'manual',
    });
    assert.equal(bridge.incomplete.length, 0);
    push(
      PATHS.callSession,
      JSON.stringify({
        seq: 4,
        ...NO_CALL_SESSION,
        phase: 'voice',
        kind: 'manual',
        transport: '5G',
        msdUpdatedAt: 'now',
      }),
    );
    const s = signals().at(-1);
    assert.ok(s?.type === 'callSession' && s.seq === 4 && s.transport === null && s.msdUpdatedAt === null);
    assert.equal(bridge.incomplete.length, 1);
    assert.match(bridge.incomplete[0]!.error, /^callSession\.transport: .*; callSession\.msdUpdatedAt: /);
    assert.deepEqual(bridge.rejected, []);
  });

  it('a bad conversation is refused whole and counted as rejected; the next good one is delivered', () => {
    const { push, signals, bridge } = setup();
    const line = { id: 1, from: 'centre', at: 1, phrase: null, text: 'Hello', delivery: 'delivered' };
    push(PATHS.conversation, JSON.stringify({ seq: 1, lines: [{ ...line, text: 'x'.repeat(161) }] }));
    push(PATHS.conversation, JSON.stringify({ seq: 2, lines: [{ ...line, phrase: 'safe' }] }));
    assert.equal(signals().filter((s) => s.type === 'conversation').length, 0);
    assert.equal(bridge.rejected.length, 2);
    assert.match(bridge.rejected[0]!.error, /^conversation\.lines\[0\]\.text: /);
    push(PATHS.conversation, JSON.stringify({ seq: 3, lines: [line] }));
    push(PATHS.conversation, JSON.stringify({ seq: 3, lines: [line] }));
    const got = signals().filter((s) => s.type === 'conversation');
    assert.equal(got.length, 2, 'a state: every repeat is delivered (the HMI keeps the latest)');
    assert.deepEqual(got[0], { type: 'conversation', ts: got[0]!.ts, seq: 3, lines: [line] });
  });

  it('sends the requests as VISS sets: SendText and Speak as JSON, the hazard lights as the actuator’s target', () => {
    const { socket, bridge } = setup();
    bridge.send({ type: 'sendText', phrase: null, text: 'Wir sind zu dritt.' });
    bridge.send({ type: 'sendText', phrase: 'trapped', text: null });
    bridge.send({ type: 'setHazardLights', on: true });
    bridge.send({ type: 'speak', text: 'Help is coming.', lang: 'en' });
    const sets = socket.sent.filter((m) => m.action === 'set').map((m) => [m.path, m.value]);
    assert.deepEqual(sets, [
      ['Vehicle.Private.SOS.Command.SendText', '{"phrase":null,"text":"Wir sind zu dritt."}'],
      ['Vehicle.Private.SOS.Command.SendText', '{"phrase":"trapped","text":null}'],
      ['Vehicle.Body.Lights.Hazard.IsSignaling', 'true'],
      ['Vehicle.Private.SOS.Command.Speak', '{"text":"Help is coming.","lang":"en"}'],
    ]);
  });

  it('a request the contract forbids never leaves: both phrase and text, a blank line', () => {
    const { socket, bridge, clock, signals } = setup();
    bridge.send({ type: 'sendText', phrase: 'safe', text: 'and more' });
    bridge.send({ type: 'sendText', phrase: null, text: '  ' });
    clock.advance(1);
    assert.equal(socket.sent.filter((m) => m.action === 'set').length, 0);
    const acks = signals().flatMap((s) => (s.type === 'commandAck' ? [s] : []));
    assert.deepEqual(
      acks.map((a) => [a.command, a.ok]),
      [
        ['sendText', false],
        ['sendText', false],
      ],
    );
  });
});
