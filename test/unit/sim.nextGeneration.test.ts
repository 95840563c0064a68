/**
 * NG-eCall, the text conversation and post-crash guidance in the simulator, as they reach the bus:
 * the session's transport per network and centre (EN 17184, EN 16062, TS 23.167), the centre's
 * positive or negative acknowledgement and its request for fresh data, the unit's text channel with
 * the centre (EECC art. 109, RFC 8147/8148), hazard lights, the car's build facts and its speech
 * output. Every message is checked at the boundary as the bridge would.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VehicleCommand } from '../../src/bridge/commands.js';
import {
  MAX_CONVERSATION_LINES,
  MAX_TEXT_LENGTH,
  type ConversationLine,
  type ConversationSignal,
  type VehicleSignal,
} from '../../src/bridge/signals.js';
import { CENTRE_REPLIES } from '../../src/sim/emergencyCentre.js';
import { TextChannel } from '../../src/sim/textChannel.js';
import { SIM_TIMING, TEXT_TIMING } from '../../src/sim/timing.js';
import type { VehicleSimulatorOptions } from '../../src/sim/vehicleSimulator.js';
import { SimulatedClock } from '../../src/time/simulatedClock.js';
import { firstOfEachSeq, simOnBus } from './helpers/simOnBus.js';

const T = SIM_TIMING;
/** Default centre: answer 4 s after the attempt starts; data, contacts and voice follow. */
const ANSWER = 4000;
const VOICE = ANSWER + T.voiceConnectedMs;
const SENT = TEXT_TIMING.sentMs;
const DELIVERED = TEXT_TIMING.deliveredMs;
const REPLY = 3000;

function setup(options: Omit<VehicleSimulatorOptions, 'clock'> = {}) {
  const t = simOnBus(options);
  const conversations = (): ConversationSignal[] => t.of('conversation');
  /** The first conversation of each `seq`, in order. */
  const talk = (): ConversationSignal[] => firstOfEachSeq(conversations());
  const lines = (): readonly ConversationLine[] => conversations().at(-1)!.lines;
  const phrase = (p: NonNullable<Extract<VehicleCommand, { type: 'sendText' }>['phrase']>) =>
    t.send({ type: 'sendText', phrase: p, text: null });
  const type = (text: string) => t.send({ type: 'sendText', phrase: null, text });
  t.clock.advance(0);
  return { ...t, conversations, talk, lines, phrase, type };
}

/** A crash and the call up to voice (at `VOICE`). */
function inVoice(options: Omit<VehicleSimulatorOptions, 'clock'> = {}) {
  const t = setup(options);
  t.sim.crash();
  t.clock.advance(VOICE);
  assert.equal(t.last().phase, 'voice');
  return t;
}

/** A line without its id and time, for comparisons. */
const shape = (l: ConversationLine) => [l.from, l.phrase, l.text, l.delivery] as const;

describe('NG-eCall: the network offers, the unit chooses the transport', () => {
  it('the cellular signal always says what the network offers: ngECall by default', () => {
    const t = setup();
    const cell = t.of('cellular')[0]!;
    assert.deepEqual([cell.registered, cell.signalBars, cell.ecall, cell.ts], [true, 4, 'ngECall', 0]);
  });

  it('network-without-ecall: registered, bars unchanged, ecall none; weak cellular keeps its one bar', () => {
    const t = setup();
    t.sim.inject('network-without-ecall');
    const cell = t.of('cellular').at(-1)!;
    assert.deepEqual([cell.registered, cell.signalBars, cell.ecall, cell.ts], [true, 4, 'none', 0]);
    t.sim.inject('weak-cellular');
    assert.deepEqual([t.of('cellular').at(-1)!.signalBars, t.of('cellular').at(-1)!.ecall], [1, 'none']);
    t.sim.clear('network-without-ecall');
    assert.equal(t.of('cellular').at(-1)!.ecall, 'ngECall');
  });

  it('no registration: no network offers anything (ecall none); an eCall-only network says eCall', () => {
    const t = setup();
    t.sim.inject('no-cellular');
    assert.deepEqual(
      { ...t.of('cellular').at(-1)!, ts: 0 },
      { type: 'cellular', ts: 0, registered: false, signalBars: 0, ecall: 'none' },
    );
    const u = setup({ ecall: 'eCall' });
    assert.equal(u.of('cellular')[0]!.ecall, 'eCall');
  });

  it('transport is null before the first attempt, chosen at it (ngECall), kept through a redial, null in idle', () => {
    const t = setup({
      callCentre: { dropAfterMs: 1000, dropCount: 1, endAfterMs: 10_000 },
      telematics: { callbackWindowMs: 60_000 },
    });
    t.clock.advance(500);
    t.sim.pressSos();
    assert.deepEqual([t.last().phase, t.last().transport], ['cancelWindow', null]);
    t.send({ type: 'callNow' });
    assert.deepEqual([t.last().phase, t.last().transport, t.last().ts], ['dialing', 'ngECall', 500]);
    // The network loses eCall while the first call is up: the session keeps its transport.
    t.clock.advance(VOICE);
    t.sim.inject('network-without-ecall');
    t.clock.advance(1000);
    assert.deepEqual([t.last().phase, t.last().attempt, t.last().transport], ['dialing', 2, 'ngECall']);
    t.clock.advance(VOICE + 10_000);
    assert.deepEqual([t.last().phase, t.last().transport], ['ended', 'ngECall']);
    t.clock.advance(60_000);
    assert.deepEqual([t.last().phase, t.last().transport], ['idle', null]);
    assert.ok(
      t.changes().every((r) => r.phase === 'idle' || r.phase === 'cancelWindow' || r.transport === 'ngECall'),
    );
  });

  it('a centre without NG-eCall, or a network with only eCall: eCall with in-band MSD, acknowledged as before', () => {
    for (const options of [{ callCentre: { ngECall: false } }, { ecall: 'eCall' as const }]) {
      const t = setup(options);
      t.sim.crash();
      assert.equal(t.last().transport, 'eCall', JSON.stringify(options));
      t.clock.advance(VOICE);
      assert.deepEqual(
        [t.last().phase, t.last().msd, t.last().contactsNotified, t.last().transport],
        ['voice', 'ackPositive', true, 'eCall'],
      );
    }
  });

  it('a network without eCall: a plain 112 voice call — no MSD ever, nobody notified, no places; voice as usual', () => {
    const t = setup();
    t.sim.inject('network-without-ecall');
    t.sim.crash();
    t.clock.advance(60_000);
    const c = t.changes().filter((r) => r.seq !== 0);
    assert.deepEqual(
      c.map((r) => [r.ts, r.phase, r.msd, r.contactsNotified, r.transport]),
      [
        [0, 'dialing', 'none', false, 'plain112'],
        [ANSWER, 'connected', 'none', false, 'plain112'],
        [VOICE, 'voice', 'none', false, 'plain112'],
      ],
    );
    assert.equal(t.of('pointsOfInterest').length, 0, 'the centre has no position to hand places for');
    // Fresh data cannot travel on a plain call: the request is ignored.
    const seq = t.last().seq;
    t.sim.centreRequestsData();
    assert.deepEqual([t.last().seq, t.last().msdUpdatedAt], [seq, null]);
  });

  it('a plain 112 network refuses a test call ("no eCall network"): it would test nothing', () => {
    const t = setup();
    t.sim.inject('network-without-ecall');
    t.send({ type: 'startTestCall' });
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no eCall network' });
    assert.equal(t.last().phase, 'idle');
    // Busy comes first; without a registration the test call is tried (and fails "no network").
    const u = setup();
    u.sim.inject('no-cellular');
    u.send({ type: 'startTestCall' });
    assert.deepEqual(u.lastAck(), { ok: true });
    assert.equal(u.last().transport, 'ngECall');
  });
});

describe('NG-eCall: the acknowledgement', () => {
  it('a negative acknowledgement: msd ackNegative, nobody notified, no places; the call goes on to voice', () => {
    const t = setup({ callCentre: { msdAck: 'negative' } });
    t.sim.crash();
    t.clock.advance(60_000);
    const c = t.changes().filter((r) => r.seq !== 0);
    assert.deepEqual(
      c.map((r) => [r.ts, r.phase, r.msd, r.contactsNotified]),
      [
        [0, 'dialing', 'none', false],
        [ANSWER, 'connected', 'none', false],
        [ANSWER + T.msdSentMs, 'connected', 'sent', false],
        [ANSWER + T.msdAcknowledgedMs, 'connected', 'ackNegative', false],
        [VOICE, 'voice', 'ackNegative', false],
      ],
    );
    assert.equal(t.of('pointsOfInterest').length, 0);
    assert.equal(t.sim.led, 'green-steady', 'a call in voice, whatever the data');
  });

  it('a test call acknowledged negatively ends with ackNegative (the HMI shows it failed: not ackPositive)', () => {
    const t = setup({ callCentre: { msdAck: 'negative' } });
    t.send({ type: 'startTestCall' });
    t.clock.advance(30_000);
    const r = t.last();
    assert.deepEqual(
      [r.phase, r.kind, r.msd, r.callEnd, r.transport],
      ['ended', 'test', 'ackNegative', 'clearDown', 'ngECall'],
    );
  });
});

describe('NG-eCall: the centre asks for fresh data', () => {
  it('requestDataAfterMs: the unit sends fresh data then (msdUpdatedAt, new seq); kept when ended, null in idle', () => {
    const t = setup({
      callCentre: { requestDataAfterMs: 5000, endAfterMs: 10_000 },
      telematics: { callbackWindowMs: 60_000 },
    });
    t.sim.crash();
    t.clock.advance(VOICE + 4999);
    assert.equal(t.last().msdUpdatedAt, null);
    const seq = t.last().seq;
    t.clock.advance(1);
    assert.deepEqual(
      [t.last().msdUpdatedAt, t.last().ts, t.last().seq],
      [VOICE + 5000, VOICE + 5000, seq + 1],
    );
    assert.equal(t.last().msd, 'ackPositive', 'the acknowledgement state stays');
    t.clock.advance(5000);
    assert.deepEqual([t.last().phase, t.last().msdUpdatedAt], ['ended', VOICE + 5000]);
    t.clock.advance(60_000);
    assert.deepEqual([t.last().phase, t.last().msdUpdatedAt], ['idle', null]);
  });

  it('centreRequestsData(): now in a connected, voice or call-back call; ignored while dialling or after the call', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(1000);
    t.sim.centreRequestsData();
    assert.equal(t.last().msdUpdatedAt, null, 'dialling: the centre has not answered');
    t.clock.advance(ANSWER - 1000 + 200);
    t.sim.centreRequestsData();
    assert.deepEqual([t.last().phase, t.last().msdUpdatedAt], ['connected', ANSWER + 200]);
    t.clock.advance(5000);
    t.sim.centreRequestsData();
    assert.deepEqual([t.last().phase, t.last().msdUpdatedAt], ['voice', ANSWER + 5200]);
    t.sim.centreEndsCall();
    t.clock.advance(1000);
    t.sim.centreRequestsData();
    assert.deepEqual([t.last().phase, t.last().msdUpdatedAt], ['ended', ANSWER + 5200]);
    t.sim.centreCallsBack();
    t.sim.centreRequestsData();
    assert.deepEqual([t.last().phase, t.last().msdUpdatedAt], ['callbackRinging', ANSWER + 5200]);
    t.clock.advance(T.callbackVoiceMs);
    t.sim.centreRequestsData();
    const now = t.clock.now();
    assert.deepEqual(
      [t.last().phase, t.last().msdUpdatedAt, t.last().transport],
      ['callback', now, 'ngECall'],
    );
  });

  it('an eCall (in-band) call sends fresh data too; a new session starts without it', () => {
    const t = setup({ callCentre: { ngECall: false } });
    t.sim.crash();
    t.clock.advance(VOICE);
    t.sim.centreRequestsData();
    assert.deepEqual([t.last().transport, t.last().msdUpdatedAt], ['eCall', VOICE]);
    t.sim.centreEndsCall();
    t.sim.pressSos();
    assert.deepEqual(
      [t.last().phase, t.last().msdUpdatedAt, t.last().transport],
      ['cancelWindow', null, null],
    );
  });
});

describe('text channel: the occupants write to the centre', () => {
  it('sendText is refused without a call the centre can read: idle, cancel window, dialling, ended', () => {
    const t = setup();
    t.phrase('cannotSpeak');
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' });
    t.sim.pressSos();
    t.type('help');
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' });
    t.send({ type: 'callNow' });
    t.phrase('injured');
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' });
    t.clock.advance(VOICE);
    t.sim.centreEndsCall();
    t.phrase('injured');
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' });
    assert.deepEqual(t.lines(), [], 'nothing was added');
    assert.deepEqual(t.sim.centreInbox, []);
    assert.deepEqual(
      t.acks().map((a) => a.command),
      ['sendText', 'sendText', 'callNow', 'sendText', 'sendText'],
    );
  });

  it('bad content is refused: both or neither, blank, too long, an unknown phrase', () => {
    const t = inVoice();
    const cases: [VehicleCommand, string][] = [
      [{ type: 'sendText', phrase: 'injured', text: 'and' }, 'phrase and text'],
      [{ type: 'sendText', phrase: null, text: null }, 'empty text'],
      [{ type: 'sendText', phrase: null, text: '   ' }, 'empty text'],
      [{ type: 'sendText', phrase: null, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, 'text too long'],
      [{ type: 'sendText', phrase: 'dancing' as 'safe', text: null }, 'unknown phrase'],
      [{ type: 'sendText', phrase: null, text: 'a\u0000b' }, 'bad text'],
    ];
    for (const [command, error] of cases) {
      t.send(command);
      assert.deepEqual(t.lastAck(), { ok: false, error }, JSON.stringify(command));
    }
    assert.deepEqual(t.lines(), []);
    t.type(`  ${'y'.repeat(MAX_TEXT_LENGTH)}  `);
    assert.deepEqual(t.lastAck(), { ok: true }, 'trimmed, exactly the limit');
    assert.equal(t.lines()[0]!.text, 'y'.repeat(MAX_TEXT_LENGTH));
    // Characters are code points, as at the boundary: an emoji counts once.
    t.type('🚑'.repeat(MAX_TEXT_LENGTH));
    assert.deepEqual(t.lastAck(), { ok: true });
    t.type('🚑'.repeat(MAX_TEXT_LENGTH + 1));
    assert.deepEqual(t.lastAck(), { ok: false, error: 'text too long' });
  });

  it('accepted in voice: sending at once, sent after 300 ms, delivered after 1 s; the centre has it and answers', () => {
    const t = inVoice();
    const seq0 = t.conversations().at(-1)!.seq;
    t.phrase('cannotSpeak');
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.equal(t.acks().at(-1)!.ts, VOICE);
    const first = t.lines()[0]!;
    assert.deepEqual(
      { ...first, id: 0 },
      { id: 0, from: 'occupants', at: VOICE, phrase: 'cannotSpeak', text: null, delivery: 'sending' },
    );
    t.clock.advance(REPLY + DELIVERED + 1000);
    const steps = t
      .talk()
      .filter((c) => c.seq > seq0)
      .map((c) => [c.ts, c.seq, c.lines.map(shape)]);
    assert.deepEqual(steps, [
      [VOICE, seq0 + 1, [['occupants', 'cannotSpeak', null, 'sending']]],
      [VOICE + SENT, seq0 + 2, [['occupants', 'cannotSpeak', null, 'sent']]],
      [VOICE + DELIVERED, seq0 + 3, [['occupants', 'cannotSpeak', null, 'delivered']]],
      [
        VOICE + DELIVERED + REPLY,
        seq0 + 4,
        [
          ['occupants', 'cannotSpeak', null, 'delivered'],
          ['centre', null, CENTRE_REPLIES.cannotSpeak, 'delivered'],
        ],
      ],
    ]);
    assert.equal(
      CENTRE_REPLIES.cannotSpeak,
      'We can read you. Answer with the phrases or type. Help is on the way.',
    );
    const reply = t.lines()[1]!;
    assert.ok(reply.id > first.id, 'ids increase');
    assert.equal(reply.at, VOICE + DELIVERED + REPLY);
    assert.deepEqual(t.sim.centreInbox, [{ at: VOICE + DELIVERED, phrase: 'cannotSpeak', text: null }]);
  });

  it('a typed text and other phrases get their replies; the inbox keeps every delivered line (copies)', () => {
    const t = inVoice();
    t.type('  Two of us, my leg hurts  ');
    t.phrase('trapped');
    t.clock.advance(DELIVERED + REPLY);
    assert.deepEqual(t.lines().map(shape), [
      ['occupants', null, 'Two of us, my leg hurts', 'delivered'],
      ['occupants', 'trapped', null, 'delivered'],
      ['centre', null, 'Message received. Help is on the way.', 'delivered'],
      ['centre', null, 'Stay calm. The fire service is on its way.', 'delivered'],
    ]);
    const inbox = t.sim.centreInbox;
    assert.deepEqual(inbox, [
      { at: VOICE + DELIVERED, phrase: null, text: 'Two of us, my leg hurts' },
      { at: VOICE + DELIVERED, phrase: 'trapped', text: null },
    ]);
    (inbox as { at: number }[]).pop();
    assert.equal(t.sim.centreInbox.length, 2, 'the getter hands out a copy');
  });

  it('replies: false — the centre reads but does not write back; replyAfterMs sets the delay', () => {
    const t = inVoice({ callCentre: { replies: false } });
    t.phrase('injured');
    t.clock.advance(60_000);
    assert.deepEqual(t.lines().map(shape), [['occupants', 'injured', null, 'delivered']]);
    assert.equal(t.sim.centreInbox.length, 1);
    const u = inVoice({ callCentre: { replyAfterMs: 500 } });
    u.phrase('children');
    u.clock.advance(DELIVERED + 500);
    assert.deepEqual(u.lines().at(-1)!.text, CENTRE_REPLIES.children);
    assert.equal(u.lines().at(-1)!.at, VOICE + DELIVERED + 500);
  });

  it('accepted while connected (before voice) and in a call-back', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(ANSWER);
    t.phrase('cannotHear');
    assert.deepEqual(t.lastAck(), { ok: true });
    t.clock.advance(T.voiceConnectedMs);
    t.sim.centreEndsCall();
    t.sim.centreCallsBack();
    t.phrase('safe');
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' }, 'ringing: not yet on the line');
    t.clock.advance(T.callbackVoiceMs);
    t.phrase('safe');
    assert.deepEqual(t.lastAck(), { ok: true });
    t.clock.advance(DELIVERED);
    assert.deepEqual(
      t.lines().map(shape),
      [
        ['occupants', 'cannotHear', null, 'delivered'],
        ['occupants', 'safe', null, 'delivered'],
      ],
      'the conversation of the session goes on in the call-back (the first reply was cut by the end)',
    );
  });

  it('the call drops before the centre has a line: failed (whether sending or sent); nothing delivered', () => {
    const t = inVoice({ callCentre: { dropAfterMs: 500, dropCount: 1 } });
    t.type('first');
    t.clock.advance(400);
    t.type('second');
    assert.deepEqual(
      t.lines().map((l) => l.delivery),
      ['sent', 'sending'],
    );
    t.clock.advance(100);
    assert.deepEqual([t.last().phase, t.last().ts], ['dialing', VOICE + 500]);
    assert.deepEqual(
      t.lines().map((l) => l.delivery),
      ['failed', 'failed'],
    );
    assert.equal(t.conversations().at(-1)!.ts, VOICE + 500, 'the failure is on the bus at once');
    t.type('third');
    assert.deepEqual(t.lastAck(), { ok: false, error: 'no call' }, 'redialling');
    t.clock.advance(VOICE + 10_000);
    assert.equal(t.last().phase, 'voice');
    assert.deepEqual(
      t.lines().map((l) => l.delivery),
      ['failed', 'failed'],
    );
    assert.deepEqual(t.sim.centreInbox, []);
  });

  it('the operator ends the call before delivery, or the occupants hang up: failed too', () => {
    const t = inVoice();
    t.phrase('injured');
    t.clock.advance(SENT);
    t.sim.centreEndsCall();
    assert.deepEqual(t.lines().map(shape), [['occupants', 'injured', null, 'failed']]);
    const u = setup({ telematics: { cancelWindowMs: 0 } });
    u.sim.pressSos();
    u.clock.advance(VOICE);
    u.phrase('safe');
    u.send({ type: 'endCall' });
    u.clock.advance(10_000);
    assert.deepEqual([u.last().phase, u.lines().map((l) => l.delivery)], ['ended', ['failed']]);
  });
});

describe('text channel: the centre writes', () => {
  it('messages: each sent afterMs after voice connected, once per call, cut to MAX_TEXT_LENGTH', () => {
    const long = '🔥'.repeat(MAX_TEXT_LENGTH + 40);
    const t = setup({
      callCentre: {
        messages: [
          { afterMs: 3000, text: 'Help is on the way. An ambulance is 8 minutes away.' },
          { afterMs: 8000, text: long },
        ],
      },
    });
    t.sim.crash();
    t.clock.advance(VOICE + 2999);
    assert.deepEqual(t.lines(), []);
    t.clock.advance(1);
    assert.deepEqual(
      { ...t.lines()[0]!, id: 0 },
      {
        id: 0,
        from: 'centre',
        at: VOICE + 3000,
        phrase: null,
        text: 'Help is on the way. An ambulance is 8 minutes away.',
        delivery: 'delivered',
      },
    );
    t.clock.advance(60_000);
    assert.deepEqual(
      t.lines().map((l) => [l.at, l.text]),
      [
        [VOICE + 3000, 'Help is on the way. An ambulance is 8 minutes away.'],
        [VOICE + 8000, '🔥'.repeat(MAX_TEXT_LENGTH)],
      ],
    );
    assert.deepEqual(t.sim.centreInbox, [], 'the centre keeps what it receives, not what it sends');
  });

  it('messages are not sent to a test call, nor before voice', () => {
    const t = setup({ callCentre: { messages: [{ afterMs: 0, text: 'Hello' }] } });
    t.send({ type: 'startTestCall' });
    t.clock.advance(30_000);
    assert.deepEqual(t.lines(), []);
  });

  it('centreSends(): at once during a connected, voice or call-back call; ignored otherwise', () => {
    const t = setup();
    t.sim.centreSends('nobody');
    t.sim.crash();
    t.sim.centreSends('still dialling');
    t.clock.advance(ANSWER);
    t.sim.centreSends('  We have your call.  ');
    t.clock.advance(T.voiceConnectedMs);
    t.sim.centreSends('Are you hurt?');
    t.sim.centreSends('   ');
    t.sim.centreEndsCall();
    t.sim.centreSends('after the end');
    t.sim.centreCallsBack();
    t.sim.centreSends('ringing');
    t.clock.advance(T.callbackVoiceMs);
    t.sim.centreSends('Calling you back.');
    assert.deepEqual(
      t.lines().map((l) => [l.from, l.at, l.text]),
      [
        ['centre', ANSWER, 'We have your call.'],
        ['centre', VOICE, 'Are you hurt?'],
        ['centre', VOICE + T.callbackVoiceMs, 'Calling you back.'],
      ],
    );
  });
});

describe('text channel: the conversation on the bus', () => {
  it('empty (seq 0) at time 0, repeated cyclically with the session report, same seq until a change', () => {
    const t = setup();
    t.clock.advance(2500);
    assert.deepEqual(
      t.conversations().map((c) => [c.ts, c.seq, c.lines.length]),
      [
        [0, 0, 0],
        [1000, 0, 0],
        [2000, 0, 0],
      ],
    );
    // Right after the session report, every time.
    const order = t.log.map((m) => m.type);
    order.forEach((type, i) => {
      if (type === 'conversation') assert.equal(order[i - 1], 'callSession');
    });
    assert.deepEqual(t.sim.conversation, t.conversations().at(-1));
  });

  it('a new listener (a subscriber) gets the current conversation with the next cycle', () => {
    const t = inVoice();
    t.sim.centreSends('Are you hurt?');
    const current = t.sim.conversation;
    const late: VehicleSignal[] = [];
    t.sim.onMessage((m) => late.push(m as VehicleSignal));
    t.clock.advance(T.cycleMs);
    const got = late.find((m) => m.type === 'conversation');
    assert.ok(got?.type === 'conversation');
    assert.deepEqual([got.seq, got.lines], [current.seq, current.lines]);
  });

  it('persists through ended and the call-back window, emptied with a new seq when the session goes idle', () => {
    const t = inVoice({ telematics: { callbackWindowMs: 30_000 } });
    t.sim.centreSends('Help is coming.');
    t.sim.centreEndsCall();
    const end = t.clock.now();
    t.clock.advance(29_999);
    assert.deepEqual([t.last().phase, t.lines().length], ['ended', 1]);
    const seq = t.conversations().at(-1)!.seq;
    t.clock.advance(1);
    assert.equal(t.last().phase, 'idle');
    const emptied = t.talk().at(-1)!;
    assert.deepEqual([emptied.ts, emptied.seq, emptied.lines], [end + 30_000, seq + 1, []]);
  });

  it('a failed session keeps its conversation; a new session starts with an empty one', () => {
    const t = inVoice({ telematics: { redialWindowMs: 10_000 } });
    t.sim.centreSends('Help is coming.');
    t.sim.inject('no-cellular');
    t.clock.advance(60_000);
    assert.deepEqual([t.last().phase, t.lines().map((l) => l.text)], ['failed', ['Help is coming.']]);
    t.sim.pressSos();
    assert.deepEqual([t.last().phase, t.lines()], ['cancelWindow', []]);
    assert.equal(t.conversations().at(-1)!.ts, t.clock.now(), 'emptied on the bus at once');
  });

  it('at most MAX_CONVERSATION_LINES: the oldest go', () => {
    const t = inVoice();
    for (let i = 1; i <= MAX_CONVERSATION_LINES + 5; i++) t.sim.centreSends(`message ${i}`);
    const got = t.lines();
    assert.equal(got.length, MAX_CONVERSATION_LINES);
    assert.equal(got[0]!.text, 'message 6');
    assert.equal(got.at(-1)!.text, `message ${MAX_CONVERSATION_LINES + 5}`);
    assert.ok(got.every((l, i) => i === 0 || l.id > got[i - 1]!.id));
  });

  it('seq counts modulo 65536', () => {
    const clock = new SimulatedClock(0);
    const seqs: number[] = [];
    const channel = new TextChannel({ clock, emit: (m) => seqs.push(m.seq) });
    for (let i = 0; i < 65_536; i++) {
      if (i % 2 === 0) channel.addCentre('x');
      else channel.clear();
      channel.commit();
    }
    assert.equal(seqs.length, 65_536);
    assert.equal(seqs.at(-2), 65_535);
    assert.equal(seqs.at(-1), 0);
  });

  it('with the ignition off the conversation goes on while the call keeps the bus awake, then sleeps with it', () => {
    const t = inVoice();
    t.sim.ignition('off');
    t.clock.advance(3000);
    const from = t.clock.now() - 1000;
    assert.ok(t.after(from).some((m) => m.type === 'conversation'));
    t.sim.centreEndsCall();
    const end = t.clock.now();
    t.clock.advance(3000);
    assert.deepEqual([...new Set(t.after(end).map((m) => m.type))], ['ignition']);
  });
});

describe('text channel: a dead or hung unit says nothing', () => {
  it('dead from the start: no conversation at all, sendText unanswered (the bridge times out)', () => {
    const t = setup();
    t.sim.inject('control-module-failure');
    const n = t.conversations().length;
    t.phrase('cannotSpeak');
    t.clock.advance(10_000);
    assert.equal(t.conversations().length, n);
    assert.equal(t.acks().length, 0);
  });

  it('hung mid-call with a line on its way: silent; after a battery reset the line shows failed', () => {
    const t = inVoice();
    t.phrase('injured');
    t.clock.advance(100);
    t.sim.inject('software-glitch');
    const hung = t.clock.now();
    t.sim.centreSends('Are you there?');
    t.clock.advance(5000);
    assert.equal(t.after(hung).filter((m) => m.type === 'conversation').length, 0);
    assert.deepEqual(t.sim.centreInbox, []);
    t.sim.batteryReset();
    t.clock.advance(T.batteryResetMs + T.unitBootMs);
    assert.deepEqual(t.lines().map(shape), [['occupants', 'injured', null, 'failed']]);
    assert.equal(t.conversations().at(-1)!.ts, t.clock.now());
  });
});

describe('hazard lights', () => {
  it('off at time 0 and cyclic like the other body signals; the bus sleeps with the ignition off', () => {
    const t = setup();
    t.clock.advance(2000);
    assert.deepEqual(
      t.of('hazardLights').map((m) => [m.ts, m.on]),
      [
        [0, false],
        [1000, false],
        [2000, false],
      ],
    );
    t.sim.ignition('off');
    const off = t.clock.now();
    t.clock.advance(3000);
    assert.equal(t.after(off).filter((m) => m.type === 'hazardLights').length, 0);
  });

  it('setHazardLights: accepted at once, the lights follow 200 ms later and say so at once', () => {
    const t = setup();
    t.clock.advance(500);
    t.send({ type: 'setHazardLights', on: true });
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.equal(t.acks().at(-1)!.command, 'setHazardLights');
    t.clock.advance(T.hazardLightsMs - 1);
    assert.equal(t.sim.hazardLightsOn, false);
    t.clock.advance(1);
    assert.equal(t.sim.hazardLightsOn, true);
    assert.deepEqual(
      t
        .of('hazardLights')
        .map((m) => [m.ts, m.on])
        .at(-1),
      [500 + T.hazardLightsMs, true],
    );
    t.send({ type: 'setHazardLights', on: false });
    t.clock.advance(T.hazardLightsMs);
    assert.equal(t.of('hazardLights').at(-1)!.on, false);
  });

  it('with the ignition off the request works (terminal 30); without power nothing answers', () => {
    const t = setup({ ignition: 'off' });
    t.send({ type: 'setHazardLights', on: true });
    assert.deepEqual(t.lastAck(), { ok: true });
    t.clock.advance(T.hazardLightsMs);
    assert.deepEqual(
      [t.of('hazardLights').at(-1)!.on, t.of('hazardLights').at(-1)!.ts],
      [true, T.hazardLightsMs],
    );
    const u = setup();
    u.sim.batteryReset();
    u.send({ type: 'setHazardLights', on: true });
    u.send({ type: 'speak', text: 'Hello', lang: 'en' });
    u.clock.advance(1000);
    assert.equal(u.acks().length, 0, 'no power: the bridge times out');
    assert.equal(u.sim.hazardLightsOn, false);
  });

  it('the driver presses the switch: on at once; a crash never switches them on by itself', () => {
    const t = setup();
    t.sim.crash();
    t.clock.advance(VOICE);
    assert.ok(t.of('hazardLights').every((m) => !m.on));
    t.sim.hazards(true);
    assert.deepEqual([t.of('hazardLights').at(-1)!.on, t.of('hazardLights').at(-1)!.ts], [true, VOICE]);
    const n = t.of('hazardLights').length;
    t.sim.hazards(true);
    assert.equal(t.of('hazardLights').length, n, 'no change, nothing sent');
    t.sim.hazards(false);
    assert.equal(t.sim.hazardLightsOn, false);
  });
});

describe('vehicle config', () => {
  it('combustion with the inner-handle release by default, at time 0 and cyclically', () => {
    const t = setup();
    t.clock.advance(1000);
    assert.deepEqual(
      t.of('vehicleConfig').map((m) => ({ ...m })),
      [
        { type: 'vehicleConfig', ts: 0, powertrain: 'combustion', doorRelease: 'innerHandle' },
        { type: 'vehicleConfig', ts: 1000, powertrain: 'combustion', doorRelease: 'innerHandle' },
      ],
    );
  });

  it('sim.vehicleConfig() is a partial update, published at once; the constructor takes one too', () => {
    const t = setup();
    t.clock.advance(300);
    t.sim.vehicleConfig({ powertrain: 'electric' });
    assert.deepEqual(t.of('vehicleConfig').at(-1), {
      type: 'vehicleConfig',
      ts: 300,
      powertrain: 'electric',
      doorRelease: 'innerHandle',
    });
    t.sim.vehicleConfig({ doorRelease: 'cableInDoorPocket' });
    t.sim.vehicleConfig({ powertrain: null });
    assert.deepEqual(
      [t.of('vehicleConfig').at(-1)!.powertrain, t.of('vehicleConfig').at(-1)!.doorRelease],
      [null, 'cableInDoorPocket'],
    );
    const u = setup({ vehicleConfig: { powertrain: 'hybrid' } });
    assert.deepEqual(u.sim.config, { powertrain: 'hybrid', doorRelease: 'innerHandle' });
  });
});

describe('speech output', () => {
  it('speak is accepted; the simulator keeps the last 20 texts, newest last', () => {
    const t = setup();
    t.send({ type: 'speak', text: 'Help is on the way.', lang: 'en' });
    assert.deepEqual(t.lastAck(), { ok: true });
    assert.equal(t.acks().at(-1)!.command, 'speak');
    assert.deepEqual(t.sim.spoken, [{ at: 0, text: 'Help is on the way.', lang: 'en' }]);
    for (let i = 1; i <= 25; i++) t.send({ type: 'speak', text: `text ${i}`, lang: null });
    assert.equal(t.sim.spoken.length, 20);
    assert.deepEqual(t.sim.spoken.at(-1), { at: 0, text: 'text 25', lang: null });
    assert.equal(t.sim.spoken[0]!.text, 'text 6');
  });
});

describe('disposal', () => {
  it('leaves no timer with lines on their way and the hazard lights switching', () => {
    const t = inVoice({ callCentre: { messages: [{ afterMs: 60_000, text: 'later' }] } });
    t.phrase('injured');
    t.send({ type: 'setHazardLights', on: true });
    t.sim.dispose();
    assert.equal(t.clock.pendingTimers, 0);
  });
});
