/**
 * Every refusal of the gateway's VISS endpoint, one by one, over a real loopback WebSocket: where it
 * listens, who may connect, which requests reach the vehicle, and how fast call commands may come.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get, request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { WebSocket } from 'ws';
import { PATHS } from '../../../src/bridge/vissPaths.js';
import { parseArgs } from '../../../gateway/main.js';
import { VissServer } from '../../../gateway/vissServer.js';
import { FakeVehicle } from '../helpers/fakeVehicle.js';

/** The vehicle: takes every command but the self-test. */
const fakeSource = () => new FakeVehicle({ handles: (c) => c.type !== 'requestSelfTest' });

interface Opts {
  origin?: string;
  protocol?: string | null;
  query?: string;
}

/** Opens a client; resolves with the HTTP status of the handshake (101 = accepted). */
function client(port: number, opts: Opts = {}) {
  const url = `ws://127.0.0.1:${port}/${opts.query ?? ''}`;
  const options = opts.origin ? { origin: opts.origin } : {};
  const ws =
    opts.protocol === null
      ? new WebSocket(url, options)
      : new WebSocket(url, opts.protocol ?? 'VISSv2', options);
  const inbox: Record<string, unknown>[] = [];
  ws.on('message', (d) => inbox.push(JSON.parse(String(d)) as Record<string, unknown>));
  ws.on('error', () => {});
  const status = new Promise<number>((resolve) => {
    ws.on('open', () => resolve(101));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
  const error = async (requestId: string) => {
    for (let i = 0; i < 2000 && !inbox.some((m) => m.requestId === requestId); i++)
      await new Promise((r) => setTimeout(r, 2));
    const m = inbox.find((x) => x.requestId === requestId);
    if (!m) throw new Error(`no reply to ${requestId}: ${JSON.stringify(inbox)}`);
    return (m.error as { number: number; message: string } | undefined) ?? null;
  };
  return { ws, status, error, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

describe('gateway security: each refusal', () => {
  const source = fakeSource();
  const server = new VissServer({
    source,
    port: 0,
    log: () => {},
    // Far apart on purpose: the second call command in a row is always refused, whatever the timing.
    callRate: { max: 3, windowMs: 60_000, minGapMs: 60_000 },
  });
  const secured = new VissServer({ source: fakeSource(), port: 0, token: 's3cret-token', log: () => {} });
  const custom = new VissServer({
    source: fakeSource(),
    port: 0,
    origins: ['https://hmi.example'],
    log: () => {},
  });
  const sockets: WebSocket[] = [];
  const open = (port: number, opts: Opts = {}) => {
    const c = client(port, opts);
    sockets.push(c.ws);
    return c;
  };
  before(async () => {
    for (const s of [server, secured, custom]) await s.start();
  });
  after(async () => {
    for (const ws of sockets) ws.terminate();
    for (const s of [server, secured, custom]) await s.stop();
  });

  it('listens on loopback only by default (server and command line)', async () => {
    assert.equal(server.address?.address, '127.0.0.1');
    assert.equal(parseArgs(['--sim']).host, '127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      // From another address of this machine the port is closed.
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect(server.port, external.address);
        s.once('connect', () => (s.destroy(), resolve(false)));
        s.once('error', () => resolve(true));
      });
      assert.ok(refused, `reachable on ${external.address}`);
    }
  });

  it('refuses browser pages from origins not on the allowlist (403); non-browser clients send none', async () => {
    for (const origin of [
      'http://evil.example',
      'null', // file:// pages and sandboxed frames
      'http://127.0.0.1:4173.evil.example',
      'https://127.0.0.1:4173',
      'http://127.0.0.1:9999',
    ])
      assert.equal(await open(server.port, { origin }).status, 403, origin);
    assert.equal(await open(server.port, { origin: 'http://127.0.0.1:4173' }).status, 101);
    assert.equal(await open(server.port, { origin: 'http://localhost:5173' }).status, 101);
    assert.equal(await open(server.port).status, 101, 'no Origin header: not a browser page');
    assert.equal(
      await open(custom.port, { origin: 'http://127.0.0.1:4173' }).status,
      403,
      'allowlist replaced',
    );
    assert.equal(await open(custom.port, { origin: 'https://hmi.example' }).status, 101);
  });

  it('takes a client without a subprotocol, or with one it does not know, as VISSv2 (KUKSA); plain HTTP: 426', async () => {
    const none = open(server.port, { protocol: null });
    assert.equal(await none.status, 101);
    none.send({ action: 'get', path: PATHS.ledState, requestId: 'np' });
    assert.equal(await none.error('np'), null, 'and it speaks VISS v2');
    none.ws.close();
    // Offering only another subprotocol: 101 with none chosen (a ws client then gives up by itself).
    const upgrade = await new Promise<{ status: number; protocol: unknown }>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Protocol': 'mqtt',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, protocol: res.headers['sec-websocket-protocol'] });
      });
      req.on('response', (res) => resolve({ status: res.statusCode ?? 0, protocol: undefined }));
      req.end();
    });
    assert.deepEqual(upgrade, { status: 101, protocol: undefined });
    const status = await new Promise<number>((resolve) =>
      get(`http://127.0.0.1:${server.port}/`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }),
    );
    assert.equal(status, 426);
  });

  it('with a token configured: missing, wrong or misplaced tokens are refused (401)', async () => {
    for (const query of ['', '?token=', '?token=s3cret', '?token=s3cret-tokeX', '?key=s3cret-token'])
      assert.equal(await open(secured.port, { query }).status, 401, query || 'none');
    assert.equal(await open(secured.port, { query: '?token=s3cret-token' }).status, 101);
  });

  it('only documented commands with valid values reach the vehicle; every other set is refused', async () => {
    const c = open(server.port);
    await c.status;
    const refusals: [string, unknown, number][] = [
      ['Vehicle.Private.SOS.Command.Explode', 'true', 404],
      ['Vehicle.Body.Horn.IsActive', 'true', 404],
      // KUKSA: 401 read_only for sensors and attributes.
      [PATHS.lowVoltageSystemState, 'OFF', 401], // a sensor, read-only
      [PATHS.buttonEvent, '{"seq":1,"action":"press"}', 401], // no faking the car's own events
      [PATHS.callSession, '{"seq":1,"phase":"idle"}', 401], // nor the unit's session …
      [PATHS.ledState, 'OFF', 401], // … nor its LED
      ['Vehicle.Private.SOS.Command.StartCall', 'manual', 404], // the page never starts a call
      ['Vehicle.Private.SOS.Command.Led', 'red', 404],
      ['Vehicle.Private.SOS.Command.MuteAudio', 'true', 404],
      [PATHS.command.cancelCall, 42, 400],
      [PATHS.command.cancelCall, ['true'], 400],
      [PATHS.command.cancelCall, 'false', 400],
      [PATHS.command.callNow, 'manual', 400],
      [PATHS.command.startTestCall, 'automatic', 400],
      [PATHS.command.endCall, 'false', 400],
      [PATHS.command.setRingBypass, 'not json', 400],
      [PATHS.command.setRingBypass, '{"unit":"toaster","bypassed":true}', 400],
      [PATHS.command.setRingBypass, '{"type":"callNow"}', 400], // no smuggled type
      [PATHS.command.startGuidance, '{"name":"Police","latitude":91,"longitude":0}', 400],
      [PATHS.command.startGuidance, JSON.stringify({ name: 'x'.repeat(81), latitude: 0, longitude: 0 }), 400],
      [PATHS.command.requestSelfTest, 'true', 501], // this vehicle does not support it
    ];
    refusals.forEach(([path, value, _], i) => c.send({ action: 'set', path, value, requestId: `r${i}` }));
    for (const [i, [path, value, number]] of refusals.entries())
      assert.equal((await c.error(`r${i}`))?.number, number, `${path} = ${JSON.stringify(value)}`);
    c.send({ action: 'launch', path: PATHS.command.cancelCall, value: 'true', requestId: 'x1' });
    c.send({ action: 'set', value: 'true', requestId: 'x2' });
    assert.equal((await c.error('x1'))?.number, 400);
    assert.equal((await c.error('x2'))?.number, 400);
    assert.deepEqual(source.received, [], 'nothing refused reached the vehicle');

    c.send({ action: 'set', path: PATHS.command.cancelCall, value: 'true', requestId: 'ok1' });
    c.send({ action: 'set', path: PATHS.command.endCall, value: 'true', requestId: 'ok2' });
    c.send({
      action: 'set',
      path: PATHS.command.startGuidance,
      value: JSON.stringify({ name: 'Police', latitude: 48.1, longitude: 11.5, extra: '<script>' }),
      requestId: 'ok3',
    });
    for (const id of ['ok1', 'ok2', 'ok3']) assert.equal(await c.error(id), null, id);
    assert.deepEqual(source.received, [
      { type: 'cancelCall' },
      { type: 'endCall' },
      { type: 'startGuidance', name: 'Police', latitude: 48.1, longitude: 11.5 }, // unknown fields dropped
    ]);
  });

  it('reads are refused for unknown paths and for other clients’ subscriptions (404)', async () => {
    const a = open(server.port);
    const b = open(server.port);
    await Promise.all([a.status, b.status]);
    a.send({ action: 'get', path: 'Vehicle.Secret', requestId: 'g' });
    a.send({ action: 'subscribe', path: 'Vehicle.Secret', requestId: 's' });
    assert.equal((await a.error('g'))?.number, 404);
    assert.equal((await a.error('s'))?.number, 404);
    a.send({ action: 'subscribe', path: PATHS.busState, requestId: 'mine' });
    assert.equal(await a.error('mine'), null);
    // Subscription ids are easy to guess; b still cannot cancel a's.
    for (let i = 1; i <= 20; i++)
      b.send({ action: 'unsubscribe', subscriptionId: `s${i}`, requestId: `u${i}` });
    for (let i = 1; i <= 20; i++) assert.equal((await b.error(`u${i}`))?.number, 404);
  });

  it('rate-limits the requests that can start or answer a call across all clients (429); cancel and end never', async () => {
    const a = open(server.port);
    const b = open(server.port);
    await Promise.all([a.status, b.status]);
    const before = source.received.length;
    a.send({ action: 'set', path: PATHS.command.callNow, value: 'true', requestId: 'c1' });
    assert.equal(await a.error('c1'), null);
    a.send({ action: 'set', path: PATHS.command.callNow, value: 'true', requestId: 'c2' });
    b.send({ action: 'set', path: PATHS.command.startTestCall, value: 'true', requestId: 'c3' });
    b.send({ action: 'set', path: PATHS.command.answerCallback, value: 'true', requestId: 'c4' });
    for (const [c, id] of [
      [a, 'c2'],
      [b, 'c3'],
      [b, 'c4'],
    ] as const) {
      const e = await c.error(id);
      assert.equal(e?.number, 429, id);
      assert.match(e!.message, /call commands at most every 60000 ms/);
    }
    // An occupant must always be able to cancel or end: never rate-limited, however many.
    for (let i = 0; i < 5; i++) {
      a.send({ action: 'set', path: PATHS.command.cancelCall, value: 'true', requestId: `x${i}` });
      b.send({ action: 'set', path: PATHS.command.endCall, value: 'true', requestId: `e${i}` });
    }
    for (let i = 0; i < 5; i++) {
      assert.equal(await a.error(`x${i}`), null);
      assert.equal(await b.error(`e${i}`), null);
    }
    const sent = source.received.slice(before).map((x) => x.type);
    assert.deepEqual(sent.slice(0, 1), ['callNow']);
    assert.deepEqual(
      [
        sent.filter((t) => t === 'cancelCall').length,
        sent.filter((t) => t === 'endCall').length,
        sent.length,
      ],
      [5, 5, 11],
    );
  });
});
