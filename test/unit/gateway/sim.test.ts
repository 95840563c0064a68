/**
 * `--sim`: the in-process simulator's telematics unit owns the call. A crash with no page connected
 * is dialled by the unit itself; a page that connects later gets the session report on subscribe,
 * over a real loopback WebSocket. The gateway clock is advanced by hand (no real waiting).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import type { CallSessionSignal } from '../../../src/bridge/signals.js';
import { PATHS } from '../../../src/bridge/vissPaths.js';
import { parseArgs, startGateway, type Gateway } from '../../../gateway/main.js';

type Msg = Record<string, unknown> & { data?: { path: string; dp: { value: string; ts: string } } };

const open: { close(): Promise<void> | void }[] = [];
after(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function gateway(...argv: string[]): Promise<Gateway> {
  const g = await startGateway(parseArgs(['--sim', '--port', '0', ...argv]), {
    driveClock: false,
    log: () => {},
  });
  open.push({ close: () => g.stop() });
  return g;
}

/** A VISS client (no browser Origin) with helpers to wait for what it receives. */
async function page(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, 'VISSv2');
  open.push({ close: () => ws.terminate() });
  const inbox: Msg[] = [];
  ws.on('message', (d) => inbox.push(JSON.parse(String(d)) as Msg));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const values = (path: string) =>
    inbox.flatMap((m) => (m.action === 'subscription' && m.data?.path === path ? [m.data.dp.value] : []));
  const waitFor = async (pred: () => boolean, what: string) => {
    for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(pred(), `gave up waiting for ${what}: ${JSON.stringify(inbox).slice(0, 600)}`);
  };
  let id = 0;
  const request = async (m: Record<string, unknown>) => {
    const requestId = `r${++id}`;
    ws.send(JSON.stringify({ ...m, requestId }));
    await waitFor(() => inbox.some((x) => x.requestId === requestId), `the answer to ${JSON.stringify(m)}`);
    return inbox.find((x) => x.requestId === requestId)!;
  };
  const session = (): Omit<CallSessionSignal, 'type' | 'ts'> | undefined => {
    const v = values(PATHS.callSession).at(-1);
    return v === undefined ? undefined : (JSON.parse(v) as Omit<CallSessionSignal, 'type' | 'ts'>);
  };
  return { ws, inbox, values, waitFor, request, session };
}

/** Advances the gateway's clock in steps, letting the sockets breathe in between. */
async function advance(g: Gateway, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    g.clock.advance(Math.min(100, ms - t));
    await new Promise((r) => setImmediate(r));
  }
}

describe('gateway --sim: the simulated telematics unit owns the call', () => {
  it('parses the unit’s calibration flags, only with --sim', () => {
    const args = parseArgs([
      '--sim',
      '--cancel-window-ms',
      '4000',
      '--hold-to-end-ms',
      '3000',
      '--hold-to-end-policy',
      'untilConnected',
      '--redial-window-ms',
      '60000',
      '--redial-interval-ms',
      '15000',
      '--attempt-timeout-ms',
      '20000',
      '--callback-window-ms',
      '600000',
      '--trigger-hold-ms',
      '0',
    ]);
    assert.deepEqual(args.telematics, {
      cancelWindowMs: 4000,
      holdToEndMs: 3000,
      holdToEndPolicy: 'untilConnected',
      redialWindowMs: 60_000,
      redialIntervalMs: 15_000,
      attemptTimeoutMs: 20_000,
      callbackWindowMs: 600_000,
      triggerHoldMs: 0,
    });
    assert.deepEqual(parseArgs(['--sim']).telematics, {}, 'the unit’s defaults otherwise');
    assert.throws(() => parseArgs(['--replay', 'x.log', '--cancel-window-ms', '4000']), /need --sim/);
    assert.throws(() => parseArgs(['--sim', '--cancel-window-ms', '-1']), /whole milliseconds/);
    assert.throws(() => parseArgs(['--sim', '--cancel-window-ms', '1.5']), /whole milliseconds/);
    assert.throws(() => parseArgs(['--sim', '--cancel-window-ms']), /needs a value/);
    assert.throws(() => parseArgs(['--sim', '--hold-to-end-policy', 'never']), /always or untilConnected/);
  });

  it('--scenario crash: the unit dials with no page connected; a page 6 s later gets the session on subscribe', async () => {
    const g = await gateway('--scenario', 'crash');
    await advance(g, 6000);
    assert.equal(g.server.clientCount, 0, 'nobody was watching');
    const p = await page(g.server.port);
    for (const path of [PATHS.callSession, PATHS.ledState, PATHS.crashEvent])
      assert.ok((await p.request({ action: 'subscribe', path })).subscriptionId, path);
    await p.waitFor(
      () => p.session() !== undefined && p.values(PATHS.ledState).length > 0,
      'the replayed state',
    );
    const s = p.session()!;
    assert.equal(s.kind, 'automatic');
    assert.ok(['dialing', 'connected', 'voice'].includes(s.phase), s.phase);
    assert.ok(s.attempt >= 1, 'the unit has dialled by itself');
    assert.deepEqual(s.crash, { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    assert.equal(s.cancellable, false, 'occupants never cancel an automatic call');
    assert.equal(s.audioMuted, true);
    assert.ok(
      s.triggeredAt !== null && g.clock.now() - s.triggeredAt >= 6000,
      'triggered at the crash, in vehicle time',
    );
    assert.notEqual(p.values(PATHS.ledState).at(-1), 'OFF');
    // KUKSA replays the last crash on subscribe, with its own (6 s old) ts: the bridge drops it as old.
    const replayed = p.values(PATHS.crashEvent);
    assert.ok(replayed.length <= 1, 'at most the one replay');
    // What the page asks is answered by the unit: an automatic call cannot be cancelled or ended.
    const refused = await p.request({ action: 'set', path: PATHS.command.cancelCall, value: 'true' });
    assert.deepEqual(refused.error, {
      number: 503,
      reason: 'service_unavailable',
      message: 'not cancellable',
    });
    const end = await p.request({ action: 'set', path: PATHS.command.endCall, value: 'true' });
    assert.equal((end.error as { message: string }).message, 'automatic call');
    // The report keeps coming (changes and cyclic repeats) and the page keeps the latest.
    const before = p.values(PATHS.callSession).length;
    await advance(g, 3000);
    await p.waitFor(() => p.values(PATHS.callSession).length > before, 'more reports');
    assert.equal(p.session()?.seq !== undefined, true);
    const got = await p.request({ action: 'get', path: PATHS.callSession });
    assert.equal(got.data?.dp.value, g.server.value(PATHS.callSession));
  });

  it('--cancel-window-ms reaches the unit: an SOS press opens that window; the page cancels it', async () => {
    const g = await gateway('--cancel-window-ms', '4000');
    await advance(g, 1000);
    g.sim!.sim.pressSos();
    await advance(g, 500);
    const p = await page(g.server.port);
    await p.request({ action: 'subscribe', path: PATHS.callSession });
    await p.waitFor(() => p.session()?.phase === 'cancelWindow', 'the cancel window');
    const s = p.session()!;
    assert.equal(s.kind, 'manual');
    assert.equal(s.cancellable, true);
    assert.equal(s.cancelWindowEndsAt! - s.triggeredAt!, 4000);
    const call = await p.request({ action: 'set', path: PATHS.command.cancelCall, value: 'true' });
    assert.equal(call.error, undefined, JSON.stringify(call.error));
    await p.waitFor(() => p.session()?.phase === 'cancelled', 'the cancelled session');
    const again = await p.request({ action: 'set', path: PATHS.command.callNow, value: 'true' });
    assert.equal((again.error as { message: string }).message, 'no cancel window');
    assert.deepEqual(
      g.server.commands.map((c) => c.type),
      ['cancelCall', 'callNow'],
    );
  });
});
