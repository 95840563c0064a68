/**
 * Diagnosis logic without a DOM: ring localisation (a break at each link and each failed unit of the
 * configured ring, two simultaneous faults, bypass test), cause → guide mapping for every cause,
 * self-test rows, the fault-memory reducer and the fault memory across a "reload".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor } from 'xstate';
import type { MostNode, MostRingSignal, SelfTestItem, VehicleSignal } from '../../src/bridge/signals.js';
import { SELF_TEST_ITEMS } from '../../src/bridge/signals.js';
import { CAUSE_TABLE } from '../../src/machines/model/causes.js';
import { EMPTY_FACTS, foldFact, type VehicleFacts } from '../../src/machines/model/facts.js';
import { toMachineEvent } from '../../src/machines/events.js';
import { emptyFaultLog, parseFaultLogEntries, reduceFaultLog } from '../../src/machines/model/faultLog.js';
import { faultLogJson } from '../../src/machines/model/faultLogExport.js';
import { guide } from '../../src/machines/model/guideSteps.js';
import { GUIDE_IDS, guideForCause, type GuideId } from '../../src/machines/model/guides.js';
import { diagnoseRing, suspectUnit, type RingInput } from '../../src/machines/model/ringDiagnosis.js';
import { selectDiagnosisView, selectGuideView, type StatusSnapshot } from '../../src/machines/selectors.js';
import { R144_ITEMS, selfTestRows, foldSelfTestResult } from '../../src/machines/model/selfTestResults.js';
import { sosHmiMachine } from '../../src/machines/sosHmiMachine.js';
import type { CauseId } from '../../src/machines/views.js';
import { RING_UNITS, type Fault } from '../../src/sim/faults.js';
import { DEFAULT_RING_ORDER } from '../../src/sim/mostRing.js';
import { VehicleSimulator } from '../../src/sim/vehicleSimulator.js';
import { SimulatedClock } from '../../src/time/simulatedClock.js';

/** The ring the simulator's network master reports for these faults (and bypass loops). */
function ringFor(faults: Fault[], bypass: MostNode[] = [], order = DEFAULT_RING_ORDER): MostRingSignal {
  const clock = new SimulatedClock(0);
  const sim = new VehicleSimulator({ clock, ringOrder: order });
  const log: VehicleSignal[] = [];
  sim.onMessage((m) => log.push(m as VehicleSignal));
  for (const f of faults) sim.inject(f);
  for (const u of bypass) sim.bypass(u, true);
  clock.advance(0);
  const ring = log.filter((m): m is MostRingSignal => m.type === 'mostRing').at(-1);
  assert.ok(ring);
  sim.dispose();
  return ring;
}

const nodeStates = (ring: RingInput) =>
  Object.fromEntries(diagnoseRing(ring, { masterHealth: 'ok' }).nodes.map((n) => [n.node, n.state]));

describe('ring localisation: a break at each link of the configured ring', () => {
  const order = DEFAULT_RING_ORDER;
  order.forEach((to, k) => {
    const from = order[(k + order.length - 1) % order.length]!;
    it(`light lost from ${from} into ${to}: ${to} (or the fibre into it) suspected, nothing else claimed`, () => {
      const ring: RingInput = {
        nodes: order,
        closed: false,
        silent: order.filter((n) => n !== 'head-unit'),
        breakBetween: [from, to],
      };
      const d = diagnoseRing(ring, { masterHealth: 'ok' });
      assert.equal(d.verdict, 'breakLocated');
      assert.deepEqual(d.suspects, [
        { kind: 'unit', unit: to },
        { kind: 'fibre', from, to },
      ]);
      const dark = d.links.filter((l) => l.state === 'dark');
      assert.deepEqual(
        dark.map((l) => [l.from, l.to]),
        [[from, to]],
      );
      assert.ok(
        d.links.every((l) => l.state === 'dark' || l.state === 'unknown'),
        'no light claimed on an open ring',
      );
      for (const n of d.nodes) {
        if (n.node === to) assert.equal(n.state, 'suspect');
        else if (n.master) assert.equal(n.state, 'ok');
        // The rule: behind a ring break every unit is unknown, never "fault".
        else assert.equal(n.state, 'unknown', n.node);
      }
    });
  });

  it('a custom ring order is followed (no satellite radio fitted)', () => {
    const order2: MostNode[] = ['head-unit', 'telematics', 'amplifier', 'hands-free'];
    const d = diagnoseRing(ringFor(['blown-fuse:amplifier'], [], order2));
    assert.deepEqual(d.breakBetween, ['telematics', 'amplifier']);
    assert.equal(suspectUnit(d), 'amplifier');
    assert.deepEqual(
      d.links.map((l) => `${l.from}>${l.to}`),
      ['head-unit>telematics', 'telematics>amplifier', 'amplifier>hands-free', 'hands-free>head-unit'],
    );
  });
});

describe('ring localisation: each failed unit, as the simulator reports it', () => {
  for (const unit of RING_UNITS) {
    for (const kind of ['most-node-failure', 'blown-fuse', 'fibre-damage'] as const) {
      it(`${kind}:${unit} → ${unit} suspected`, () => {
        const d = diagnoseRing(ringFor([`${kind}:${unit}`]));
        assert.equal(suspectUnit(d), unit);
        assert.equal(nodeStates(ringFor([`${kind}:${unit}`]))[unit], 'suspect');
      });
    }
  }

  it('a closed ring: every link light and locked, every unit ok', () => {
    const d = diagnoseRing(ringFor([]), { masterHealth: 'ok' });
    assert.equal(d.verdict, 'closed');
    assert.ok(d.links.every((l) => l.state === 'light' && l.locked));
    assert.ok(d.nodes.every((n) => n.state === 'ok'));
  });

  it('no ring data, or stale: everything unknown', () => {
    assert.equal(diagnoseRing(null, {}, DEFAULT_RING_ORDER).verdict, 'unknown');
    const d = diagnoseRing(ringFor(['most-node-failure:amplifier']), { stale: true });
    assert.equal(d.verdict, 'unknown');
    assert.deepEqual(d.suspects, []);
    assert.ok(d.nodes.every((n) => n.state === 'unknown'));
  });
});

describe('ring localisation: two simultaneous faults and the bypass test', () => {
  it('two failed units: the break the master sees is named, the other unit stays unknown', () => {
    const ring = ringFor(['most-node-failure:amplifier', 'most-node-failure:satellite-radio']);
    const d = diagnoseRing(ring, { masterHealth: 'ok' });
    assert.equal(suspectUnit(d), 'satellite-radio');
    assert.equal(nodeStates(ring)['amplifier'], 'unknown', 'not claimed without evidence');
  });

  it('bypassing the first suspect reveals the second break', () => {
    const ring = ringFor(
      ['most-node-failure:amplifier', 'most-node-failure:satellite-radio'],
      ['satellite-radio'],
    );
    const d = diagnoseRing(ring, { masterHealth: 'ok' });
    assert.equal(suspectUnit(d), 'amplifier');
    assert.equal(nodeStates(ring)['satellite-radio'], 'bypassed');
  });

  it('bypass closes the ring: the bypassed unit was the fault', () => {
    const d = diagnoseRing(ringFor(['most-node-failure:satellite-radio'], ['satellite-radio']));
    assert.equal(d.verdict, 'closedWithBypass');
    assert.deepEqual(d.bypassed, ['satellite-radio']);
    assert.equal(guideForCause('ringBreak', d), 'ringBreak');
  });

  it('bypass does not close a ring with damaged fibre: the fibre is located', () => {
    const d = diagnoseRing(ringFor(['fibre-damage:satellite-radio'], ['satellite-radio']));
    assert.equal(d.verdict, 'fibreLocated');
    assert.deepEqual(d.suspects, [{ kind: 'fibre', from: 'telematics', to: 'satellite-radio' }]);
    assert.equal(guideForCause('ringBreak', d), 'fibreDamage');
  });

  it('a ring fault plus a CAN unit fault: both found, the CAN unit from its own report', () => {
    const hmi = runHmi(['most-node-failure:hands-free', 'crash-sensor-fault']);
    const view = selectDiagnosisView(hmi.status());
    assert.equal(suspectUnit(view.ring), 'hands-free');
    assert.deepEqual(view.guides, ['bluetoothModule', 'crashSensor']);
    hmi.stop();
  });
});

describe('cause → guide', () => {
  const expected: Record<CauseId, GuideId> = {
    ringBreak: 'ringBreak',
    softwareGlitch: 'softwareGlitch',
    controlModuleFailure: 'controlModule',
    handsFreeFault: 'bluetoothModule',
    headUnitFault: 'headUnit',
    noCellular: 'noNetwork',
    weakCellular: 'noNetwork',
    noGnss: 'noGps',
    microphoneFault: 'microphone',
    speakerFault: 'loudspeaker',
    sosButtonFault: 'sosButton',
    crashSensorFault: 'crashSensor',
    backupBatteryLow: 'backupBattery',
    noVehicleData: 'noData',
    vehicleLinkLost: 'noData',
    vehicleLinkRefused: 'noData',
    noEcallNetwork: 'noEcallNetwork',
  };
  for (const cause of Object.keys(CAUSE_TABLE) as CauseId[]) {
    it(`${cause} → ${expected[cause]}`, () => assert.equal(guideForCause(cause), expected[cause]));
  }
  const ringGuides: Record<MostNode, GuideId> = {
    'satellite-radio': 'satelliteRadio',
    'head-unit': 'headUnit',
    amplifier: 'amplifier',
    'hands-free': 'bluetoothModule',
    telematics: 'controlModule',
  };
  for (const unit of RING_UNITS) {
    it(`ring break at the ${unit} → ${ringGuides[unit]}`, () => {
      assert.equal(
        guideForCause('ringBreak', diagnoseRing(ringFor([`most-node-failure:${unit}`]))),
        ringGuides[unit],
      );
    });
  }

  for (const id of GUIDE_IDS) {
    it(`${id}: steps in order, each with who can do it; workshop or driver steps present`, () => {
      const g = guide(id);
      assert.ok(g.steps.length >= 2);
      assert.ok(g.steps.every((s) => s.who === 'driver' || s.who === 'workshop'));
      // A network without eCall is a limit of the place: no workshop can help (Del. Reg. (EU) 2025/1871).
      if (id === 'noEcallNetwork') assert.ok(!g.needsWorkshop && g.driverCanHelp);
      else assert.ok(g.needsWorkshop, 'every guide says what needs a workshop');
    });
  }

  it('the product description causes: satellite radio replace or bypass; head unit fuses; battery reset cautions', () => {
    assert.ok(guide('satelliteRadio').steps.some((s) => s.id === 'replaceOrBypass'));
    assert.ok(guide('satelliteRadio').steps.some((s) => s.id === 'bypassUnit'));
    assert.ok(guide('headUnit').steps.some((s) => s.id === 'checkUnitFuses' && s.unit === 'head-unit'));
    assert.ok(guide('amplifier').steps.some((s) => s.id === 'bypassUnit'));
    const reset = guide('softwareGlitch').steps.find((s) => s.id === 'batteryReset');
    assert.ok(reset && reset.who === 'driver');
    assert.deepEqual([...reset.cautions].sort(), [
      'batteryGases',
      'batteryShort',
      'ignitionOff',
      'settingsLost',
    ]);
    assert.equal(guide('controlModule').steps.find((s) => s.id === 'dealerModule')?.who, 'workshop');
    assert.ok(guide('noGps').steps.some((s) => s.id === 'moveToOpenSky' && s.who === 'driver'));
  });
});

describe('self-test rows', () => {
  const healthy = (): VehicleFacts => {
    let facts = EMPTY_FACTS;
    for (const m of healthySignals())
      facts = foldFact(facts, toMachineEvent({ kind: 'signal', signal: m }) as never);
    return facts;
  };

  it('lists every item, the UN R144 cases among them, not checked until a self-test reports', () => {
    const rows = selfTestRows({}, healthy());
    assert.deepEqual(
      rows.map((r) => r.item),
      SELF_TEST_ITEMS,
    );
    for (const item of [
      'cellular-antenna',
      'gnss-antenna',
      'microphone',
      'loudspeaker',
      'hmi-link',
    ] as SelfTestItem[]) {
      assert.ok(rows.find((r) => r.item === item)?.r144, item);
    }
    assert.equal(R144_ITEMS.length, 5);
    assert.equal(rows.find((r) => r.item === 'microphone')?.result, 'notChecked');
    assert.equal(rows.find((r) => r.item === 'most-ring')?.result, 'ok');
  });

  it('results with the time of the check; a failing item is a fault', () => {
    let records = foldSelfTestResult(
      {},
      { item: 'microphone', result: 'fail', code: 'open circuit', ts: 5000 },
    );
    records = foldSelfTestResult(records, { item: 'gnss-antenna', result: 'pass', ts: 5000 });
    const rows = selfTestRows(records, healthy());
    assert.deepEqual(
      rows.find((r) => r.item === 'microphone'),
      {
        item: 'microphone',
        result: 'fault',
        checkedAt: 5000,
        code: 'open circuit',
        r144: true,
      },
    );
    assert.equal(rows.find((r) => r.item === 'gnss-antenna')?.result, 'ok');
  });

  it('behind a ring break the telematics results are unknown (not fault); the link to iDrive is a fault', () => {
    const records = foldSelfTestResult({}, { item: 'microphone', result: 'pass', ts: 1000 });
    const facts = foldFact(
      healthy(),
      toMachineEvent({ kind: 'signal', signal: ringFor(['most-node-failure:satellite-radio']) }) as never,
    );
    const rows = selfTestRows(records, facts);
    assert.equal(rows.find((r) => r.item === 'microphone')?.result, 'unknown');
    assert.equal(rows.find((r) => r.item === 'microphone')?.checkedAt, 1000, 'the last check is kept');
    assert.equal(rows.find((r) => r.item === 'hands-free')?.result, 'notChecked');
    assert.equal(rows.find((r) => r.item === 'hmi-link')?.result, 'fault');
    assert.equal(rows.find((r) => r.item === 'most-ring')?.result, 'fault');
    assert.ok(!rows.some((r) => r.item !== 'hmi-link' && r.item !== 'most-ring' && r.result === 'fault'));
  });
});

describe('fault memory', () => {
  it('logs faults appearing and clearing, ignition cycles, self-tests, calls and outcomes, with time and cause', () => {
    let log = emptyFaultLog();
    log = reduceFaultLog(log, { type: 'ignition', at: 1, state: 'on' });
    log = reduceFaultLog(log, { type: 'ignition', at: 2, state: 'on' });
    log = reduceFaultLog(log, {
      type: 'causes',
      at: 3,
      causes: [{ id: 'ringBreak', units: ['satellite-radio'] }],
    });
    log = reduceFaultLog(log, {
      type: 'causes',
      at: 4,
      causes: [{ id: 'ringBreak', units: ['satellite-radio'] }],
    });
    log = reduceFaultLog(log, { type: 'selfTestResult', at: 5, item: 'microphone', result: 'fail' });
    log = reduceFaultLog(log, { type: 'selfTestResult', at: 5, item: 'gnss-antenna', result: 'pass' });
    log = reduceFaultLog(log, { type: 'callStarted', at: 6, kind: 'test' });
    log = reduceFaultLog(log, { type: 'callOutcome', at: 7, outcome: 'endedByCentre' });
    log = reduceFaultLog(log, { type: 'causes', at: 8, causes: [] });
    assert.deepEqual(
      log.entries.map((e) => [
        e.seq,
        e.at,
        e.kind,
        e.cause ?? e.ignition ?? e.callKind ?? e.outcome ?? e.failed?.join(),
      ]),
      [
        [1, 1, 'ignition', 'on'],
        [2, 3, 'fault', 'ringBreak'],
        [3, 5, 'selfTest', 'microphone'],
        [4, 6, 'call', 'test'],
        [5, 7, 'callOutcome', 'endedByCentre'],
        [6, 8, 'faultCleared', 'ringBreak'],
      ],
    );
    assert.ok(log.entries.every((e) => e.cycle === 1));
    const json = JSON.parse(faultLogJson(log.entries, { exportedAt: 0, vin: 'WBA' })) as {
      entries: unknown[];
    };
    assert.equal(json.entries.length, 6);
  });

  it('kept across a reload: entries go on with the next number, damaged storage is dropped', () => {
    const first = runHmi(['most-node-failure:satellite-radio']);
    const stored = JSON.parse(JSON.stringify(first.faultLog())) as unknown;
    first.stop();
    const entries = parseFaultLogEntries(stored);
    assert.ok(entries.some((e) => e.kind === 'fault' && e.cause === 'ringBreak'));
    const second = runHmi([], entries);
    const after = second.faultLog();
    assert.deepEqual(after.slice(0, entries.length), entries, 'the old entries are still there');
    assert.ok(after.length > entries.length);
    assert.ok(after[entries.length]!.seq > entries.at(-1)!.seq);
    assert.ok(
      after.slice(entries.length).some((e) => e.kind === 'ignition'),
      'the new session is logged',
    );
    second.stop();
    assert.deepEqual(parseFaultLogEntries([{ nonsense: true }, 'x', null]), []);
    assert.deepEqual(parseFaultLogEntries('not a list'), []);
  });
});

describe('guide view', () => {
  it('the guide for a ring break names the suspected unit and the causes that lead to it', () => {
    const hmi = runHmi(['most-node-failure:satellite-radio']);
    const view = selectGuideView(hmi.status(), 'satelliteRadio');
    assert.deepEqual(view.causes, ['ringBreak']);
    assert.equal(view.ringSuspect, 'satellite-radio');
    assert.equal(selectDiagnosisView(hmi.status()).primaryGuide, 'satelliteRadio');
    hmi.stop();
  });
});

// ---------------------------------------------------------------------------------------------

function healthySignals(): VehicleSignal[] {
  const clock = new SimulatedClock(0);
  const sim = new VehicleSimulator({ clock });
  const log: VehicleSignal[] = [];
  sim.onMessage((m) => log.push(m as VehicleSignal));
  clock.advance(0);
  sim.dispose();
  return log;
}

/** The root machine behind a simulator (no bridge latency), after the self-test at ignition. */
function runHmi(faults: Fault[], faultLog: ReturnType<typeof parseFaultLogEntries> = []) {
  const clock = new SimulatedClock(1_700_000_000_000);
  const sim = new VehicleSimulator({ clock });
  const actor = createActor(sosHmiMachine, { clock, input: { faultLog } });
  actor.start();
  sim.onMessage((m) => actor.send(toMachineEvent({ kind: 'signal', signal: m as VehicleSignal })));
  actor.send({ type: 'bridge.connection', state: 'connected' });
  for (const f of faults) sim.inject(f);
  clock.advance(5000);
  return {
    status: () => actor.system.get('status')!.getSnapshot() as StatusSnapshot,
    faultLog: () => [
      ...(
        actor.system.get('faultMemory')!.getSnapshot() as {
          context: { log: { entries: ReturnType<typeof parseFaultLogEntries> } };
        }
      ).context.log.entries,
    ],
    stop: () => {
      actor.stop();
      sim.dispose();
    },
  };
}
