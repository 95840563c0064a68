/**
 * The SOS LED the roof function centre drives for the telematics unit: its table, and when it
 * reaches the bus (cyclic, and at once on a change).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallSessionPhase, LedState } from '../../src/bridge/signals.js';
import { CALL_SESSION_PHASES } from '../../src/bridge/signals.js';
import { ALL_FAULTS } from '../../src/sim/faults.js';
import { sosLedFor } from '../../src/sim/sosLed.js';
import { SIM_TIMING } from '../../src/sim/timing.js';
import { simOnBus } from './helpers/simOnBus.js';

const TABLE: Record<CallSessionPhase, LedState> = {
  idle: 'off',
  cancelWindow: 'green-blinking',
  dialing: 'green-blinking',
  connected: 'green-blinking',
  redialWait: 'green-blinking',
  voice: 'green-steady',
  callbackRinging: 'green-steady',
  callback: 'green-steady',
  failed: 'red',
  cancelled: 'off',
  ended: 'off',
};

describe('SOS LED: table', () => {
  for (const phase of CALL_SESSION_PHASES) {
    it(`${phase}: ${TABLE[phase]}; a dead unit: red`, () => {
      assert.equal(sosLedFor(true, phase, []), TABLE[phase]);
      assert.equal(sosLedFor(false, phase, []), 'red');
    });
  }

  it('idle, cancelled, ended: red for a malfunction, not for no GNSS fix or one bar', () => {
    for (const fault of ALL_FAULTS) {
      const want = fault === 'no-gps' || fault === 'weak-cellular' ? 'off' : 'red';
      for (const phase of ['idle', 'cancelled', 'ended'] as const)
        assert.equal(sosLedFor(true, phase, [fault]), want, `${phase} ${fault}`);
    }
  });

  it('a call in progress shows its phase over a malfunction', () => {
    assert.equal(sosLedFor(true, 'voice', ['bluetooth-fault']), 'green-steady');
    assert.equal(sosLedFor(true, 'dialing', ['microphone-fault']), 'green-blinking');
  });
});

describe('SOS LED: on the bus', () => {
  function setup() {
    const { clock, sim, of } = simOnBus();
    const leds = (from = 0) => of('sosLed').flatMap((m) => (m.ts >= from ? [[m.ts, m.led] as const] : []));
    clock.advance(0);
    return { clock, sim, leds };
  }

  it('cyclic every second, and at once on a change of the session or of the faults', () => {
    const t = setup();
    t.clock.advance(1500);
    assert.deepEqual(t.leds(), [
      [0, 'off'],
      [1000, 'off'],
    ]);
    t.sim.crash();
    assert.deepEqual(t.leds(1500), [[1500, 'green-blinking']]);
    t.sim.inject('bluetooth-fault');
    assert.deepEqual(t.leds(1500).at(-1), [1500, 'green-blinking'], 'the call shows over a malfunction');
    t.clock.advance(6000);
    assert.deepEqual(t.leds(7500), [[7500, 'green-steady']]);
    t.sim.centreEndsCall();
    assert.deepEqual(t.leds(7501).at(0), undefined);
    assert.deepEqual(t.leds(7500).at(-1), [7500, 'red'], 'after the call: the malfunction');
    assert.equal(t.sim.led, 'red');
  });

  it('nothing while the units have no power or boot; red meanwhile for whoever asks', () => {
    const t = setup();
    t.sim.batteryReset();
    assert.equal(t.sim.led, 'red');
    t.clock.advance(SIM_TIMING.batteryResetMs + SIM_TIMING.unitBootMs - 1);
    assert.deepEqual(t.leds(1), []);
    t.clock.advance(1);
    const back = SIM_TIMING.batteryResetMs + SIM_TIMING.unitBootMs;
    assert.ok(t.leds(1).length > 0);
    assert.ok(t.leds(1).every(([ts, led]) => ts === back && led === 'off'));
  });

  it('ignition off: the bus sleeps, a session change still goes out', () => {
    const t = setup();
    t.sim.ignition('off');
    t.clock.advance(3000);
    assert.deepEqual(t.leds(1), []);
    t.sim.crash();
    assert.deepEqual(t.leds(1), [[3000, 'green-blinking']]);
  });
});
