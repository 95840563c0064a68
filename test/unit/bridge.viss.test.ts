/** VissBridge against a fake socket on the SimulatedClock: no real waiting, no real network. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VissBridge, type VissSocket } from '../../src/bridge/vissBridge.js';
import type { BridgeEvent } from '../../src/bridge/vehicleBridge.js';
import { PATHS, SUBSCRIBED_PATHS } from '../../src/bridge/vissPaths.js';
import { SimulatedClock } from '../../src/time/simulatedClock.js';

class FakeSocket implements VissSocket {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  /** Answers every subscribe request with a subscription id. */
  acceptSubscriptions(): Map<string, string> {
    const ids = new Map<string, string>();
    for (const req of this.sent.filter((m) => m.action === 'subscribe')) {
      const id = `s-${String(req.requestId)}`;
      ids.set(String(req.path), id);
      this.receive({
        action: 'subscribe',
        requestId: req.requestId,
        subscriptionId: id,
        ts: new Date(0).toISOString(),
      });
    }
    return ids;
  }
}

function setup() {
  const clock = new SimulatedClock(Date.parse('2026-05-01T10:00:00Z'));
  const sockets: FakeSocket[] = [];
  const bridge = new VissBridge({
    url: 'ws://127.0.0.1:8090',
    clock,
    createSocket: (url, protocol) => {
      const s = new FakeSocket(url, protocol);
      sockets.push(s);
      return s;
    },
    log: () => {},
  });
  const events: BridgeEvent[] = [];
  bridge.subscribe((e) => events.push(e));
  const push = (s: FakeSocket, ids: Map<string, string>, path: string, value: string, ts = clock.now()) =>
    s.receive({
      action: 'subscription',
      subscriptionId: ids.get(path),
      data: { path, dp: { value, ts: new Date(ts).toISOString() } },
      ts: new Date(clock.now()).toISOString(),
    });
  const signals = () => events.flatMap((e) => (e.kind === 'signal' ? [e.signal] : []));
  const connections = () => events.flatMap((e) => (e.kind === 'connection' ? [e.state] : []));
  return { clock, sockets, bridge, events, push, signals, connections };
}

describe('VissBridge', () => {
  it('opens one socket with subprotocol VISSv2 and subscribes to every path on open', () => {
    const { sockets, bridge } = setup();
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
    const { sockets, push, signals } = setup();
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
    const { sockets, push, bridge, signals } = setup();
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
    push(
      s,
      ids,
      PATHS.crashEvent,
      JSON.stringify({ seq: 1, severity: 7, airbagDeployed: true, rollover: false, occupants: 1 }),
    );
    assert.equal(signals().length, 0);
    assert.equal(bridge.rejected.length, 5, JSON.stringify(bridge.rejected.map((r) => r.error)));
  });

  it('answers a command from the set response (correlated by requestId); unanswered ones time out', () => {
    const { sockets, bridge, clock, signals } = setup();
    const s = sockets[0]!;
    s.open();
    const a = bridge.send({ type: 'setLed', led: 'green-blinking' });
    const b = bridge.send({ type: 'startCall', kind: 'automatic' });
    const sets = s.sent.filter((m) => m.action === 'set');
    assert.deepEqual(
      sets.map((m) => [m.path, m.value]),
      [
        [PATHS.command.setLed, 'green-blinking'],
        [PATHS.command.startCall, 'automatic'],
      ],
    );
    // Responses out of order: matched by requestId.
    s.receive({
      action: 'set',
      requestId: sets[1]!.requestId,
      error: { number: 503, reason: 'service_unavailable', message: 'busy' },
      ts: new Date(clock.now()).toISOString(),
    });
    clock.advance(2500);
    const acks = signals().filter((x) => x.type === 'commandAck');
    assert.deepEqual(
      acks.map((x) => x.type === 'commandAck' && [x.commandId, x.ok, x.error]),
      [
        [b, false, 'busy'],
        [a, false, 'timeout'],
      ],
    );
    // A late answer after the timeout is not a second answer.
    s.receive({ action: 'set', requestId: sets[0]!.requestId, ts: new Date(clock.now()).toISOString() });
    assert.equal(signals().filter((x) => x.type === 'commandAck').length, 2);
  });

  it('heartbeat: nothing heard for 3 s → link lost, socket replaced; reconnect with backoff re-subscribes', () => {
    const { sockets, bridge, clock, connections } = setup();
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
    const { sockets, bridge, push, signals } = setup();
    const s = sockets[0]!;
    s.open();
    const ids = s.acceptSubscriptions();
    s.drop();
    assert.equal(bridge.connection, 'lost');
    push(s, ids, PATHS.lowVoltageSystemState, 'ON');
    assert.equal(signals().length, 0);
  });

  it('events: the same seq twice is one event; an old event is not an emergency', () => {
    const { sockets, push, signals, clock } = setup();
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
    const { sockets, bridge, clock } = setup();
    sockets[0]!.open();
    bridge.send({ type: 'endCall' });
    bridge.dispose();
    assert.equal(clock.pendingTimers, 0);
    assert.equal(sockets[0]!.readyState, 3);
  });
});
