/**
 * The telematics unit's emergency-call session (the in-vehicle system of eCall, Legato `le_ecall`
 * model): it owns the call. It takes the SOS button and the airbag unit's crash directly, counts the
 * cancel window down, dials, sends the MSD, redials (EN 16062), obeys the centre's clear-down, keeps
 * the call-back window and answers call-backs by itself. The HMI only mirrors its session report and
 * forwards the occupants' requests; no call depends on the page.
 *
 * Every change of the session goes out at once as one `callSession` report with a new `seq`; the
 * simulator repeats the report cyclically (`publish()`). The session's text conversation with the
 * centre (`textChannel.ts`) is published the same way, right after the report. A dead unit (no power,
 * booting, control module failure, hung software, blown fuse) does nothing and says nothing, on its
 * text channel neither; its session stays in memory and resumes when it comes back (an emergency
 * call in progress then counts as dropped, and lines the centre did not have yet failed).
 *
 * How the call is carried is fixed at the first attempt: NG-eCall over IMS where network and centre
 * take it (EN 17184), else eCall with in-band MSD (EN 16062), else — a network that takes 112 but no
 * eCall — a plain 112 voice call without the car's data (3GPP TS 23.167).
 *
 * Plain TypeScript on the injected `SimulatedClock` (the simulator layer has no XState).
 */
import type { SentCommand, VehicleCommand } from '../bridge/commands.js';
import {
  ATTEMPT_PHASES,
  CALLBACK_PHASES,
  CALLING_PHASES,
  MUTED_PHASES,
  NO_CALL_SESSION,
  SESSION_PHASES,
  TALKING_PHASES,
  type CallEnd,
  type CallKind,
  type CallSessionPhase,
  type CallSessionSignal,
  type CallTransport,
  type ConversationSignal,
  type CrashData,
  type EcallService,
  type PresetPhrase,
  type VehicleSignal,
} from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { commandAck } from './bus.js';
import type { CentreCall, CentreEvent, EmergencyCentre } from './emergencyCentre.js';
import { checkOutgoing, TextChannel } from './textChannel.js';
import { SIM_TIMING, TEXT_TIMING } from './timing.js';
import { DEFAULT_TELEMATICS, definedOnly, type TelematicsSettings } from './types.js';

/** What the unit needs of the car around it. */
export interface TelematicsUnitOptions {
  readonly clock: SimulatedClock;
  /** The far end of its calls. */
  readonly centre: EmergencyCentre;
  /** Calibration; missing fields from `DEFAULT_TELEMATICS`. */
  readonly settings?: Partial<TelematicsSettings>;
  /** Puts a message from the unit on the bus (session reports, acknowledgements, points of interest). */
  readonly emit: (msg: VehicleSignal) => void;
  /** The modem is registered on a network. */
  readonly registered: () => boolean;
  /** The MOST ring is open with the unit on it: the hands-free audio path is gone, attempts fail. */
  readonly ringBroken: () => boolean;
  /**
   * What the network offers for eCall. Read at the first attempt of a session; even without a
   * registration the modem reads it from the cell it camps on. Default `ngECall`.
   */
  readonly ecallService?: () => EcallService;
  /** Called after every change of the session, once its report is on the bus. */
  readonly onChange?: () => void;
}

type ReportFields = Omit<CallSessionSignal, 'type' | 'ts' | 'seq'>;
/** Report fields the unit works out from the session and its settings each time it reports. */
type DerivedFields = 'cancellable' | 'holdToEndMs' | 'audioMuted';

/** The session as the unit keeps it: the report's own fields, and what it needs to run the session. */
type Session = { -readonly [K in Exclude<keyof ReportFields, DerivedFields>]: ReportFields[K] } & {
  /** Start of the current (or last) attempt. */
  attemptStartedAt: number | null;
  /** The centre answered the current attempt. */
  attemptConnected: boolean;
  /** Some attempt of this session was answered. */
  connectedOnce: boolean;
  /** Voice was reached once in this session (hold-to-end policy `untilConnected`). */
  voiceOnce: boolean;
};

type TimerName = 'arming' | 'hold' | 'phase' | 'attempt';

/** `attempt` is one byte on the bus. */
const MAX_ATTEMPT = 255;

/** No session: the report with nothing to report, and nothing attempted. */
function idleSession(): Session {
  const {
    cancellable: _cancellable,
    holdToEndMs: _holdToEndMs,
    audioMuted: _audioMuted,
    ...idle
  } = NO_CALL_SESSION;
  return { ...idle, attemptStartedAt: null, attemptConnected: false, connectedOnce: false, voiceOnce: false };
}

/** The telematics unit: one emergency-call session at a time. */
export class TelematicsUnit {
  /** The calibration in use. */
  readonly settings: TelematicsSettings;
  private readonly clock: SimulatedClock;
  private readonly centre: EmergencyCentre;
  private readonly emit: (msg: VehicleSignal) => void;
  private readonly registered: () => boolean;
  private readonly ringBroken: () => boolean;
  private readonly ecallService: () => EcallService;
  private readonly onChange: () => void;
  private readonly timers = new Map<TimerName, number>();
  /** Timers of lines on their way to the centre (one per line). */
  private readonly textTimers = new Set<number>();
  private readonly text: TextChannel;
  private s: Session = idleSession();
  private seq = 0;
  private committed: string;
  private lastReport: CallSessionSignal;
  private call: CentreCall | null = null;
  private isAlive = true;
  /** The unit saw the SOS button go down and not yet up. */
  private buttonDown = false;
  private disposed = false;

  constructor(options: TelematicsUnitOptions) {
    this.clock = options.clock;
    this.centre = options.centre;
    this.settings = { ...DEFAULT_TELEMATICS, ...definedOnly(options.settings ?? {}) };
    this.emit = options.emit;
    this.registered = options.registered;
    this.ringBroken = options.ringBroken;
    this.ecallService = options.ecallService ?? (() => 'ngECall');
    this.onChange = options.onChange ?? (() => undefined);
    this.text = new TextChannel({ clock: this.clock, emit: (msg) => this.emit(msg) });
    const fields = this.fields();
    this.committed = JSON.stringify(fields);
    this.lastReport = this.toReport(fields);
  }

  // ------------------------------------------------------------- read-only

  /** The latest report the unit put on the bus (the initial idle one before any). */
  get report(): CallSessionSignal {
    return this.lastReport;
  }
  /** The latest conversation the unit put on the bus (the initial empty one before any). */
  get conversation(): ConversationSignal {
    return this.text.signal;
  }
  get phase(): CallSessionPhase {
    return this.s.phase;
  }
  /** Powered, booted, working. */
  get alive(): boolean {
    return this.isAlive;
  }
  /** A session runs (cancel window to call-back): the unit keeps itself and the bus awake. */
  get active(): boolean {
    return this.isAlive && SESSION_PHASES.includes(this.s.phase);
  }
  /** An attempt or a call-back is up on the modem. */
  get callUp(): boolean {
    return this.isAlive && (ATTEMPT_PHASES.includes(this.s.phase) || CALLBACK_PHASES.includes(this.s.phase));
  }
  /** The unit has entertainment audio muted (a dead unit mutes nothing). */
  get audioMuted(): boolean {
    return this.isAlive && MUTED_PHASES.includes(this.s.phase);
  }

  // ---------------------------------------------------------------- inputs

  /** Repeats the current report and conversation (cyclic publishing); a dead unit says nothing. */
  publish(): void {
    if (!this.isAlive || this.disposed) return;
    this.lastReport = this.toReport(this.fields());
    this.emit(this.lastReport);
    this.text.publish();
  }

  /**
   * Power, boot and software state changed. Dying stops everything silently (the session stays in
   * memory); coming back resumes it: an emergency call in progress counts as dropped ('power loss').
   */
  setAlive(alive: boolean): void {
    if (alive === this.isAlive || this.disposed) return;
    this.isAlive = alive;
    if (!alive) {
      this.clearTimers();
      this.dropCall('lost');
      this.buttonDown = false;
      this.s.holdEndsAt = null;
      return;
    }
    this.resume();
    this.commit();
  }

  /** The SOS button went down (the unit reads the button itself). */
  buttonPressed(): void {
    if (!this.isAlive || this.disposed) return;
    this.buttonDown = true;
    const hold = this.holdToEndMs();
    if (!SESSION_PHASES.includes(this.s.phase)) {
      const { triggerHoldMs } = this.settings;
      // Manual trigger: a press, or a hold of `triggerHoldMs` (Volvo: ≥ 2 s) against accidental calls.
      if (triggerHoldMs > 0)
        this.setTimer('arming', triggerHoldMs, () => {
          // Meanwhile a call-back may have come in: a press during it does nothing.
          if (!SESSION_PHASES.includes(this.s.phase)) this.startManual();
        });
      else this.startManual();
    } else if (hold !== null) {
      this.s.holdEndsAt = this.clock.now() + hold;
      this.setTimer('hold', hold, () => this.endByOccupants());
    }
    this.commit();
  }

  /** The SOS button came up: an arming trigger or a hold-to-end stops short. */
  buttonReleased(): void {
    if (!this.isAlive || this.disposed || !this.buttonDown) return;
    this.buttonDown = false;
    this.clearTimer('arming');
    this.clearTimer('hold');
    this.s.holdEndsAt = null;
    this.commit();
  }

  /** The airbag unit's crash: an automatic call, or an upgrade of the running manual one. */
  crash(data: CrashData): void {
    if (!this.isAlive || this.disposed) return;
    const s = this.s;
    const crash = takeCrashData(data);
    const callbackOrIdle = !SESSION_PHASES.includes(s.phase) || CALLBACK_PHASES.includes(s.phase);
    if (callbackOrIdle || s.kind === 'test') {
      // A test call gives way to the emergency (only one session at a time).
      this.newSession('automatic');
      this.s.crash = crash;
      this.startAttempt();
    } else if (s.kind === 'manual') {
      // Occupants can never cancel or end an automatic call: the manual session becomes one.
      s.kind = 'automatic';
      s.crash = crash;
      this.clearTimer('hold');
      s.holdEndsAt = null;
      if (s.phase === 'cancelWindow') this.startAttempt();
    } else {
      s.crash = crash;
    }
    this.commit();
  }

  /** The modem lost its network registration: an attempt or call-back up drops. */
  networkLost(): void {
    if (!this.isAlive || this.disposed) return;
    const { phase } = this.s;
    if (ATTEMPT_PHASES.includes(phase)) this.attemptEnded('no network');
    else if (CALLBACK_PHASES.includes(phase)) this.callbackEnded('dropped');
    this.commit();
  }

  /** The centre rings the car: taken only in `ended` inside the call-back window, on a registered modem. */
  incomingCallback(): void {
    if (!this.isAlive || this.disposed) return;
    const s = this.s;
    if (s.phase !== 'ended' || s.callbackWindowEndsAt === null) return;
    if (this.clock.now() >= s.callbackWindowEndsAt || !this.registered()) return;
    // EN 16062: the unit answers a call-back by itself; the window ending during it does not cut it.
    this.clearTimer('phase');
    s.phase = 'callbackRinging';
    this.call = this.centre.answerCallback((e) => this.fromCentre(e));
    this.commit();
  }

  /**
   * An occupant's request (`cancelCall`, `callNow`, `endCall`, `answerCallback`, `startTestCall`,
   * `sendText`): answered with a `commandAck` at once; a dead unit does not answer (the bridge times out).
   */
  request(sent: SentCommand): void {
    if (!this.isAlive || this.disposed) return;
    const refusal = this.apply(sent.command);
    this.emit(commandAck(sent, this.clock.now(), refusal));
    this.commit();
  }

  /** Stops every timer and hangs up; the unit says nothing afterwards. */
  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    this.dropCall('lost');
  }

  // -------------------------------------------------------------- requests

  /** Carries out a request; returns why it is refused, or null when accepted. */
  private apply(command: VehicleCommand): string | null {
    const s = this.s;
    const active = SESSION_PHASES.includes(s.phase);
    switch (command.type) {
      case 'cancelCall':
        if (!this.cancellable()) return 'not cancellable';
        this.dropCall('lost');
        this.toCancelled();
        return null;
      case 'callNow':
        if (s.phase !== 'cancelWindow') return 'no cancel window';
        this.startAttempt();
        return null;
      case 'endCall':
        if (!active) return 'no call';
        if (s.kind === 'automatic') return 'automatic call';
        if (s.kind === 'manual' && this.holdToEndMs() === null) return 'not endable';
        this.endByOccupants();
        return null;
      case 'answerCallback':
        // The unit has answered already (it answers at once): the request just agrees.
        return s.phase === 'callbackRinging' ? null : 'no call-back';
      case 'startTestCall':
        if (active) return 'busy';
        // A test call checks the eCall path (MSD and its acknowledgement): plain 112 tests nothing.
        if (this.chooseTransport() === 'plain112') return 'no eCall network';
        this.newSession('test');
        this.startAttempt();
        return null;
      case 'sendText': {
        const line = checkOutgoing(command.phrase, command.text);
        if (!line.ok) return line.refusal;
        // EECC art. 109: the text goes to the centre on the call; without one nobody reads it.
        if (!TALKING_PHASES.includes(s.phase) || this.call === null) return 'no call';
        this.sendLine(line.phrase, line.text);
        return null;
      }
      default:
        return 'unknown command';
    }
  }

  // --------------------------------------------------------------- session

  private startManual(): void {
    this.newSession('manual');
    const { cancelWindowMs } = this.settings;
    if (cancelWindowMs <= 0) {
      this.startAttempt();
      return;
    }
    this.s.phase = 'cancelWindow';
    this.s.cancelWindowEndsAt = this.clock.now() + cancelWindowMs;
    this.setTimer('phase', cancelWindowMs, () => this.startAttempt());
  }

  /** A fresh session of `kind`; whatever was left (a call-back, a test call, a window) is dropped. */
  private newSession(kind: CallKind): void {
    this.clearTimers();
    this.dropCall('lost');
    this.s = { ...idleSession(), kind, triggeredAt: this.clock.now() };
    // The conversation belongs to the session it was held in.
    this.text.clear();
  }

  /**
   * NG-eCall where network and centre take it (EN 17184); eCall with in-band MSD where either has
   * only that (EN 16062); a plain 112 voice call where the network has no eCall (TS 23.167).
   */
  private chooseTransport(): CallTransport {
    switch (this.ecallService()) {
      case 'ngECall':
        return this.centre.takesNgECall ? 'ngECall' : 'eCall';
      case 'eCall':
        return 'eCall';
      case 'none':
        return 'plain112';
    }
  }

  /** A line from the occupants: `sending` now, on the call after `sentMs`; the centre confirms it. */
  private sendLine(phrase: PresetPhrase | null, text: string | null): void {
    const id = this.text.addOccupants(phrase, text);
    const call = this.call;
    const timer = this.clock.setTimeout(() => {
      this.textTimers.delete(timer);
      // The call it was sent on has ended meanwhile: the line has failed already.
      if (this.call !== call || call === null || this.text.delivery(id) !== 'sending') return;
      this.text.setDelivery(id, 'sent');
      call.sendText(id, phrase, text);
      this.commit();
    }, TEXT_TIMING.sentMs);
    this.textTimers.add(timer);
  }

  private startAttempt(): void {
    const s = this.s;
    const now = this.clock.now();
    this.clearTimer('phase');
    s.phase = 'dialing';
    s.attempt = Math.min(MAX_ATTEMPT, s.attempt + 1);
    s.msd = 'none';
    s.voiceSince = null;
    s.attemptStartedAt = now;
    s.attemptConnected = false;
    // The first attempt fixes how the session is carried; redials and call-backs keep it.
    s.transport ??= this.chooseTransport();
    const t = SIM_TIMING;
    // The unit dials over its own modem, but the hands-free audio path runs over the MOST ring.
    if (this.ringBroken()) {
      this.setTimer('attempt', t.noNetworkFailMs, () => this.attemptEnded('ring break'));
    } else if (!this.registered()) {
      this.setTimer('attempt', t.noNetworkFailMs, () => this.attemptEnded('no network'));
    } else {
      this.call = this.centre.dial(
        s.kind === 'test' ? 'test' : 'emergency',
        (e) => this.fromCentre(e),
        s.transport,
      );
      this.setTimer('attempt', this.settings.attemptTimeoutMs, () => this.attemptEnded('timeout'));
    }
  }

  private fromCentre(event: CentreEvent): void {
    if (!this.isAlive || this.disposed) return;
    const s = this.s;
    const leg = this.call?.leg;
    switch (event.type) {
      case 'answered':
        this.clearTimer('attempt');
        s.phase = 'connected';
        s.attemptConnected = true;
        s.connectedOnce = true;
        // A connected call ends the redial cycle: a later drop starts a new window (EN 16062).
        s.failureReason = null;
        s.callEnd = null;
        s.redialWindowEndsAt = null;
        break;
      case 'msdSent':
        s.msd = 'sent';
        break;
      case 'msdAcknowledged':
        // EN 17184: the centre says explicitly whether it could read the data.
        s.msd = event.positive ? 'ackPositive' : 'ackNegative';
        break;
      case 'contactsNotified':
        s.contactsNotified = true;
        break;
      case 'voice':
        s.voiceSince = this.clock.now();
        if (leg === 'callback') {
          s.phase = 'callback';
          s.callEnd = null;
        } else {
          s.phase = 'voice';
          s.voiceOnce = true;
        }
        break;
      case 'noAnswer':
        this.attemptEnded('no answer');
        break;
      case 'clearDown':
        if (leg === 'callback') this.callbackEnded('clearDown');
        else this.clearedDown();
        break;
      case 'dropped':
        if (leg === 'callback') this.callbackEnded('dropped');
        else this.attemptEnded(event.reason);
        break;
      case 'dataRequested':
        // SIP INFO / "send MSD": fresh data on a call that carries data (never on plain 112).
        if (TALKING_PHASES.includes(s.phase) && s.transport !== null && s.transport !== 'plain112')
          s.msdUpdatedAt = this.clock.now();
        break;
      case 'textDelivered':
        if (this.text.delivery(event.ref) === 'sent') this.text.setDelivery(event.ref, 'delivered');
        break;
      case 'text':
        // RFC 8147 msg-dynamic: shown while the centre is on the line with the car.
        if (TALKING_PHASES.includes(s.phase)) this.text.addCentre(event.text);
        break;
    }
    this.commit();
    // The centre hands over the nearest police stations and hospitals once it has the position.
    if (event.type === 'msdAcknowledged' && event.positive && leg === 'emergency') {
      this.emit({
        type: 'pointsOfInterest',
        ts: this.clock.now(),
        points: [...this.centre.pointsOfInterest],
      });
    }
  }

  /** The attempt failed or dropped (not a clear-down): EN 16062 redial, or `failed`. */
  private attemptEnded(reason: string): void {
    const s = this.s;
    const now = this.clock.now();
    const connected = s.attemptConnected;
    this.clearTimer('attempt');
    this.dropCall('lost');
    s.attemptConnected = false;
    s.voiceSince = null;
    s.failureReason = reason;
    if (connected) s.callEnd = 'dropped';
    // A test call is never redialled.
    if (s.kind === 'test') return this.toFailed();
    const { redialWindowMs, redialIntervalMs } = this.settings;
    if (connected) {
      // EN 16062: after a drop of a connected call, redial at once within a new 2-minute window.
      s.redialWindowEndsAt = now + redialWindowMs;
      s.nextAttemptAt = now;
    } else {
      // EN 16062: the window runs from the first failure; one attempt per interval from the previous start.
      s.redialWindowEndsAt ??= now + redialWindowMs;
      s.nextAttemptAt = Math.max(now, (s.attemptStartedAt ?? now) + redialIntervalMs);
    }
    if (now >= s.redialWindowEndsAt) return this.toFailed();
    s.phase = 'redialWait';
    this.armRedialWait();
  }

  /** `redialWait`: the next attempt at `nextAttemptAt`, or `failed` when the window ends first. */
  private armRedialWait(): void {
    const s = this.s;
    const now = this.clock.now();
    const next = s.nextAttemptAt ?? now;
    const windowEnd = s.redialWindowEndsAt ?? now;
    if (next >= windowEnd) {
      if (windowEnd <= now) this.toFailed();
      else this.setTimer('phase', windowEnd - now, () => this.toFailed());
    } else if (next <= now) {
      // EN 16062: at once after a connected call. The wait is reported first (why, and the new window).
      this.commit();
      this.startAttempt();
    } else {
      this.setTimer('phase', next - now, () => this.startAttempt());
    }
  }

  /** The centre (or the test number) cleared the call down: no redial (Legato `le_ecall`). */
  private clearedDown(): void {
    this.clearTimer('attempt');
    this.call = null;
    this.text.failPending();
    this.s.attemptConnected = false;
    if (this.s.kind === 'test') this.toTestEnded('clearDown');
    else this.toEnded('clearDown');
  }

  /** The occupants hung up (hold-to-end, `endCall`). */
  private endByOccupants(): void {
    const s = this.s;
    this.dropCall('hungUp');
    s.attemptConnected = false;
    if (s.kind === 'test') this.toTestEnded(s.connectedOnce ? 'hungUp' : null);
    else if (s.connectedOnce) this.toEnded('hungUp');
    else this.toCancelled();
  }

  /** The call-back ended: back to the call-back window while it is open. */
  private callbackEnded(how: CallEnd): void {
    const s = this.s;
    this.dropCall('lost');
    s.voiceSince = null;
    s.callEnd = how;
    if (s.callbackWindowEndsAt !== null && this.clock.now() < s.callbackWindowEndsAt) {
      s.phase = 'ended';
      this.armCallbackWindow();
    } else {
      this.toIdle();
    }
  }

  /** Emergency call over: the call-back window opens (EN 16062 T9). */
  private toEnded(how: CallEnd): void {
    const s = this.s;
    this.clearSessionTimers();
    s.phase = 'ended';
    s.callEnd = how;
    s.voiceSince = null;
    s.callbackWindowEndsAt = this.clock.now() + this.settings.callbackWindowMs;
    this.armCallbackWindow();
  }

  /** Test call over: no call-back window (nobody was alerted). */
  private toTestEnded(how: CallEnd | null): void {
    this.clearSessionTimers();
    this.s.phase = 'ended';
    this.s.callEnd = how;
    this.s.voiceSince = null;
  }

  private toCancelled(): void {
    this.clearSessionTimers();
    this.s.phase = 'cancelled';
    this.s.voiceSince = null;
  }

  private toFailed(): void {
    this.clearSessionTimers();
    this.dropCall('lost');
    this.s.phase = 'failed';
    this.s.voiceSince = null;
  }

  private toIdle(): void {
    this.clearSessionTimers();
    this.dropCall('lost');
    this.s = idleSession();
    this.clearTextTimers();
    this.text.clear();
  }

  private armCallbackWindow(): void {
    const end = this.s.callbackWindowEndsAt;
    if (end === null) return;
    this.setTimer('phase', end - this.clock.now(), () => this.toIdle());
  }

  /** Back from power loss: the session in memory goes on; a call that was up counts as dropped. */
  private resume(): void {
    const s = this.s;
    const now = this.clock.now();
    switch (s.phase) {
      case 'cancelWindow':
        // The occupants' request stands: the countdown goes on, or the unit dials if it ran out.
        if (s.cancelWindowEndsAt !== null && s.cancelWindowEndsAt > now)
          this.setTimer('phase', s.cancelWindowEndsAt - now, () => this.startAttempt());
        else this.startAttempt();
        break;
      case 'dialing':
      case 'connected':
      case 'voice':
        this.attemptEnded('power loss');
        break;
      case 'redialWait':
        this.armRedialWait();
        break;
      case 'callbackRinging':
      case 'callback':
        this.callbackEnded('dropped');
        break;
      case 'ended':
        this.armCallbackWindow();
        break;
      case 'idle':
      case 'failed':
      case 'cancelled':
        break;
    }
  }

  // ---------------------------------------------------------------- report

  /** The occupants may cancel now: the cancel window, or a manual call without one until it connects. */
  private cancellable(): boolean {
    const s = this.s;
    if (s.kind !== 'manual') return false;
    if (s.phase === 'cancelWindow') return true;
    return (
      this.settings.cancelWindowMs <= 0 &&
      (s.phase === 'dialing' || s.phase === 'redialWait') &&
      !s.connectedOnce
    );
  }

  /** How long a hold ends the call now; null when holding ends nothing (automatic, test, call-back). */
  private holdToEndMs(): number | null {
    const s = this.s;
    if (s.kind !== 'manual' || !CALLING_PHASES.includes(s.phase)) return null;
    // EU practice (policy `untilConnected`): once voice is up only the centre ends the call.
    if (this.settings.holdToEndPolicy === 'untilConnected' && s.voiceOnce) return null;
    return this.settings.holdToEndMs;
  }

  /** The report's fields, with the deadlines that do not apply to the phase cleared. */
  private fields(): ReportFields {
    const s = this.s;
    const p = s.phase;
    const holdToEndMs = this.holdToEndMs();
    if (holdToEndMs === null && s.holdEndsAt !== null) {
      // The call can no longer be ended by holding (voice reached, crash): the hold is void.
      this.clearTimer('hold');
      s.holdEndsAt = null;
    }
    return {
      phase: p,
      kind: s.kind,
      attempt: s.attempt,
      triggeredAt: s.triggeredAt,
      cancelWindowEndsAt: p === 'cancelWindow' ? s.cancelWindowEndsAt : null,
      nextAttemptAt: p === 'redialWait' ? s.nextAttemptAt : null,
      redialWindowEndsAt: CALLING_PHASES.includes(p) ? s.redialWindowEndsAt : null,
      callbackWindowEndsAt: p === 'ended' || CALLBACK_PHASES.includes(p) ? s.callbackWindowEndsAt : null,
      failureReason: s.failureReason,
      callEnd: s.callEnd,
      msd: s.msd,
      voiceSince: p === 'voice' || p === 'callback' ? s.voiceSince : null,
      contactsNotified: s.contactsNotified,
      cancellable: this.cancellable(),
      holdToEndMs,
      holdEndsAt: s.holdEndsAt,
      crash: s.crash ? { ...s.crash } : null,
      audioMuted: MUTED_PHASES.includes(p),
      transport: s.transport,
      msdUpdatedAt: s.msdUpdatedAt,
    };
  }

  private toReport(fields: ReportFields): CallSessionSignal {
    return { type: 'callSession', ts: this.clock.now(), seq: this.seq, ...fields };
  }

  /** Publishes what changed: the report (one atomic value per event, a new `seq`), then the conversation. */
  private commit(): void {
    if (!this.isAlive || this.disposed) return;
    this.commitReport();
    this.text.commit();
  }

  private commitReport(): void {
    const fields = this.fields();
    const key = JSON.stringify(fields);
    if (key === this.committed) return;
    this.committed = key;
    this.seq = (this.seq + 1) % 65536;
    this.lastReport = this.toReport(fields);
    this.emit(this.lastReport);
    this.onChange();
  }

  // ---------------------------------------------------------------- timers

  /** Runs `fn` after `delayMs` and publishes what it changed. */
  private setTimer(name: TimerName, delayMs: number, fn: () => void): void {
    this.clearTimer(name);
    const id = this.clock.setTimeout(
      () => {
        this.timers.delete(name);
        fn();
        this.commit();
      },
      Math.max(0, delayMs),
    );
    this.timers.set(name, id);
  }

  private clearTimer(name: TimerName): void {
    const id = this.timers.get(name);
    if (id !== undefined) this.clock.clearTimeout(id);
    this.timers.delete(name);
  }

  /** The session's own timers; an arming trigger (a press being held) outlives the session's end. */
  private clearSessionTimers(): void {
    for (const name of ['hold', 'phase', 'attempt'] as const) this.clearTimer(name);
  }

  private clearTimers(): void {
    for (const id of this.timers.values()) this.clock.clearTimeout(id);
    this.timers.clear();
    this.clearTextTimers();
  }

  private clearTextTimers(): void {
    for (const id of this.textTimers) this.clock.clearTimeout(id);
    this.textTimers.clear();
  }

  /** Hangs up; lines the centre does not have yet have failed. */
  private dropCall(how: 'hungUp' | 'lost'): void {
    const call = this.call;
    this.call = null;
    if (call) this.text.failPending();
    call?.end(how);
  }
}

/**
 * The unit checks the airbag unit's grading before it puts it in its data (the MSD has "unknown"
 * encodings): a value out of range is unknown, never a reason to hold back the call.
 */
function takeCrashData(data: CrashData): CrashData {
  const whole = (value: unknown, min: number, max: number): number | null =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;
  const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
  return {
    severity: whole(data.severity, 1, 4),
    airbagDeployed: flag(data.airbagDeployed),
    rollover: flag(data.rollover),
    occupants: whole(data.occupants, 0, 9),
  };
}
