/**
 * The call machine mirrors the telematics unit's session report and forwards what occupants ask.
 * These tests play the unit by hand (reports, acknowledgements) and assert what the screens would
 * show and what reaches the vehicle — above all, that nothing the page sends ever starts a call.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SosConfig } from '../../src/machines/config.js';
import { Hmi } from './helpers/hmiHarness.js';

/** A ready car at t = 3 s (after the bulb check); `t0` is when the test scenario starts. */
function ready(config: Partial<SosConfig> = {}): { hmi: Hmi; t0: number } {
  const hmi = new Hmi(config).readyCar();
  hmi.session({});
  return { hmi, t0: hmi.clock.now() };
}

function ack(hmi: Hmi, command: string, ok: boolean, error?: string): void {
  hmi.signal({
    type: 'commandAck',
    commandId: 'c1',
    command: command as 'cancelCall',
    ok,
    ...(error ? { error } : {}),
  });
}

/** The unit's manual session, as it reports it right after a press. */
function manualWindow(hmi: Hmi, windowMs = 10_000): void {
  const now = hmi.clock.now();
  hmi.session({
    phase: 'cancelWindow',
    kind: 'manual',
    triggeredAt: now,
    cancelWindowEndsAt: now + windowMs,
    cancellable: true,
    holdToEndMs: 2000,
  });
}

describe('the page starts no call', () => {
  it('an SOS press and a crash send nothing to the vehicle', () => {
    const { hmi } = ready();
    hmi.press();
    hmi.release(200);
    hmi.crash();
    hmi.advance(60_000);
    assert.deepEqual(hmi.commands, []);
    hmi.stop();
  });
});

describe('cancel window, as the unit counts it down', () => {
  it('draws the countdown from the deadline, second by second, between reports', () => {
    const { hmi } = ready();
    manualWindow(hmi);
    assert.equal(hmi.call().screen, 'cancelWindow');
    assert.equal(hmi.call().countdownTotalS, 10);
    const seen: Array<number | null> = [hmi.call().countdownS];
    hmi.stopHeartbeat(); // no repeats: only the page's presentation clock moves the countdown
    for (let s = 1; s < 4; s += 1) {
      hmi.advance(1000);
      seen.push(hmi.call().countdownS);
    }
    assert.deepEqual(seen, [10, 9, 8, 7]);
    assert.equal(hmi.call().canCancel, true);
    assert.equal(hmi.call().canCallNow, true);
    hmi.stop();
  });

  it('a page that loads 4 s into the window shows 6 s left', () => {
    const hmi = new Hmi().readyCar();
    const now = hmi.clock.now();
    hmi.session({
      phase: 'cancelWindow',
      kind: 'manual',
      triggeredAt: now - 4000,
      cancelWindowEndsAt: now + 6000,
      cancellable: true,
    });
    assert.equal(hmi.call().screen, 'cancelWindow');
    assert.equal(hmi.call().countdownS, 6);
    assert.equal(hmi.call().countdownTotalS, 10);
    hmi.stop();
  });

  it('cancel is a request; the unit’s report brings the cancelled notice, then nothing', () => {
    const { hmi } = ready();
    manualWindow(hmi);
    hmi.user('user.cancel');
    assert.deepEqual(
      hmi.commands.map((c) => c.command),
      [{ type: 'cancelCall' }],
    );
    assert.equal(hmi.call().screen, 'cancelWindow', 'the unit decides; nothing changes before it reports');
    ack(hmi, 'cancelCall', true);
    hmi.session({ phase: 'cancelled', cancellable: false, cancelWindowEndsAt: null });
    assert.equal(hmi.call().screen, 'cancelled');
    hmi.advance(hmi.config.cancelledNoticeMs);
    assert.equal(hmi.call().screen, 'none');
    hmi.advance(10_000);
    assert.equal(hmi.call().screen, 'none', 'the repeated "cancelled" report does not bring the notice back');
    hmi.stop();
  });

  it('call now asks the unit to dial at once', () => {
    const { hmi } = ready();
    manualWindow(hmi);
    hmi.user('user.callNow');
    assert.deepEqual(
      hmi.commands.map((c) => c.command),
      [{ type: 'callNow' }],
    );
    hmi.stop();
  });

  it('a refused request is shown with the unit’s reason, then goes', () => {
    const { hmi } = ready();
    manualWindow(hmi);
    hmi.user('user.cancel');
    ack(hmi, 'cancelCall', false, 'not cancellable');
    assert.equal(hmi.call().refusal, 'not cancellable');
    hmi.advance(hmi.config.refusalNoticeMs - 1);
    assert.equal(hmi.call().refusal, 'not cancellable');
    hmi.advance(1);
    assert.equal(hmi.call().refusal, null);
    hmi.stop();
  });

  it('nothing to cancel: no request leaves', () => {
    const { hmi } = ready();
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: hmi.clock.now() });
    hmi.user('user.cancel');
    hmi.user('user.callNow');
    assert.deepEqual(hmi.commands, []);
    assert.equal(hmi.call().canCancel, false);
    hmi.stop();
  });
});

describe('the call, phase by phase', () => {
  it('follows dialing → data sent → acknowledged → voice, with the voice timer from voiceSince', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({
      phase: 'dialing',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: t,
      audioMuted: true,
      crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 },
    });
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().phase, 'connecting');
    assert.equal(hmi.call().audioMuted, true);
    assert.equal(hmi.call().sent?.occupants, 2);
    hmi.session({ phase: 'connected', msd: 'sent' });
    assert.equal(hmi.call().phase, 'dataSent');
    hmi.session({ msd: 'ackPositive' });
    assert.equal(hmi.call().phase, 'acknowledged');
    assert.equal(hmi.call().noVoiceHint, false);
    hmi.advance(hmi.config.noVoiceHintMs);
    assert.equal(hmi.call().noVoiceHint, true, 'no voice yet: help is on the way anyway');
    hmi.session({ phase: 'voice', voiceSince: hmi.clock.now() });
    assert.equal(hmi.call().phase, 'voice');
    assert.equal(hmi.call().noVoiceHint, false);
    hmi.stopHeartbeat(); // the page's own clock moves the timer between reports
    hmi.advance(4000);
    assert.equal(hmi.call().elapsedS, 4);
    hmi.stop();
  });

  it('a page that loads mid-call shows the call in its true phase and elapsed time', () => {
    const hmi = new Hmi().readyCar();
    const now = hmi.clock.now();
    hmi.session({
      phase: 'voice',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: now - 9000,
      msd: 'ackPositive',
      voiceSince: now - 6000,
      contactsNotified: true,
    });
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().phase, 'voice');
    assert.equal(hmi.call().elapsedS, 6);
    assert.equal(hmi.call().contactsNotified, true);
    assert.deepEqual(hmi.commands, []);
    hmi.stop();
  });

  it('redialing counts down to the unit’s next attempt', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({
      phase: 'redialWait',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: t,
      failureReason: 'no answer',
      nextAttemptAt: t + 12_000,
      redialWindowEndsAt: t + 120_000,
    });
    assert.equal(hmi.call().screen, 'redialing');
    assert.equal(hmi.call().redialInS, 12);
    assert.equal(hmi.call().failureReason, 'no answer');
    hmi.stopHeartbeat();
    hmi.advance(2000);
    assert.equal(hmi.call().redialInS, 10);
    hmi.stop();
  });

  it('failed stays until dismissed, and a repeated report never brings it back', () => {
    const { hmi } = ready();
    hmi.session({
      phase: 'failed',
      kind: 'automatic',
      attempt: 5,
      failureReason: 'no network',
      triggeredAt: hmi.clock.now(),
    });
    assert.equal(hmi.call().screen, 'failed');
    assert.equal(hmi.call().emergencyNumber, '112');
    hmi.advance(60_000);
    assert.equal(hmi.call().screen, 'failed');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'none');
    hmi.advance(10_000);
    assert.equal(hmi.call().screen, 'none');
    hmi.stop();
  });

  it('clear-down: summary → call-back window → a call-back → back to waiting → idle', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({
      phase: 'voice',
      kind: 'manual',
      attempt: 1,
      triggeredAt: t,
      voiceSince: t,
      msd: 'ackPositive',
    });
    hmi.advance(65_000);
    hmi.clearDown();
    assert.equal(hmi.call().screen, 'ended');
    assert.equal(hmi.call().elapsedS, 65, 'the summary shows how long the call lasted');
    assert.equal(hmi.call().callEnd, 'clearDown');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'callbackWaiting');
    assert.equal(hmi.call().callbackRemainingS, 3600);
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'none', 'the status screen is back; a call-back is still answered');
    hmi.session({ phase: 'callbackRinging' });
    assert.equal(hmi.call().screen, 'callback');
    hmi.session({ phase: 'callback', voiceSince: hmi.clock.now() });
    assert.equal(hmi.call().phase, 'voice');
    hmi.session({ phase: 'ended', voiceSince: null });
    assert.equal(hmi.call().screen, 'callbackWaiting');
    hmi.session({ phase: 'idle', kind: null, callbackWindowEndsAt: null });
    assert.equal(hmi.call().screen, 'none');
    hmi.stop();
  });

  it('hold-to-end progress is drawn from the unit’s hold deadline', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({
      phase: 'voice',
      kind: 'manual',
      attempt: 1,
      triggeredAt: t,
      voiceSince: t,
      holdToEndMs: 2000,
    });
    assert.equal(hmi.call().canEndByHold, true);
    assert.equal(hmi.call().holdToEndS, 2);
    assert.equal(hmi.call().holdProgress, null);
    hmi.session({ holdEndsAt: hmi.clock.now() + 2000 });
    assert.equal(hmi.call().holdProgress, 0);
    hmi.stopHeartbeat();
    hmi.advance(500);
    assert.equal(hmi.call().holdProgress, 0.25);
    hmi.stop();
  });

  it('an automatic call cannot be ended by holding', () => {
    const { hmi } = ready();
    hmi.session({
      phase: 'voice',
      kind: 'automatic',
      attempt: 1,
      voiceSince: hmi.clock.now(),
      holdToEndMs: null,
    });
    assert.equal(hmi.call().canEndByHold, false);
    hmi.stop();
  });
});

describe('a crash the car does not confirm', () => {
  it('no emergency call from the unit within 5 s: call 112 from a phone, with the crash and the position', () => {
    const { hmi } = ready();
    hmi.crash(3);
    hmi.advance(hmi.config.unconfirmedMs - 1);
    assert.equal(hmi.call().screen, 'none');
    hmi.advance(1);
    const view = hmi.call();
    assert.equal(view.screen, 'unconfirmed');
    assert.equal(view.crash?.occupants, 3);
    assert.equal(view.emergencyNumber, '112');
    assert.ok(view.position, 'the position to read out');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'none');
    hmi.stop();
  });

  it('the unit’s automatic call within 5 s: no unconfirmed screen', () => {
    const { hmi } = ready();
    hmi.crash();
    hmi.advance(300);
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: hmi.clock.now() - 300 });
    hmi.advance(30_000);
    assert.equal(hmi.call().screen, 'active');
    hmi.stop();
  });

  it('a crash during a manual call the unit upgrades: the call screen stays', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({ phase: 'voice', kind: 'manual', attempt: 1, triggeredAt: t, voiceSince: t });
    hmi.advance(2000);
    hmi.crash();
    hmi.session({
      kind: 'automatic',
      holdToEndMs: null,
      crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 },
    });
    hmi.advance(10_000);
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().kind, 'automatic');
    hmi.stop();
  });

  it('crash fields the airbag unit sent out of range are shown as unknown', () => {
    const { hmi } = ready();
    hmi.signal({ type: 'crash', severity: null, airbagDeployed: true, rollover: null, occupants: null });
    hmi.session({
      phase: 'dialing',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: hmi.clock.now(),
      crash: { severity: null, airbagDeployed: true, rollover: null, occupants: null },
    });
    assert.deepEqual(hmi.call().crash, {
      severity: null,
      airbagDeployed: true,
      rollover: null,
      occupants: null,
    });
    assert.equal(hmi.call().sent?.occupants, null);
    hmi.stop();
  });
});

describe('a unit that falls silent mid-call', () => {
  it('reports stopping for 5 s of the car’s time during a call: the car no longer confirms it; reports back: the call again', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({ phase: 'voice', kind: 'automatic', attempt: 1, triggeredAt: t, voiceSince: t });
    hmi.silenceUnit();
    hmi.advance(hmi.config.unconfirmedMs - 1);
    assert.equal(hmi.call().screen, 'active');
    hmi.advance(1);
    assert.equal(hmi.call().screen, 'unconfirmed');
    hmi.session({});
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().phase, 'voice');
    hmi.stop();
  });

  it('a page that froze: its clock jumps, but nothing is "not confirmed" before the car’s time says so', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({ phase: 'voice', kind: 'automatic', attempt: 1, triggeredAt: t, voiceSince: t });
    hmi.crash();
    hmi.stopHeartbeat(); // frozen: nothing is handled, then the page's clock moves on in one step
    hmi.advance(6000);
    assert.equal(hmi.call().screen, 'active', 'the queued reports have not been handled yet');
    hmi.session({}); // the backlog: the unit was there all along
    hmi.startHeartbeat();
    hmi.advance(10_000);
    assert.equal(hmi.call().screen, 'active');
    hmi.stop();
  });

  it('a crash, and the page frozen past 5 s: the unit’s queued report confirms the call, no false alarm', () => {
    const { hmi } = ready();
    hmi.stopHeartbeat();
    hmi.crash();
    hmi.advance(6000);
    assert.equal(hmi.call().screen, 'none');
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: hmi.clock.now() - 6000 });
    hmi.startHeartbeat();
    hmi.advance(10_000);
    assert.equal(hmi.call().screen, 'active');
    hmi.stop();
  });

  it('with the vehicle link lost (or still connecting) nobody is heard: the call screen stays; once up, the unit gets 5 s again', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({ phase: 'voice', kind: 'automatic', attempt: 1, triggeredAt: t, voiceSince: t });
    hmi.silenceUnit();
    hmi.actor.send({ type: 'bridge.connection', state: 'lost' });
    hmi.advance(30_000);
    assert.equal(hmi.call().screen, 'active');
    hmi.actor.send({ type: 'bridge.connection', state: 'connecting' });
    hmi.advance(10_000);
    assert.equal(hmi.call().screen, 'active', 'connecting is not back yet');
    hmi.actor.send({ type: 'bridge.connection', state: 'connected' });
    hmi.advance(hmi.config.unconfirmedMs - 1);
    assert.equal(hmi.call().screen, 'active');
    hmi.advance(1);
    assert.equal(hmi.call().screen, 'unconfirmed', 'the link is up and the unit says nothing');
    hmi.stop();
  });

  it('a session that vanishes (idle while calling) is never lost silently', () => {
    const { hmi } = ready();
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: hmi.clock.now() });
    hmi.session({ phase: 'idle', kind: null, attempt: 0 });
    assert.equal(hmi.call().screen, 'unconfirmed');
    hmi.stop();
  });
});

describe('test call', () => {
  it('is a request; the unit reports it; end is a request; passed when the centre acknowledged', () => {
    const { hmi } = ready();
    hmi.user('user.testCall');
    assert.deepEqual(
      hmi.commands.map((c) => c.command),
      [{ type: 'startTestCall' }],
    );
    ack(hmi, 'startTestCall', true);
    hmi.session({ phase: 'dialing', kind: 'test', attempt: 1, triggeredAt: hmi.clock.now() });
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().kind, 'test');
    hmi.session({ phase: 'voice', msd: 'ackPositive', voiceSince: hmi.clock.now() });
    hmi.user('user.endTestCall');
    assert.deepEqual(hmi.commands.at(-1)?.command, { type: 'endCall' });
    hmi.session({ phase: 'ended', callEnd: 'hungUp', voiceSince: null });
    assert.equal(hmi.call().screen, 'testEnded');
    assert.equal(hmi.call().testOutcome, 'passed');
    hmi.stop();
  });

  it('refused as busy during an emergency call: the reason is shown', () => {
    const { hmi } = ready();
    hmi.session({ phase: 'ended', kind: 'automatic', callbackWindowEndsAt: hmi.clock.now() + 60_000 });
    hmi.user('user.testCall');
    ack(hmi, 'startTestCall', false, 'busy');
    assert.equal(hmi.call().refusal, 'busy');
    hmi.stop();
  });

  it('a test call that fails is a failed test, never an emergency failure', () => {
    const { hmi } = ready();
    hmi.session({ phase: 'failed', kind: 'test', attempt: 1, failureReason: 'no network' });
    assert.equal(hmi.call().screen, 'testEnded');
    assert.equal(hmi.call().testOutcome, 'failed');
    hmi.stop();
  });
});

describe('LED mirror and fault memory', () => {
  it('the LED mirror shows what the car reports', () => {
    const { hmi } = ready();
    hmi.signal({ type: 'sosLed', led: 'green-blinking' });
    assert.equal(hmi.call().led, 'green-blinking');
    assert.equal(hmi.state().led, 'green-blinking');
    hmi.stop();
  });

  it('session changes are written to the fault memory once each', () => {
    const { hmi } = ready();
    const t = hmi.clock.now();
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: t });
    hmi.session({ phase: 'redialWait', failureReason: 'no answer' });
    hmi.session({ phase: 'dialing', attempt: 2, failureReason: null });
    hmi.session({ phase: 'voice', voiceSince: hmi.clock.now() });
    hmi.advance(3000);
    hmi.session({ phase: 'ended', callEnd: 'clearDown', voiceSince: null });
    const calls = hmi
      .state()
      .faultLog.filter((e) => e.kind === 'call' || e.kind === 'callOutcome')
      .map((e) => e.outcome ?? e.callKind);
    assert.equal(calls.length, 5, JSON.stringify(calls));
    hmi.stop();
  });
});
