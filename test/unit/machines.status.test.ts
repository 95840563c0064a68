import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hmi, healthySignals } from './helpers/hmiHarness.js';

describe('status machine', () => {
  it('is unknown before any data and off with the ignition off', () => {
    const hmi = new Hmi();
    assert.equal(hmi.status().level, 'unknown');
    assert.equal(hmi.status().telltale, 'unknown');
    for (const s of healthySignals()) hmi.set(s);
    assert.equal(hmi.status().level, 'unknown', 'no ignition yet: not ready');
    hmi.set({ type: 'ignition', state: 'off' });
    assert.equal(hmi.status().level, 'off');
    assert.equal(hmi.status().telltale, 'off');
    hmi.stop();
  });

  it('runs the bulb check for selfTestMs at ignition on, then shows ready', () => {
    const hmi = new Hmi();
    for (const s of healthySignals()) hmi.set(s);
    hmi.set({ type: 'ignition', state: 'off' });
    hmi.startHeartbeat();
    hmi.set({ type: 'ignition', state: 'on' });
    assert.equal(hmi.status().level, 'selfTest');
    assert.equal(hmi.status().telltale, 'bulbCheck');
    hmi.advance(2999);
    assert.equal(hmi.status().level, 'selfTest');
    hmi.advance(1);
    assert.equal(hmi.status().level, 'ready');
    assert.equal(hmi.status().telltale, 'ready');
    assert.deepEqual(hmi.status().causes, []);
    assert.equal(hmi.status().ignitionCycle, 1);
    hmi.stop();
  });

  it('self-tests at first power when the ignition is already on', () => {
    const hmi = new Hmi();
    for (const s of healthySignals()) hmi.set(s);
    hmi.set({ type: 'ignition', state: 'accessory' });
    assert.equal(hmi.status().level, 'selfTest');
    hmi.set({ type: 'ignition', state: 'on' });
    assert.equal(hmi.status().ignitionCycle, 1, 'accessory → on is the same cycle');
    hmi.stop();
  });

  it('counts ignition cycles off → on', () => {
    const hmi = new Hmi().readyCar();
    hmi.set({ type: 'ignition', state: 'off' });
    assert.equal(hmi.status().level, 'off');
    hmi.set({ type: 'ignition', state: 'on' });
    hmi.set({ type: 'ignition', state: 'off' });
    hmi.set({ type: 'ignition', state: 'accessory' });
    assert.equal(hmi.status().ignitionCycle, 3);
    assert.equal(hmi.status().level, 'selfTest');
    hmi.stop();
  });

  it('shows unknown, never ready, when the required signals go stale', () => {
    const hmi = new Hmi().readyCar();
    hmi.advance(10_000);
    assert.equal(hmi.status().level, 'ready', 'signals are refreshed every second');
    hmi.stopHeartbeat();
    hmi.advance(2999);
    assert.equal(hmi.status().level, 'ready');
    hmi.advance(1001);
    assert.equal(hmi.status().level, 'unknown');
    assert.equal(hmi.status().telltale, 'unknown');
    assert.equal(hmi.status().causes[0]?.id, 'noVehicleData');
    assert.ok(hmi.status().staleSignals.includes('gnss'));
    assert.ok(hmi.status().staleSignals.includes('unitHealth:telematics'));
    assert.deepEqual(hmi.statusSnapshot.value, { operating: 'unknown' });
    hmi.startHeartbeat();
    hmi.advance(1000);
    assert.equal(hmi.status().level, 'ready', 'fresh data again');
    assert.deepEqual(hmi.status().staleSignals, []);
    hmi.stop();
  });

  it('shows unknown when one required signal has never arrived', () => {
    const hmi = new Hmi();
    for (const s of healthySignals().filter((s) => s.type !== 'cellular')) hmi.set(s);
    hmi.set({ type: 'ignition', state: 'on' });
    hmi.startHeartbeat();
    hmi.advance(5000);
    assert.equal(hmi.status().level, 'unknown');
    assert.deepEqual(hmi.status().staleSignals, ['cellular']);
    hmi.stop();
  });

  it('a single stale unit makes the status unknown', () => {
    const hmi = new Hmi().readyCar();
    // The crash sensor stops talking; everything else keeps reporting.
    hmi.stopHeartbeat();
    for (let i = 0; i < 4; i += 1) {
      for (const s of healthySignals().filter((s) => !(s.type === 'unitHealth' && s.unit === 'crash-sensor')))
        hmi.signal(s);
      hmi.advance(1000);
    }
    assert.equal(hmi.status().level, 'unknown');
    assert.deepEqual(hmi.status().staleSignals, ['unitHealth:crash-sensor']);
    hmi.stop();
  });

  it('shows unknown when the link to the vehicle is lost, and recovers', () => {
    const hmi = new Hmi().readyCar();
    hmi.actor.send({ type: 'bridge.connection', state: 'connected' });
    hmi.actor.send({ type: 'bridge.connection', state: 'lost' });
    assert.equal(hmi.status().level, 'unknown');
    assert.equal(hmi.status().connection, 'lost');
    assert.deepEqual(
      hmi.status().causes.map((c) => c.id),
      ['vehicleLinkLost'],
    );
    assert.deepEqual(hmi.statusSnapshot.value, 'unknown');
    hmi.advance(2000);
    assert.equal(hmi.status().level, 'unknown', 'signals do not bring it back while the link is lost');
    hmi.actor.send({ type: 'bridge.connection', state: 'connected' });
    assert.equal(hmi.status().level, 'ready');
    hmi.stop();
  });

  it('a ring break makes SOS unavailable and shows the Check Control message', () => {
    const hmi = new Hmi().readyCar();
    hmi.set({
      type: 'mostRing',
      nodes: ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      closed: false,
      silent: ['amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      breakBetween: ['telematics', 'satellite-radio'],
    });
    // Units behind the break report nothing useful: unknown, not a fault of their own.
    hmi.unit('telematics', 'fault');
    const status = hmi.status();
    assert.equal(status.level, 'unavailable');
    assert.equal(status.telltale, 'malfunction');
    assert.deepEqual(
      status.causes.map((c) => c.id),
      ['ringBreak'],
    );
    assert.equal(status.ring?.suspect, 'satellite-radio');
    const m = hmi.malfunction();
    assert.equal(m.present, true);
    assert.equal(m.visible, true);
    assert.equal(m.message?.primary, 'ringBreak');
    assert.deepEqual(m.message?.advice, ['checkFuses', 'bypassTest', 'seeDealer', 'callFromPhone']);
    assert.ok(m.message?.effects.includes('idriveMayNotRespond'));
    assert.ok(m.message?.effects.includes('chimesMayBeSilent'));
    assert.ok(m.message?.effects.includes('audioSourcesAffected'));
    assert.equal(m.message?.ring?.suspect, 'satellite-radio');
    hmi.stop();
  });

  it('acknowledge hides the warning until the next ignition cycle (UN R144)', () => {
    const hmi = new Hmi().readyCar();
    hmi.unit('hands-free', 'fault');
    assert.equal(hmi.malfunction().visible, true);
    hmi.user('user.acknowledge');
    assert.deepEqual(hmi.malfunction(), { ...hmi.malfunction(), present: true, visible: false });
    hmi.advance(60_000);
    assert.equal(hmi.malfunction().visible, false, 'stays hidden in this cycle');
    hmi.user('user.showMalfunction');
    assert.equal(hmi.malfunction().visible, true, 're-opened on request');
    hmi.user('user.acknowledge');
    hmi.set({ type: 'ignition', state: 'off' });
    assert.equal(hmi.malfunction().visible, false);
    hmi.set({ type: 'ignition', state: 'on' });
    assert.equal(hmi.malfunction().visible, true, 'warned again at the next start');
    assert.equal(hmi.malfunction().message?.primary, 'handsFreeFault');
    hmi.unit('hands-free', 'ok');
    assert.deepEqual(hmi.malfunction(), { present: false, visible: false, message: null });
    assert.deepEqual(hmi.malfunctionSnapshot.value, 'none');
    hmi.stop();
  });

  it('a worse fault while acknowledged shows the warning again', () => {
    const hmi = new Hmi().readyCar();
    hmi.unit('microphone', 'fault');
    assert.equal(hmi.status().level, 'limited');
    assert.equal(hmi.status().telltale, 'malfunction');
    hmi.user('user.acknowledge');
    assert.equal(hmi.malfunction().visible, false);
    hmi.set({ type: 'cellular', registered: false, signalBars: 0 });
    assert.equal(hmi.malfunction().visible, true);
    assert.equal(hmi.malfunction().message?.primary, 'noCellular');
    assert.equal(hmi.status().level, 'unavailable');
    hmi.stop();
  });

  it('limits without a warning: no GNSS, weak cellular', () => {
    const hmi = new Hmi().readyCar();
    hmi.set({ type: 'gnss', fix: 'none', latitude: null, longitude: null, headingDeg: null, trusted: false });
    assert.equal(hmi.status().level, 'limited');
    assert.equal(hmi.status().telltale, 'limited');
    assert.equal(hmi.malfunction().present, false);
    hmi.set({ type: 'gnss', fix: '3d', latitude: 48, longitude: 11, headingDeg: null, trusted: true });
    hmi.set({ type: 'cellular', registered: true, signalBars: 1 });
    assert.equal(hmi.status().level, 'limited');
    assert.deepEqual(
      hmi.status().causes.map((c) => c.id),
      ['weakCellular'],
    );
    assert.equal(hmi.status().cellularBars, 1);
    hmi.set({ type: 'cellular', registered: true, signalBars: 3 });
    assert.equal(hmi.status().level, 'ready');
    hmi.stop();
  });

  it('user.selfTest asks the vehicle for a self-test and runs the bulb check again', () => {
    const hmi = new Hmi().readyCar();
    hmi.user('user.selfTest');
    assert.deepEqual(
      hmi.sent('requestSelfTest').map((c) => c.at),
      [3000],
    );
    assert.equal(hmi.status().level, 'selfTest');
    hmi.advance(3000);
    assert.equal(hmi.status().level, 'ready');
    hmi.stop();
  });

  it('a vehicle link that refuses this display: status unknown with that cause, never a stale ready; data again clears it', () => {
    const hmi = new Hmi().readyCar();
    assert.equal(hmi.status().level, 'ready');
    hmi.actor.send({ type: 'bridge.linkProblem', problem: 'unauthorized' });
    assert.equal(hmi.status().level, 'unknown');
    assert.equal(hmi.status().linkProblem, 'unauthorized');
    assert.deepEqual(
      hmi.status().causes.map((c) => c.id),
      ['vehicleLinkRefused'],
    );
    hmi.advance(10_000);
    assert.equal(hmi.status().level, 'unknown', 'fresh-looking data does not outvote the refusal');
    hmi.actor.send({ type: 'bridge.linkProblem', problem: null });
    hmi.advance(hmi.config.selfTestMs + 1000);
    assert.equal(hmi.status().level, 'ready');
    hmi.stop();
  });

  it('state() is plain JSON with every machine part', () => {
    const hmi = new Hmi().readyCar();
    const state = hmi.state();
    assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
    assert.deepEqual(state.status.value, { operating: 'ready' });
    assert.equal(state.malfunction.value, 'none');
    assert.equal(state.call.screen, 'none');
    assert.equal(state.led, 'off');
    hmi.stop();
  });
});
