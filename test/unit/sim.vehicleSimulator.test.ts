import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../src/time/simulatedClock.js';
import { SIM_TIMING } from '../../src/sim/timing.js';
import { VehicleSimulator, type VehicleSimulatorOptions } from '../../src/sim/vehicleSimulator.js';
import type { Fault, RingUnit } from '../../src/sim/faults.js';
import { RING_UNITS } from '../../src/sim/faults.js';
import type {
  ChainUnit,
  MostNode,
  MostRingSignal,
  UnitHealthSignal,
  VehicleSignal,
} from '../../src/bridge/signals.js';
import type { VehicleCommand } from '../../src/bridge/commands.js';
import { validateSignal } from '../../src/bridge/validation.js';
import { simOnBus } from './helpers/simOnBus.js';

/**
 * The simulator on the bus and what these tests read of it. Nothing is on the bus until a test's first
 * `clock.advance()`: faults injected before it shape the first cycle.
 */
function setup(options: Omit<VehicleSimulatorOptions, 'clock'> = {}) {
  const t = simOnBus(options);
  const { clock, log } = t;
  /** Messages in the window [from, to] of simulated time. */
  const between = (from: number, to: number) => log.filter((m) => m.ts >= from && m.ts <= to);
  const health = (msgs: VehicleSignal[]) =>
    msgs.filter((m): m is UnitHealthSignal => m.type === 'unitHealth');
  const rings = (msgs: VehicleSignal[]) => msgs.filter((m): m is MostRingSignal => m.type === 'mostRing');
  /** The session phases the telematics unit reported, in order (each change of phase once). */
  const phases = () =>
    t
      .reports()
      .map((m) => m.phase)
      .filter((phase, i, all) => i === 0 || phase !== all[i - 1]);
  /** The units whose health was published in the last full cycle. */
  const reportingUnits = () => {
    const now = clock.now();
    clock.advance(SIM_TIMING.cycleMs);
    return new Set(health(between(now + 1, clock.now())).map((m) => m.unit));
  };
  const lastHealth = (unit: ChainUnit) =>
    health(log)
      .filter((m) => m.unit === unit)
      .at(-1);
  const lastRing = () => rings(log).at(-1)!;
  return { ...t, between, health, rings, phases, reportingUnits, lastHealth, lastRing };
}

const CAN_UNITS: ChainUnit[] = [
  'sos-button',
  'crash-sensor',
  'gnss',
  'cellular',
  'microphone',
  'backup-battery',
  'head-unit',
];
const ALL_UNITS: ChainUnit[] = [...CAN_UNITS, 'telematics', 'amplifier', 'hands-free'];

describe('VehicleSimulator: cyclic publishing', () => {
  it('publishes ignition, every unit, ring, gnss, cellular, body signals, the session, its conversation and the LED at time 0 and every second', () => {
    const t = setup();
    t.clock.advance(0);
    const first = t.between(0, 0);
    assert.deepEqual(
      first.map((m) => m.type).filter((x, i, a) => a.indexOf(x) === i),
      [
        'ignition',
        'unitHealth',
        'mostRing',
        'gnss',
        'cellular',
        'hazardLights',
        'vehicleConfig',
        'callSession',
        'conversation',
        'sosLed',
      ],
    );
    assert.equal(t.health(first).length, 10);
    t.clock.advance(5000);
    const ignitionTimes = t.log.filter((m) => m.type === 'ignition').map((m) => m.ts);
    assert.deepEqual(ignitionTimes, [0, 1000, 2000, 3000, 4000, 5000]);
    assert.ok(
      t.log.every((m) => validateSignal(m).ok),
      'every message passes the boundary check',
    );
    assert.ok(t.log.every((m) => JSON.parse(JSON.stringify(m)) && typeof m === 'object'));
  });

  it('healthy car: ring closed, GNSS trusted fix in Munich, 4 bars', () => {
    const t = setup();
    t.clock.advance(0);
    const ring = t.lastRing();
    assert.deepEqual(ring.nodes, ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free']);
    assert.equal(ring.closed, true);
    assert.deepEqual(ring.silent, []);
    assert.equal(ring.breakBetween, undefined);
    const gnss = t.log.find((m) => m.type === 'gnss');
    assert.ok(
      gnss && gnss.type === 'gnss' && gnss.fix === '3d' && gnss.trusted && Math.round(gnss.latitude!) === 48,
    );
    const cell = t.log.find((m) => m.type === 'cellular');
    assert.deepEqual(cell && cell.type === 'cellular' && [cell.registered, cell.signalBars], [true, 4]);
    assert.ok(t.health(t.log).every((m) => m.status === 'ok'));
  });

  it('ignition off: only the terminal status stays on the bus', () => {
    const t = setup();
    t.clock.advance(0);
    t.sim.ignition('off');
    const from = t.clock.now();
    t.clock.advance(3000);
    const types = new Set(t.between(from + 1, t.clock.now()).map((m) => m.type));
    assert.deepEqual(t.log.at(-1), { type: 'ignition', ts: 3000, state: 'off' });
    assert.deepEqual([...types], ['ignition']);
    assert.equal(t.sim.ignitionState, 'off');
  });

  it('ignition on after off wakes the bus at once', () => {
    const t = setup({ ignition: 'off' });
    t.clock.advance(1500);
    t.sim.ignition('on');
    const now = t.between(1500, 1500);
    assert.equal(now[0]?.type, 'ignition');
    assert.equal(t.health(now).length, 10);
  });

  it('accessory keeps the bus awake', () => {
    const t = setup({ ignition: 'accessory' });
    assert.equal(t.reportingUnits().size, 10);
  });
});

describe('VehicleSimulator: single-unit faults', () => {
  const cases: [Fault, ChainUnit, string, string | undefined][] = [
    ['software-glitch', 'telematics', 'fault', 'software'],
    ['control-module-failure', 'telematics', 'fault', 'module'],
    ['bluetooth-fault', 'hands-free', 'fault', 'bluetooth'],
    ['speaker-fault', 'amplifier', 'fault', 'speaker'],
    ['microphone-fault', 'microphone', 'fault', 'microphone'],
    ['backup-battery-low', 'backup-battery', 'degraded', 'low'],
    ['crash-sensor-fault', 'crash-sensor', 'fault', 'crash-sensor'],
    ['sos-button-fault', 'sos-button', 'fault', 'sos-button'],
  ];
  for (const [fault, unit, status, code] of cases) {
    it(`${fault} → ${unit} ${status}, ring stays closed, cleared by clear()`, () => {
      const t = setup();
      t.clock.advance(0);
      t.sim.inject(fault);
      assert.deepEqual(t.sim.faults, [fault]);
      const h = t.lastHealth(unit)!;
      assert.equal(h.ts, 0, 'a change is published at once');
      assert.equal(h.status, status);
      assert.equal(h.code, code);
      assert.equal(t.lastRing().closed, true);
      assert.equal(t.reportingUnits().size, 10);
      t.sim.clear(fault);
      assert.equal(t.lastHealth(unit)!.status, 'ok');
    });
  }

  it('no-cellular: not registered, 0 bars; the modem itself is healthy', () => {
    const t = setup();
    t.sim.inject('no-cellular');
    t.clock.advance(0);
    const cell = t.log.filter((m) => m.type === 'cellular').at(-1);
    assert.deepEqual(cell, { type: 'cellular', ts: 0, registered: false, signalBars: 0, ecall: 'none' });
    assert.equal(t.lastHealth('cellular')!.status, 'ok');
  });

  it('weak-cellular: registered, 1 bar', () => {
    const t = setup();
    t.sim.inject('weak-cellular');
    t.clock.advance(0);
    assert.deepEqual(t.log.filter((m) => m.type === 'cellular').at(-1), {
      type: 'cellular',
      ts: 0,
      registered: true,
      signalBars: 1,
      ecall: 'ngECall',
    });
  });

  it('no-gps: no fix, no position, not trusted', () => {
    const t = setup();
    t.sim.inject('no-gps');
    t.clock.advance(0);
    assert.deepEqual(t.log.filter((m) => m.type === 'gnss').at(-1), {
      type: 'gnss',
      ts: 0,
      fix: 'none',
      latitude: null,
      longitude: null,
      headingDeg: null,
      trusted: false,
    });
  });

  it('refuses an unknown fault name with a clear error', () => {
    const t = setup();
    assert.throws(() => t.sim.inject('flat-tyre' as Fault), /unknown fault "flat-tyre"/);
  });
});

describe('VehicleSimulator: MOST ring faults', () => {
  const order: RingUnit[] = ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'];
  const prev = (u: RingUnit): MostNode => order[(order.indexOf(u) + order.length - 1) % order.length]!;

  for (const unit of RING_UNITS) {
    for (const kind of ['most-node-failure', 'fibre-damage', 'blown-fuse'] as const) {
      const fault = `${kind}:${unit}` as Fault;
      const expected: [MostNode, MostNode] = [prev(unit), unit];
      it(`${fault}: ring open, break between ${expected.join(' and ')}, MOST units silent`, () => {
        const t = setup();
        t.clock.advance(0);
        t.sim.inject(fault);
        const ring = t.lastRing();
        assert.equal(ring.ts, 0);
        assert.equal(ring.closed, false);
        assert.deepEqual(ring.breakBetween, expected);
        assert.deepEqual(ring.silent, ['amplifier', 'telematics', 'satellite-radio', 'hands-free']);
        const reporting = t.reportingUnits();
        assert.deepEqual(
          [...reporting].sort(),
          [...CAN_UNITS].sort(),
          'only CAN units and the master report',
        );
        assert.equal(t.rings(t.between(1, t.clock.now())).length, 1, 'the master keeps reporting the ring');
        assert.ok(
          t.health(t.log).every((m) => m.status === 'ok' || m.unit === 'head-unit'),
          'no fault without evidence',
        );
        const headUnit = t.lastHealth('head-unit')!;
        assert.equal(headUnit.status, fault === 'blown-fuse:head-unit' ? 'fault' : 'ok');
        t.sim.clear(fault);
        assert.equal(t.lastRing().closed, true);
        assert.equal(t.reportingUnits().size, 10);
      });
    }
  }

  it('follows a custom ring order (no satellite radio fitted: its faults do nothing)', () => {
    const t = setup({ ringOrder: ['head-unit', 'telematics', 'amplifier', 'hands-free'] });
    t.sim.inject('most-node-failure:satellite-radio');
    t.clock.advance(0);
    assert.equal(t.lastRing().closed, true);
    t.sim.inject('blown-fuse:amplifier');
    assert.deepEqual(t.lastRing().breakBetween, ['telematics', 'amplifier']);
  });

  it('rejects a ring order that does not start at the head unit', () => {
    assert.throws(
      () => new VehicleSimulator({ clock: new SimulatedClock(), ringOrder: ['amplifier', 'head-unit'] }),
      /head-unit/,
    );
  });

  it('the session report and the SOS LED keep coming with the ring open (CAN, not MOST)', () => {
    const t = setup();
    t.clock.advance(0);
    t.sim.inject('most-node-failure:satellite-radio');
    const from = t.clock.now();
    t.clock.advance(2000);
    const types = t.between(from + 1, t.clock.now()).map((m) => m.type);
    assert.equal(types.filter((x) => x === 'callSession').length, 2);
    assert.equal(types.filter((x) => x === 'sosLed').length, 2);
    assert.equal(t.sim.led, 'red', 'a ring break is a malfunction');
  });
});

describe('VehicleSimulator: battery reset', () => {
  it('bus silent for 3 s, units back after booting 5 s more, clears a software glitch, keeps hardware faults', () => {
    const t = setup();
    t.sim.inject('software-glitch');
    t.sim.inject('bluetooth-fault');
    t.sim.inject('most-node-failure:satellite-radio');
    t.clock.advance(500);
    t.sim.batteryReset();
    assert.equal(t.sim.isPowered, false);
    t.clock.advance(2999);
    assert.deepEqual(t.between(501, 3499), [], 'nothing on the bus while unpowered');
    t.clock.advance(1);
    assert.equal(t.sim.isPowered, true);
    const back = t.between(3500, 3500);
    assert.deepEqual(
      back,
      [{ type: 'ignition', ts: 3500, state: 'on' }],
      'only the terminal status while the units boot',
    );
    t.clock.advance(4999);
    assert.equal(t.between(3501, 8499).filter((m) => m.type !== 'ignition').length, 0, 'units still booting');
    t.clock.advance(1);
    assert.ok(
      t.between(8500, 8500).some((m) => m.type === 'mostRing'),
      'units report again once booted',
    );
    assert.deepEqual(t.sim.faults, ['bluetooth-fault', 'most-node-failure:satellite-radio']);
    assert.equal(t.lastRing().closed, false);
    // Ring healed: telematics reports ok (the glitch is gone), hands-free still faulty.
    t.sim.clear('most-node-failure:satellite-radio');
    assert.equal(t.lastHealth('telematics')!.status, 'ok');
    assert.equal(t.lastHealth('hands-free')!.code, 'bluetooth');
    assert.equal(t.reportingUnits().size, 10);
  });

  it('a command during a battery reset gets no answer; a call request none while the units boot either', () => {
    const t = setup();
    t.sim.batteryReset();
    t.send({ type: 'requestSelfTest' });
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.acks(), []);
    assert.equal(t.sim.commands.length, 2, 'they reached the car, which had no power');
    t.clock.advance(SIM_TIMING.batteryResetMs);
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.acks(), [], 'the telematics unit is still booting');
    t.clock.advance(SIM_TIMING.unitBootMs);
    t.send({ type: 'startTestCall' });
    assert.deepEqual(
      t.acks().map((a) => [a.command, a.ok]),
      [['startTestCall', true]],
    );
  });
});

describe('VehicleSimulator: SOS button and crash', () => {
  it('pressSos: press now, release after 200 ms with heldMs', () => {
    const t = setup();
    t.sim.pressSos();
    t.clock.advance(1000);
    const button = t.log.filter((m) => m.type === 'sosButton');
    assert.deepEqual(button, [
      { type: 'sosButton', ts: 0, action: 'press' },
      { type: 'sosButton', ts: 200, action: 'release', heldMs: 200 },
    ]);
  });

  it('holdSos/releaseSos measure the hold', () => {
    const t = setup();
    t.clock.advance(100);
    t.sim.holdSos();
    t.clock.advance(2500);
    t.sim.releaseSos();
    assert.deepEqual(t.log.filter((m) => m.type === 'sosButton').at(-1), {
      type: 'sosButton',
      ts: 2600,
      action: 'release',
      heldMs: 2500,
    });
  });

  it('a faulty SOS button publishes nothing', () => {
    const t = setup();
    t.sim.inject('sos-button-fault');
    t.sim.pressSos(3000);
    t.clock.advance(4000);
    assert.equal(t.log.filter((m) => m.type === 'sosButton').length, 0);
  });

  it('crash with defaults is on the bus; the telematics unit dials by itself', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(60_000);
    assert.deepEqual(
      t.log.find((m) => m.type === 'crash'),
      {
        type: 'crash',
        ts: 0,
        severity: 3,
        airbagDeployed: true,
        rollover: false,
        occupants: 1,
      },
    );
    assert.deepEqual(t.phases(), ['dialing', 'connected', 'voice']);
    assert.deepEqual(t.sim.commands, []);
  });

  it('the telematics unit reads the button: a press opens the cancel window with no HMI', () => {
    const t = setup();
    t.sim.pressSos();
    assert.equal(t.sim.session.phase, 'cancelWindow');
    assert.deepEqual(t.sim.commands, []);
  });

  it('a faulty SOS button starts nothing', () => {
    const t = setup();
    t.sim.inject('sos-button-fault');
    t.sim.pressSos();
    t.clock.advance(20_000);
    assert.equal(t.sim.session.phase, 'idle');
  });

  it('a faulty crash sensor reports no crash', () => {
    const t = setup();
    t.sim.inject('crash-sensor-fault');
    t.sim.crash({ severity: 4 });
    assert.equal(t.log.filter((m) => m.type === 'crash').length, 0);
  });
});

describe('VehicleSimulator: commands', () => {
  it('answers every known command at once and records it; the old HMI-driven commands go unanswered', () => {
    const t = setup();
    const ids = [
      t.send({ type: 'requestSelfTest' }),
      t.send({ type: 'startGuidance', name: 'x', latitude: 48, longitude: 11 }),
      t.send({ type: 'cancelCall' }),
      t.send({ type: 'startCall', kind: 'manual' } as unknown as VehicleCommand),
      t.send({ type: 'setLed', led: 'red' } as unknown as VehicleCommand),
    ];
    assert.deepEqual(
      t.acks().map((a) => [a.commandId, a.command, a.ok, a.error]),
      [
        [ids[0], 'requestSelfTest', true, undefined],
        [ids[1], 'startGuidance', true, undefined],
        [ids[2], 'cancelCall', false, 'not cancellable'],
      ],
    );
    assert.equal(t.sim.led, 'off', "the LED is the unit's, not the HMI's");
    assert.equal(t.sim.session.phase, 'idle');
    assert.deepEqual(
      t.sim.commands.map((c) => c.command.type),
      ['requestSelfTest', 'startGuidance', 'cancelCall', 'startCall', 'setLed'],
    );
  });

  it('keeps the last 200 commands', () => {
    const t = setup();
    for (let i = 0; i < 250; i++) t.send({ type: 'answerCallback' });
    assert.equal(t.sim.commands.length, 200);
    assert.equal(t.sim.commands[0]!.id, 'c51');
  });

  it('requestSelfTest re-publishes all health at once', () => {
    const t = setup();
    t.clock.advance(300);
    t.send({ type: 'requestSelfTest' });
    assert.equal(t.health(t.between(300, 300)).length, 10);
  });
});

describe('VehicleSimulator: lifecycle', () => {
  it('dispose stops every timer', () => {
    const t = setup();
    t.sim.crash();
    t.sim.pressSos(1000);
    t.send({ type: 'requestSelfTest' });
    t.clock.advance(5000);
    t.sim.dispose();
    assert.equal(t.clock.pendingTimers, 0);
    const n = t.log.length;
    t.clock.advance(10_000);
    assert.equal(t.log.length, n);
  });

  it('takes the telematics calibration from its options', () => {
    const t = setup({ telematics: { cancelWindowMs: 5000, holdToEndPolicy: 'untilConnected' } });
    assert.equal(t.sim.telematics.cancelWindowMs, 5000);
    assert.equal(t.sim.telematics.redialWindowMs, 120_000);
    t.sim.pressSos();
    assert.equal(t.sim.session.cancelWindowEndsAt, 5000);
  });

  it('all units named in the contract are covered', () => {
    assert.equal(ALL_UNITS.length, 10);
  });
});
