import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SosConfig } from '../../src/machines/config.js';
import { Hmi } from './helpers/hmiHarness.js';

/** A ready car at t = 3 s (after the bulb check); `t0` is when the test scenario starts. */
function ready(config: Partial<SosConfig> = {}): { hmi: Hmi; t0: number } {
  const hmi = new Hmi(config).readyCar();
  return { hmi, t0: hmi.clock.now() };
}

function connectToVoice(hmi: Hmi): void {
  hmi.progress('dialing');
  hmi.progress('connected');
  hmi.progress('msdSent');
  hmi.progress('msdAcknowledged');
  hmi.progress('voiceConnected');
}

describe('manual call: cancel window', () => {
  it('counts down 10 → 0 and dials exactly once at 10 s', () => {
    const { hmi, t0 } = ready();
    hmi.press();
    const seen: Array<number | null> = [hmi.call().countdownS];
    assert.equal(hmi.call().screen, 'cancelWindow');
    assert.equal(hmi.call().countdownTotalS, 10);
    assert.equal(hmi.call().canCancel, true);
    assert.equal(hmi.call().canCallNow, true);
    for (let s = 1; s < 10; s += 1) {
      hmi.advance(1000);
      seen.push(hmi.call().countdownS);
    }
    assert.deepEqual(seen, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(hmi.sent('startCall').length, 0, 'no call during the cancel window');
    assert.equal(hmi.sent('muteAudio').length, 0, 'audio is not muted during the cancel window');
    hmi.advance(999);
    assert.equal(hmi.sent('startCall').length, 0);
    hmi.advance(1);
    assert.deepEqual(hmi.sent('startCall'), [
      { at: t0 + 10_000, command: { type: 'startCall', kind: 'manual' } },
    ]);
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().phase, 'connecting');
    assert.equal(hmi.call().attempt, 1);
    assert.equal(hmi.call().audioMuted, true);
    hmi.advance(20_000);
    assert.equal(hmi.sent('startCall').length, 1);
    hmi.stop();
  });

  it('cancel at 5 s: call cancelled, no call ever started', () => {
    const { hmi } = ready();
    hmi.press();
    hmi.advance(5000);
    hmi.user('user.cancel');
    assert.equal(hmi.call().screen, 'cancelled');
    assert.equal(hmi.call().led, 'off');
    hmi.advance(2999);
    assert.equal(hmi.call().screen, 'cancelled');
    hmi.advance(1);
    assert.equal(hmi.call().screen, 'none');
    hmi.advance(60_000);
    assert.equal(hmi.sent('startCall').length, 0);
    assert.equal(hmi.sent('endCall').length, 0);
    assert.equal(hmi.sent('muteAudio').length, 0);
    hmi.stop();
  });

  it('dismiss closes the cancelled notice at once', () => {
    const { hmi } = ready();
    hmi.press();
    hmi.user('user.cancel');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'none');
    hmi.stop();
  });

  it('call now dials at once', () => {
    const { hmi, t0 } = ready();
    hmi.press();
    hmi.advance(2000);
    hmi.user('user.callNow');
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.at),
      [t0 + 2000],
    );
    assert.equal(hmi.call().sent?.time, t0, 'trigger time is the press');
    hmi.stop();
  });

  it('cancel window 0: dials at once and allows cancel until connected', () => {
    const { hmi, t0 } = ready({ cancelWindowMs: 0 });
    hmi.press();
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.at),
      [t0],
    );
    assert.equal(hmi.call().canCancel, true);
    assert.equal(hmi.call().canCallNow, false);
    hmi.progress('ringing');
    hmi.user('user.cancel');
    assert.equal(hmi.call().screen, 'cancelled');
    assert.deepEqual(
      hmi.commandsSince(t0).map((c) => c.type),
      ['muteAudio', 'startCall', 'setLed', 'endCall', 'muteAudio', 'setLed'],
    );
    hmi.stop();
  });

  it('cancel window 0: once connected, cancel is no longer possible', () => {
    const { hmi } = ready({ cancelWindowMs: 0 });
    hmi.press();
    hmi.progress('connected');
    assert.equal(hmi.call().canCancel, false);
    hmi.user('user.cancel');
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.sent('endCall').length, 0);
    hmi.stop();
  });

  it('trigger hold protection: a short press does nothing, a long one opens the cancel window', () => {
    const { hmi } = ready({ triggerHoldMs: 1000 });
    hmi.press();
    hmi.advance(500);
    hmi.release(500);
    assert.equal(hmi.call().screen, 'none');
    hmi.advance(5000);
    assert.equal(hmi.call().screen, 'none');
    hmi.press();
    hmi.advance(999);
    assert.equal(hmi.call().screen, 'none');
    hmi.advance(1);
    assert.equal(hmi.call().screen, 'cancelWindow');
    hmi.release(1000);
    assert.equal(hmi.call().screen, 'cancelWindow');
    hmi.stop();
  });
});

describe('manual call: hold to end', () => {
  it('holding 1.9 s changes nothing, holding 2.0 s ends the call', () => {
    const { hmi } = ready();
    hmi.press();
    hmi.user('user.callNow');
    connectToVoice(hmi);
    assert.equal(hmi.call().canEndByHold, true);
    assert.equal(hmi.call().holdToEndPolicy, 'always');
    hmi.press();
    hmi.advance(1000);
    assert.equal(hmi.call().holdProgress, 0.5);
    hmi.advance(900);
    hmi.release(1900);
    assert.equal(hmi.call().holdProgress, null);
    assert.equal(hmi.call().phase, 'voice');
    hmi.advance(5000);
    assert.equal(hmi.sent('endCall').length, 0);
    const t = hmi.clock.now();
    hmi.press();
    hmi.advance(1999);
    assert.equal(hmi.sent('endCall').length, 0);
    hmi.advance(1);
    assert.deepEqual(
      hmi.sent('endCall').map((c) => c.at),
      [t + 2000],
    );
    assert.equal(hmi.call().screen, 'ended');
    assert.equal(hmi.call().audioMuted, false);
    hmi.stop();
  });

  it('hold-to-end before the centre answered ends as cancelled', () => {
    const { hmi } = ready();
    hmi.press();
    hmi.user('user.callNow');
    hmi.press();
    hmi.advance(2000);
    assert.equal(hmi.sent('endCall').length, 1);
    assert.equal(hmi.call().screen, 'cancelled');
    hmi.stop();
  });

  it('policy untilConnected: hold works before voice, not after', () => {
    const { hmi } = ready({ holdToEndPolicy: 'untilConnected' });
    hmi.press();
    hmi.user('user.callNow');
    hmi.progress('connected');
    assert.equal(hmi.call().canEndByHold, true);
    assert.equal(hmi.call().holdToEndPolicy, 'untilConnected');
    hmi.progress('voiceConnected');
    assert.equal(hmi.call().canEndByHold, false);
    hmi.press();
    hmi.advance(5000);
    assert.equal(hmi.call().holdProgress, null);
    assert.equal(hmi.sent('endCall').length, 0);
    assert.equal(hmi.call().phase, 'voice');
    hmi.stop();
  });
});

describe('automatic call', () => {
  it('a crash dials at once, shows crash data and cannot be cancelled or ended by hold', () => {
    const { hmi, t0 } = ready();
    hmi.crash(3);
    assert.deepEqual(hmi.sent('startCall'), [{ at: t0, command: { type: 'startCall', kind: 'automatic' } }]);
    const view = hmi.call();
    assert.equal(view.screen, 'active');
    assert.equal(view.kind, 'automatic');
    assert.equal(view.canCancel, false);
    assert.equal(view.canCallNow, false);
    assert.equal(view.canEndByHold, false);
    assert.deepEqual(view.crash, { severity: 3, airbagDeployed: true, rollover: false, occupants: 3 });
    assert.equal(view.sent?.occupants, 3);
    assert.equal(view.sent?.kind, 'automatic');
    assert.equal(view.sent?.position?.trusted, true);
    hmi.user('user.cancel');
    hmi.press();
    hmi.advance(5000);
    hmi.release(5000);
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.sent('endCall').length, 0);
    assert.equal(hmi.sent('startCall').length, 1, 'a second trigger is ignored');
    hmi.crash();
    assert.equal(hmi.sent('startCall').length, 1);
    hmi.stop();
  });

  it('continues when the ignition is switched off; only the centre ends it', () => {
    const { hmi } = ready();
    hmi.crash();
    connectToVoice(hmi);
    hmi.set({ type: 'ignition', state: 'off' });
    hmi.advance(30_000);
    assert.equal(hmi.call().phase, 'voice');
    assert.equal(hmi.call().elapsedS, 30);
    hmi.progress('endedByCentre');
    assert.equal(hmi.call().screen, 'ended');
    hmi.stop();
  });

  it('a crash during the cancel window dials an automatic call at once', () => {
    const { hmi, t0 } = ready();
    hmi.press();
    hmi.advance(3000);
    hmi.crash();
    assert.deepEqual(hmi.sent('startCall'), [
      { at: t0 + 3000, command: { type: 'startCall', kind: 'automatic' } },
    ]);
    assert.equal(hmi.call().canCancel, false);
    hmi.stop();
  });

  it('a crash during a manual call upgrades it: no hold-to-end, redials as automatic', () => {
    const { hmi } = ready();
    hmi.press();
    hmi.user('user.callNow');
    hmi.progress('connected');
    hmi.crash(1);
    assert.equal(hmi.call().kind, 'automatic');
    assert.equal(hmi.call().canEndByHold, false);
    assert.deepEqual(hmi.call().crash?.occupants, 1);
    assert.equal(hmi.sent('startCall').length, 1, 'the running call is kept');
    hmi.progress('dropped', 'network');
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.command.kind),
      ['manual', 'automatic'],
    );
    hmi.stop();
  });
});

describe('call phases', () => {
  it('connecting → data sent → acknowledged → voice with a running timer → ended', () => {
    const { hmi } = ready();
    hmi.crash();
    assert.equal(hmi.call().phase, 'connecting');
    hmi.progress('dialing');
    hmi.progress('ringing');
    assert.equal(hmi.call().phase, 'connecting');
    hmi.progress('connected');
    assert.equal(hmi.call().phase, 'dataSent');
    hmi.progress('msdSent');
    assert.equal(hmi.call().phase, 'dataSent');
    hmi.progress('msdAcknowledged');
    assert.equal(hmi.call().phase, 'acknowledged');
    hmi.progress('voiceConnected');
    assert.equal(hmi.call().phase, 'voice');
    hmi.advance(2500);
    assert.equal(hmi.call().elapsedS, 2);
    hmi.progress('contactsNotified');
    assert.equal(hmi.call().contactsNotified, true);
    hmi.progress('endedByCentre');
    assert.equal(hmi.call().screen, 'ended');
    assert.equal(hmi.call().phase, null);
    hmi.stop();
  });

  it('no voice within noVoiceHintMs after acknowledgement: help is on the way', () => {
    const { hmi } = ready();
    hmi.crash();
    hmi.progress('connected');
    hmi.progress('msdAcknowledged');
    hmi.advance(9999);
    assert.equal(hmi.call().noVoiceHint, false);
    hmi.advance(1);
    assert.equal(hmi.call().noVoiceHint, true);
    hmi.progress('voiceConnected');
    assert.equal(hmi.call().noVoiceHint, false);
    hmi.stop();
  });

  it('a known microphone or speaker fault shows the no-voice hint at once', () => {
    const { hmi } = ready();
    hmi.unit('amplifier', 'fault');
    hmi.crash();
    assert.equal(hmi.call().noVoiceHint, true);
    hmi.stop();
  });

  it('the LED and audio follow a full manual call', () => {
    const { hmi, t0 } = ready();
    hmi.press();
    hmi.advance(10_000);
    connectToVoice(hmi);
    hmi.advance(60_000);
    hmi.progress('endedByCentre');
    assert.deepEqual(hmi.commandsSince(t0), [
      { type: 'setLed', led: 'green-blinking' },
      { type: 'muteAudio', muted: true },
      { type: 'startCall', kind: 'manual' },
      { type: 'setLed', led: 'green-steady' },
      { type: 'muteAudio', muted: false },
      { type: 'setLed', led: 'off' },
    ]);
    hmi.stop();
  });

  it('the LED returns to red after a call while a malfunction is present', () => {
    const { hmi } = ready();
    hmi.unit('microphone', 'fault');
    assert.equal(hmi.call().led, 'red');
    hmi.crash();
    assert.equal(hmi.call().led, 'green-blinking');
    hmi.progress('voiceConnected');
    hmi.progress('endedByCentre');
    assert.equal(hmi.call().led, 'red');
    hmi.stop();
  });
});

describe('redial (EN 16062)', () => {
  it('failures at 0 s: next attempts 30 s after the previous start; failure screen after 2 min', () => {
    const { hmi, t0 } = ready({ cancelWindowMs: 0 });
    const fail = (): void =>
      hmi.signal({ type: 'commandAck', commandId: 'x', command: 'startCall', ok: false, error: 'timeout' });
    hmi.press();
    fail();
    assert.equal(hmi.call().screen, 'redialing');
    assert.equal(hmi.call().redialInS, 30);
    assert.equal(hmi.call().failureReason, 'timeout');
    assert.equal(hmi.call().led, 'green-blinking');
    hmi.advance(10_000);
    assert.equal(hmi.call().redialInS, 20);
    hmi.advance(19_999);
    assert.equal(hmi.sent('startCall').length, 1);
    hmi.advance(1);
    assert.equal(hmi.call().attempt, 2);
    assert.equal(hmi.call().screen, 'active');
    for (let i = 0; i < 3; i += 1) {
      fail();
      hmi.advance(30_000);
    }
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.at - t0),
      [0, 30_000, 60_000, 90_000],
    );
    // The attempt started at 90 s fails too; the window (2 min from the first failure) is over at 120 s.
    assert.equal(hmi.call().screen, 'failed');
    assert.equal(hmi.call().emergencyNumber, '112');
    assert.equal(hmi.call().position?.latitude, 48.1771);
    assert.equal(hmi.call().led, 'red');
    assert.equal(hmi.call().audioMuted, false);
    hmi.advance(600_000);
    assert.equal(hmi.call().screen, 'failed', 'stays until dismissed');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'none');
    assert.equal(hmi.call().led, 'off');
    hmi.stop();
  });

  it('an attempt running when the window closes may still succeed', () => {
    const { hmi, t0 } = ready({ attemptTimeoutMs: 50_000 });
    hmi.crash();
    hmi.progress('failed', 'no network');
    assert.equal(hmi.call().failureReason, 'no network');
    // Attempt 2 at 30 s times out at 80 s; attempt 3 at 80 s still runs when the window closes at 120 s.
    hmi.advance(125_000);
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.at - t0),
      [0, 30_000, 80_000],
    );
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().attempt, 3);
    hmi.progress('failed');
    assert.equal(hmi.call().screen, 'failed', 'no redial after the window');
    hmi.stop();
  });

  it('an attempt without progress for attemptTimeoutMs fails and is redialled', () => {
    const { hmi, t0 } = ready();
    hmi.crash();
    hmi.progress('dialing');
    hmi.advance(30_000);
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.at - t0),
      [0, 30_000],
    );
    assert.equal(hmi.call().failureReason, 'timeout');
    hmi.stop();
  });

  it('a timed-out attempt is hung up before the redial: a late answer cannot be left on the line', () => {
    const { hmi, t0 } = ready();
    hmi.crash();
    hmi.progress('ringing');
    hmi.advance(30_000);
    assert.deepEqual(
      hmi.commandsSince(t0).filter((c) => c.type === 'startCall' || c.type === 'endCall'),
      [
        { type: 'startCall', kind: 'automatic' },
        { type: 'endCall' },
        { type: 'startCall', kind: 'automatic' },
      ],
    );
    hmi.stop();
  });

  it('a drop after acknowledgement does not carry the no-voice hint into the next attempt', () => {
    const { hmi } = ready();
    hmi.crash();
    hmi.progress('connected');
    hmi.progress('msdAcknowledged');
    hmi.advance(2000);
    hmi.progress('dropped', 'network lost');
    hmi.advance(9000);
    assert.equal(hmi.call().phase, 'connecting');
    assert.equal(hmi.call().noVoiceHint, false);
    hmi.stop();
  });

  it('region na: the failure screen says 911', () => {
    const { hmi } = ready({ region: 'na', redialWindowMs: 1000 });
    hmi.crash();
    hmi.progress('failed');
    hmi.advance(1000);
    assert.equal(hmi.call().screen, 'failed');
    assert.equal(hmi.call().emergencyNumber, '911');
    hmi.stop();
  });

  it('a connected call that drops is redialled at once, with a fresh window', () => {
    const { hmi, t0 } = ready();
    hmi.crash();
    hmi.progress('failed');
    hmi.advance(30_000);
    connectToVoice(hmi);
    hmi.advance(100_000);
    hmi.progress('dropped', 'lost network');
    assert.deepEqual(
      hmi.sent('startCall').map((c) => c.at - t0),
      [0, 30_000, 130_000],
    );
    assert.equal(hmi.call().attempt, 3);
    // The first window would have closed at 120 s; the new one runs from the drop at 130 s.
    hmi.progress('failed');
    assert.equal(hmi.call().screen, 'redialing');
    hmi.advance(30_000);
    assert.equal(hmi.sent('startCall').length, 4);
    hmi.stop();
  });

  it('hold-to-end works while waiting to redial a manual call', () => {
    const { hmi } = ready({ cancelWindowMs: 0 });
    hmi.press();
    hmi.progress('failed');
    hmi.press();
    hmi.advance(2000);
    assert.equal(hmi.call().screen, 'cancelled');
    hmi.advance(60_000);
    assert.equal(hmi.sent('startCall').length, 1);
    hmi.stop();
  });
});

describe('call-back window', () => {
  it('after the centre ends the call: summary, call-back answered automatically, window of 60 min', () => {
    const { hmi } = ready();
    hmi.crash();
    connectToVoice(hmi);
    hmi.progress('endedByCentre');
    assert.equal(hmi.call().screen, 'ended');
    assert.equal(hmi.call().callbackRemainingS, 3600);
    hmi.advance(1000);
    assert.equal(hmi.call().callbackRemainingS, 3599);
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'callbackWaiting');
    hmi.advance(9 * 60_000);
    assert.equal(hmi.call().callbackRemainingS, 3059);
    const before = hmi.commands.length;
    hmi.progress('callbackIncoming');
    assert.deepEqual(
      hmi.commands.slice(before).map((c) => c.command),
      [
        { type: 'answerCallback' },
        { type: 'muteAudio', muted: true },
        { type: 'setLed', led: 'green-steady' },
      ],
    );
    assert.equal(hmi.call().screen, 'callback');
    assert.equal(hmi.call().phase, 'voice');
    hmi.advance(5000);
    assert.equal(hmi.call().elapsedS, 5);
    hmi.progress('callbackIncoming');
    assert.equal(hmi.sent('answerCallback').length, 1);
    hmi.progress('endedByCentre');
    assert.equal(hmi.call().screen, 'callbackWaiting');
    assert.equal(hmi.call().audioMuted, false);
    assert.equal(hmi.call().led, 'off');
    hmi.advance(3_600_000 - 546_000 - 1);
    assert.equal(hmi.call().screen, 'callbackWaiting');
    hmi.advance(1);
    assert.equal(hmi.call().screen, 'none');
    assert.equal(hmi.call().callbackRemainingS, null);
    hmi.stop();
  });

  it('closing the call-back screen brings the status back; a call-back is still answered', () => {
    const { hmi } = ready();
    hmi.crash();
    connectToVoice(hmi);
    hmi.progress('endedByCentre');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'callbackWaiting');
    hmi.user('user.dismiss');
    assert.equal(hmi.call().screen, 'none', 'the driver is not held on the call-back screen for an hour');
    assert.equal(hmi.call().callbackRemainingS, 3600);
    hmi.progress('callbackIncoming');
    assert.equal(hmi.call().screen, 'callback');
    assert.equal(hmi.sent('answerCallback').length, 1);
    hmi.stop();
  });

  it('what was sent carries the position known when the call connected (the MSD is built then)', () => {
    const hmi = new Hmi();
    hmi.set({ type: 'ignition', state: 'on' });
    hmi.crash();
    assert.equal(hmi.call().sent?.position, null, 'no fix yet at the crash');
    hmi.set({ type: 'gnss', fix: '3d', latitude: 48.2, longitude: 11.6, headingDeg: 90, trusted: true });
    hmi.progress('connected');
    assert.equal(hmi.call().sent?.position?.latitude, 48.2);
    assert.equal(hmi.call().sent?.position?.trusted, true);
    hmi.stop();
  });

  it('a call-back running when the window closes is not cut', () => {
    const { hmi } = ready({ callbackWindowMs: 10_000 });
    hmi.crash();
    hmi.progress('endedByCentre');
    hmi.advance(9000);
    hmi.progress('callbackIncoming');
    hmi.advance(5000);
    assert.equal(hmi.call().screen, 'callback');
    hmi.progress('endedByCentre');
    assert.equal(hmi.call().screen, 'none');
    hmi.stop();
  });

  it('a new SOS press in the call-back window starts a new call', () => {
    const { hmi } = ready();
    hmi.crash();
    hmi.progress('endedByCentre');
    hmi.press();
    assert.equal(hmi.call().screen, 'cancelWindow');
    assert.equal(hmi.call().kind, 'manual');
    assert.equal(hmi.call().crash, null);
    hmi.advance(10_000);
    assert.equal(hmi.sent('startCall').length, 2);
    hmi.stop();
  });

  it('a press during a call-back starts nothing', () => {
    const { hmi } = ready();
    hmi.crash();
    hmi.progress('endedByCentre');
    hmi.progress('callbackIncoming');
    hmi.press();
    assert.equal(hmi.call().screen, 'callback');
    hmi.stop();
  });

  it('leaves no call timer running once idle', () => {
    const hmi = new Hmi({ callbackWindowMs: 5000 });
    hmi.crash();
    hmi.progress('voiceConnected');
    hmi.press();
    hmi.progress('endedByCentre');
    hmi.advance(5000);
    assert.equal(hmi.call().screen, 'none');
    assert.equal(hmi.clock.pendingTimers, 0, 'no ticks or windows left behind');
    hmi.stop();
  });
});
