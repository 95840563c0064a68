/**
 * Integration: the committed replay logs drive the gateway in-process, over a real loopback
 * WebSocket, into the real HMI machines behind `VissBridge`. Both clocks are simulated and advanced
 * in lockstep; only the socket I/O between steps is real.
 *
 * The telematics unit on the recorded bus owns the call: it dials by itself after the crash and
 * reports its session (TEL_SESSION_1/2/3); the page only mirrors it and never puts a frame on the bus.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { WebSocket } from 'ws';
import type { CallSessionSignal, VehicleSignal } from '../../../src/bridge/signals.js';
import { VissBridge, type VissSocket } from '../../../src/bridge/vissBridge.js';
import { toMachineEvent } from '../../../src/machines/events.js';
import { selectHmiState } from '../../../src/machines/selectors.js';
import { sosHmiMachine } from '../../../src/machines/sosHmiMachine.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { formatFrame, type CanFrame } from '../../../gateway/can/frame.js';
import { parseArgs, startGateway, type Gateway } from '../../../gateway/main.js';
import { DRIVE_LOG, driveSessionAt } from '../../../gateway/tools/makeDriveLog.js';

const LOG = fileURLToPath(new URL('../../fixtures/drive.log', import.meta.url));
const NO_UNIT_LOG = fileURLToPath(new URL('../../fixtures/drive-no-unit.log', import.meta.url));
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

interface Rig {
  gateway: Gateway;
  /** Vehicle time at which the replay's log started (frame at offset t plays at `logStart + t`). */
  logStart: number;
  hmiClock: SimulatedClock;
  bridge: VissBridge;
  actor: ReturnType<typeof createActor<typeof sosHmiMachine>>;
  tx: CanFrame[];
  signals: VehicleSignal[];
  sessions(): CallSessionSignal[];
  run(ms: number, until?: () => boolean): Promise<void>;
  state(): ReturnType<typeof selectHmiState>;
  dispose(): Promise<void>;
}

async function gatewayOn(port: number, from = 0, log = LOG): Promise<Gateway> {
  const args = parseArgs(['--replay', log, '--port', String(port), '--from', String(from)]);
  return startGateway(args, { driveClock: false, log: () => {} });
}

/** A gateway replaying `log` from `from` s, and a page that connects to it right away. */
async function rig(from = 0, log = LOG): Promise<Rig> {
  const gateway = await gatewayOn(0, from, log);
  const port = gateway.server.port;
  const hmiClock = new SimulatedClock(gateway.clock.now());
  const bridge = new VissBridge({
    url: `ws://127.0.0.1:${port}`,
    clock: hmiClock,
    createSocket: (url, protocol) => new WebSocket(url, protocol) as unknown as VissSocket,
    log: () => {},
  });
  const actor = createActor(sosHmiMachine, { clock: hmiClock, input: { config: {} } });
  actor.on('command', (e) => bridge.send(e.command));
  actor.start();
  const signals: VehicleSignal[] = [];
  bridge.subscribe((event) => {
    if (event.kind === 'signal') signals.push(event.signal);
    actor.send(toMachineEvent(event));
  });
  const tx: CanFrame[] = [];
  const r: Rig = {
    gateway,
    logStart: gateway.clock.now() - from * 1000,
    hmiClock,
    bridge,
    actor,
    tx,
    signals,
    sessions: () => signals.flatMap((s) => (s.type === 'callSession' ? [s] : [])),
    async run(ms, until) {
      for (let done = 0; done < ms; done += 50) {
        r.gateway.clock.advance(50);
        hmiClock.advance(50);
        await tick();
        if (until?.()) return;
      }
    },
    state: () => selectHmiState(actor),
    async dispose() {
      r.bridge.dispose();
      r.actor.stop();
      await r.gateway.stop();
    },
  };
  gateway.bus!.onSent((f) => tx.push(f));
  return r;
}

/** The report as the page must see it: exact, but for the times the bus carries in whole seconds. */
function assertSession(got: CallSessionSignal | undefined, want: CallSessionSignal): void {
  assert.ok(got, 'a session report');
  const coarse = ['triggeredAt', 'voiceSince', 'callbackWindowEndsAt'] as const;
  for (const key of coarse) {
    const [g, w] = [got[key], want[key]];
    assert.ok(g === w || (g !== null && w !== null && Math.abs(g - w) <= 1000), `${key}: ${g} vs ${w}`);
  }
  const strip = (s: CallSessionSignal) => ({
    ...s,
    ts: 0,
    triggeredAt: 0,
    voiceSince: 0,
    callbackWindowEndsAt: 0,
  });
  assert.deepEqual(strip(got), strip(want));
}

describe('gateway integration: replay log → VISS over loopback → HMI machines', () => {
  let r: Rig;
  before(async () => {
    r = await rig();
  });
  after(async () => {
    await r.dispose();
  });

  it('reaches SOS ready from the recorded drive and the simulated MOST ring; the unit reports idle', async () => {
    await r.run(8000, () => r.state().status.level === 'ready');
    assert.equal(r.bridge.connection, 'connected');
    assert.equal(r.state().status.level, 'ready', JSON.stringify(r.state().status.causes));
    assert.equal(r.bridge.rejected.length, 0, JSON.stringify(r.bridge.rejected));
    assert.equal(r.sessions().at(-1)?.phase, 'idle');
    assert.deepEqual(
      r.signals
        .filter((s) => s.type === 'sosLed')
        .map((s) => s.type === 'sosLed' && s.led)
        .at(-1),
      'off',
    );
  });

  it('the crash (ST_CR) reaches the page and the unit dials by itself; the page puts nothing on the bus', async () => {
    await r.run(DRIVE_LOG.crashAtMs + 1000, () => r.sessions().at(-1)?.phase === 'dialing');
    const crash = r.signals.find((s) => s.type === 'crash');
    assert.deepEqual(crash && { ...crash, ts: 0 }, {
      type: 'crash',
      ts: 0,
      severity: 3,
      airbagDeployed: true,
      rollover: false,
      occupants: null, // ST_CR carries no occupancy
    });
    assert.equal(r.bridge.incomplete.length, 0, 'occupancy is not on ST_CR: unknown (null), nothing wrong');
    const dialing = r.sessions().at(-1);
    assertSession(dialing, driveSessionAt(12_100, r.logStart));
    assert.equal(dialing?.kind, 'automatic');
    assert.deepEqual(dialing?.crash, { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    await r.run(500);
    assert.equal(r.state().call.kind, 'automatic');
    assert.deepEqual(r.tx.map(formatFrame), [], 'no call request, no LED, no mute from the head unit');
    assert.equal(
      r.signals
        .filter((s) => s.type === 'sosLed')
        .map((s) => s.type === 'sosLed' && s.led)
        .at(-1),
      'green-blinking',
    );
  });

  it('follows the unit’s session: connected, the data acknowledged, voice', async () => {
    await r.run(5000, () => r.sessions().at(-1)?.phase === 'voice');
    const phases = [...new Set(r.sessions().map((s) => `${s.seq}:${s.phase}:${s.msd}`))];
    assert.deepEqual(phases, [
      '1:idle:none',
      '2:dialing:none',
      '3:connected:sent',
      '4:connected:ackPositive',
      '5:voice:ackPositive',
    ]);
    assertSession(r.sessions().at(-1), driveSessionAt(16_600, r.logStart));
    await r.run(200);
    assert.equal(r.state().call.phase, 'voice', JSON.stringify(r.state().call));
    assert.deepEqual(r.tx.map(formatFrame), []);
  });

  it('gateway restart mid-call: link lost, reconnect, the call screen keeps the true call state', async () => {
    const port = r.gateway.server.port;
    await r.gateway.stop();
    await r.run(4000, () => r.bridge.connection === 'lost');
    assert.equal(r.bridge.connection, 'lost');
    assert.equal(r.state().status.level, 'unknown', 'a lost link is never ready');
    assert.equal(r.state().call.kind, 'automatic', 'the emergency in progress stays on screen');
    // The bus kept running while the gateway was away: it comes back later in the same drive.
    const before = r.sessions().length;
    r.gateway = await gatewayOn(port, 25);
    r.gateway.bus!.onSent((f) => r.tx.push(f));
    await r.run(8000, () => r.bridge.connection === 'connected');
    assert.equal(r.bridge.connection, 'connected');
    await r.run(4000, () => r.sessions().length > before);
    assert.equal(r.sessions().at(-1)?.phase, 'voice', 'the report comes again from the restarted gateway');
    assert.equal(r.state().call.phase, 'voice', 'the call screen follows the true call state');
    assert.equal(r.state().call.kind, 'automatic');
    await r.run(4000, () => r.state().status.level === 'ready');
    assert.equal(r.state().status.level, 'ready');
    assert.deepEqual(r.tx.map(formatFrame), []);
  });
});

describe('a page opened at 16 s into the replay', () => {
  let r: Rig;
  before(async () => {
    r = await rig(16);
  });
  after(async () => {
    await r.dispose();
  });

  it('learns the automatic call from the session report alone (the crash event is long gone)', async () => {
    await r.run(1500, () => r.sessions().length > 0);
    const first = r.sessions()[0]!;
    // Just after 16 s the unit has the centre on the line and its data there; the crash was 4 s earlier.
    assert.ok(first.ts - r.logStart >= 16_000 && first.ts - r.logStart < 16_600, `${first.ts - r.logStart}`);
    assertSession(first, driveSessionAt(first.ts - r.logStart, r.logStart));
    assert.equal(first.kind, 'automatic');
    assert.equal(first.phase, 'connected');
    assert.equal(
      r.signals.filter((s) => s.type === 'crash').length,
      0,
      'no crash event: this gateway never saw it',
    );
    await r.run(300);
    assert.equal(r.state().call.kind, 'automatic', JSON.stringify(r.state().call));
    assert.notEqual(r.state().call.screen, 'none');
    assert.notEqual(r.state().call.screen, 'unconfirmed', 'the unit confirms the call');
    await r.run(1500, () => r.sessions().at(-1)?.phase === 'voice');
    assert.equal(r.state().call.phase, 'voice');
    assert.deepEqual(r.tx.map(formatFrame), []);
  });
});

describe('a recorded drive of a car without a telematics unit', () => {
  let r: Rig;
  before(async () => {
    r = await rig(10, NO_UNIT_LOG);
  });
  after(async () => {
    await r.dispose();
  });

  it('the crash reaches the page; no unit ever reports a call, so nobody confirms one', async () => {
    await r.run(3000, () => r.signals.some((s) => s.type === 'crash'));
    const crashAt = r.hmiClock.now();
    assert.ok(
      r.signals.some((s) => s.type === 'crash'),
      'the crash from ST_CR',
    );
    await r.run(6000, () => r.state().call.screen === 'unconfirmed');
    assert.deepEqual(r.sessions(), [], 'no session report: there is no unit on this bus');
    assert.equal(r.signals.filter((s) => s.type === 'sosLed').length, 0);
    assert.equal(r.state().call.screen, 'unconfirmed', JSON.stringify(r.state().call));
    assert.ok(r.hmiClock.now() - crashAt >= 5000, 'not before the unit had 5 s to confirm');
    assert.deepEqual(r.tx.map(formatFrame), [], 'the page never starts a call itself');
  });
});
