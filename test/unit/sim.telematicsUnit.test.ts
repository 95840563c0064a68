/**
 * The telematics unit owns the emergency call: its session as it reaches the bus (`callSession`
 * reports, `sosLed`, `commandAck`), driven by the SOS button, the crash, faults, power and the
 * centre — with no HMI at all. Every message is checked at the boundary as the bridge would.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LedState, VehicleSignal } from '../../src/bridge/signals.js';
import { validateSignal } from '../../src/bridge/validation.js';
import { MockBridge } from '../../src/bridge/mockBridge.js';
import { COMMAND_ACK_TIMEOUT_MS } from '../../src/bridge/commands.js';
import { SIM_TIMING } from '../../src/sim/timing.js';
import type { VehicleSimulatorOptions } from '../../src/sim/vehicleSimulator.js';
import { DEFAULT_TELEMATICS } from '../../src/sim/types.js';
import { SimulatedClock } from '../../src/time/simulatedClock.js';
import { simOnBus } from './helpers/simOnBus.js';

const T = SIM_TIMING;
/** Default centre: answer 4 s after the attempt starts; data, contacts and voice follow. */
const ANSWER = 4000;
const VOICE = ANSWER + T.voiceConnectedMs;
const WINDOW = DEFAULT_TELEMATICS.redialWindowMs;
const INTERVAL = DEFAULT_TELEMATICS.redialIntervalMs;
const CALLBACK_WINDOW = DEFAULT_TELEMATICS.callbackWindowMs;

function setup(options: Omit<VehicleSimulatorOptions, 'clock'> = {}) {
  const t = simOnBus(options);
  /** [phase, ts] of every change after the initial idle report. */
  const phases = () =>
    t
      .changes()
      .filter((r) => r.seq !== 0)
      .map((r) => [r.phase, r.ts] as const)
      .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0]);
  /** The LED values in the order they changed on the bus. */
  const leds = (): LedState[] =>
    t
      .of('sosLed')
      .map((m) => m.led)
      .filter((led, i, all) => i === 0 || led !== all[i - 1]);
  t.clock.advance(0);
  return { ...t, phases, leds };
}

/** A crash at time `at` (default now) and the default crash data. */
const CRASH = { severity: 3, airbagDeployed: true, rollover: false, occupants: 1 };

describe('telematics unit: automatic call without any HMI', () => {
  it('a crash dials at once; data, contacts and voice follow on the centre timing; nobody sent a command', () => {
    const t = setup();
    t.clock.advance(500);
    t.sim.crash();
    t.clock.advance(60_000);
    assert.deepEqual(t.sim.commands, [], 'no HMI: nothing was asked of the car');
    const c = t.changes().filter((r) => r.seq !== 0);
    assert.deepEqual(
      c.map((r) => [r.ts, r.phase, r.msd, r.contactsNotified]),
      [
        [500, 'dialing', 'none', false],
        [500 + ANSWER, 'connected', 'none', false],
        [500 + ANSWER + T.msdSentMs, 'connected', 'sent', false],
        [500 + ANSWER + T.msdAcknowledgedMs, 'connected', 'ackPositive', false],
        [500 + ANSWER + T.contactsNotifiedMs, 'connected', 'ackPositive', true],
        [500 + VOICE, 'voice', 'ackPositive', true],
      ],
    );
    const dialing = c[0]!;
    assert.deepEqual(
      { ...dialing, ts: 0, seq: 0 },
      {
        type: 'callSession',
        ts: 0,
        seq: 0,
        phase: 'dialing',
        kind: 'automatic',
        attempt: 1,
        triggeredAt: 500,
        cancelWindowEndsAt: null,
        nextAttemptAt: null,
        redialWindowEndsAt: null,
        callbackWindowEndsAt: null,
        failureReason: null,
        callEnd: null,
        msd: 'none',
        voiceSince: null,
        contactsNotified: false,
        cancellable: false,
        holdToEndMs: null,
        holdEndsAt: null,
        crash: CRASH,
        audioMuted: true,
        transport: 'ngECall',
        msdUpdatedAt: null,
      },
    );
    assert.equal(t.last().voiceSince, 500 + VOICE);
    assert.equal(t.of('crash')[0]!.ts, 500, 'the crash itself is on the bus');
    assert.equal(t.of('pointsOfInterest')[0]!.ts, 500 + ANSWER + T.msdAcknowledgedMs);
    assert.deepEqual(t.leds(), ['off', 'green-blinking', 'green-steady']);
    assert.equal(t.sim.audioMuted, true);
    assert.equal(t.sim.callActive, true);
    assert.deepEqual(t.sim.session.phase, 'voice');
  });

  it('an automatic call cannot be cancelled or ended by the occupants; the button does nothing', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(VOICE);
    t.send({ type: 'cancelCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'not cancellable' });
    t.send({ type: 'endCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'automatic call' });
    const seq = t.last().seq;
    t.sim.pressSos(5000);
    t.clock.advance(6000);
    assert.equal(t.last().seq, seq, 'no change: a press during an automatic call does nothing');
    assert.equal(t.last().phase, 'voice');
  });

  it('a second crash during an automatic session only updates the crash data', () => {
    const t = setup();
    t.sim.crash({ severity: 2 });
    t.clock.advance(1000);
    t.sim.crash({ severity: 4, rollover: true });
    assert.deepEqual(t.last().crash, { severity: 4, airbagDeployed: true, rollover: true, occupants: 1 });
    assert.deepEqual([t.last().attempt, t.last().triggeredAt, t.last().phase], [1, 0, 'dialing']);
  });

  it('out-of-range crash fields are unknown in the report (the unit checks them; the call goes on)', () => {
    const t = setup();
    t.sim.crash({ severity: 9, occupants: 42 });
    const report = t.last();
    assert.deepEqual(report.crash, {
      severity: null,
      airbagDeployed: true,
      rollover: false,
      occupants: null,
    });
    const checked = validateSignal(report);
    assert.ok(checked.ok && checked.signal.type === 'callSession');
    assert.deepEqual(checked.signal.crash, {
      severity: null,
      airbagDeployed: true,
      rollover: false,
      occupants: null,
    });
  });

  it('a faulty crash sensor reports no crash: no session', () => {
    const t = setup();
    t.sim.inject('crash-sensor-fault');
    t.sim.crash({ severity: 4 });
    t.clock.advance(10_000);
    assert.equal(t.of('crash').length, 0);
    assert.equal(t.last().phase, 'idle');
  });

  it('the call continues with the ignition off; the bus stays awake until the session ends', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(3000);
    t.sim.ignition('off');
    t.clock.advance(10_000);
    assert.equal(t.last().phase, 'voice');
    const from = t.clock.now() - 1000;
    const types = new Set(t.after(from).map((m) => m.type));
    for (const type of ['ignition', 'unitHealth', 'callSession', 'sosLed'] as const)
      assert.ok(types.has(type), type);
    t.sim.centreEndsCall();
    assert.equal(t.last().phase, 'ended', 'the end is on the bus at once');
    const end = t.clock.now();
    t.clock.advance(3000);
    assert.deepEqual([...new Set(t.after(end).map((m) => m.type))], ['ignition'], 'then the bus sleeps');
  });
});

describe('telematics unit: manual call and the cancel window', () => {
  it('a press opens the cancel window; the unit dials at its deadline', () => {
    const t = setup();
    t.clock.advance(1000);
    t.sim.pressSos();
    const open = t.last();
    assert.deepEqual(
      [open.phase, open.kind, open.triggeredAt, open.cancelWindowEndsAt, open.cancellable, open.attempt],
      ['cancelWindow', 'manual', 1000, 11_000, true, 0],
    );
    assert.equal(open.audioMuted, false);
    assert.equal(open.holdToEndMs, null, 'holding ends nothing in the cancel window');
    t.clock.advance(9999);
    assert.equal(t.last().phase, 'cancelWindow');
    t.clock.advance(1);
    const dialing = t.last();
    assert.deepEqual(
      [dialing.phase, dialing.ts, dialing.attempt, dialing.cancelWindowEndsAt, dialing.cancellable],
      ['dialing', 11_000, 1, null, false],
    );
    assert.equal(dialing.holdToEndMs, DEFAULT_TELEMATICS.holdToEndMs);
    assert.deepEqual(t.leds(), ['off', 'green-blinking']);
  });

  it('cancelCall in the window: cancelled, nothing dialled; refused once dialling', () => {
    const t = setup();
    t.sim.pressSos();
    t.clock.advance(3000);
    t.send({ type: 'cancelCall' });
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.deepEqual([t.last().phase, t.last().ts, t.last().cancellable], ['cancelled', 3000, false]);
    t.clock.advance(60_000);
    assert.equal(t.last().phase, 'cancelled', 'a terminal phase stays reported');
    assert.equal(t.last().attempt, 0);
    assert.deepEqual(t.leds(), ['off', 'green-blinking', 'off']);

    const u = setup();
    u.sim.pressSos();
    u.clock.advance(10_500);
    u.send({ type: 'cancelCall' });
    assert.deepEqual(u.lastAck(), { ok: false, error: 'not cancellable' });
    assert.equal(u.last().phase, 'dialing');
  });

  it('callNow dials at once from the window; refused outside it', () => {
    const t = setup();
    t.send({ type: 'callNow' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no cancel window' });
    t.sim.pressSos();
    t.clock.advance(2000);
    t.send({ type: 'callNow' });
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.deepEqual([t.last().phase, t.last().ts, t.last().attempt], ['dialing', 2000, 1]);
    t.clock.advance(ANSWER);
    assert.equal(t.last().phase, 'connected');
  });

  it('cancelWindowMs 0: dials at once, cancellable until it connects (cancel hangs up)', () => {
    const t = setup({ telematics: { cancelWindowMs: 0 } });
    t.sim.pressSos();
    assert.deepEqual(
      [t.last().phase, t.last().cancellable, t.last().cancelWindowEndsAt],
      ['dialing', true, null],
    );
    t.clock.advance(2000);
    t.send({ type: 'cancelCall' });
    assert.deepEqual(t.lastAck(), { ok: true });
    t.clock.advance(20_000);
    assert.deepEqual(
      t.phases().map(([p]) => p),
      ['dialing', 'cancelled'],
      'hung up: the centre never answers a cancelled attempt',
    );

    const u = setup({ telematics: { cancelWindowMs: 0 } });
    u.sim.pressSos();
    u.clock.advance(ANSWER);
    assert.deepEqual([u.last().phase, u.last().cancellable], ['connected', false]);
    u.send({ type: 'cancelCall' });
    assert.deepEqual(u.lastAck(), { ok: false, error: 'not cancellable' });
  });

  it('triggerHoldMs: the button must be held that long; shorter presses do nothing', () => {
    const t = setup({ telematics: { triggerHoldMs: 2000 } });
    t.sim.pressSos(1999);
    t.clock.advance(5000);
    assert.deepEqual(t.changes().length, 1, 'no report change while arming or after a short press');
    t.sim.holdSos();
    t.clock.advance(1999);
    assert.equal(t.last().phase, 'idle');
    t.clock.advance(1);
    assert.deepEqual(
      [t.last().phase, t.last().triggeredAt, t.last().cancelWindowEndsAt],
      ['cancelWindow', 7000, 17_000],
    );
    t.sim.releaseSos();
  });

  it('triggerHoldMs: a hold under way outlives the end of the call-back window; a call-back voids it', () => {
    const t = setup({ telematics: { triggerHoldMs: 2000, callbackWindowMs: 10_000 } });
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.clock.advance(9000);
    t.sim.holdSos();
    t.clock.advance(2000);
    assert.deepEqual(
      t
        .phases()
        .slice(-2)
        .map(([p, ts]) => `${p}@${ts}`),
      [`idle@${VOICE + 10_000}`, `cancelWindow@${VOICE + 11_000}`],
    );
    t.sim.releaseSos();
    t.send({ type: 'cancelCall' });

    const u = setup({ telematics: { triggerHoldMs: 2000 } });
    u.sim.crash();
    u.clock.advance(VOICE);
    u.sim.centreEndsCall();
    u.sim.holdSos();
    u.clock.advance(1000);
    u.sim.centreCallsBack();
    u.clock.advance(3000);
    assert.deepEqual([u.last().phase, u.last().kind], ['callback', 'automatic']);
  });

  it('a press in a terminal phase (cancelled, failed, ended with its call-back window) starts a new session', () => {
    const t = setup({ callCentre: { endAfterMs: 1000 } });
    t.sim.pressSos();
    t.send({ type: 'cancelCall' });
    t.clock.advance(1000);
    t.sim.pressSos();
    assert.deepEqual([t.last().phase, t.last().triggeredAt], ['cancelWindow', 1000]);
    t.send({ type: 'callNow' });
    t.clock.advance(VOICE + 1000);
    assert.equal(t.last().phase, 'ended');
    assert.notEqual(t.last().callbackWindowEndsAt, null);
    t.sim.pressSos();
    assert.deepEqual(
      [t.last().phase, t.last().attempt, t.last().callbackWindowEndsAt, t.last().callEnd],
      ['cancelWindow', 0, null, null],
    );
  });
});

describe('telematics unit: busy', () => {
  it('startTestCall during an automatic session is refused as busy', () => {
    const t = setup();
    t.sim.crash();
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'busy' });
    assert.equal(t.last().kind, 'automatic');
  });

  it('startTestCall during a manual session (and its cancel window) is refused as busy', () => {
    const t = setup();
    t.sim.pressSos();
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'busy' });
    t.clock.advance(12_000);
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'busy' });
    assert.equal(t.last().kind, 'manual');
  });

  it('a press during a test call does nothing; a manual trigger cannot interrupt it', () => {
    const t = setup();
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.lastAck(), { ok: true });
    const seq = t.last().seq;
    t.sim.pressSos(3000);
    t.clock.advance(3000);
    assert.equal(t.changes().filter((r) => r.seq > seq && r.kind !== 'test').length, 0);
  });
});

describe('telematics unit: EN 16062 redial', () => {
  it('a drop of a connected call: redial at once, in a new 2-minute window; the redial holds', () => {
    const t = setup({ callCentre: { dropAfterMs: 15_000, dropCount: 1 } });
    t.sim.crash();
    t.clock.advance(VOICE + 15_000);
    const drop = VOICE + 15_000;
    const waits = t.changes().filter((r) => r.phase === 'redialWait');
    assert.equal(waits.length, 1);
    assert.deepEqual(
      {
        ts: waits[0]!.ts,
        next: waits[0]!.nextAttemptAt,
        window: waits[0]!.redialWindowEndsAt,
        reason: waits[0]!.failureReason,
        end: waits[0]!.callEnd,
        voiceSince: waits[0]!.voiceSince,
        muted: waits[0]!.audioMuted,
      },
      {
        ts: drop,
        next: drop,
        window: drop + WINDOW,
        reason: 'network lost',
        end: 'dropped',
        voiceSince: null,
        muted: true,
      },
    );
    assert.deepEqual([t.last().phase, t.last().ts, t.last().attempt], ['dialing', drop, 2]);
    t.clock.advance(120_000);
    assert.deepEqual(
      [t.last().phase, t.last().attempt, t.last().callEnd, t.last().failureReason],
      ['voice', 2, null, null],
    );
    assert.equal(t.last().voiceSince, drop + VOICE);
    assert.equal(t.last().redialWindowEndsAt, null, 'connected: the redial cycle is over');
  });

  it('a failed attempt: the next one 30 s after the previous start, within 2 min of the first failure', () => {
    const t = setup({ callCentre: { noAnswer: true } });
    t.sim.crash();
    const fail = ANSWER + T.noAnswerRingOutMs;
    t.clock.advance(fail);
    assert.deepEqual(
      [t.last().phase, t.last().failureReason, t.last().nextAttemptAt, t.last().redialWindowEndsAt],
      ['redialWait', 'no answer', INTERVAL, fail + WINDOW],
    );
    assert.equal(t.last().callEnd, null, 'nothing had connected');
    t.clock.advance(INTERVAL - fail - 1);
    assert.equal(t.last().phase, 'redialWait');
    t.clock.advance(1);
    assert.deepEqual([t.last().phase, t.last().attempt, t.last().msd], ['dialing', 2, 'none']);
    assert.equal(t.last().redialWindowEndsAt, fail + WINDOW, 'the window runs from the first failure');
  });

  it('the redial window ends: failed (LED red, audio unmuted), and it stays reported', () => {
    const t = setup({ callCentre: { noAnswer: true } });
    t.sim.crash();
    t.clock.advance(300_000);
    const attempts = t.changes().filter((r) => r.phase === 'dialing');
    assert.deepEqual(
      attempts.map((r) => [r.attempt, r.ts]),
      [
        [1, 0],
        [2, 30_000],
        [3, 60_000],
        [4, 90_000],
        [5, 120_000],
      ],
    );
    const failed = t.changes().at(-1)!;
    const fail1 = ANSWER + T.noAnswerRingOutMs;
    assert.deepEqual(
      [failed.phase, failed.ts, failed.failureReason, failed.audioMuted, failed.nextAttemptAt],
      ['failed', fail1 + WINDOW, 'no answer', false, null],
      'the fifth attempt fails when the window has ended',
    );
    assert.equal(t.last().phase, 'failed');
    assert.equal(t.sim.led, 'red');
    assert.equal(t.leds().at(-1), 'red');
  });

  it('the window ends while waiting for the next attempt: failed at the window end', () => {
    const t = setup({ telematics: { redialWindowMs: 45_000 } });
    t.sim.inject('no-cellular');
    t.sim.crash();
    t.clock.advance(200_000);
    assert.deepEqual(
      t.phases().map(([p, ts]) => `${p}@${ts}`),
      ['dialing@0', 'redialWait@1000', 'dialing@30000', 'redialWait@31000', 'failed@46000'],
    );
    assert.equal(t.last().failureReason, 'no network');
  });

  it('an attempt not connected within attemptTimeoutMs is hung up: "timeout"', () => {
    const t = setup({ callCentre: { answerDelayMs: 40_000 } });
    t.sim.crash();
    t.clock.advance(DEFAULT_TELEMATICS.attemptTimeoutMs);
    assert.deepEqual(
      t.phases().map(([p, ts]) => `${p}@${ts}`),
      ['dialing@0', 'redialWait@30000', 'dialing@30000'],
    );
    assert.equal(t.last().failureReason, 'timeout');
    t.clock.advance(15_000);
    assert.equal(t.last().phase, 'dialing', 'the hung-up attempt is not answered later');
  });

  it('losing the network mid-call drops it ("no network"); redials fail until it is back', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(8000);
    t.sim.inject('no-cellular');
    assert.deepEqual(
      t
        .phases()
        .slice(-2)
        .map(([p, ts]) => `${p}@${ts}`),
      ['redialWait@8000', 'dialing@8000'],
    );
    assert.equal(t.last().callEnd, 'dropped');
    t.clock.advance(T.noNetworkFailMs);
    assert.deepEqual(
      [t.last().phase, t.last().failureReason, t.last().nextAttemptAt],
      ['redialWait', 'no network', 38_000],
    );
    t.sim.clear('no-cellular');
    t.clock.advance(30_000 + VOICE);
    assert.deepEqual([t.last().phase, t.last().attempt], ['voice', 3]);
  });

  it('a test call is never redialled', () => {
    const t = setup();
    t.sim.inject('no-cellular');
    t.send({ type: 'startTestCall' });
    t.clock.advance(60_000);
    assert.deepEqual(
      t.phases().map(([p, ts]) => `${p}@${ts}`),
      ['dialing@0', 'failed@1000'],
    );
    assert.deepEqual([t.last().kind, t.last().failureReason], ['test', 'no network']);
  });
});

describe('telematics unit: ring break', () => {
  it('with the MOST ring open the attempts fail "ring break"; the report still reaches the bus', () => {
    const t = setup();
    t.sim.inject('most-node-failure:satellite-radio');
    t.sim.crash();
    t.clock.advance(T.noNetworkFailMs);
    assert.deepEqual([t.last().phase, t.last().failureReason], ['redialWait', 'ring break']);
  });

  it('a ring break during a call does not end it (the modem is in the unit)', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.inject('most-node-failure:amplifier');
    t.clock.advance(60_000);
    assert.equal(t.last().phase, 'voice');
    assert.equal(t.sim.callActive, true);
  });
});

describe('telematics unit: clear-down and call-back', () => {
  it('clear-down: no redial; call-back window; the call-back is answered by the unit; the window ends → idle', () => {
    const t = setup({ callCentre: { endAfterMs: 20_000, callbackAfterMs: 30_000 } });
    t.sim.crash();
    const end = VOICE + 20_000;
    t.clock.advance(end);
    const ended = t.last();
    assert.deepEqual(
      [ended.phase, ended.ts, ended.callEnd, ended.callbackWindowEndsAt, ended.audioMuted, ended.voiceSince],
      ['ended', end, 'clearDown', end + CALLBACK_WINDOW, false, null],
    );
    assert.equal(ended.msd, 'ackPositive', 'the centre has the data');
    assert.equal(t.sim.led, 'off');
    t.clock.advance(30_000 - 1);
    assert.equal(t.changes().filter((r) => r.phase === 'dialing').length, 1, 'no redial after a clear-down');
    t.clock.advance(1);
    assert.deepEqual(
      [t.last().phase, t.last().ts, t.last().audioMuted],
      ['callbackRinging', end + 30_000, true],
    );
    assert.equal(t.sim.callbackWaiting, true);
    t.send({ type: 'answerCallback' });
    assert.deepEqual(t.lastAck(), { ok: true });
    t.clock.advance(T.callbackVoiceMs);
    assert.deepEqual(
      [t.last().phase, t.last().voiceSince, t.last().callbackWindowEndsAt],
      ['callback', end + 30_000 + T.callbackVoiceMs, end + CALLBACK_WINDOW],
    );
    assert.equal(t.leds().at(-1), 'green-steady');
    t.clock.advance(20_000);
    assert.deepEqual([t.last().phase, t.last().callEnd], ['ended', 'clearDown']);
    t.clock.advance(CALLBACK_WINDOW);
    assert.deepEqual(
      t.changes().filter((r) => r.phase === 'callbackRinging').length,
      1,
      'one call-back only',
    );
    const idle = t.changes().at(-1)!;
    assert.deepEqual(
      [idle.phase, idle.ts, idle.kind, idle.attempt],
      ['idle', end + CALLBACK_WINDOW, null, 0],
    );
  });

  it('answerCallback outside a call-back is refused', () => {
    const t = setup();
    t.send({ type: 'answerCallback' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call-back' });
  });

  it('a call-back reaches the car only inside the window and on a registered modem', () => {
    const t = setup({ telematics: { callbackWindowMs: 60_000 } });
    t.sim.centreCallsBack();
    assert.equal(t.last().phase, 'idle', 'no session: nothing to call back');
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.sim.inject('no-cellular');
    t.sim.centreCallsBack();
    assert.equal(t.last().phase, 'ended');
    t.sim.clear('no-cellular');
    t.clock.advance(60_000);
    assert.equal(t.last().phase, 'idle');
    t.sim.centreCallsBack();
    assert.equal(t.last().phase, 'idle');
  });

  it('the window ending during a call-back does not cut it; afterwards the unit goes idle', () => {
    const t = setup({ telematics: { callbackWindowMs: 10_000 } });
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.clock.advance(9000);
    t.sim.centreCallsBack();
    t.clock.advance(5000);
    assert.equal(t.last().phase, 'callback');
    t.sim.centreEndsCall();
    assert.equal(t.last().phase, 'idle');
  });

  it('a call-back that drops returns to the window ("dropped")', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.sim.centreCallsBack();
    t.clock.advance(1000);
    t.sim.inject('no-cellular');
    assert.deepEqual([t.last().phase, t.last().callEnd], ['ended', 'dropped']);
  });

  it('the centre cannot end a call it has not answered', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(2000);
    t.sim.centreEndsCall();
    assert.equal(t.last().phase, 'dialing');
  });

  it('a press during the call-back window starts a new manual session; during a call-back it does nothing', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.sim.centreCallsBack();
    t.clock.advance(1000);
    const seq = t.last().seq;
    t.sim.pressSos();
    t.clock.advance(500);
    assert.equal(t.last().seq, seq);
    t.sim.centreEndsCall();
    t.sim.pressSos();
    assert.deepEqual([t.last().phase, t.last().kind], ['cancelWindow', 'manual']);
  });
});

describe('telematics unit: a crash during a manual or test session', () => {
  it('in the cancel window: the session becomes automatic and dials at once', () => {
    const t = setup();
    t.sim.pressSos();
    t.clock.advance(3000);
    t.sim.crash({ severity: 4 });
    const r = t.last();
    assert.deepEqual(
      [r.phase, r.kind, r.ts, r.attempt, r.triggeredAt, r.cancellable, r.holdToEndMs, r.cancelWindowEndsAt],
      ['dialing', 'automatic', 3000, 1, 0, false, null, null],
    );
    assert.equal(r.crash?.severity, 4);
    t.clock.advance(20_000);
    assert.equal(
      t.changes().filter((x) => x.phase === 'dialing').length,
      1,
      'no second attempt at the old deadline',
    );
  });

  it('during a manual call: automatic, the hold to end is void, the call goes on', () => {
    const t = setup({ telematics: { cancelWindowMs: 0 } });
    t.sim.pressSos();
    t.clock.advance(VOICE);
    t.sim.holdSos();
    assert.equal(t.last().holdEndsAt, VOICE + 2000);
    t.clock.advance(1000);
    t.sim.crash();
    const r = t.last();
    assert.deepEqual(
      [r.phase, r.kind, r.holdToEndMs, r.holdEndsAt, r.cancellable, r.attempt],
      ['voice', 'automatic', null, null, false, 1],
    );
    t.clock.advance(5000);
    t.sim.releaseSos();
    assert.equal(t.last().phase, 'voice', 'holding past the old deadline ends nothing');
  });

  it('during a test call: the test is hung up and an automatic session starts', () => {
    const t = setup();
    t.clock.advance(1000);
    t.send({ type: 'startTestCall' });
    t.clock.advance(VOICE);
    assert.deepEqual([t.last().phase, t.last().kind], ['voice', 'test']);
    t.sim.crash();
    const r = t.last();
    assert.deepEqual(
      [r.phase, r.kind, r.attempt, r.triggeredAt, r.msd, r.contactsNotified],
      ['dialing', 'automatic', 1, 1000 + VOICE, 'none', false],
    );
    t.clock.advance(VOICE + T.testCallVoiceMs);
    assert.equal(t.last().kind, 'automatic', 'the test number hanging up does not touch the new session');
    assert.equal(t.last().phase, 'voice');
  });

  it('during a call-back: a new automatic session', () => {
    const t = setup();
    t.sim.pressSos();
    t.send({ type: 'callNow' });
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.sim.centreCallsBack();
    t.clock.advance(T.callbackVoiceMs);
    assert.equal(t.last().phase, 'callback');
    t.sim.crash();
    assert.deepEqual(
      [t.last().phase, t.last().kind, t.last().attempt, t.last().callbackWindowEndsAt],
      ['dialing', 'automatic', 1, null],
    );
  });
});

describe('telematics unit: hold to end a manual call', () => {
  it('policy always: holdEndsAt while held, cleared on an early release; a full hold ends the call (call-back window)', () => {
    const t = setup();
    t.sim.pressSos();
    t.send({ type: 'callNow' });
    t.clock.advance(VOICE);
    assert.equal(t.last().holdToEndMs, 2000);
    t.sim.holdSos();
    assert.deepEqual([t.last().holdEndsAt, t.last().ts], [VOICE + 2000, VOICE]);
    t.clock.advance(1500);
    t.sim.releaseSos();
    assert.deepEqual([t.last().holdEndsAt, t.last().phase], [null, 'voice']);
    t.sim.pressSos(2500);
    t.clock.advance(2000);
    const r = t.last();
    assert.deepEqual(
      [r.phase, r.ts, r.callEnd, r.callbackWindowEndsAt, r.holdEndsAt, r.audioMuted],
      ['ended', VOICE + 3500, 'hungUp', VOICE + 3500 + CALLBACK_WINDOW, null, false],
    );
  });

  it('a hold before any attempt connected cancels the call', () => {
    const t = setup();
    t.sim.pressSos();
    t.send({ type: 'callNow' });
    t.clock.advance(1000);
    t.sim.pressSos(3000);
    t.clock.advance(3000);
    const end = t.changes().at(-1)!;
    assert.deepEqual([end.phase, end.ts, end.callEnd], ['cancelled', 3000, null]);
    t.clock.advance(10_000);
    assert.equal(t.last().phase, 'cancelled', 'the hung-up attempt is never answered');
  });

  it('policy untilConnected: holding ends the call until voice, never after; a hold under way is void at voice', () => {
    const t = setup({ telematics: { holdToEndPolicy: 'untilConnected' } });
    t.sim.pressSos();
    t.send({ type: 'callNow' });
    t.clock.advance(ANSWER);
    assert.deepEqual([t.last().phase, t.last().holdToEndMs], ['connected', 2000]);
    t.clock.advance(T.voiceConnectedMs - 1000);
    t.sim.holdSos();
    assert.equal(t.last().holdEndsAt, VOICE + 1000);
    t.clock.advance(1000);
    assert.deepEqual([t.last().phase, t.last().holdToEndMs, t.last().holdEndsAt], ['voice', null, null]);
    t.clock.advance(5000);
    t.sim.releaseSos();
    assert.equal(t.last().phase, 'voice');
    t.send({ type: 'endCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'not endable' });
  });

  it('endCall: a manual call as a completed hold; refused without a call', () => {
    const t = setup();
    t.send({ type: 'endCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' });
    t.sim.pressSos();
    t.send({ type: 'endCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'not endable' }, 'the cancel window is for cancelCall');
    t.send({ type: 'callNow' });
    t.clock.advance(VOICE);
    t.send({ type: 'endCall' });
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.deepEqual([t.last().phase, t.last().callEnd], ['ended', 'hungUp']);
  });

  it('endCall ends a test call (no call-back window)', () => {
    const t = setup();
    t.send({ type: 'startTestCall' });
    t.clock.advance(VOICE);
    t.send({ type: 'endCall' });
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.deepEqual([t.last().phase, t.last().kind, t.last().callbackWindowEndsAt], ['ended', 'test', null]);
  });
});

describe('telematics unit: test call', () => {
  it('reaches the test number, sends no contacts or places, and hangs up by itself (no call-back window)', () => {
    const t = setup();
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.lastAck(), { ok: true });
    t.clock.advance(30_000);
    assert.deepEqual(
      t.phases().map(([p, ts]) => `${p}@${ts}`),
      ['dialing@0', 'connected@4000', 'voice@6000', `ended@${VOICE + T.testCallVoiceMs}`],
    );
    const r = t.last();
    assert.deepEqual(
      [r.kind, r.callEnd, r.callbackWindowEndsAt, r.contactsNotified, r.msd, r.cancellable, r.holdToEndMs],
      ['test', 'clearDown', null, false, 'ackPositive', false, null],
    );
    assert.equal(t.of('pointsOfInterest').length, 0);
    t.clock.advance(CALLBACK_WINDOW);
    assert.equal(t.last().phase, 'ended', 'a test outcome stays reported until the next session');
  });
});

describe('telematics unit: a dead unit', () => {
  for (const fault of ['control-module-failure', 'software-glitch', 'blown-fuse:telematics'] as const) {
    it(`${fault}: no session report at all, LED red, nothing starts, requests go unanswered`, () => {
      const { clock, sim, of } = simOnBus();
      sim.inject(fault);
      clock.advance(0);
      sim.crash();
      sim.pressSos();
      sim.receive({ id: 'x', at: 0, command: { type: 'startTestCall' } });
      sim.receive({ id: 'y', at: 0, command: { type: 'cancelCall' } });
      clock.advance(20_000);
      assert.equal(of('callSession').length, 0);
      assert.equal(of('commandAck').length, 0, 'the bridge times out');
      const leds = of('sosLed');
      assert.ok(leds.length >= 20 && leds.every((m) => m.led === 'red'));
      assert.equal(sim.led, 'red');
      assert.equal(sim.session.phase, 'idle');
      assert.equal(sim.commands.length, 2, 'the requests reached the car');
    });
  }

  it('dying during a call: the session falls silent; the LED turns red', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(VOICE);
    const seq = t.last().seq;
    t.sim.inject('control-module-failure');
    t.clock.advance(60_000);
    assert.equal(t.last().seq, seq);
    assert.equal(t.last().ts, VOICE, 'no report since');
    assert.equal(t.leds().at(-1), 'red');
    assert.equal(t.sim.audioMuted, false);
    assert.equal(t.sim.callActive, false);
  });

  it('a battery reset mid-call: silent while unpowered and booting, then the session resumes as a drop → redial', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(10_000);
    t.sim.batteryReset();
    assert.equal(t.sim.led, 'red');
    const back = 10_000 + T.batteryResetMs + T.unitBootMs;
    t.clock.advance(T.batteryResetMs + T.unitBootMs - 1);
    assert.equal(t.of('callSession').filter((r) => r.ts > 10_000).length, 0);
    assert.equal(
      t.of('sosLed').filter((r) => r.ts > 10_000).length,
      0,
      'nothing from the units while they boot',
    );
    t.clock.advance(1);
    const after = t.changes().filter((r) => r.ts === back);
    assert.deepEqual(
      after.map((r) => [
        r.phase,
        r.attempt,
        r.failureReason,
        r.callEnd,
        r.nextAttemptAt,
        r.redialWindowEndsAt,
      ]),
      [
        ['redialWait', 1, 'power loss', 'dropped', back, back + WINDOW],
        ['dialing', 2, 'power loss', 'dropped', null, back + WINDOW],
      ],
    );
    assert.equal(after[0]!.triggeredAt, 0, 'the same session, from the unit memory');
    t.clock.advance(VOICE);
    assert.deepEqual([t.last().phase, t.last().kind], ['voice', 'automatic']);
  });

  it('a software glitch cleared by a battery reset: the unit reports again once booted', () => {
    const t = setup();
    t.sim.inject('software-glitch');
    t.clock.advance(2000);
    assert.equal(t.of('callSession').filter((r) => r.ts > 0).length, 0);
    t.sim.batteryReset();
    t.clock.advance(T.batteryResetMs + T.unitBootMs);
    assert.equal(t.last().ts, t.clock.now());
    assert.equal(t.last().phase, 'idle');
    assert.equal(t.sim.led, 'off');
  });
});

describe('telematics unit: the report', () => {
  it('the initial report: idle, every field present, seq 0', () => {
    const t = setup();
    assert.deepEqual(t.reports()[0], {
      type: 'callSession',
      ts: 0,
      seq: 0,
      phase: 'idle',
      kind: null,
      attempt: 0,
      triggeredAt: null,
      cancelWindowEndsAt: null,
      nextAttemptAt: null,
      redialWindowEndsAt: null,
      callbackWindowEndsAt: null,
      failureReason: null,
      callEnd: null,
      msd: 'none',
      voiceSince: null,
      contactsNotified: false,
      cancellable: false,
      holdToEndMs: null,
      holdEndsAt: null,
      crash: null,
      audioMuted: false,
      transport: null,
      msdUpdatedAt: null,
    });
  });

  it('cyclic with the other signals, same seq; a change goes out at once with seq + 1', () => {
    const t = setup();
    t.clock.advance(2500);
    assert.deepEqual(
      t.reports().map((r) => [r.ts, r.seq]),
      [
        [0, 0],
        [1000, 0],
        [2000, 0],
      ],
    );
    t.sim.pressSos();
    t.clock.advance(1000);
    assert.deepEqual(
      t
        .reports()
        .slice(3)
        .map((r) => [r.ts, r.seq, r.phase]),
      [
        [2500, 1, 'cancelWindow'],
        [3000, 1, 'cancelWindow'],
      ],
    );
    assert.deepEqual(t.sim.session, t.last(), 'the getter is the latest report');
  });

  it('seq counts modulo 65536', () => {
    const t = setup();
    t.sim.pressSos();
    t.send({ type: 'callNow' });
    t.clock.advance(VOICE);
    const start = t.last().seq;
    // Each hold start and release is a change.
    for (let i = 0; i < 32_768; i++) {
      t.sim.holdSos();
      t.sim.releaseSos();
    }
    const seqs = t.changes().map((r) => r.seq);
    assert.equal(t.last().seq, start, '65536 changes later the counter is back');
    assert.ok(seqs.every((s) => s >= 0 && s <= 65_535));
    assert.ok(t.reports().some((r) => r.seq === 65_535));
  });

  it('a fault that changes nothing in the session does not change the report', () => {
    const t = setup();
    t.sim.inject('bluetooth-fault');
    t.sim.inject('no-gps');
    t.clock.advance(3000);
    assert.ok(t.reports().every((r) => r.seq === 0));
  });
});

describe('telematics unit: behind the mock bridge', () => {
  function bridged(telematics: VehicleSimulatorOptions['telematics'] = {}) {
    const clock = new SimulatedClock(0);
    const logged: string[] = [];
    const bridge = new MockBridge({ clock, log: (m) => logged.push(m), simulatorOptions: { telematics } });
    const signals: VehicleSignal[] = [];
    bridge.subscribe((e) => {
      if (e.kind === 'signal') signals.push(e.signal);
    });
    clock.advance(0);
    return { clock, bridge, sim: bridge.sim!, signals, logged };
  }

  it('the calibration reaches the unit; its reports pass the boundary; requests are answered', () => {
    const t = bridged({ cancelWindowMs: 8000 });
    t.sim.pressSos();
    const report = t.signals.filter((s) => s.type === 'callSession').at(-1);
    assert.ok(report?.type === 'callSession');
    assert.deepEqual([report.phase, report.cancelWindowEndsAt], ['cancelWindow', 8000]);
    t.bridge.send({ type: 'cancelCall' });
    t.clock.advance(100);
    const ack = t.signals.find((s) => s.type === 'commandAck');
    assert.ok(ack?.type === 'commandAck' && ack.ok);
    assert.equal(t.sim.session.phase, 'cancelled');
    assert.deepEqual(t.bridge.rejected, [], 'nothing refused');
  });

  it('a dead unit does not answer: the bridge times the request out', () => {
    const t = bridged();
    t.sim.inject('control-module-failure');
    t.bridge.send({ type: 'startTestCall' });
    t.clock.advance(COMMAND_ACK_TIMEOUT_MS + 100);
    const ack = t.signals.find((s) => s.type === 'commandAck');
    assert.ok(ack?.type === 'commandAck');
    assert.deepEqual([ack.command, ack.ok, ack.error], ['startTestCall', false, 'timeout']);
    assert.equal(t.signals.filter((s) => s.type === 'callSession').length, 1, 'only the report from before');
  });

  it('a crash with an out-of-range severity reaches the page with it unknown, the call going on', () => {
    const t = bridged();
    t.sim.crash({ severity: 9 });
    const report = t.signals.filter((s) => s.type === 'callSession').at(-1);
    assert.ok(report?.type === 'callSession');
    assert.deepEqual([report.phase, report.kind, report.crash?.severity], ['dialing', 'automatic', null]);
    assert.ok(t.bridge.incomplete.length > 0);
  });
});
