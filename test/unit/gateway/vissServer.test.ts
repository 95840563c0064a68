/** The gateway's VISS endpoint over a real loopback WebSocket (short, no long waits). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { PATHS } from '../../../src/bridge/vissPaths.js';
import type { CallSessionSignal } from '../../../src/bridge/signals.js';
import { VissServer } from '../../../gateway/vissServer.js';
import { FakeVehicle } from '../helpers/fakeVehicle.js';

/** The vehicle: takes every command, refuses a call-back (there is none). */
const fakeSource = () =>
  new FakeVehicle({
    answer: (c) => (c.type === 'answerCallback' ? { ok: false, error: 'no call-back' } : { ok: true }),
  });

function client(port: number, opts: { origin?: string; protocol?: string | null; token?: string } = {}) {
  const url = `ws://127.0.0.1:${port}/${opts.token ? `?token=${opts.token}` : ''}`;
  const ws =
    opts.protocol === null
      ? new WebSocket(url, opts.origin ? { origin: opts.origin } : {})
      : new WebSocket(url, opts.protocol ?? 'VISSv2', opts.origin ? { origin: opts.origin } : {});
  const inbox: Record<string, unknown>[] = [];
  ws.on('message', (d) => inbox.push(JSON.parse(String(d)) as Record<string, unknown>));
  const opened = new Promise<number>((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
  const next = async (pred: (m: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const found = inbox.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no such message; got ${JSON.stringify(inbox)}`);
  };
  return { ws, inbox, opened, next, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

describe('VISS server', () => {
  const source = fakeSource();
  const server = new VissServer({
    source,
    port: 0,
    token: null,
    log: () => {},
    callRate: { max: 2, windowMs: 60_000, minGapMs: 0 },
  });
  const secured = new VissServer({ source: fakeSource(), port: 0, token: 's3cret', log: () => {} });
  before(async () => {
    await server.start();
    await secured.start();
  });
  after(async () => {
    await server.stop();
    await secured.stop();
  });

  it('binds to loopback and speaks VISSv2: subscribe, current value, pushes, get, unsubscribe', async () => {
    const c = client(server.port);
    assert.equal(await c.opened, 101);
    assert.equal(c.ws.protocol, 'VISSv2');
    source.emit({ kind: 'signal', signal: { type: 'ignition', ts: 1_780_000_000_000, state: 'on' } });
    c.send({ action: 'subscribe', path: PATHS.lowVoltageSystemState, requestId: 'r1' });
    const sub = await c.next((m) => m.action === 'subscribe');
    assert.equal(sub.requestId, 'r1');
    const first = await c.next((m) => m.action === 'subscription');
    assert.deepEqual((first.data as { dp: { value: string; ts: string } }).dp, {
      value: 'ON',
      ts: '2026-05-28T20:26:40.000Z',
    });
    c.send({ action: 'get', path: PATHS.lowVoltageSystemState, requestId: 'r2' });
    assert.ok(await c.next((m) => m.action === 'get' && m.requestId === 'r2' && !!m.data));
    c.send({ action: 'get', path: 'Vehicle.Nothing', requestId: 'r3' });
    const err = await c.next((m) => m.requestId === 'r3');
    assert.equal((err.error as { number: number }).number, 404);
    c.send({ action: 'unsubscribe', subscriptionId: sub.subscriptionId, requestId: 'r4' });
    assert.ok(await c.next((m) => m.action === 'unsubscribe' && m.requestId === 'r4' && !m.error));
    c.ws.close();
  });

  it('accepts only documented requests with valid values; answers from the vehicle; rate-limits what can start a call', async () => {
    const c = client(server.port);
    await c.opened;
    c.send({ action: 'set', path: PATHS.lowVoltageSystemState, value: 'OFF', requestId: 'a' });
    c.send({ action: 'set', path: 'Vehicle.Private.SOS.Command.StartCall', value: 'manual', requestId: 'b' });
    c.send({ action: 'set', path: PATHS.command.cancelCall, value: 'yes', requestId: 'c' });
    c.send({ action: 'set', path: PATHS.command.answerCallback, value: 'true', requestId: 'd' });
    c.send({ action: 'set', path: PATHS.command.callNow, value: 'true', requestId: 'e' });
    c.send({ action: 'set', path: PATHS.command.startTestCall, value: 'true', requestId: 'f' });
    c.send({ action: 'set', path: PATHS.command.cancelCall, value: 'true', requestId: 'g' });
    c.send({ action: 'set', path: PATHS.command.endCall, value: 'true', requestId: 'h' });
    c.send({ action: 'set', path: PATHS.command.cancelCall, value: 'true', requestId: 'i' });
    c.send('{"not":"viss"}');
    const num = async (id: string) =>
      ((await c.next((m) => m.requestId === id)).error as { number: number } | undefined)?.number;
    assert.equal(await num('a'), 401, 'KUKSA: read_only');
    assert.equal(await num('b'), 404, 'StartCall is gone: the page never starts a call');
    assert.equal(await num('c'), 400);
    assert.equal(await num('d'), 503, 'the unit refused: "no call-back"');
    assert.equal(await num('e'), undefined);
    assert.equal(
      await num('f'),
      429,
      'answerCallback, callNow and startTestCall share the call rate limit (2 here)',
    );
    for (const id of ['g', 'h', 'i'])
      assert.equal(await num(id), undefined, 'cancel and end are never limited');
    // KUKSA: a request it cannot parse is answered with action and requestId null.
    const generic = await c.next((m) => m.requestId === null && m.action === null);
    assert.equal((generic.error as { number: number }).number, 400);
    assert.deepEqual(
      source.received.map((x) => x.type),
      ['answerCallback', 'callNow', 'cancelCall', 'endCall', 'cancelCall'],
    );
    c.ws.close();
  });

  it('the call session is a state: sent on subscribe (a page loaded mid-call), every repeat pushed; events replayed with their ts (KUKSA)', async () => {
    const now = Date.now();
    const session: CallSessionSignal = {
      type: 'callSession',
      ts: now,
      seq: 42,
      phase: 'voice',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: now - 6000,
      cancelWindowEndsAt: null,
      nextAttemptAt: null,
      redialWindowEndsAt: null,
      callbackWindowEndsAt: null,
      failureReason: null,
      callEnd: null,
      msd: 'ackPositive',
      voiceSince: now - 1000,
      contactsNotified: true,
      cancellable: false,
      holdToEndMs: null,
      holdEndsAt: null,
      crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: null },
      audioMuted: true,
      transport: 'eCall',
      msdUpdatedAt: null,
    };
    source.emit({
      kind: 'signal',
      signal: {
        type: 'crash',
        ts: now - 6000,
        severity: 3,
        airbagDeployed: true,
        rollover: false,
        occupants: null,
      },
    });
    source.emit({ kind: 'signal', signal: session });
    source.emit({ kind: 'signal', signal: { type: 'sosLed', ts: now, led: 'green-steady' } });
    // The page connects after the crash.
    const c = client(server.port);
    await c.opened;
    for (const [i, path] of [PATHS.callSession, PATHS.ledState, PATHS.crashEvent].entries())
      c.send({ action: 'subscribe', path, requestId: `s${i}` });
    const values = (path: string) =>
      c.inbox.flatMap((m) => {
        const data = m.data as { path: string; dp: { value: string } } | undefined;
        return m.action === 'subscription' && data?.path === path ? [data.dp.value] : [];
      });
    await c.next((m) => (m.data as { path?: string } | undefined)?.path === PATHS.ledState);
    await c.next((m) => (m.data as { path?: string } | undefined)?.path === PATHS.callSession);
    const { type: _t, ts: _ts, ...report } = session;
    assert.deepEqual(JSON.parse(values(PATHS.callSession)[0]!), report);
    assert.deepEqual(values(PATHS.ledState), ['GREEN_STEADY']);
    // A cyclic repeat (same seq) is pushed again: the page keeps the latest.
    source.emit({ kind: 'signal', signal: { ...session, ts: now + 500 } });
    await c.next(() => values(PATHS.callSession).length === 2);
    c.send({ action: 'get', path: PATHS.callSession, requestId: 'g' });
    assert.ok((await c.next((m) => m.requestId === 'g')).data, 'a get answers with the current report');
    // KUKSA replays the last value of every path on subscribe, events too; the datapoint keeps the
    // event's own ts, so a client tells the replay by its seq and ts (and its age).
    const replay = c.inbox.find(
      (m) => m.action === 'subscription' && (m.data as { path: string }).path === PATHS.crashEvent,
    )!;
    const dp = (replay.data as { dp: { value: string; ts: string } }).dp;
    assert.equal(JSON.parse(dp.value).seq, 1);
    assert.equal(Date.parse(dp.ts), now - 6000, 'the crash replayed with its own time');
    c.ws.close();
  });

  it('refuses foreign browser origins and missing tokens; takes a client without subprotocol (KUKSA)', async () => {
    assert.equal(await client(server.port, { origin: 'http://evil.example' }).opened, 403);
    assert.equal(await client(server.port, { origin: 'http://127.0.0.1:4173' }).opened, 101);
    assert.equal(await client(server.port, { protocol: null }).opened, 101);
    assert.equal(await client(secured.port).opened, 401);
    assert.equal(await client(secured.port, { token: 's3cret' }).opened, 101);
  });
});
