/**
 * The gateway under abuse, over real loopback sockets: clients that vanish or never finish the
 * handshake, clients that stop reading, malformed and oversized messages, a 20,000 frames/s CAN flood
 * with the interface going down and up, and what is left behind once the gateway stops.
 * Assertions are on counts and byte bounds, never on speed; waits only until something happened.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { PATHS } from '../../../src/bridge/vissPaths.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { CanVehicle } from '../../../gateway/can/canVehicle.js';
import { DbcCodec } from '../../../gateway/can/dbc.js';
import type { CanFrame } from '../../../gateway/can/frame.js';
import { MemoryCanBus } from '../../../gateway/can/transports.js';
import type { SourceOutput } from '../../../gateway/sources/source.js';
import { CLOSE_TOO_SLOW, VissServer, type VissServerOptions } from '../../../gateway/vissServer.js';
import { FakeVehicle } from '../helpers/fakeVehicle.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `pred` holds; the limit only keeps a broken gateway from hanging the run. */
async function until(pred: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`gave up waiting for: ${what}`);
    await sleep(2);
  }
}

type Msg = Record<string, unknown> & { data?: { path: string; dp: { value: string | null } } };

/** Everything a test opened, closed in `after` even when the test failed half-way. */
const toClose: { stop(): Promise<void> | void }[] = [];

function client(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'VISSv2');
  toClose.push({ stop: () => ws.terminate() });
  const inbox: Msg[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as Msg;
    // Keep only the head of big values: the test's own memory must not hide the gateway's.
    // (a copy: a slice would keep the whole string alive)
    if (typeof m.data?.dp.value === 'string')
      m.data.dp.value = Buffer.from(m.data.dp.value.slice(0, 40)).toString();
    inbox.push(m);
  });
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('refused')));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  const reply = async (requestId: string) => {
    await until(() => inbox.some((m) => m.requestId === requestId), `a reply to ${requestId}`);
    return inbox.find((m) => m.requestId === requestId)!;
  };
  const subscribe = async (path: string, requestId = path) => {
    send({ action: 'subscribe', path, requestId });
    const r = await reply(requestId);
    assert.ok(r.subscriptionId, JSON.stringify(r));
  };
  // KUKSA's first notification of a path never written carries null: not a value.
  const values = (path: string) =>
    inbox.flatMap((m) =>
      m.action === 'subscription' && m.data?.path === path && m.data.dp.value !== null
        ? [m.data.dp.value]
        : [],
    );
  return { ws, inbox, opened, closed, send, reply, subscribe, values };
}

/** A bare TCP connection, for what a WebSocket library would never send. */
function tcp(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (d) => chunks.push(d));
  socket.on('error', () => {});
  let isClosed = false;
  socket.on('close', () => (isClosed = true));
  return {
    socket,
    received: () => Buffer.concat(chunks),
    closed: () => isClosed,
    handshake: () =>
      socket.write(
        'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
          'Sec-WebSocket-Protocol: VISSv2\r\n\r\n',
      ),
  };
}

const resources = () => {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
};
const HANDLE_KINDS = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'] as const;
/** Heap plus Buffers (socket write queues live there), after a full collection. */
const memory = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const MiB = 1024 * 1024;

async function serve(options: Partial<VissServerOptions> = {}) {
  const source = new FakeVehicle();
  const log: string[] = [];
  const server = new VissServer({ source, port: 0, log: (m) => log.push(m), heartbeatMs: 0, ...options });
  await server.start();
  toClose.push(server);
  return { source, server, log };
}

describe('gateway under abuse (loopback)', () => {
  let baseline: Record<string, number>;
  let heapBefore: number;
  before(() => {
    baseline = resources();
    heapBefore = memory();
  });

  it('clients that never finish the handshake, vanish, or go half-open are cut; the gateway serves on', async () => {
    const { server, log } = await serve({ handshakeTimeoutMs: 300, heartbeatMs: 100 });
    const silent = tcp(server.port); // connects, sends nothing
    const partial = tcp(server.port); // starts a request, never ends it
    partial.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
    await until(() => silent.closed() && partial.closed(), 'the gateway cutting unfinished handshakes');

    // 50 clients subscribe and vanish without a close frame: nothing of theirs stays behind.
    for (let i = 0; i < 50; i++) {
      const c = client(server.port);
      await c.opened;
      await c.subscribe(PATHS.vinLast7);
      c.ws.terminate();
    }
    await until(() => server.stats().clients === 0, 'the vanished clients being forgotten');
    server.publish(PATHS.vinLast7, 'WBA1234');

    // Half-open: the handshake completes, then the peer never reads or answers a ping again.
    const ghost = client(server.port);
    await ghost.opened;
    ghost.ws.pause();
    await until(() => server.stats().unresponsive === 1, 'the ghost being cut by the heartbeat');
    assert.ok(log.some((l) => /did not answer a ping/.test(l)));

    const fresh = client(server.port);
    await fresh.opened;
    fresh.send({ action: 'get', path: PATHS.vinLast7, requestId: 'g' });
    assert.equal(((await fresh.reply('g')).data as { dp: { value: string } }).dp.value, 'WBA1234');
    fresh.ws.close();
    ghost.ws.terminate();
    silent.socket.destroy();
    partial.socket.destroy();
    await server.stop();
  });

  it('a client that stops reading: cyclic values coalesce to the latest, counted; memory stays bounded', async () => {
    const highWaterBytes = 32 * 1024;
    const { server, log } = await serve({ highWaterBytes, maxQueuedBytes: 256 * 1024 });
    const slow = client(server.port);
    const healthy = client(server.port);
    await Promise.all([slow.opened, healthy.opened]);
    await slow.subscribe(PATHS.pointsOfInterest);
    await healthy.subscribe(PATHS.pointsOfInterest);
    slow.ws.pause();
    const before = memory();
    const pad = 'x'.repeat(2000);
    const value = (i: number) => JSON.stringify({ n: i, pad });
    const ns = (c: ReturnType<typeof client>) =>
      c.values(PATHS.pointsOfInterest).map((v) => Number(/"n":(\d+)/.exec(v)![1]));
    let published = 0;
    let maxBuffered = 0;
    let maxQueued = 0;
    // 40 MB for the slow client alone: far more than the socket buffers can hide.
    while (published < 20_000) {
      for (let j = 0; j < 200; j++) server.publish(PATHS.pointsOfInterest, value(++published));
      const s = server.stats();
      maxBuffered = Math.max(maxBuffered, s.bufferedBytes);
      maxQueued = Math.max(maxQueued, s.queuedBytes);
      await sleep(0);
    }
    const during = memory();
    const s = server.stats();
    assert.ok(s.coalesced > 1000, `values coalesced for the slow client: ${JSON.stringify(s)}`);
    assert.equal(s.evicted, 0, 'state values alone never get a client disconnected');
    const message = 2400; // one push of this value, with its envelope
    assert.ok(maxBuffered <= 2 * (highWaterBytes + message), `socket bytes held: ${maxBuffered}`);
    assert.ok(maxQueued <= message, `one queued value per subscription: ${maxQueued}`);
    assert.ok(during - before < 16 * MiB, `memory grew ${((during - before) / MiB).toFixed(1)} MiB`);
    assert.ok(log.some((l) => /not keeping up/.test(l)));

    slow.ws.resume();
    await until(() => server.stats().slowClients === 0, 'the slow client catching up');
    for (const c of [slow, healthy])
      await until(() => ns(c).at(-1) === published, 'the latest value at every client');
    const end = server.stats();
    // Every push was either delivered or replaced by a newer value of the same path, never lost otherwise.
    assert.equal(ns(slow).length + ns(healthy).length + end.coalesced, 2 * published);
    for (const c of [slow, healthy]) {
      const got = ns(c);
      assert.ok(
        got.every((n, i) => i === 0 || n > got[i - 1]!),
        'values arrive in order',
      );
    }
    assert.ok(log.some((l) => /caught up/.test(l)));
    slow.ws.close();
    healthy.ws.close();
    await server.stop();
  });

  it('a client that stops reading never loses a change of the call session: only repeats of a seq coalesce', async () => {
    const highWaterBytes = 16 * 1024;
    const { server } = await serve({ highWaterBytes, maxQueuedBytes: 512 * 1024 });
    const slow = client(server.port);
    await slow.opened;
    await slow.subscribe(PATHS.callSession);
    slow.ws.pause();
    const pad = 'x'.repeat(1500); // a long failure text: fills the socket quickly
    // (the test client keeps only the first 40 characters of a value: seq and repeat come first)
    const report = (seq: number, repeat: number) =>
      JSON.stringify({ seq, r: repeat, phase: seq % 2 ? 'dialing' : 'connected', failureReason: pad });
    const parse = (v: string) => {
      const [, seq, r] = /^\{"seq":(\d+),"r":(\d+)/.exec(v)!;
      return { seq: Number(seq), r: Number(r) };
    };
    let repeats = 0;
    // 40 changes of the session, each followed by 60 cyclic repeats of it (same seq).
    for (let seq = 1; seq <= 40; seq++) {
      server.publish(PATHS.callSession, report(seq, 0));
      for (let r = 1; r <= 60; r++, repeats++) server.publish(PATHS.callSession, report(seq, r));
      await sleep(0);
    }
    const s = server.stats();
    assert.ok(s.coalesced > 0, `repeats coalesced while the client was behind: ${JSON.stringify(s)}`);
    assert.equal(s.evicted, 0);
    slow.ws.resume();
    await until(() => server.stats().slowClients === 0, 'the slow client catching up');
    const latest = () => slow.values(PATHS.callSession).map(parse).at(-1);
    await until(() => latest()?.seq === 40 && latest()?.r === 60, 'the latest report');
    const got = slow.values(PATHS.callSession).map(parse);
    assert.deepEqual(
      [...new Set(got.map((g) => g.seq))],
      Array.from({ length: 40 }, (_, i) => i + 1),
      'every change arrives, in order',
    );
    // Every repeat that did not arrive was replaced by a later one of the same seq, never lost otherwise.
    assert.equal(got.length + server.stats().coalesced, 40 + repeats);
    slow.ws.close();
    await server.stop();
  });

  it('events are never dropped: a client too far behind is disconnected with 1013, others get every event', async () => {
    const { server, log } = await serve({ highWaterBytes: 16 * 1024, maxQueuedBytes: 128 * 1024 });
    const slow = client(server.port);
    const healthy = client(server.port);
    await Promise.all([slow.opened, healthy.opened]);
    await slow.subscribe(PATHS.buttonEvent);
    await healthy.subscribe(PATHS.buttonEvent);
    slow.ws.pause();
    const pad = 'x'.repeat(1000);
    let seq = 0;
    let maxQueued = 0;
    while (server.stats().evicted === 0) {
      assert.ok(seq < 100_000, 'the slow client was never disconnected');
      for (let j = 0; j < 100; j++)
        server.publish(PATHS.buttonEvent, JSON.stringify({ seq: ++seq, action: 'press', pad }));
      maxQueued = Math.max(maxQueued, server.stats().queuedBytes);
      await sleep(0);
    }
    const s = server.stats();
    assert.equal(s.coalesced, 0, 'events are never coalesced');
    assert.equal(s.queuedBytes, 0, 'the disconnected client holds nothing');
    assert.ok(maxQueued <= 128 * 1024 + 2048, `queue bound: ${maxQueued}`);
    assert.ok(log.some((l) => /disconnected, too slow/.test(l)));
    for (let j = 0; j < 10; j++)
      server.publish(PATHS.buttonEvent, JSON.stringify({ seq: ++seq, action: 'press' }));

    slow.ws.resume();
    const closed = await slow.closed;
    assert.equal(closed.code, CLOSE_TOO_SLOW);
    assert.match(closed.reason, /too slow/);
    // What the slow client got is an unbroken run from the first event: nothing vanished in between.
    const got = slow.values(PATHS.buttonEvent).map((v) => Number(/"seq":(\d+)/.exec(v)![1]));
    assert.deepEqual(
      got,
      got.map((_, i) => i + 1),
    );
    await until(() => healthy.values(PATHS.buttonEvent).length === seq, 'every event at the healthy client');
    healthy.ws.close();
    await server.stop();
  });

  it('malformed and oversized messages are refused; the connection or the gateway survives', async () => {
    const { server } = await serve();
    const c = client(server.port);
    await c.opened;
    c.send('{"action":"get","requestId":"n1"'); // truncated JSON
    c.send('['.repeat(30_000) + ']'.repeat(30_000)); // deep nesting, under the size limit
    c.send(JSON.stringify({ action: 'get', path: 'x'.repeat(60_000), requestId: 'n2' }));
    c.send(JSON.stringify({ action: 'launch', requestId: 'n3' }));
    c.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true }); // ignored, as KUKSA does
    for (let i = 0; i < 500; i++) c.send(`garbage ${i}`);
    await until(() => c.inbox.length >= 504, 'an error for every bad message');
    // KUKSA: a long path is a well-formed request for a path that does not exist (404 invalid_path);
    // everything else is malformed (400), the binary frame gets no answer.
    assert.equal(c.inbox.length, 504);
    for (const m of c.inbox)
      assert.equal(
        (m.error as { number: number }).number,
        m.requestId === 'n2' ? 404 : 400,
        JSON.stringify(m),
      );
    assert.equal(c.ws.readyState, WebSocket.OPEN, 'bad requests do not cost the connection');

    // Over 64 KiB: closed with 1009 (message too big), before the gateway reads it whole.
    c.send('x'.repeat(64 * 1024 + 1));
    assert.equal((await c.closed).code, 1009);

    // Invalid UTF-8 in a text frame: 1007.
    const u = client(server.port);
    await u.opened;
    u.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal((await u.closed).code, 1007);

    // An unmasked client frame (forbidden by RFC 6455): the gateway answers 1002 and closes.
    const raw = tcp(server.port);
    raw.handshake();
    await until(() => raw.received().includes('\r\n\r\n'), 'the handshake answer');
    raw.socket.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d]));
    await until(() => raw.closed(), 'the gateway closing the unmasked client');
    const frame = raw.received().subarray(raw.received().indexOf('\r\n\r\n') + 4);
    assert.equal(frame[0], 0x88, 'a close frame');
    assert.equal(frame.readUInt16BE(2), 1002);

    const ok = client(server.port);
    await ok.opened;
    ok.send({ action: 'subscribe', path: PATHS.busState, requestId: 'alive' });
    assert.ok((await ok.reply('alive')).subscriptionId, 'the gateway still serves');
    assert.equal(server.stats().clients, 1);
    ok.ws.close();
    await server.stop();
  });

  it('per-client limits: subscriptions and commands waiting for the vehicle; stop() ends the waits', async () => {
    const { server, source } = await serve({ maxSubscriptions: 5, maxPendingSets: 3 });
    const c = client(server.port);
    await c.opened;
    for (let i = 0; i < 6; i++) c.send({ action: 'subscribe', path: PATHS.busState, requestId: `s${i}` });
    assert.equal(((await c.reply('s5')).error as { number: number }).number, 429);
    assert.ok((await c.reply('s4')).subscriptionId);
    source.answers = false;
    for (let i = 0; i < 4; i++)
      c.send({ action: 'set', path: PATHS.command.cancelCall, value: 'true', requestId: `l${i}` });
    const refused = await c.reply('l3');
    assert.equal((refused.error as { number: number; message: string }).number, 429);
    assert.equal(server.commands.length, 3, 'three commands went to the vehicle, the fourth did not');
    // The gateway killed while commands wait: stop() returns at once and leaves no 10 s timers.
    await server.stop();
    assert.equal(c.inbox.filter((m) => /^l[012]$/.test(String(m.requestId))).length, 0);
    await c.closed;
  });

  it('a 20,000 frames/s CAN flood with the interface going down and up: nothing lost, memory bounded', async () => {
    const codec = DbcCodec.fromFile();
    const clock = new SimulatedClock(1_780_000_000_000);
    const bus = new MemoryCanBus();
    const vehicle = new CanVehicle({ transport: bus, codec, clock });
    const outputs: SourceOutput[] = [];
    vehicle.onOutput((o) => outputs.push(o));
    const server = new VissServer({
      source: vehicle,
      port: 0,
      now: () => clock.now(),
      log: () => {},
      heartbeatMs: 0,
      highWaterBytes: 16 * 1024,
    });
    await server.start();
    toClose.push(server);
    const reader = client(server.port);
    const stalled = client(server.port);
    await Promise.all([reader.opened, stalled.opened]);
    const paths = [PATHS.signalBars, PATHS.connectivity, PATHS.lowVoltageSystemState, PATHS.busState];
    for (const c of [reader, stalled]) for (const p of paths) await c.subscribe(p);
    stalled.ws.pause();

    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
    const plain = { extended: false, remote: false, fd: false, error: false };
    let alive = 0;
    let telStatusSent = 0;
    let injected = 0;
    const frame = (i: number): CanFrame => {
      switch (i % 5) {
        case 0:
          return codec.encode('TEL_STATUS', { CELL_REG: 1, CELL_BARS: i % 6, ALIV_TEL: alive++ % 15 });
        case 1:
          return codec.encode('KLEMMEN', { ST_KL: 10, ALIV_COU_KL: alive % 15 });
        case 2: // unknown standard id, any length
          return {
            ...plain,
            id: 0x700 + Math.floor(random() * 0x100),
            data: bytes(Math.floor(random() * 9)),
          };
        case 3: // extended, FD or remote frame of an unknown id, or an error frame
          return [
            { ...plain, extended: true, id: 0x800 + Math.floor(random() * 0x1fff_f000), data: bytes(8) },
            { ...plain, fd: true, id: 0x7ff, data: bytes(64) },
            { ...plain, remote: true, id: 0x701, data: new Uint8Array(0), dlc: 8 },
            { ...plain, error: true, id: 0x004, data: bytes(8) },
          ][i % 4]!;
        default: // a known id cut short
          return { ...plain, id: [171, 842, 896][i % 3]!, data: bytes(Math.floor(random() * 3)) };
      }
    };
    const heapStart = memory();
    const FRAMES_PER_MS = 20; // 20,000 frames/s
    const downWindows = [
      [400, 500],
      [900, 1000],
      [1500, 1600],
    ];
    let led: Msg | undefined;
    let up = true;
    for (let ms = 0; ms < 2000; ms++) {
      const down = downWindows.some(([a, b]) => ms >= a! && ms < b!);
      if (down === up) bus.setUp((up = !down));
      for (let f = 0; f < FRAMES_PER_MS; f++, injected++) {
        const fr = frame(injected);
        if (!down && injected % 5 === 0) telStatusSent++;
        bus.inject(fr);
      }
      clock.advance(1);
      if (ms === 450) {
        // While the interface is down: the HMI sees DOWN, and a command fails instead of vanishing.
        await until(() => reader.values(PATHS.busState).at(-1) === 'DOWN', 'DOWN at the HMI');
        reader.send({ action: 'set', path: PATHS.command.cancelCall, value: 'true', requestId: 'led' });
        led = await reader.reply('led');
      }
      if (ms % 10 === 0) await sleep(0);
    }
    assert.equal(injected, 40_000);
    assert.equal((led?.error as { number: number; message: string }).number, 503);
    assert.match((led?.error as { message: string }).message, /interface down/);
    const cellular = outputs.filter((o) => o.kind === 'signal' && o.signal.type === 'cellular').length;
    assert.equal(
      cellular,
      telStatusSent,
      'every TEL_STATUS frame sent while the interface was up was decoded',
    );
    const busStates = outputs.flatMap((o) =>
      o.kind === 'vss' && o.path === PATHS.busState ? [o.value] : [],
    );
    // SILENT: the interface is up but no frame has come yet.
    assert.deepEqual(busStates, ['SILENT', 'ACTIVE', 'DOWN', 'ACTIVE', 'DOWN', 'ACTIVE', 'DOWN', 'ACTIVE']);
    const s = server.stats();
    assert.ok(
      s.queuedBytes <= 4 * 400,
      `the stalled client holds one value per subscription: ${s.queuedBytes}`,
    );
    assert.ok(s.bufferedBytes <= 2 * (16 * 1024 + 400), `socket bytes: ${s.bufferedBytes}`);
    assert.ok(memory() - heapStart < 16 * MiB, 'memory bounded during the flood');

    // The telematics unit answers each request it gets (TEL_CALL_RSP with the same REQ_SEQ).
    bus.onSent((f) => {
      const req = codec.decode(f);
      if (req?.name === 'TEL_CALL_REQ')
        bus.inject(codec.encode('TEL_CALL_RSP', { RSP_REQ_SEQ: req.signals.REQ_SEQ!, REQ_RESULT: 0 }));
    });
    reader.send({ action: 'set', path: PATHS.command.endCall, value: 'true', requestId: 'led2' });
    assert.equal(
      (await reader.reply('led2')).error,
      undefined,
      'commands work again once the interface is up',
    );
    stalled.ws.resume();
    const lastBars = String(39_995 % 6);
    for (const c of [reader, stalled]) {
      await until(() => c.values(PATHS.signalBars).at(-1) === lastBars, 'the latest bars at every client');
      assert.equal(c.values(PATHS.busState).at(-1), 'ACTIVE');
    }
    assert.equal(bus.sent.length, 1, 'only the command sent while up reached the bus');
    reader.ws.close();
    stalled.ws.close();
    await server.stop();
  });

  after(async () => {
    for (const o of toClose.splice(0)) await o.stop();
    // Nothing left open by any gateway above: no listening socket, no connection, no timer.
    await until(
      () => {
        const now = resources();
        return HANDLE_KINDS.every((k) => (now[k] ?? 0) <= (baseline[k] ?? 0));
      },
      `handles back to ${JSON.stringify(baseline)}, now ${JSON.stringify(resources())}`,
    );
    const grown = memory() - heapBefore;
    assert.ok(grown < 24 * MiB, `memory after all abuse grew ${(grown / MiB).toFixed(1)} MiB`);
  });
});
