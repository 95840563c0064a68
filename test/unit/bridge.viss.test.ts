/** VissBridge against a fake socket on the SimulatedClock: no real waiting, no real network. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallSessionSignal } from '../../src/bridge/signals.js';
import { PATHS, SUBSCRIBED_PATHS } from '../../src/bridge/vissPaths.js';
import { vissOnFakeSocket } from './helpers/vissOnFakeSocket.js';

describe('VissBridge', () => {
  it('opens one socket with subprotocol VISSv2 and subscribes to every path on open', () => {
    const { sockets, bridge } = vissOnFakeSocket();
    assert.equal(sockets.length, 1);
    assert.equal(sockets[0]!.protocol, 'VISSv2');
    assert.equal(bridge.connection, 'connecting');
    sockets[0]!.open();
    assert.equal(bridge.connection, 'connected');
    const subs = sockets[0]!.sent.filter((m) => m.action === 'subscribe').map((m) => m.path);
    assert.deepEqual(subs, [...SUBSCRIBED_PATHS]);
    const ids = sockets[0]!.sent.map((m) => m.requestId);
    assert.equal(new Set(ids).size, ids.length, 'every request has its own string requestId');
    assert.ok(ids.every((id) => typeof id === 'string'));
  });

  it('decodes pushes into validated signals (parts assembled, values parsed by datatype)', () => {
    const { sockets, push, signals } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    push(s, ids, PATHS.lowVoltageSystemState, 'ON');
    push(s, ids, PATHS.signalBars, '4');
    push(s, ids, PATHS.connectivity, 'true');
    push(s, ids, PATHS.unitCode('amplifier'), 'speaker');
    push(s, ids, PATHS.unitStatus('amplifier'), 'FAULT');
    assert.deepEqual(
      signals().map((x) => ({ ...x, ts: 0 })),
      [
        { type: 'ignition', ts: 0, state: 'on' },
        { type: 'cellular', ts: 0, registered: true, signalBars: 4 },
        { type: 'unitHealth', ts: 0, unit: 'amplifier', status: 'fault', code: 'speaker' },
      ],
    );
  });

  it('refuses malformed messages at the boundary: bad JSON, bad envelope, bad value, out-of-range signal', () => {
    const { sockets, push, bridge, signals } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    s.receive('{nope');
    s.receive({
      action: 'subscription',
      subscriptionId: ids.get(PATHS.signalBars),
      data: { path: PATHS.signalBars, dp: { value: 4, ts: 'x' } },
    });
    push(s, ids, PATHS.lowVoltageSystemState, 'MAYBE');
    push(s, ids, PATHS.connectivity, 'true');
    push(s, ids, PATHS.signalBars, '9'); // 9 bars: validateSignal refuses
    push(s, ids, PATHS.callSession, '{"seq":1,"phase":"panic"}');
    push(s, ids, PATHS.ledState, 'PURPLE');
    assert.equal(signals().length, 0);
    assert.equal(bridge.rejected.length, 6, JSON.stringify(bridge.rejected.map((r) => r.error)));
    assert.equal(bridge.incomplete.length, 0);
  });

  it('a crash with an ancillary field out of range is delivered with it unknown, and noted as incomplete', () => {
    const { sockets, push, bridge, signals } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    push(
      s,
      ids,
      PATHS.crashEvent,
      JSON.stringify({ seq: 1, severity: 7, airbagDeployed: true, rollover: null, occupants: 1 }),
    );
    assert.deepEqual(
      signals().map((x) => ({ ...x, ts: 0 })),
      [{ type: 'crash', ts: 0, severity: null, airbagDeployed: true, rollover: null, occupants: 1 }],
    );
    assert.equal(bridge.rejected.length, 0);
    assert.equal(bridge.incomplete.length, 1);
    assert.match(bridge.incomplete[0]!.error, /crash\.severity: .*got 7; taken as unknown/);
    assert.doesNotMatch(bridge.incomplete[0]!.error, /rollover/, 'null is the sender\'s own "unknown"');
  });

  it('delivers the unit’s session report and LED; every repeat of the session is delivered, however old', () => {
    const { sockets, push, bridge, signals, clock } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    const session: CallSessionSignal = {
      type: 'callSession',
      ts: clock.now() - 60_000,
      seq: 7,
      phase: 'cancelWindow',
      kind: 'manual',
      attempt: 0,
      triggeredAt: clock.now() - 2000,
      cancelWindowEndsAt: clock.now() + 8000,
      nextAttemptAt: null,
      redialWindowEndsAt: null,
      callbackWindowEndsAt: null,
      failureReason: null,
      callEnd: null,
      msd: 'none',
      voiceSince: null,
      contactsNotified: false,
      cancellable: true,
      holdToEndMs: 2000,
      holdEndsAt: null,
      crash: null,
      audioMuted: false,
      transport: null,
      msdUpdatedAt: null,
    };
    const { type: _type, ts, ...report } = session;
    // A state sent on subscribe may be old (a server that publishes only changes): still the truth.
    push(s, ids, PATHS.callSession, JSON.stringify(report), ts);
    push(s, ids, PATHS.callSession, JSON.stringify(report), clock.now());
    push(s, ids, PATHS.ledState, 'GREEN_BLINKING');
    const got = signals();
    assert.deepEqual(got[0], session);
    assert.deepEqual(got[1], { ...session, ts: clock.now() }, 'a repeat (same seq) is delivered too');
    assert.deepEqual(got[2], { type: 'sosLed', ts: clock.now(), led: 'green-blinking' });
    assert.equal(got.length, 3);
    // A session whose crash data is unreadable is still the session: the crash is taken as unknown.
    push(s, ids, PATHS.callSession, JSON.stringify({ ...report, seq: 8, crash: { severity: 'high' } }));
    const last = signals().at(-1);
    assert.equal(last?.type === 'callSession' && last.seq, 8);
    assert.deepEqual(last?.type === 'callSession' && last.crash, {
      severity: null,
      airbagDeployed: null,
      rollover: null,
      occupants: null,
    });
    assert.equal(bridge.incomplete.length, 1);
    assert.equal(bridge.rejected.length, 0, JSON.stringify(bridge.rejected));
  });

  it('fetches the current session with a get on connect (a state), never the crash event', () => {
    const { sockets } = vissOnFakeSocket();
    sockets[0]!.open();
    const gets = sockets[0]!.sent.filter((m) => m.action === 'get').map((m) => m.path);
    assert.ok(gets.includes(PATHS.callSession));
    assert.ok(gets.includes(PATHS.ledState));
    assert.ok(!gets.includes(PATHS.crashEvent));
    assert.ok(!gets.includes(PATHS.buttonEvent));
  });

  it('answers a command from the set response (correlated by requestId); unanswered ones time out', () => {
    const { sockets, bridge, clock, signals } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const a = bridge.send({ type: 'callNow' });
    const b = bridge.send({ type: 'cancelCall' });
    const sets = s.sent.filter((m) => m.action === 'set');
    assert.deepEqual(
      sets.map((m) => [m.path, m.value]),
      [
        [PATHS.command.callNow, 'true'],
        [PATHS.command.cancelCall, 'true'],
      ],
    );
    // Responses out of order: matched by requestId; the unit's refusal reason is the error.
    s.receive({
      action: 'set',
      requestId: sets[1]!.requestId,
      error: { number: 503, reason: 'service_unavailable', message: 'automatic call' },
      ts: new Date(clock.now()).toISOString(),
    });
    clock.advance(2500);
    const acks = signals().filter((x) => x.type === 'commandAck');
    assert.deepEqual(
      acks.map((x) => x.type === 'commandAck' && [x.commandId, x.command, x.ok, x.error]),
      [
        [b, 'cancelCall', false, 'automatic call'],
        [a, 'callNow', false, 'timeout'],
      ],
    );
    // A late answer after the timeout is not a second answer.
    s.receive({ action: 'set', requestId: sets[0]!.requestId, ts: new Date(clock.now()).toISOString() });
    assert.equal(signals().filter((x) => x.type === 'commandAck').length, 2);
  });

  it('heartbeat: nothing heard for 3 s → link lost, socket replaced; reconnect with backoff re-subscribes', () => {
    const { sockets, bridge, clock, connections } = vissOnFakeSocket();
    sockets[0]!.open();
    sockets[0]!.acceptSubscriptions();
    clock.advance(2900);
    assert.equal(bridge.connection, 'connected');
    assert.ok(
      sockets[0]!.sent.some((m) => m.action === 'get' && m.path === PATHS.lowVoltageSystemState),
      'heartbeat get',
    );
    clock.advance(1200);
    assert.equal(bridge.connection, 'lost');
    assert.deepEqual(connections(), ['connecting', 'connected', 'lost']);
    clock.advance(250);
    assert.equal(sockets.length, 2, 'a new socket after the first backoff');
    sockets[1]!.drop();
    clock.advance(499);
    assert.equal(sockets.length, 2, 'backoff doubles');
    clock.advance(1);
    assert.equal(sockets.length, 3);
    sockets[2]!.open();
    assert.equal(bridge.connection, 'connected');
    const subs = sockets[2]!.sent.filter((m) => m.action === 'subscribe').length;
    assert.equal(subs, SUBSCRIBED_PATHS.length, 'subscriptions belong to the socket: subscribe again');
  });

  it('a dropped socket is a lost link at once; pushes on old subscription ids are refused', () => {
    const { sockets, bridge, push, signals } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    s.drop();
    assert.equal(bridge.connection, 'lost');
    push(s, ids, PATHS.lowVoltageSystemState, 'ON');
    assert.equal(signals().length, 0);
  });

  it('events: the same seq twice is one event; an old event is not an emergency', () => {
    const { sockets, push, signals, clock } = vissOnFakeSocket();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    const crash = JSON.stringify({
      seq: 4,
      severity: 3,
      airbagDeployed: true,
      rollover: false,
      occupants: 1,
    });
    push(s, ids, PATHS.crashEvent, crash);
    push(s, ids, PATHS.crashEvent, crash);
    assert.equal(signals().filter((x) => x.type === 'crash').length, 1);
    const old = JSON.stringify({ seq: 5, action: 'press' });
    push(s, ids, PATHS.buttonEvent, old, clock.now() - 60_000);
    assert.equal(signals().filter((x) => x.type === 'sosButton').length, 0);
  });

  it('dispose stops every timer and the socket', () => {
    const { sockets, bridge, clock } = vissOnFakeSocket();
    sockets[0]!.open();
    bridge.send({ type: 'endCall' });
    bridge.dispose();
    assert.equal(clock.pendingTimers, 0);
    assert.equal(sockets[0]!.readyState, 3);
  });
});
