/**
 * NG-eCall, the text conversation and the post-crash guidance, as the call and status machines show
 * them. The unit is played by hand (session reports, conversations, the car's hazard lights); the
 * tests assert what the screens would show and what reaches the vehicle.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationLine } from '../../src/bridge/signals.js';
import { MAX_TEXT_LENGTH } from '../../src/bridge/signals.js';
import type { UserEvent } from '../../src/machines/events.js';
import { centreLine } from './helpers/conversationLines.js';
import { Hmi } from './helpers/hmiHarness.js';

function ready(): Hmi {
  const hmi = new Hmi().readyCar();
  hmi.session({});
  return hmi;
}

/** The unit's automatic session up to `phase`, as it reports it after a crash. */
function automaticCall(hmi: Hmi, fields: Parameters<Hmi['session']>[0] = {}): void {
  const now = hmi.clock.now();
  hmi.crash();
  hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: now, transport: 'ngECall' });
  hmi.session({ phase: 'connected', msd: 'sent' });
  hmi.session({ phase: 'connected', msd: 'ackPositive', ...fields });
}

function voice(hmi: Hmi): void {
  hmi.session({ phase: 'voice', voiceSince: hmi.clock.now() });
}

let conversationSeq = 0;
function conversation(hmi: Hmi, lines: ConversationLine[]): void {
  conversationSeq += 1;
  hmi.set({ type: 'conversation', seq: conversationSeq, lines });
}

function send(hmi: Hmi, event: UserEvent): void {
  hmi.actor.send(event);
}

describe('NG-eCall states on the call screen', () => {
  it('a negative acknowledgement is shown as such, and never as "the centre has your position"', () => {
    const hmi = ready();
    automaticCall(hmi, { msd: 'ackNegative' });
    assert.equal(hmi.call().phase, 'acknowledged');
    assert.equal(hmi.call().msd, 'ackNegative');
    hmi.advance(hmi.config.noVoiceHintMs + 1000);
    assert.equal(hmi.call().noVoiceHint, false, 'the data did not arrive: the hint would be false');
    hmi.stop();
  });

  it('fresh data sent at the centre’s request carries its time to the screen', () => {
    const hmi = ready();
    automaticCall(hmi);
    voice(hmi);
    assert.equal(hmi.call().dataUpdatedAt, null);
    const at = hmi.clock.now();
    hmi.session({ msdUpdatedAt: at });
    assert.equal(hmi.call().dataUpdatedAt, at);
    hmi.stop();
  });

  it('a plain 112 call shows no data as sent, and no data step as done', () => {
    const hmi = ready();
    const now = hmi.clock.now();
    hmi.crash();
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: now, transport: 'plain112' });
    hmi.session({ phase: 'connected' });
    assert.equal(hmi.call().transport, 'plain112');
    assert.equal(hmi.call().phase, 'connecting');
    assert.equal(hmi.call().sent, null);
    assert.ok(hmi.call().position, 'the position to read out is there');
    voice(hmi);
    assert.equal(hmi.call().phase, 'voice');
    assert.equal(hmi.call().sent, null);
    hmi.stop();
  });

  it('a network without eCall limits SOS without a malfunction warning', () => {
    const hmi = ready();
    hmi.set({ type: 'cellular', registered: true, signalBars: 4, ecall: 'none' });
    const status = hmi.status();
    assert.equal(status.level, 'limited');
    assert.deepEqual(
      status.causes.map((c) => c.id),
      ['noEcallNetwork'],
    );
    assert.equal(status.telltale, 'limited', 'not the crossed-out telltale');
    assert.equal(hmi.malfunction().present, false);
    hmi.set({ type: 'cellular', registered: true, signalBars: 4, ecall: 'ngECall' });
    assert.equal(hmi.status().level, 'ready');
    hmi.stop();
  });

  it('a unit that does not say what the network offers is not taken as a limit', () => {
    const hmi = ready();
    assert.equal(hmi.status().level, 'ready');
    hmi.stop();
  });
});

describe('the text conversation', () => {
  it('is offered only while the centre is on the line', () => {
    const hmi = ready();
    const now = hmi.clock.now();
    hmi.session({ phase: 'dialing', kind: 'manual', attempt: 1, triggeredAt: now, transport: 'ngECall' });
    assert.equal(hmi.call().conversation.available, false);
    send(hmi, { type: 'user.openText' });
    assert.equal(hmi.call().conversation.panel, null, 'nobody to read it yet');
    hmi.session({ phase: 'connected', msd: 'ackPositive' });
    assert.equal(hmi.call().conversation.available, true);
    send(hmi, { type: 'user.openText' });
    assert.equal(hmi.call().conversation.panel, 'phrases', 'phrases first');
    send(hmi, { type: 'user.textMode', mode: 'keyboard' });
    assert.equal(hmi.call().conversation.panel, 'keyboard');
    send(hmi, { type: 'user.textMode', mode: 'phrases' });
    assert.equal(hmi.call().conversation.panel, 'phrases');
    // The call drops: the unit redials, and the panel closes (no line could go anywhere).
    hmi.session({ phase: 'redialWait', callEnd: 'dropped', nextAttemptAt: hmi.clock.now() + 30_000 });
    assert.equal(hmi.call().conversation.panel, null);
    assert.equal(hmi.call().conversation.available, false);
    hmi.stop();
  });

  it('a phrase goes to the unit in one press; typed text is trimmed and cut; blank text is not sent', () => {
    const hmi = ready();
    automaticCall(hmi);
    voice(hmi);
    send(hmi, { type: 'user.openText' });
    send(hmi, { type: 'user.sendPhrase', phrase: 'cannotSpeak' });
    send(hmi, { type: 'user.sendText', text: '   ' });
    send(hmi, { type: 'user.sendText', text: `  two trapped in the back ${'x'.repeat(200)}` });
    const sent = hmi.sent('sendText').map((c) => c.command);
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[0], { type: 'sendText', phrase: 'cannotSpeak', text: null });
    assert.equal(sent[1]?.phrase, null);
    assert.equal(sent[1]?.text?.length, MAX_TEXT_LENGTH);
    assert.ok(sent[1]?.text?.startsWith('two trapped in the back'));
    assert.equal(hmi.call().conversation.panel, 'phrases', 'the panel stays open for the answer');
    hmi.stop();
  });

  it('a refused line is shown with the unit’s reason', () => {
    const hmi = ready();
    automaticCall(hmi);
    send(hmi, { type: 'user.sendPhrase', phrase: 'injured' });
    hmi.signal({ type: 'commandAck', commandId: 'c1', command: 'sendText', ok: false, error: 'no call' });
    assert.equal(hmi.call().refusal, 'no call');
    hmi.stop();
  });

  it('lines and the centre’s newest message come from the unit; an older conversation changes nothing', () => {
    const hmi = ready();
    automaticCall(hmi);
    voice(hmi);
    const t = hmi.clock.now();
    conversation(hmi, []);
    conversation(hmi, [centreLine(1, t, 'Help is on the way.')]);
    assert.equal(hmi.call().conversation.latestFromCentre?.text, 'Help is on the way.');
    conversation(hmi, [
      centreLine(1, t, 'Help is on the way.'),
      { id: 2, from: 'occupants', at: t, phrase: 'trapped', text: null, delivery: 'sent' },
    ]);
    // A replay of an older conversation (same time, lower seq) is ignored.
    hmi.actor.send({ type: 'bridge.conversation', ts: hmi.clock.now(), seq: 1, lines: [] });
    assert.equal(hmi.call().conversation.lines.length, 2);
    assert.equal(hmi.call().conversation.lines[1]?.delivery, 'sent');
    hmi.stop();
  });

  it('reads each new centre message aloud once, and nothing already on screen after a reload', () => {
    const hmi = ready();
    automaticCall(hmi);
    voice(hmi);
    const t = hmi.clock.now();
    // The first conversation after the page loaded: its lines are shown, not read again.
    conversation(hmi, [centreLine(1, t, 'Old message.')]);
    assert.equal(hmi.sent('speak').length, 0);
    conversation(hmi, [
      centreLine(1, t, 'Old message.'),
      centreLine(2, t, 'An ambulance is 8 minutes away.'),
    ]);
    hmi.advance(3000); // cyclic repeats of the same conversation
    const spoken = hmi.sent('speak').map((c) => c.command);
    assert.deepEqual(spoken, [{ type: 'speak', text: 'An ambulance is 8 minutes away.', lang: null }]);
    hmi.stop();
  });
});

describe('post-crash guidance', () => {
  it('is offered once an automatic call reaches the centre, and stays reachable after it ends', () => {
    const hmi = ready();
    const now = hmi.clock.now();
    hmi.crash();
    hmi.session({ phase: 'dialing', kind: 'automatic', attempt: 1, triggeredAt: now, transport: 'ngECall' });
    assert.equal(hmi.call().safety.available, false, 'the call first');
    hmi.session({ phase: 'connected', msd: 'sent' });
    assert.deepEqual([hmi.call().safety.available, hmi.call().safety.open], [true, false]);
    send(hmi, { type: 'user.openSafety' });
    assert.equal(hmi.call().safety.open, true);
    send(hmi, { type: 'user.closeSafety' });
    assert.deepEqual([hmi.call().safety.available, hmi.call().safety.open], [true, false]);
    voice(hmi);
    assert.equal(hmi.call().safety.open, false, 'closed stays closed');
    hmi.clearDown();
    assert.equal(hmi.call().screen, 'ended');
    assert.equal(hmi.call().safety.available, true);
    send(hmi, { type: 'user.openSafety' });
    assert.equal(hmi.call().safety.open, true);
    hmi.session({ ...{ phase: 'idle', kind: null, callEnd: null, callbackWindowEndsAt: null } });
    hmi.actor.send({ type: 'user.dismiss' });
    assert.equal(hmi.call().safety.available, false);
    hmi.stop();
  });

  it('is not offered for a manual call', () => {
    const hmi = ready();
    const now = hmi.clock.now();
    hmi.session({ phase: 'dialing', kind: 'manual', attempt: 1, triggeredAt: now, transport: 'ngECall' });
    hmi.session({ phase: 'connected', msd: 'ackPositive' });
    voice(hmi);
    assert.equal(hmi.call().safety.available, false);
    hmi.stop();
  });

  it('warns of high voltage unless the car says it is a combustion car, and tells where the door release is', () => {
    const hmi = ready();
    automaticCall(hmi);
    assert.ok(hmi.call().safety.steps.includes('highVoltage'), 'unknown powertrain: warned');
    hmi.set({ type: 'vehicleConfig', powertrain: 'combustion', doorRelease: null });
    assert.deepEqual(hmi.call().safety.steps, [
      'hazardLights',
      'leaveAwayFromTraffic',
      'triangleAndVest',
      'keepClear',
    ]);
    hmi.set({ type: 'vehicleConfig', powertrain: 'electric', doorRelease: 'cableInDoorPocket' });
    assert.deepEqual(hmi.call().safety.steps, [
      'hazardLights',
      'leaveAwayFromTraffic',
      'triangleAndVest',
      'keepClear',
      'highVoltage',
      'doorRelease',
    ]);
    assert.equal(hmi.call().safety.doorRelease, 'cableInDoorPocket');
    hmi.stop();
  });

  it('asks the car for the hazard lights and shows them done only when the car reports them on', () => {
    const hmi = ready();
    automaticCall(hmi);
    hmi.set({ type: 'hazardLights', on: false });
    send(hmi, { type: 'user.hazardLights' });
    assert.deepEqual(
      hmi.sent('setHazardLights').map((c) => c.command),
      [{ type: 'setHazardLights', on: true }],
    );
    assert.deepEqual(
      [hmi.call().safety.hazardLightsRequested, hmi.call().safety.hazardLightsOn],
      [true, false],
    );
    hmi.signal({ type: 'commandAck', commandId: 'c9', command: 'setHazardLights', ok: true });
    assert.equal(hmi.call().safety.hazardLightsRequested, true, 'accepted is not on');
    hmi.set({ type: 'hazardLights', on: true });
    assert.deepEqual(
      [hmi.call().safety.hazardLightsRequested, hmi.call().safety.hazardLightsOn],
      [false, true],
    );
    send(hmi, { type: 'user.hazardLights' });
    assert.equal(hmi.sent('setHazardLights').length, 1, 'already on: nothing more to ask');
    hmi.stop();
  });

  it('a request the car never reports on is offered again', () => {
    const hmi = ready();
    automaticCall(hmi);
    send(hmi, { type: 'user.hazardLights' });
    assert.equal(hmi.call().safety.hazardLightsRequested, true);
    hmi.advance(hmi.config.unconfirmedMs);
    assert.equal(hmi.call().safety.hazardLightsRequested, false);
    hmi.stop();
  });
});
