/** The simulated emergency centre on its own: what it tells the car about a call, and when. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CENTRE_REPLIES, EmergencyCentre, type CentreEvent } from '../../src/sim/emergencyCentre.js';
import { SIM_TIMING, TEXT_TIMING } from '../../src/sim/timing.js';
import type { CallCentreOptions } from '../../src/sim/types.js';
import { SimulatedClock } from '../../src/time/simulatedClock.js';

const T = SIM_TIMING;

function setup(behaviour: CallCentreOptions = {}) {
  const clock = new SimulatedClock(0);
  const rings: number[] = [];
  const centre = new EmergencyCentre({ clock, behaviour, callCar: () => rings.push(clock.now()) });
  const events: string[] = [];
  const detail = (e: CentreEvent): string => {
    switch (e.type) {
      case 'dropped':
        return `(${e.reason})`;
      case 'msdAcknowledged':
        return e.positive ? '' : '(negative)';
      case 'textDelivered':
        return `(${e.ref})`;
      case 'text':
        return `(${e.text})`;
      default:
        return '';
    }
  };
  const listener = (e: CentreEvent) => events.push(`${e.type}${detail(e)}@${clock.now()}`);
  return { clock, centre, rings, events, listener };
}

describe('emergency centre', () => {
  it('answers after answerDelayMs; data, contacts, voice follow; stays until someone ends it', () => {
    const t = setup({ answerDelayMs: 3000 });
    const call = t.centre.dial('emergency', t.listener);
    t.clock.advance(3000 - 1);
    assert.equal(call.answered, false);
    t.clock.advance(100_000);
    assert.equal(call.answered, true);
    assert.deepEqual(t.events, [
      'answered@3000',
      `msdSent@${3000 + T.msdSentMs}`,
      `msdAcknowledged@${3000 + T.msdAcknowledgedMs}`,
      `contactsNotified@${3000 + T.contactsNotifiedMs}`,
      `voice@${3000 + T.voiceConnectedMs}`,
    ]);
  });

  it('the test number notifies nobody and hangs up testCallVoiceMs after voice', () => {
    const t = setup();
    t.centre.dial('test', t.listener);
    t.clock.advance(60_000);
    assert.deepEqual(t.events, [
      'answered@4000',
      'msdSent@4500',
      'msdAcknowledged@5500',
      'voice@6000',
      `clearDown@${6000 + T.testCallVoiceMs}`,
    ]);
  });

  it('no answer: rings out answerDelayMs + noAnswerRingOutMs after the dial', () => {
    const t = setup({ noAnswer: true });
    t.centre.dial('emergency', t.listener);
    t.clock.advance(60_000);
    assert.deepEqual(t.events, [`noAnswer@${4000 + T.noAnswerRingOutMs}`]);
  });

  it('drops dropCount calls dropAfterMs after voice, then calls stay up', () => {
    const t = setup({ dropAfterMs: 1000, dropCount: 1 });
    t.centre.dial('emergency', t.listener);
    t.clock.advance(10_000);
    assert.equal(t.events.at(-1), 'dropped(network lost)@7000');
    t.centre.dial('emergency', t.listener);
    t.clock.advance(60_000);
    assert.equal(t.events.at(-1), 'voice@16000');
    t.centre.configure({ dropCount: 1 });
    t.centre.dial('emergency', t.listener);
    t.clock.advance(10_000);
    assert.equal(t.events.at(-1), 'dropped(network lost)@77000', 'new drop settings count again');
  });

  it('clear-down (operator or endAfterMs) brings the call-back after callbackAfterMs; a drop does not', () => {
    const t = setup({ endAfterMs: 5000, callbackAfterMs: 30_000 });
    t.centre.dial('emergency', t.listener);
    t.clock.advance(11_000);
    assert.equal(t.events.at(-1), 'clearDown@11000');
    t.clock.advance(30_000);
    assert.deepEqual(t.rings, [41_000]);
    const u = setup({ dropAfterMs: 1000, callbackAfterMs: 1000 });
    u.centre.dial('emergency', u.listener);
    u.clock.advance(60_000);
    assert.deepEqual(u.rings, []);
  });

  it('the car hangs up: cleanly (call-back may follow) or lost (nothing follows); no more events', () => {
    const t = setup({ callbackAfterMs: 1000 });
    const call = t.centre.dial('emergency', t.listener);
    t.clock.advance(7000);
    call.end('hungUp');
    call.end('lost');
    t.clock.advance(1000);
    assert.deepEqual(t.rings, [8000]);
    const n = t.events.length;
    const lost = t.centre.dial('emergency', t.listener);
    t.clock.advance(7000);
    lost.end('lost');
    t.clock.advance(60_000);
    assert.deepEqual(t.rings, [8000]);
    assert.equal(t.events.length, n + 5);
  });

  it('the operator cannot end a call the centre has not answered', () => {
    const t = setup();
    t.centre.dial('emergency', t.listener);
    t.clock.advance(1000);
    t.centre.endCall();
    t.clock.advance(3000);
    assert.equal(t.events[0], 'answered@4000');
  });

  it('a call-back: voice callbackVoiceMs after the car answered; the operator ends it; no second call-back', () => {
    const t = setup({ endAfterMs: 2000, callbackAfterMs: 1000 });
    t.centre.callBack();
    assert.deepEqual(t.rings, [0]);
    t.centre.answerCallback(t.listener);
    t.clock.advance(10_000);
    assert.deepEqual(t.events, [`voice@${T.callbackVoiceMs}`, `clearDown@${T.callbackVoiceMs + 2000}`]);
    assert.deepEqual(t.rings, [0]);
  });

  it('plain 112 (no eCall on the network): answered and voice, no MSD, nobody notified', () => {
    const t = setup();
    t.centre.dial('emergency', t.listener, 'plain112');
    t.clock.advance(60_000);
    assert.deepEqual(t.events, ['answered@4000', `voice@${4000 + T.voiceConnectedMs}`]);
  });

  it('a negative acknowledgement (EN 17184): no contacts notified; voice as usual', () => {
    const t = setup({ msdAck: 'negative' });
    t.centre.dial('emergency', t.listener, 'eCall');
    t.clock.advance(60_000);
    assert.deepEqual(t.events, [
      'answered@4000',
      'msdSent@4500',
      'msdAcknowledged(negative)@5500',
      'voice@6000',
    ]);
    assert.equal(t.centre.takesNgECall, true);
    t.centre.configure({ ngECall: false });
    assert.equal(t.centre.takesNgECall, false);
  });

  it('a line from the car: in the inbox and confirmed after the transit, answered replyAfterMs later', () => {
    const t = setup({ replyAfterMs: 1000 });
    const call = t.centre.dial('emergency', t.listener);
    t.clock.advance(6000);
    call.sendText(7, 'fireSmoke', null);
    const transit = TEXT_TIMING.deliveredMs - TEXT_TIMING.sentMs;
    t.clock.advance(transit + 1000);
    assert.deepEqual(t.events.slice(-2), [
      `textDelivered(7)@${6000 + transit}`,
      `text(${CENTRE_REPLIES.fireSmoke})@${6000 + transit + 1000}`,
    ]);
    assert.deepEqual(t.centre.inbox, [{ at: 6000 + transit, phrase: 'fireSmoke', text: null }]);
    // The call ends in transit: nothing arrives.
    call.sendText(8, null, 'lost');
    call.end('lost');
    t.clock.advance(10_000);
    assert.equal(t.centre.inbox.length, 1);
  });

  it('operator texts and data requests reach only an answered call; prepared messages skip call-backs', () => {
    const t = setup({ messages: [{ afterMs: 1000, text: 'prepared' }], requestDataAfterMs: 2000 });
    t.centre.sendText('too early');
    t.centre.dial('emergency', t.listener);
    t.centre.sendText('ringing');
    t.centre.requestData();
    t.clock.advance(6000);
    t.centre.sendText('now');
    t.centre.requestData();
    t.clock.advance(2000);
    assert.deepEqual(t.events.slice(-4), [
      'text(now)@6000',
      'dataRequested@6000',
      'text(prepared)@7000',
      'dataRequested@8000',
    ]);
    t.centre.endCall();
    const n = t.events.length;
    t.centre.answerCallback(t.listener);
    t.clock.advance(10_000);
    assert.deepEqual(t.events.slice(n), [
      `voice@${8000 + T.callbackVoiceMs}`,
      `dataRequested@${8000 + T.callbackVoiceMs + 2000}`,
    ]);
  });

  it('dispose leaves no timer', () => {
    const t = setup({ endAfterMs: 1000, callbackAfterMs: 1000 });
    t.centre.dial('emergency', t.listener);
    t.clock.advance(7000);
    t.centre.dial('emergency', t.listener);
    t.centre.dispose();
    assert.equal(t.clock.pendingTimers, 0);
  });
});
