/**
 * Stale and lost data: the vehicle going silent, the link dropping during a call, messages out of
 * order or duplicated, and clock jumps on either side. Through the real MockBridge and root machine;
 * what must hold: never "ready" on old data, never a call lost or invented, and recovery once fresh
 * data is back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InjectedHmi } from './helpers/fuzz.js';
import { Rig } from './helpers/vehicleRig.js';
import { CHAIN_UNITS, MOST_NODES } from '../../src/bridge/signals.js';

/** Every required signal, healthy, stamped `ts`. */
function healthy(ts: number): Record<string, unknown>[] {
  return [
    ...CHAIN_UNITS.map((unit) => ({ type: 'unitHealth', ts, unit, status: 'ok' })),
    { type: 'mostRing', ts, nodes: [...MOST_NODES], closed: true, silent: [] },
    { type: 'gnss', ts, fix: '3d', latitude: 48.1, longitude: 11.5, headingDeg: 90, trusted: true },
    { type: 'cellular', ts, registered: true, signalBars: 4 },
  ];
}

function readyInjected(): InjectedHmi {
  const hmi = new InjectedHmi();
  hmi.bridge.injectRaw({ type: 'ignition', ts: hmi.clock.now(), state: 'on' });
  for (let t = 0; t < 5; t += 1) {
    for (const m of healthy(hmi.clock.now())) hmi.bridge.injectRaw(m);
    hmi.clock.advance(1000);
  }
  for (const m of healthy(hmi.clock.now())) hmi.bridge.injectRaw(m);
  assert.equal(hmi.level(), 'ready');
  return hmi;
}

function toVoice(rig: Rig): void {
  rig.sim.crash();
  for (let i = 0; i < 100 && rig.call().phase !== 'voice'; i += 1) rig.advance(100);
  assert.equal(rig.call().phase, 'voice');
}

describe('the vehicle goes silent', () => {
  it('no message for the staleness limit: ready → unknown, position and bars hidden; back when data returns', () => {
    const hmi = readyInjected();
    hmi.clock.advance(2900);
    assert.equal(hmi.level(), 'ready', 'still inside the 3 s limit');
    hmi.clock.advance(200);
    assert.equal(hmi.level(), 'unknown');
    hmi.clock.advance(60_000);
    assert.equal(hmi.level(), 'unknown', 'stays unknown however long the silence');
    for (const m of healthy(hmi.clock.now())) hmi.bridge.injectRaw(m);
    assert.equal(hmi.level(), 'ready', 'fresh data brings it back');
    hmi.dispose();
  });

  it('a battery reset: ready only until the silence passes the staleness limit, never while booting', () => {
    const rig = Rig.ready();
    const reset = rig.clock.now();
    rig.sim.batteryReset();
    const readyAt: number[] = [];
    rig.advanceChecked(3000 + 5000, 250, () => {
      if (rig.status().level === 'ready') readyAt.push(rig.clock.now() - reset);
    });
    // Power loss is silent: it can only be noticed by the staleness limit (3 s).
    const booted = 3000 + 5000;
    assert.ok(
      readyAt.every((t) => t <= rig.config.stalenessMs || t >= booted),
      `ready ${readyAt.join(', ')} ms after the reset`,
    );
    rig.advance(5000);
    assert.equal(rig.status().level, 'ready', 'ready again once every unit has booted');
    rig.dispose();
  });

  it('the link drops during a voice call: status unknown, the call screen stays; back to the true call state after', () => {
    const rig = Rig.ready();
    toVoice(rig);
    rig.bridge.setConnection('lost');
    rig.advanceChecked(30_000, 1000, () => {
      assert.equal(rig.status().level, 'unknown');
      assert.equal(rig.call().screen, 'active', 'the call is not dropped from the screen');
    });
    rig.bridge.setConnection('connected');
    rig.advance(1500);
    assert.equal(rig.status().level, 'ready');
    assert.equal(rig.call().phase, 'voice', 'the call is still up on the telematics unit');
    assert.ok(rig.sim.callActive);
    rig.sim.centreEndsCall();
    rig.advance(100);
    assert.equal(rig.call().screen, 'ended');
    rig.dispose();
  });
});

describe('out of order and duplicated messages', () => {
  it('an older "ok" arriving after a newer "fault" does not make SOS ready again', () => {
    const hmi = readyInjected();
    const now = hmi.clock.now();
    hmi.bridge.injectRaw({
      type: 'unitHealth',
      ts: now,
      unit: 'telematics',
      status: 'fault',
      code: 'module',
    });
    assert.equal(hmi.level(), 'unavailable');
    hmi.bridge.injectRaw({ type: 'unitHealth', ts: now - 500, unit: 'telematics', status: 'ok' });
    assert.equal(hmi.level(), 'unavailable', 'the late, older message is ignored');
    hmi.bridge.injectRaw({
      type: 'mostRing',
      ts: now - 800,
      nodes: [...MOST_NODES],
      closed: true,
      silent: [],
    });
    hmi.bridge.injectRaw({
      type: 'mostRing',
      ts: now,
      nodes: [...MOST_NODES],
      closed: false,
      silent: MOST_NODES.slice(1),
    });
    hmi.bridge.injectRaw({
      type: 'mostRing',
      ts: now - 100,
      nodes: [...MOST_NODES],
      closed: true,
      silent: [],
    });
    assert.equal(
      hmi.statusSnapshot.context.facts.mostRing?.value.closed,
      false,
      'the newest ring state wins',
    );
    hmi.dispose();
  });

  it('an old message does not refresh freshness: a unit that went quiet still goes stale', () => {
    const hmi = readyInjected();
    const last = hmi.clock.now();
    hmi.clock.advance(2000);
    // Replays of the last values, stamped earlier than what we have: they prove nothing new.
    hmi.bridge.injectRaw({ type: 'unitHealth', ts: last - 10, unit: 'microphone', status: 'ok' });
    for (const m of healthy(hmi.clock.now())) if (m.unit !== 'microphone') hmi.bridge.injectRaw(m);
    hmi.clock.advance(1100);
    assert.equal(hmi.level(), 'unknown');
    assert.ok(hmi.statusSnapshot.context.staleKeys.includes('unitHealth:microphone'));
    hmi.dispose();
  });

  it('duplicated crash, session reports and acks: one session, one call, duplicates refused or ignored', () => {
    const rig = Rig.ready();
    rig.sim.crash();
    rig.advance(10);
    const crash = rig.delivered.find((e) => e.kind === 'signal' && e.signal.type === 'crash');
    assert.ok(crash && crash.kind === 'signal');
    rig.bridge.injectRaw({ ...crash.signal, ts: rig.clock.now() }); // the same crash again
    for (let i = 0; i < 100 && rig.call().phase !== 'voice'; i += 1) rig.advance(100);
    assert.equal(rig.sim.session.attempt, 1, 'one call for one crash');
    assert.deepEqual(rig.commands, [], 'the page asked for nothing');
    // An earlier report, replayed late (a server that resends on subscribe), does not move the call back.
    const reports = rig.delivered.flatMap((e) =>
      e.kind === 'signal' && e.signal.type === 'callSession' ? [e.signal] : [],
    );
    const connected = reports.find((r) => r.phase === 'connected');
    assert.ok(connected);
    rig.bridge.injectRaw({ ...connected, ts: rig.clock.now() - 2000 });
    assert.equal(rig.call().phase, 'voice', 'a late, repeated earlier phase does not move the call back');
    // An ack that was already settled is refused at the bridge.
    rig.bridge.send({ type: 'startTestCall' }); // the screens offer none during a call; the unit refuses it too
    rig.advance(100);
    assert.equal(rig.call().refusal, 'busy', 'one call at a time: the unit refuses a test call');
    const ack = rig.delivered.find((e) => e.kind === 'signal' && e.signal.type === 'commandAck');
    assert.ok(ack && ack.kind === 'signal');
    const before = rig.bridge.rejected.length;
    rig.bridge.injectRaw({ ...ack.signal, ts: rig.clock.now() });
    assert.equal(rig.bridge.rejected.length, before + 1);
    assert.match(rig.bridge.rejected.at(-1)!.error, /no command .* waiting/);
    // The centre's clear-down: one "Call ended", no redial.
    rig.sim.centreEndsCall();
    rig.advance(60_000);
    assert.equal(rig.call().screen, 'ended');
    assert.equal(rig.sim.session.attempt, 1, 'no redial after a clean end');
    rig.dispose();
  });
});

describe('clock jumps', () => {
  it('the vehicle clock jumps ahead: its messages are refused as from the future, the status goes unknown, never ready', () => {
    const hmi = readyInjected();
    const ahead = hmi.clock.now() + 3600_000;
    for (let t = 0; t < 5; t += 1) {
      for (const m of healthy(ahead + t * 1000)) hmi.bridge.injectRaw(m);
      hmi.clock.advance(1000);
    }
    assert.equal(hmi.level(), 'unknown');
    assert.match(hmi.bridge.rejected.at(-1)!.error, /in the future/);
    // Back in step: ready again at once.
    for (const m of healthy(hmi.clock.now())) hmi.bridge.injectRaw(m);
    assert.equal(hmi.level(), 'ready');
    hmi.dispose();
  });

  it('the vehicle clock jumps back: its messages are refused as stale, the status goes unknown', () => {
    const hmi = readyInjected();
    for (let t = 0; t < 5; t += 1) {
      for (const m of healthy(hmi.clock.now() - 3600_000)) hmi.bridge.injectRaw(m);
      hmi.clock.advance(1000);
    }
    assert.equal(hmi.level(), 'unknown');
    assert.match(hmi.bridge.rejected.at(-1)!.error, /stale/);
    hmi.dispose();
  });

  it('the HMI clock jumps 10 min (wake from sleep) during a call: the call is still shown, status recovers', () => {
    const rig = Rig.ready();
    toVoice(rig);
    rig.advance(600_000);
    assert.equal(rig.call().screen, 'active');
    assert.equal(rig.call().phase, 'voice');
    assert.equal(rig.call().elapsedS >= 600, true, 'the call timer counts the jump');
    assert.equal(rig.status().level, 'ready', 'fresh data after the jump');
    rig.dispose();
  });
});
