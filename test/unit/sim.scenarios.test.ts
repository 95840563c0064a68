import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../src/time/simulatedClock.js';
import { VehicleSimulator } from '../../src/sim/vehicleSimulator.js';
import { SCENARIOS, SCENARIO_NAMES, applyScenario } from '../../src/sim/scenarios.js';
import type { Fault } from '../../src/sim/faults.js';
import type { IgnitionState } from '../../src/bridge/signals.js';
import { validateSignal } from '../../src/bridge/validation.js';
import { SIM_TIMING } from '../../src/sim/timing.js';
import { simOnBus } from './helpers/simOnBus.js';

const EXPECTED: Record<string, { ignition: IgnitionState; faults: Fault[] }> = {
  ready: { ignition: 'on', faults: [] },
  'ignition-off': { ignition: 'off', faults: [] },
  'ring-break-satellite-radio': { ignition: 'on', faults: ['most-node-failure:satellite-radio'] },
  'ring-break-amplifier': { ignition: 'on', faults: ['most-node-failure:amplifier'] },
  'fibre-damage': { ignition: 'on', faults: ['fibre-damage:satellite-radio'] },
  'software-glitch': { ignition: 'on', faults: ['software-glitch'] },
  'control-module-failure': { ignition: 'on', faults: ['control-module-failure'] },
  'bluetooth-fault': { ignition: 'on', faults: ['bluetooth-fault'] },
  'no-cellular': { ignition: 'on', faults: ['no-cellular'] },
  'no-gps': { ignition: 'on', faults: ['no-gps'] },
  'weak-cellular': { ignition: 'on', faults: ['weak-cellular'] },
  'blown-fuse-head-unit': { ignition: 'on', faults: ['blown-fuse:head-unit'] },
  crash: { ignition: 'on', faults: [] },
  'no-answer': { ignition: 'on', faults: [] },
  'drop-mid-call': { ignition: 'on', faults: [] },
  callback: { ignition: 'on', faults: [] },
  'network-without-ecall': { ignition: 'on', faults: ['network-without-ecall'] },
  'crash-electric': { ignition: 'on', faults: [] },
  'centre-messages': { ignition: 'on', faults: [] },
  'msd-negative': { ignition: 'on', faults: [] },
  'data-requested': { ignition: 'on', faults: [] },
};

/** The scenario applied before the first cycle, so that it shapes time 0. */
function start(name: string) {
  const t = simOnBus();
  applyScenario(t.sim, name);
  t.clock.advance(0);
  return t;
}

describe('scenarios', () => {
  it('has every required name and a description for each', () => {
    for (const name of Object.keys(EXPECTED)) assert.ok(SCENARIO_NAMES.includes(name), name);
    for (const name of SCENARIO_NAMES) assert.ok(SCENARIOS[name]!.description.length > 10, name);
  });

  for (const name of SCENARIO_NAMES) {
    it(`${name}: applies at time 0 and publishes only valid messages`, () => {
      const { sim, log, clock } = start(name);
      const want = EXPECTED[name];
      if (want) {
        assert.equal(sim.ignitionState, want.ignition);
        assert.deepEqual(sim.faults, want.faults);
      }
      clock.advance(5000);
      assert.ok(log.length > 0);
      for (const m of log) assert.ok(validateSignal(m).ok, JSON.stringify(m));
      const ignition = log.filter((m) => m.type === 'ignition');
      assert.equal(ignition[0]!.ts, 0);
    });
  }

  it('crash: the crash is on the bus at time 0', () => {
    const { log } = start('crash');
    const crash = log.find((m) => m.type === 'crash');
    assert.equal(crash?.ts, 0);
  });

  it('ring-break-satellite-radio: ring open between telematics and the satellite radio from the first message', () => {
    const { log } = start('ring-break-satellite-radio');
    const ring = log.find((m) => m.type === 'mostRing');
    assert.ok(ring && ring.type === 'mostRing');
    assert.equal(ring.closed, false);
    assert.deepEqual(ring.breakBetween, ['telematics', 'satellite-radio']);
  });

  it('call-centre scenarios set the centre', () => {
    assert.equal(start('no-answer').sim.centreOptions.noAnswer, true);
    assert.deepEqual(
      [start('callback').sim.centreOptions.endAfterMs, start('callback').sim.centreOptions.callbackAfterMs],
      [20_000, 30_000],
    );
    assert.equal(start('drop-mid-call').sim.centreOptions.dropCount, 1);
  });

  describe('NG-eCall, text and guidance scenarios reach their state', () => {
    /** The crash scenarios dial at 0; the centre answers at 4 s, voice at 6 s. */
    const VOICE = 4000 + SIM_TIMING.voiceConnectedMs;

    it('network-without-ecall: ready, registered, no eCall on the network; a call goes out as plain 112', () => {
      const { sim, of, clock } = start('network-without-ecall');
      const cell = of('cellular').at(-1);
      assert.deepEqual([cell?.registered, cell?.signalBars, cell?.ecall], [true, 4, 'none']);
      sim.crash();
      clock.advance(VOICE);
      assert.deepEqual(
        [sim.session.phase, sim.session.transport, sim.session.msd],
        ['voice', 'plain112', 'none'],
      );
    });

    it('crash-electric: an electric car with the lever release, in an automatic call from time 0', () => {
      const { sim, log, of } = start('crash-electric');
      assert.deepEqual(
        [of('vehicleConfig').at(-1)?.powertrain, of('vehicleConfig').at(-1)?.doorRelease],
        ['electric', 'leverBesideWindowSwitch'],
      );
      assert.equal(log.find((m) => m.type === 'crash')?.ts, 0);
      assert.deepEqual([sim.session.phase, sim.session.kind], ['dialing', 'automatic']);
      assert.equal(of('hazardLights').at(-1)?.on, false, 'the hazards wait for the occupants');
    });

    it('centre-messages: the centre writes at 3 s and 8 s after voice', () => {
      const { sim, clock } = start('centre-messages');
      clock.advance(VOICE + 8000);
      assert.deepEqual(
        sim.conversation.lines.map((l) => [l.from, l.at, l.text]),
        [
          ['centre', VOICE + 3000, 'Help is on the way. An ambulance is 8 minutes away.'],
          ['centre', VOICE + 8000, 'If you cannot speak, use Text on the screen.'],
        ],
      );
    });

    it('msd-negative: the data is acknowledged negatively, the call goes on to voice', () => {
      const { sim, clock } = start('msd-negative');
      clock.advance(VOICE);
      assert.deepEqual([sim.session.phase, sim.session.msd], ['voice', 'ackNegative']);
    });

    it('data-requested: fresh data 5 s after voice', () => {
      const { sim, clock } = start('data-requested');
      clock.advance(VOICE + 5000);
      assert.deepEqual([sim.session.phase, sim.session.msdUpdatedAt], ['voice', VOICE + 5000]);
    });
  });

  it('an unknown scenario name is refused with the list of names', () => {
    const sim = new VehicleSimulator({ clock: new SimulatedClock() });
    assert.throws(() => applyScenario(sim, 'toString'), /unknown scenario "toString" \(known: ready/);
  });
});
