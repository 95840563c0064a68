/**
 * VissBridge fed KUKSA databroker's exact message shapes (test/fixtures/kuksa/messages.json, written
 * field for field from KUKSA's serde types): null values, UUID subscription ids, the first
 * notification racing the subscribe response, the replay of the last event on every subscribe, JWT
 * refusals (→ `linkProblem`), read_only, and the generic error with null ids.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { VissLinkProblem } from '../../src/bridge/vissBridge.js';
import { PATHS } from '../../src/bridge/vissPaths.js';
import { vissOnFakeSocket, type Msg, type VissOnFakeSocketOptions } from './helpers/vissOnFakeSocket.js';

const FIXTURES = JSON.parse(
  readFileSync(new URL('../fixtures/kuksa/messages.json', import.meta.url), 'utf8'),
) as Record<string, Msg>;
const fixture = (name: string, requestId?: unknown): Msg => {
  const m = structuredClone(FIXTURES[name]!);
  if (m.requestId === 'REQ') m.requestId = requestId;
  return m;
};

function setup(options: VissOnFakeSocketOptions = {}) {
  const t = vissOnFakeSocket(options);
  const problems: VissLinkProblem[] = [];
  t.bridge.onLinkProblem((p) => problems.push(p));
  return { ...t, problems };
}

describe('VissBridge against KUKSA’s message shapes', () => {
  it('sends the token in every get, set and subscribe: from the option, else from ?token= of the URL', () => {
    const a = setup({ authorization: 'eyJ.jwt.sig' });
    a.sockets[0]!.open();
    a.bridge.send({ type: 'endCall' });
    const sent = a.sockets[0]!.sent;
    assert.ok(sent.length > 3);
    assert.ok(
      sent.every((m) => m.authorization === 'eyJ.jwt.sig'),
      JSON.stringify(sent[0]),
    );
    const b = setup({ url: 'ws://127.0.0.1:8090/?token=abc' });
    b.sockets[0]!.open();
    assert.ok(b.sockets[0]!.sent.every((m) => m.authorization === 'abc'));
    const c = setup({ url: 'ws://127.0.0.1:8090/?token=abc', authorization: null });
    c.sockets[0]!.open();
    assert.ok(
      c.sockets[0]!.sent.every((m) => !('authorization' in m)),
      'null: none sent',
    );
  });

  it('null means "no value yet": nothing delivered, nothing refused; a value afterwards is delivered', () => {
    const { sockets, bridge, signals } = setup();
    const s = sockets[0]!;
    s.open();
    s.receive(fixture('subscribeSuccess', s.request('subscribe', PATHS.lowVoltageSystemState).requestId));
    s.receive(fixture('subscriptionNull'));
    s.receive(fixture('getNull', s.request('get', PATHS.callSession).requestId));
    assert.deepEqual(bridge.rejected, []);
    assert.equal(signals().length, 0);
    s.receive(fixture('subscriptionValue'));
    assert.deepEqual(
      signals().map((x) => x.type),
      ['ignition'],
    );
    s.receive(fixture('getLed', s.request('get', PATHS.ledState).requestId));
    assert.equal(signals().at(-1)?.type, 'sosLed');
    assert.deepEqual(bridge.rejected, []);
  });

  it('the first notification before the subscribe response (KUKSA’s two tasks race) is taken', () => {
    const { sockets, bridge, signals } = setup();
    const s = sockets[0]!;
    s.open();
    const req = s.request('subscribe', PATHS.lowVoltageSystemState);
    s.receive(fixture('subscriptionValue'));
    s.receive(fixture('subscribeSuccess', req.requestId));
    assert.equal(signals().at(-1)?.type, 'ignition');
    assert.deepEqual(bridge.rejected, []);
  });

  it('the last crash replayed on every subscribe is one event, never a new emergency', () => {
    const { sockets, signals, clock } = setup();
    const s = sockets[0]!;
    s.open();
    s.receive({
      ...fixture('subscribeSuccess', s.request('subscribe', PATHS.crashEvent).requestId),
      subscriptionId: '0d3a3b8e-4a51-4b63-8f6e-7c0f3f0c2d11',
    });
    s.receive(fixture('crashReplay'));
    assert.equal(signals().filter((x) => x.type === 'crash').length, 1, 'fresh (1 s old): delivered once');
    // The link drops and comes back: KUKSA replays the same crash (same seq, same ts).
    s.drop();
    clock.advance(300);
    const s2 = sockets[1]!;
    s2.open();
    s2.receive({
      ...fixture('subscribeSuccess', s2.request('subscribe', PATHS.crashEvent).requestId),
      subscriptionId: '0d3a3b8e-4a51-4b63-8f6e-7c0f3f0c2d11',
    });
    s2.receive(fixture('crashReplay'));
    assert.equal(signals().filter((x) => x.type === 'crash').length, 1, 'the replay is not a new crash');
    // A restarted counter: the same seq with a new ts is a new event.
    const again = fixture('crashReplay');
    (again.data as { dp: { ts: string } }).dp.ts = new Date(clock.now()).toISOString();
    s2.receive(again);
    assert.equal(signals().filter((x) => x.type === 'crash').length, 2);
  });

  it('401 token_missing / token_invalid and 403 set linkProblem "unauthorized"; a value read clears it; read_only does not', () => {
    const { sockets, bridge, problems, signals } = setup();
    const s = sockets[0]!;
    s.open();
    assert.equal(bridge.linkProblem, null);
    bridge.send({ type: 'cancelCall' });
    s.receive(fixture('setReadOnly', s.request('set').requestId));
    assert.equal(bridge.linkProblem, null, 'read_only is about the path, not this display');
    const ack = signals().at(-1);
    assert.ok(ack?.type === 'commandAck' && !ack.ok && /read only/.test(ack.error ?? ''));
    s.receive(fixture('subscribeTokenMissing', s.request('subscribe', PATHS.callSession).requestId));
    assert.equal(bridge.linkProblem, 'unauthorized');
    s.receive(fixture('getTokenInvalid', s.request('get', PATHS.ledState).requestId));
    assert.equal(bridge.linkProblem, 'unauthorized');
    s.receive(fixture('getLed', s.request('get', PATHS.ledState).requestId));
    assert.equal(bridge.linkProblem, null);
    bridge.send({ type: 'endCall' });
    const set = s.sent.filter((m) => m.action === 'set').at(-1)!;
    s.receive(fixture('setForbidden', set.requestId));
    assert.equal(bridge.linkProblem, 'unauthorized');
    assert.deepEqual(problems, [null, 'unauthorized', null, 'unauthorized']);
  });

  it('a refused subscription is asked for again on the same socket, and the refusal reaches the machines', () => {
    const { sockets, clock, events } = setup({ authorization: 'old.jwt.sig' });
    const s = sockets[0]!;
    s.open();
    const first = s.request('subscribe', PATHS.callSession);
    s.receive(fixture('subscribeTokenMissing', first.requestId));
    assert.deepEqual(events.at(-1), { kind: 'linkProblem', problem: 'unauthorized' });
    const asked = () => s.sent.filter((m) => m.action === 'subscribe' && m.path === PATHS.callSession).length;
    assert.equal(asked(), 1);
    // Answers keep coming (errors count as heard), so the socket stays; the subscription is retried.
    for (let t = 0; t < 6; t += 1) {
      s.receive(fixture('getTokenInvalid', s.sent.filter((m) => m.action === 'get').at(-1)!.requestId));
      clock.advance(1000);
    }
    assert.equal(asked(), 2, 'asked again after 5 s on the same socket');
    assert.equal(sockets.length, 1);
  });

  it('KUKSA’s generic 400 (null ids) is refused and logged; one naming a set answers that set', () => {
    const { sockets, bridge, signals } = setup();
    const s = sockets[0]!;
    s.open();
    s.receive(fixture('genericBadRequest'));
    assert.match(bridge.rejected.at(-1)!.error, /could not parse a request: 400 bad_request/);
    bridge.send({ type: 'cancelCall' });
    s.receive(fixture('genericBadRequestSet', s.request('set').requestId));
    const ack = signals().at(-1);
    assert.ok(ack?.type === 'commandAck' && ack.command === 'cancelCall' && !ack.ok);
  });

  it('other KUKSA shapes parse: invalid_path, invalid_subscription_id, a 503 subscription error, metadata', () => {
    const { sockets, bridge } = setup();
    const s = sockets[0]!;
    s.open();
    s.receive(fixture('subscribeInvalidPath', s.request('subscribe', PATHS.callSession).requestId));
    assert.match(bridge.rejected.at(-1)!.error, /404 invalid_path/);
    s.receive(fixture('unsubscribeInvalidId', '99'));
    s.receive(fixture('subscriptionServiceUnavailable'));
    assert.match(bridge.rejected.at(-1)!.error, /503 service_unavailable/);
    s.receive(fixture('metadata', s.request('get', PATHS.ledState).requestId));
    assert.equal(bridge.linkProblem, null);
    assert.ok(
      bridge.rejected.every((r) => !/viss\./.test(r.error)),
      'no shape refused as malformed',
    );
  });
});
