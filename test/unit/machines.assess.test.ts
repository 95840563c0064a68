import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHAIN_UNITS, type ChainUnit, type UnitStatus } from '../../src/bridge/signals.js';
import { assess } from '../../src/machines/model/assess.js';
import {
  EMPTY_FACTS,
  foldFact,
  REQUIRED_SIGNALS,
  type VehicleFacts,
} from '../../src/machines/model/facts.js';
import { diagnose } from '../../src/machines/model/diagnose.js';
import type { BridgeMachineEvent } from '../../src/machines/events.js';

function healthyFacts(): VehicleFacts {
  const events: BridgeMachineEvent[] = [
    ...CHAIN_UNITS.map((unit): BridgeMachineEvent => ({
      type: 'bridge.unitHealth',
      ts: 1,
      unit,
      status: 'ok',
    })),
    {
      type: 'bridge.mostRing',
      ts: 1,
      nodes: ['head-unit', 'amplifier', 'telematics'],
      closed: true,
      silent: [],
    },
    { type: 'bridge.gnss', ts: 1, fix: '3d', latitude: 1, longitude: 2, headingDeg: 0, trusted: true },
    { type: 'bridge.cellular', ts: 1, registered: true, signalBars: 4 },
  ];
  return events.reduce(foldFact, EMPTY_FACTS);
}

function withUnit(unit: ChainUnit, status: UnitStatus, code?: string): VehicleFacts {
  const event: BridgeMachineEvent =
    code === undefined
      ? { type: 'bridge.unitHealth', ts: 2, unit, status }
      : { type: 'bridge.unitHealth', ts: 2, unit, status, code };
  return foldFact(healthyFacts(), event);
}

describe('assess', () => {
  it('healthy and fresh: ready', () => {
    assert.deepEqual(assess(healthyFacts(), []), {
      level: 'ready',
      causes: [],
      staleSignals: [],
      ring: {
        nodes: ['head-unit', 'amplifier', 'telematics'],
        closed: true,
        silent: [],
        breakBetween: null,
        suspect: null,
      },
    });
  });

  it('no data at all: unknown with every required signal listed', () => {
    const a = assess(EMPTY_FACTS, []);
    assert.equal(a.level, 'unknown');
    assert.deepEqual(
      a.causes.map((c) => c.id),
      ['noVehicleData'],
    );
    assert.deepEqual(a.staleSignals, REQUIRED_SIGNALS);
  });

  it('a stale signal is never ready', () => {
    const a = assess(healthyFacts(), ['gnss']);
    assert.equal(a.level, 'unknown');
    assert.deepEqual(a.staleSignals, ['gnss']);
  });

  it('a lost link is unknown whatever the facts say', () => {
    const a = assess(withUnit('telematics', 'fault'), [], 'lost');
    assert.equal(a.level, 'unknown');
    assert.deepEqual(
      a.causes.map((c) => c.id),
      ['vehicleLinkLost'],
    );
  });

  it('maps every unit fault to its cause and severity', () => {
    const cases: Array<[ChainUnit, UnitStatus, string | undefined, string, string, boolean]> = [
      ['telematics', 'fault', 'software', 'softwareGlitch', 'unavailable', true],
      ['telematics', 'fault', 'E42', 'controlModuleFailure', 'unavailable', true],
      ['hands-free', 'fault', undefined, 'handsFreeFault', 'unavailable', true],
      ['head-unit', 'fault', undefined, 'headUnitFault', 'unavailable', true],
      ['cellular', 'fault', undefined, 'noCellular', 'unavailable', true],
      ['gnss', 'fault', undefined, 'noGnss', 'limited', false],
      ['microphone', 'fault', undefined, 'microphoneFault', 'limited', true],
      ['amplifier', 'fault', undefined, 'speakerFault', 'limited', true],
      ['sos-button', 'fault', undefined, 'sosButtonFault', 'limited', true],
      ['crash-sensor', 'fault', undefined, 'crashSensorFault', 'limited', true],
      ['backup-battery', 'degraded', undefined, 'backupBatteryLow', 'limited', true],
    ];
    for (const [unit, status, code, id, level, warn] of cases) {
      const a = assess(withUnit(unit, status, code), []);
      assert.deepEqual(
        a.causes.map((c) => c.id),
        [id],
        unit,
      );
      assert.equal(a.level, level, unit);
      assert.equal(a.causes[0]?.warn, warn, unit);
    }
  });

  it('cellular and GNSS signals: not registered, weak, no fix', () => {
    const none = foldFact(healthyFacts(), {
      type: 'bridge.cellular',
      ts: 2,
      registered: false,
      signalBars: 0,
    });
    assert.equal(assess(none, []).level, 'unavailable');
    const weak = foldFact(healthyFacts(), {
      type: 'bridge.cellular',
      ts: 2,
      registered: true,
      signalBars: 1,
    });
    assert.deepEqual(
      assess(weak, []).causes.map((c) => [c.id, c.severity, c.warn]),
      [['weakCellular', 'limited', false]],
    );
    const noFix = foldFact(healthyFacts(), {
      type: 'bridge.gnss',
      ts: 2,
      fix: 'none',
      latitude: null,
      longitude: null,
      headingDeg: null,
      trusted: false,
    });
    assert.equal(assess(noFix, []).level, 'limited');
  });

  it('unavailable beats unknown beats limited', () => {
    const facts = withUnit('microphone', 'fault');
    assert.equal(assess(facts, ['cellular']).level, 'unknown');
    const worse = foldFact(facts, { type: 'bridge.unitHealth', ts: 3, unit: 'hands-free', status: 'fault' });
    const a = assess(worse, ['cellular']);
    assert.equal(a.level, 'unavailable');
    assert.deepEqual(
      a.causes.map((c) => c.id),
      ['handsFreeFault', 'noVehicleData', 'microphoneFault'],
    );
  });

  it('ring break: suspect is the node after the break; units behind it are not faults', () => {
    let facts = foldFact(healthyFacts(), {
      type: 'bridge.mostRing',
      ts: 2,
      nodes: ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      closed: false,
      silent: ['amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      breakBetween: ['amplifier', 'telematics'],
    });
    facts = foldFact(facts, { type: 'bridge.unitHealth', ts: 2, unit: 'hands-free', status: 'fault' });
    const a = assess(facts, []);
    assert.equal(a.level, 'unavailable');
    assert.deepEqual(
      a.causes.map((c) => c.id),
      ['ringBreak'],
    );
    assert.deepEqual(a.causes[0]?.units, ['telematics']);
    assert.equal(a.ring?.suspect, 'telematics');
  });

  it('ring break: the silence of the units behind it is unknown, explained by the break, not a second cause', () => {
    const facts = foldFact(healthyFacts(), {
      type: 'bridge.mostRing',
      ts: 2,
      nodes: ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      closed: false,
      silent: ['amplifier', 'telematics', 'satellite-radio', 'hands-free'],
      breakBetween: ['telematics', 'satellite-radio'],
    });
    const a = assess(facts, ['unitHealth:telematics', 'unitHealth:amplifier', 'unitHealth:hands-free']);
    assert.deepEqual(
      a.causes.map((c) => c.id),
      ['ringBreak'],
    );
    assert.deepEqual(a.staleSignals, [
      'unitHealth:telematics',
      'unitHealth:amplifier',
      'unitHealth:hands-free',
    ]);
    const b = assess(facts, ['unitHealth:telematics', 'gnss']);
    assert.deepEqual(
      b.causes.map((c) => c.id),
      ['ringBreak', 'noVehicleData'],
      'GNSS is not on the ring: its silence is its own unknown',
    );
  });
});

describe('diagnose', () => {
  it('no warn-cause: no message', () => {
    const weak = foldFact(healthyFacts(), {
      type: 'bridge.cellular',
      ts: 2,
      registered: true,
      signalBars: 1,
    });
    const a = assess(weak, []);
    assert.equal(diagnose(a.causes, a.ring), null);
  });

  it('software glitch: battery reset, dealer, phone', () => {
    const a = assess(withUnit('telematics', 'fault', 'software'), []);
    const m = diagnose(a.causes, a.ring);
    assert.equal(m?.primary, 'softwareGlitch');
    assert.deepEqual(m?.advice, ['batteryReset', 'seeDealer', 'callFromPhone']);
    assert.ok(m?.effects.includes('noCallPossible'));
  });

  it('hands-free fault and control module failure advice', () => {
    const hf = assess(withUnit('hands-free', 'fault'), []);
    assert.deepEqual(diagnose(hf.causes, hf.ring)?.advice, [
      'checkPairing',
      'bypassTest',
      'checkFuses',
      'seeDealer',
      'callFromPhone',
    ]);
    const cm = assess(withUnit('telematics', 'fault'), []);
    assert.deepEqual(diagnose(cm.causes, cm.ring)?.advice, ['seeDealer', 'callFromPhone']);
  });

  it('no cellular: wait for network, then the phone last', () => {
    const a = assess(withUnit('cellular', 'fault'), []);
    assert.deepEqual(diagnose(a.causes, a.ring)?.advice, ['waitForNetwork', 'callFromPhone']);
  });

  it('limited faults name their effects; no-GNSS is explained alongside', () => {
    let facts = withUnit('microphone', 'fault');
    facts = foldFact(facts, { type: 'bridge.unitHealth', ts: 3, unit: 'crash-sensor', status: 'fault' });
    facts = foldFact(facts, {
      type: 'bridge.gnss',
      ts: 3,
      fix: 'none',
      latitude: null,
      longitude: null,
      headingDeg: null,
      trusted: false,
    });
    const a = assess(facts, []);
    const m = diagnose(a.causes, a.ring);
    assert.equal(m?.primary, 'microphoneFault');
    assert.deepEqual(m?.causes, ['microphoneFault', 'crashSensorFault', 'noGnss']);
    assert.deepEqual(m?.effects, ['centreMayNotHearYou', 'noAutomaticCall', 'positionNotTrusted']);
    assert.equal(m?.advice.includes('callFromPhone'), false, 'a call is still possible');
  });

  it('ringBreak is primary over other warnings', () => {
    let facts = withUnit('sos-button', 'fault');
    facts = foldFact(facts, {
      type: 'bridge.mostRing',
      ts: 2,
      nodes: ['head-unit', 'amplifier'],
      closed: false,
      silent: ['amplifier'],
      breakBetween: ['head-unit', 'amplifier'],
    });
    const a = assess(facts, []);
    const m = diagnose(a.causes, a.ring);
    assert.equal(m?.primary, 'ringBreak');
    assert.deepEqual(m?.effects.slice(0, 5), [
      'idriveMayNotRespond',
      'chimesMayBeSilent',
      'audioSourcesAffected',
      'noHandsFree',
      'noCallPossible',
    ]);
    assert.ok(m?.effects.includes('noManualCall'));
    assert.equal(m?.advice.at(-1), 'callFromPhone');
  });
});
