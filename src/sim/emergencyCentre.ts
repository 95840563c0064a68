/**
 * The simulated far end of an emergency call: the emergency centre (PSAP) and the eCall test number,
 * with the network between them and the car. It answers (or not), takes and acknowledges the MSD
 * (positively or not, EN 17184), opens voice, asks for fresh data, reads and answers the occupants'
 * text lines and sends its own (RFC 8147/8148 msg-dynamic), and later clears down, drops or calls
 * back, as `CallCentreOptions` say. A plain 112 call (no eCall on the network) carries no data.
 *
 * It knows nothing of the car's session: it tells the telematics unit what happens on a call through
 * a listener, and rings the car through `callCar` (the unit decides whether it can take the call).
 * Everything runs on the injected `SimulatedClock`.
 */
import type { CallTransport, PointOfInterest, PresetPhrase } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { cutText } from './textChannel.js';
import { SIM_TIMING, TEXT_TIMING } from './timing.js';
import { DEFAULT_CALL_CENTRE, definedOnly, type CallCentreOptions, type CentreInboxEntry } from './types.js';

/**
 * The small set of places the mock ships (around the default position): the centre hands them over
 * after the data is acknowledged, for directions to the nearest police station and hospital.
 */
export const MOCK_POINTS_OF_INTEREST: readonly PointOfInterest[] = [
  {
    kind: 'police',
    name: 'Polizeiinspektion 11 Altstadt',
    address: 'Hochbrückenstraße 7, 80331 München',
    latitude: 48.13676,
    longitude: 11.58128,
  },
  {
    kind: 'police',
    name: 'Polizeiinspektion 12 Maxvorstadt',
    address: 'Türkenstraße 3, 80333 München',
    latitude: 48.14689,
    longitude: 11.57755,
  },
  {
    kind: 'hospital',
    name: 'Klinikum rechts der Isar (emergency department)',
    address: 'Ismaninger Straße 22, 81675 München',
    latitude: 48.13702,
    longitude: 11.59871,
  },
  {
    kind: 'hospital',
    name: 'LMU Klinikum Innenstadt (emergency department)',
    address: 'Nußbaumstraße 20, 80336 München',
    latitude: 48.13123,
    longitude: 11.56209,
  },
];

/**
 * What the centre writes back to a line from the occupants, by its phrase (`text`: typed text).
 * Short and plain, as an operator types them; the car shows them as they come.
 */
export const CENTRE_REPLIES: Readonly<Record<PresetPhrase | 'text', string>> = {
  cannotSpeak: 'We can read you. Answer with the phrases or type. Help is on the way.',
  cannotHear: 'We will write to you here. Help is on the way.',
  injured: 'An ambulance is on its way. Do not move injured people unless there is danger.',
  trapped: 'Stay calm. The fire service is on its way.',
  fireSmoke: 'Get out and away from the car if you can. The fire service is on its way.',
  children: 'Understood, there are children with you. Help is on the way.',
  safe: 'Thank you. Stay away from the traffic. Help is on the way.',
  text: 'Message received. Help is on the way.',
};

/** How many received lines `inbox` keeps (a simulator left running must not grow without bound). */
const INBOX_KEPT = 200;

/** What the far end does on a call, as the car's modem sees it. */
export type CentreEvent =
  | { readonly type: 'answered' }
  | { readonly type: 'msdSent' }
  /** EN 17184: an explicit acknowledgement; `positive: false` — the data did not arrive readable. */
  | { readonly type: 'msdAcknowledged'; readonly positive: boolean }
  | { readonly type: 'contactsNotified' }
  | { readonly type: 'voice' }
  /** The centre asks for fresh data (NG-eCall SIP INFO, EN 16062 "send MSD"). */
  | { readonly type: 'dataRequested' }
  /** The centre has the occupants' line `ref` (the car's own line id). */
  | { readonly type: 'textDelivered'; readonly ref: number }
  /** A text from the centre (RFC 8147/8148 msg-dynamic), at most `MAX_TEXT_LENGTH`. */
  | { readonly type: 'text'; readonly text: string }
  /** Rang out without an answer. */
  | { readonly type: 'noAnswer' }
  /** The operator (or the test number) ended the call. */
  | { readonly type: 'clearDown' }
  | { readonly type: 'dropped'; readonly reason: string };

/** Receives the events of one call until it is over. */
export type CentreListener = (event: CentreEvent) => void;

/** The number the car dialled, or the centre's call-back to the car. */
export type CentreLeg = 'emergency' | 'test' | 'callback';

/** One call between the car and the far end, as the car holds it. */
export interface CentreCall {
  readonly leg: CentreLeg;
  /** The far end has answered (a call-back: the car has). */
  readonly answered: boolean;
  /**
   * The car ends the call: `hungUp` by the occupants (a clean end: the centre may call back), `lost`
   * otherwise (cancel, timeout, the car's modem dropped it, power loss). Idempotent.
   */
  end(how: 'hungUp' | 'lost'): void;
  /**
   * The car sends a line of the occupants over the call (EECC art. 109 text); the centre confirms it
   * with `textDelivered` carrying `ref` when it has it — unless the call ends first.
   */
  sendText(ref: number, phrase: PresetPhrase | null, text: string | null): void;
}

export interface EmergencyCentreOptions {
  readonly clock: SimulatedClock;
  /** Initial behaviour (merged over `DEFAULT_CALL_CENTRE`). */
  readonly behaviour?: CallCentreOptions;
  /** The centre rings the car for a call-back; the car answers through `answerCallback()` if it can. */
  readonly callCar: () => void;
}

interface ActiveCall extends CentreCall {
  answered: boolean;
  over: boolean;
  readonly listener: CentreListener;
  readonly timers: number[];
}

/** The simulated emergency centre and test number. */
export class EmergencyCentre {
  private readonly clock: SimulatedClock;
  private readonly callCar: () => void;
  private behaviour: Required<CallCentreOptions> = { ...DEFAULT_CALL_CENTRE };
  /** Calls dropped so far by `dropAfterMs` (counted against `dropCount`). */
  private dropsDone = 0;
  private current: ActiveCall | null = null;
  private callbackTimer: number | undefined;
  private readonly received: CentreInboxEntry[] = [];

  constructor(options: EmergencyCentreOptions) {
    this.clock = options.clock;
    this.callCar = options.callCar;
    if (options.behaviour) this.configure(options.behaviour);
  }

  /** Current behaviour (defaults merged with every `configure()`). */
  get options(): Required<CallCentreOptions> {
    return { ...this.behaviour };
  }

  /** The centre takes NG-eCall (EN 17184); otherwise the car falls back to eCall with in-band MSD. */
  get takesNgECall(): boolean {
    return this.behaviour.ngECall;
  }

  /** What arrived over the text channel, oldest first (copies). */
  get inbox(): readonly CentreInboxEntry[] {
    return this.received.map((entry) => ({ ...entry }));
  }

  /** The places handed over once the data of an emergency call is acknowledged. */
  get pointsOfInterest(): readonly PointOfInterest[] {
    return MOCK_POINTS_OF_INTEREST;
  }

  /** Changes how the centre behaves on the next calls; new drop settings restart the drop count. */
  configure(options: CallCentreOptions): void {
    this.behaviour = { ...this.behaviour, ...definedOnly(options) };
    if ('dropAfterMs' in options || 'dropCount' in options) this.dropsDone = 0;
  }

  /**
   * The car dials the emergency number (or the test number): the centre answers after
   * `answerDelayMs` (or rings out), then the MSD exchange and voice follow on `SIM_TIMING`. Over
   * `plain112` there is no MSD (TS 23.167: a plain IMS emergency call): nothing to acknowledge, no
   * contacts notified — the centre answers as for any call.
   */
  dial(
    leg: 'emergency' | 'test',
    listener: CentreListener,
    transport: CallTransport = 'ngECall',
  ): CentreCall {
    const call = this.open(leg, listener);
    const b = this.behaviour;
    const t = SIM_TIMING;
    if (b.noAnswer) {
      this.at(call, b.answerDelayMs + t.noAnswerRingOutMs, () => this.finish(call, { type: 'noAnswer' }));
      return call;
    }
    const c = b.answerDelayMs;
    this.at(call, c, () => {
      call.answered = true;
      listener({ type: 'answered' });
    });
    if (transport !== 'plain112') {
      const positive = b.msdAck !== 'negative';
      this.at(call, c + t.msdSentMs, () => listener({ type: 'msdSent' }));
      this.at(call, c + t.msdAcknowledgedMs, () => listener({ type: 'msdAcknowledged', positive }));
      // The test number alerts nobody; unreadable data names nobody to alert (EN 17184 negative ack).
      if (leg === 'emergency' && b.notifyContacts && positive)
        this.at(call, c + t.contactsNotifiedMs, () => listener({ type: 'contactsNotified' }));
    }
    this.at(call, c + t.voiceConnectedMs, () => {
      listener({ type: 'voice' });
      this.afterVoice(call);
    });
    return call;
  }

  /** The car has answered the centre's call-back: voice opens `callbackVoiceMs` later. */
  answerCallback(listener: CentreListener): CentreCall {
    const call = this.open('callback', listener);
    call.answered = true;
    this.at(call, SIM_TIMING.callbackVoiceMs, () => {
      listener({ type: 'voice' });
      this.afterVoice(call);
    });
    return call;
  }

  /** The operator hangs up the current call; the centre cannot end a call it has not answered. */
  endCall(): void {
    const call = this.current;
    if (!call || !call.answered) return;
    this.finish(call, { type: 'clearDown' });
  }

  /** The centre calls the car back now (the car takes it only inside its call-back window). */
  callBack(): void {
    this.callCar();
  }

  /** The operator sends a text now (RFC 8148 msg-dynamic): only on a call the centre has answered. */
  sendText(text: string): void {
    const call = this.current;
    if (call?.answered) this.say(call, text);
  }

  /** The operator asks for fresh data now (SIP INFO): only on a call the centre has answered. */
  requestData(): void {
    const call = this.current;
    if (call?.answered && !call.over) call.listener({ type: 'dataRequested' });
  }

  /** Stops every timer; calls in progress end without a word. */
  dispose(): void {
    if (this.current) this.stop(this.current);
    this.current = null;
    if (this.callbackTimer !== undefined) this.clock.clearTimeout(this.callbackTimer);
    this.callbackTimer = undefined;
  }

  // ----------------------------------------------------------------------

  private open(leg: CentreLeg, listener: CentreListener): ActiveCall {
    // One line to the car: a new call replaces whatever the centre still held.
    if (this.current) this.stop(this.current);
    const call: ActiveCall = {
      leg,
      answered: false,
      over: false,
      listener,
      timers: [],
      end: (how) => this.endedByCar(call, how),
      sendText: (ref, phrase, text) => this.receiveText(call, ref, phrase, text),
    };
    this.current = call;
    return call;
  }

  /** After voice: the test number hangs up; the centre drops or clears down as configured. */
  private afterVoice(call: ActiveCall): void {
    if (call.over) return;
    const b = this.behaviour;
    if (call.leg === 'test') {
      this.at(call, SIM_TIMING.testCallVoiceMs, () => this.finish(call, { type: 'clearDown' }));
      return;
    }
    const mayDrop =
      call.leg === 'emergency' &&
      b.dropAfterMs !== null &&
      (b.dropCount === null || this.dropsDone < b.dropCount);
    if (mayDrop && b.dropAfterMs !== null) {
      this.at(call, b.dropAfterMs, () => {
        this.dropsDone++;
        this.finish(call, { type: 'dropped', reason: 'network lost' });
      });
    }
    if (b.endAfterMs !== null) this.at(call, b.endAfterMs, () => this.finish(call, { type: 'clearDown' }));
    const { requestDataAfterMs } = b;
    if (requestDataAfterMs !== null)
      this.at(call, requestDataAfterMs, () => call.listener({ type: 'dataRequested' }));
    // The operator's prepared messages: each once on every emergency call (not on its call-back).
    if (call.leg === 'emergency')
      for (const message of b.messages) this.at(call, message.afterMs, () => this.say(call, message.text));
  }

  /** A line from the occupants reaches the centre after the network's transit; it is read and answered. */
  private receiveText(call: ActiveCall, ref: number, phrase: PresetPhrase | null, text: string | null): void {
    this.at(call, TEXT_TIMING.deliveredMs - TEXT_TIMING.sentMs, () => {
      this.received.push({ at: this.clock.now(), phrase, text });
      if (this.received.length > INBOX_KEPT) this.received.shift();
      call.listener({ type: 'textDelivered', ref });
      const b = this.behaviour;
      if (b.replies) this.at(call, b.replyAfterMs, () => this.say(call, CENTRE_REPLIES[phrase ?? 'text']));
    });
  }

  /** A text from the operator, cut to what the text channel carries (RFC 8147: short messages). */
  private say(call: ActiveCall, text: string): void {
    const cut = cutText(text.trim()).trim();
    if (!call.over && cut.length > 0) call.listener({ type: 'text', text: cut });
  }

  /** The far end ends the call and tells the car; a clean end of an emergency call may bring a call-back. */
  private finish(call: ActiveCall, event: CentreEvent): void {
    if (call.over) return;
    this.stop(call);
    if (event.type === 'clearDown') this.maybeCallBack(call);
    call.listener(event);
  }

  private endedByCar(call: ActiveCall, how: 'hungUp' | 'lost'): void {
    if (call.over) return;
    this.stop(call);
    if (how === 'hungUp') this.maybeCallBack(call);
  }

  /** EN 16062: after a clean end of an answered emergency call the centre may call back (`callbackAfterMs`). */
  private maybeCallBack(call: ActiveCall): void {
    if (call.leg !== 'emergency' || !call.answered || this.behaviour.callbackAfterMs === null) return;
    if (this.callbackTimer !== undefined) this.clock.clearTimeout(this.callbackTimer);
    this.callbackTimer = this.clock.setTimeout(() => {
      this.callbackTimer = undefined;
      this.callCar();
    }, this.behaviour.callbackAfterMs);
  }

  private stop(call: ActiveCall): void {
    call.over = true;
    for (const t of call.timers) this.clock.clearTimeout(t);
    call.timers.length = 0;
    if (this.current === call) this.current = null;
  }

  private at(call: ActiveCall, delayMs: number, fn: () => void): void {
    call.timers.push(
      this.clock.setTimeout(() => {
        if (!call.over) fn();
      }, delayMs),
    );
  }
}
