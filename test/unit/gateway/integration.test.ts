/**
 * Integration: the committed replay log drives the gateway in-process, over a real loopback
 * WebSocket, into the real HMI machines behind `VissBridge`. Both clocks are simulated and advanced
 * in lockstep; only the socket I/O between steps is real.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { WebSocket } from 'ws';
import { VissBridge, type VissSocket } from '../../../src/bridge/vissBridge.js';
import { toMachineEvent } from '../../../src/machines/events.js';
import { selectHmiState } from '../../../src/machines/selectors.js';
import { sosHmiMachine } from '../../../src/machines/sosHmiMachine.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { formatFrame, type CanFrame } from '../../../gateway/can/frame.js';
import { parseArgs, startGateway, type Gateway } from '../../../gateway/main.js';
import { DRIVE_LOG } from '../../../gateway/tools/makeDriveLog.js';

const LOG = fileURLToPath(new URL('../../fixtures/drive.log', import.meta.url));
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

interface Rig {
  gateway: Gateway;
  hmiClock: SimulatedClock;
  bridge: VissBridge;
  actor: ReturnType<typeof createActor<typeof sosHmiMachine>>;
  tx: CanFrame[];
  run(ms: number, until?: () => boolean): Promise<void>;
  state(): ReturnType<typeof selectHmiState>;
}

async function gatewayOn(port: number, from = 0): Promise<Gateway> {
  const args = parseArgs(['--replay', LOG, '--port', String(port), '--from', String(from)]);
  return startGateway(args, { driveClock: false, log: () => {} });
}

async function rig(): Promise<Rig> {
  const gateway = await gatewayOn(0);
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
  bridge.subscribe((event) => actor.send(toMachineEvent(event)));
  const tx: CanFrame[] = [];
  const r: Rig = {
    gateway,
    hmiClock,
    bridge,
    actor,
    tx,
    async run(ms, until) {
      for (let done = 0; done < ms; done += 50) {
        r.gateway.clock.advance(50);
        hmiClock.advance(50);
        await tick();
        if (until?.()) return;
      }
    },
    state: () => selectHmiState(actor),
  };
  gateway.bus!.onSent((f) => tx.push(f));
  return r;
}

describe('gateway integration: replay log → VISS over loopback → HMI machines', () => {
  let r: Rig;
  before(async () => {
    r = await rig();
  });
  after(async () => {
    r.bridge.dispose();
    r.actor.stop();
    await r.gateway.stop();
  });

  it('reaches SOS ready from the recorded drive and the simulated MOST ring', async () => {
    await r.run(8000, () => r.state().status.level === 'ready');
    assert.equal(r.bridge.connection, 'connected');
    assert.equal(r.state().status.level, 'ready', JSON.stringify(r.state().status.causes));
    assert.equal(r.bridge.rejected.length, 0, JSON.stringify(r.bridge.rejected));
  });

  it('a crash frame (ST_CR) starts an automatic call; the LED and call request leave as CAN frames', async () => {
    await r.run(DRIVE_LOG.crashAtMs + 1000, () => r.state().call.screen !== 'none');
    const call = r.state().call;
    assert.equal(call.kind, 'automatic');
    await r.run(500);
    const frames = r.tx.map(formatFrame);
    assert.ok(
      frames.includes('5E4#0901') || frames.some((f) => /^5E4#09/.test(f)),
      `call request: ${frames.join(' ')}`,
    );
    assert.ok(frames.includes('5E3#01'), `LED green blinking: ${frames.join(' ')}`);
  });

  it('follows the recorded call progress: the centre answers, the location is sent', async () => {
    await r.run(6000, () => r.state().call.phase === 'dataSent');
    assert.equal(r.state().call.phase, 'dataSent', JSON.stringify(r.state().call));
  });

  it('gateway restart mid-call: link lost, reconnect, the call screen keeps the true call state', async () => {
    const port = r.gateway.server.port;
    await r.gateway.stop();
    await r.run(4000, () => r.bridge.connection === 'lost');
    assert.equal(r.bridge.connection, 'lost');
    assert.equal(r.state().status.level, 'unknown', 'a lost link is never ready');
    assert.equal(r.state().call.phase, 'dataSent', 'the emergency in progress stays on screen');
    // The bus kept running while the gateway was away: it comes back later in the same drive,
    // when the telematics unit already reports voice.
    r.gateway = await gatewayOn(port, 17);
    r.gateway.bus!.onSent((f) => r.tx.push(f));
    await r.run(8000, () => r.bridge.connection === 'connected');
    assert.equal(r.bridge.connection, 'connected');
    await r.run(4000, () => r.state().call.phase === 'voice');
    assert.equal(r.state().call.phase, 'voice', 'the call screen follows the true call state');
    assert.equal(r.state().call.kind, 'automatic');
    await r.run(4000, () => r.state().status.level === 'ready');
    assert.equal(r.state().status.level, 'ready');
    assert.ok(r.tx.map(formatFrame).includes('5E3#02'), 'LED green steady on the bus');
  });
});
