/**
 * The simulator's diagnosis side: self-test results per unit, the bypass loop per ring unit, the
 * test-call number, points of interest after a call, and the boundary checks of the new messages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandAckSignal, MostRingSignal, SelfTestResultSignal } from '../../src/bridge/signals.js';
import { SELF_TEST_ITEMS } from '../../src/bridge/signals.js';
import { validateCommand, validateSignal } from '../../src/bridge/validation.js';
import type { Fault } from '../../src/sim/faults.js';
import { MOCK_POINTS_OF_INTEREST } from '../../src/sim/emergencyCentre.js';
import { SIM_TIMING } from '../../src/sim/timing.js';
import { simOnBus } from './helpers/simOnBus.js';

function setup() {
  const t = simOnBus();
  t.clock.advance(0);
  return t;
}

describe('simulator: self-test', () => {
  it('reports every item once, at the same time, after the test time; faults fail their item', () => {
    const t = setup();
    t.sim.inject('microphone-fault');
    t.sim.inject('no-gps');
    t.send({ type: 'requestSelfTest' });
    t.clock.advance(SIM_TIMING.selfTestMs - 1);
    assert.equal(t.of('selfTestResult').length, 0);
    t.clock.advance(1);
    const results = t.of('selfTestResult');
    assert.deepEqual(
      results.map((r) => r.item),
      SELF_TEST_ITEMS,
    );
    assert.ok(results.every((r) => r.ts === SIM_TIMING.selfTestMs));
    const failed = results.filter((r: SelfTestResultSignal) => r.result === 'fail').map((r) => r.item);
    assert.deepEqual(failed, ['gnss-antenna', 'microphone']);
  });

  for (const [fault, reason] of [
    ['most-node-failure:satellite-radio', 'ring break'],
    ['control-module-failure', 'control module failure'],
    ['software-glitch', 'software fault'],
  ] as [Fault, string][]) {
    it(`${fault}: the self-test cannot run ("${reason}") and reports nothing`, () => {
      const t = setup();
      t.sim.inject(fault);
      t.send({ type: 'requestSelfTest' });
      t.clock.advance(5000);
      const ack = t.of('commandAck').at(-1) as CommandAckSignal;
      assert.deepEqual([ack.command, ack.ok, ack.error], ['requestSelfTest', false, reason]);
      assert.equal(t.of('selfTestResult').length, 0);
    });
  }
});

describe('simulator: bypass loop per ring unit', () => {
  for (const unit of ['amplifier', 'telematics', 'satellite-radio', 'hands-free'] as const) {
    it(`a failed ${unit} bypassed: the ring closes, the unit is out of the ring`, () => {
      const t = setup();
      t.sim.inject(`most-node-failure:${unit}`);
      t.sim.bypass(unit, true);
      const ring = t.of('mostRing').at(-1) as MostRingSignal;
      assert.equal(ring.closed, true);
      assert.deepEqual(ring.bypassed, [unit]);
      assert.deepEqual(ring.silent, [unit]);
      t.sim.bypass(unit, false);
      assert.equal((t.of('mostRing').at(-1) as MostRingSignal).closed, false);
    });
  }

  it('a damaged fibre is not bridged by a bypass loop', () => {
    const t = setup();
    t.sim.inject('fibre-damage:satellite-radio');
    t.sim.bypass('satellite-radio', true);
    const ring = t.of('mostRing').at(-1) as MostRingSignal;
    assert.equal(ring.closed, false);
    assert.deepEqual(ring.breakBetween, ['telematics', 'satellite-radio']);
  });

  it('the head unit cannot be bypassed; the bridge command does the same as the workshop loop', () => {
    const t = setup();
    t.sim.bypass('head-unit', true);
    assert.deepEqual(t.sim.ring.bypassed, []);
    t.sim.inject('blown-fuse:amplifier');
    t.send({ type: 'setRingBypass', unit: 'amplifier', bypassed: true });
    assert.equal(t.sim.ring.closed, true);
    assert.equal((t.of('commandAck').at(-1) as CommandAckSignal).ok, true);
  });
});

describe('simulator: test call and after the call', () => {
  it('a test call reaches the test number, sends no contact notice or places, and hangs up by itself', () => {
    const t = setup();
    t.send({ type: 'startTestCall' });
    t.clock.advance(20_000);
    const phases = t
      .of('callSession')
      .map((p) => p.phase)
      .filter((phase, i, all) => i === 0 || phase !== all[i - 1]);
    assert.deepEqual(phases, ['idle', 'dialing', 'connected', 'voice', 'ended']);
    const last = t.of('callSession').at(-1)!;
    assert.deepEqual([last.kind, last.callEnd, last.contactsNotified], ['test', 'clearDown', false]);
    assert.equal(t.of('pointsOfInterest').length, 0);
    assert.equal(t.sim.callActive, false);
  });

  it('an emergency call gets the nearest police stations and hospitals once the data is acknowledged', () => {
    const t = setup();
    t.sim.pressSos();
    t.send({ type: 'callNow' });
    t.clock.advance(10_000);
    const pois = t.of('pointsOfInterest');
    assert.equal(pois.length, 1);
    assert.deepEqual(pois[0]!.points, MOCK_POINTS_OF_INTEREST);
    const acked = t.of('callSession').find((r) => r.msd === 'ackPositive')!;
    assert.equal(pois[0]!.ts, acked.ts, 'handed over with the acknowledgement');
    t.send({ type: 'startGuidance', name: 'x', latitude: 48, longitude: 11 });
    assert.equal((t.of('commandAck').at(-1) as CommandAckSignal).ok, true);
  });

  it('the new messages are checked at the boundary', () => {
    assert.equal(validateSignal({ type: 'selfTestResult', ts: 1, item: 'flux', result: 'pass' }).ok, false);
    assert.equal(validateSignal({ type: 'pointsOfInterest', ts: 1, points: [{ kind: 'bar' }] }).ok, false);
    assert.equal(validateCommand({ type: 'setRingBypass', unit: 'toaster', bypassed: true }).ok, false);
    assert.equal(validateCommand({ type: 'setRingBypass', unit: 'amplifier', bypassed: true }).ok, true);
    assert.equal(
      validateSignal({
        type: 'mostRing',
        ts: 1,
        nodes: ['head-unit'],
        closed: true,
        silent: [],
        bypassed: ['x'],
      }).ok,
      false,
    );
  });
});
