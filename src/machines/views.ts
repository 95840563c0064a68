/**
 * View models: what each screen renders, selected from machine snapshots by `selectors.ts`.
 * Screens depend on these types only, never on a machine's internal state names. Texts are not
 * here: ids (`CauseId`, `AdviceId`, `EffectId`) are turned into words by `src/screens/texts.ts`.
 */
import type { CallKind, LedState } from '../bridge/commands.js';
import type {
  CallEnd,
  CallTransport,
  ConversationLine,
  CrashData,
  DoorRelease,
  MostNode,
  MsdState,
  PresetPhrase,
} from '../bridge/signals.js';
import type { BridgeConnection, LinkProblem } from '../bridge/vehicleBridge.js';
import type { DiagnosticsPage } from './events.js';
import type { AssessedLevel, Cause, CauseId } from './model/causes.js';
import type { CheckControlMessage } from './model/diagnose.js';
import type { FaultLogEntry } from './model/faultLog.js';
import type { GuideId } from './model/guides.js';
import type { PointOfInterestView } from './model/pointsOfInterest.js';
import type { PositionView } from './model/position.js';
import type { RingDiagnosis, RingView } from './model/ringDiagnosis.js';
import type { SafetyStepId } from './model/safetyGuidance.js';
import type { SelfTestRow } from './model/selfTestResults.js';

// The domain's own words that screens render, defined where the model decides them.
export type { Cause, CauseId } from './model/causes.js';
export type { AdviceId, CheckControlMessage, EffectId } from './model/diagnose.js';
export type { PositionView } from './model/position.js';
export type { RingView } from './model/ringDiagnosis.js';
export type { SafetyStepId } from './model/safetyGuidance.js';
export type { DiagnosticsPage } from './events.js';

/** Overall SOS system status. `off`: ignition off (a running call still continues). */
export type SosLevel = 'off' | 'selfTest' | AssessedLevel;

/** The status-bar telltale. `malfunction` is the crossed-out SOS symbol. */
export type TelltaleState = 'off' | 'bulbCheck' | 'ready' | 'limited' | 'malfunction' | 'unknown';

export interface SosStatusView {
  readonly level: SosLevel;
  readonly telltale: TelltaleState;
  /** Most important first. */
  readonly causes: readonly Cause[];
  /** Signals missing or older than the staleness limit (e.g. `unitHealth:telematics`, `gnss`). */
  readonly staleSignals: readonly string[];
  readonly ring: RingView | null;
  readonly position: PositionView | null;
  readonly cellularBars: number | null;
  readonly connection: BridgeConnection;
  /** The link is up but refused this display (`unauthorized`: its token), else null. */
  readonly linkProblem: LinkProblem;
  /** The ignition cycle count since start (a fault is warned again each cycle). */
  readonly ignitionCycle: number;
}

export interface MalfunctionView {
  /** A malfunction is present now (the telltale is crossed out). */
  readonly present: boolean;
  /** The Check Control popup is on screen (not acknowledged in this ignition cycle). */
  readonly visible: boolean;
  readonly message: CheckControlMessage | null;
}

/** Which call screen wins the display. `none`: no call screen. */
export type CallScreen =
  | 'none'
  | 'cancelWindow'
  | 'active'
  | 'redialing'
  | 'ended'
  | 'failed'
  | 'cancelled'
  | 'callbackWaiting'
  | 'callback'
  /** The eCall TEST session is over: passed or failed, never an emergency. */
  | 'testEnded'
  /**
   * A crash was seen on the bus but the telematics unit has not reported an emergency call within
   * `unconfirmedCrashMs`: the car has not confirmed a call; call 112/911 from a phone.
   */
  | 'unconfirmed';

/** Phase of the call in progress, as shown on the active-call screen. */
export type CallPhaseView = 'connecting' | 'dataSent' | 'acknowledged' | 'voice';

/** Crash data as the airbag unit reported it; a field is null when it arrived missing or out of range. */
export type CrashView = CrashData;

/** What was sent to the centre (the MSD as the occupant should know it). */
export interface SentDataView {
  readonly kind: CallKind;
  readonly position: PositionView | null;
  /** Vehicle-clock ms when the call was triggered. */
  readonly time: number;
  readonly occupants: number | null;
}

export interface CallView {
  readonly screen: CallScreen;
  readonly kind: CallKind | null;
  readonly phase: CallPhaseView | null;
  /** Cancel window: whole seconds left (shown as the countdown). */
  readonly countdownS: number | null;
  readonly countdownTotalS: number | null;
  /** Cancel is offered (cancel window, or dialing with a 0 s window before connection). */
  readonly canCancel: boolean;
  /** "Call now" is offered (cancel window only). */
  readonly canCallNow: boolean;
  /** Holding the SOS button ends this call now (the telematics unit says so: manual calls, by its policy). */
  readonly canEndByHold: boolean;
  /** While the button is held during a call: 0–1 toward ending it; null when not held. */
  readonly holdProgress: number | null;
  /** How long a hold ends the call, whole seconds (the unit's figure; its default while it says none). */
  readonly holdToEndS: number;
  /** Voice call duration, whole seconds. */
  readonly elapsedS: number;
  /** Attempt number of this session, 1-based. */
  readonly attempt: number;
  /** While waiting to redial: seconds until the next attempt. */
  readonly redialInS: number | null;
  readonly sent: SentDataView | null;
  readonly crash: CrashView | null;
  /** No voice yet (or a mic/speaker fault): the centre has the position, help is on the way. */
  readonly noVoiceHint: boolean;
  /**
   * A call or call-back is up while the audio path is broken (MOST ring open, hands-free fault): the
   * call continues on the telematics unit, but occupants and centre may not hear each other.
   */
  readonly audioMayBeLost: boolean;
  readonly contactsNotified: boolean;
  /** Why the last attempt failed (telematics reason), if any. */
  readonly failureReason: string | null;
  /** How the last connected call ended (centre clear-down, drop, occupants), null while none has. */
  readonly callEnd: CallEnd | null;
  /** The centre's hold of the emergency data (sent, acknowledged positive or negative). */
  readonly msd: MsdState;
  /** The telematics unit refused what the occupants asked (cancel, call now, end, test call): its reason. */
  readonly refusal: string | null;
  /** Call-back window: whole seconds left. */
  readonly callbackRemainingS: number | null;
  readonly emergencyNumber: '112' | '911';
  readonly led: LedState;
  /** Entertainment audio is muted for the call (the telematics unit mutes it). */
  readonly audioMuted: boolean;
  /** Latest known position (failure screen: read it out to 112/911); untrusted without a fix. */
  readonly position: PositionView | null;
  /** Test call result once it is over (`testEnded`), else null. */
  readonly testOutcome: 'passed' | 'failed' | null;
  /** Nearest police station and hospital (from the vehicle side), nearest first per kind. */
  readonly pointsOfInterest: readonly PointOfInterestView[];
  /** Directions handed to the navigation for this kind of place, if any. */
  readonly guidanceTo: 'police' | 'hospital' | null;
  /** How the unit carries the call (`plain112`: no data from the car, read the position out); null before dialling. */
  readonly transport: CallTransport | null;
  /** When fresh data went to the centre at its request (vehicle ms), null: never in this call. */
  readonly dataUpdatedAt: number | null;
  readonly conversation: ConversationView;
  readonly safety: SafetyGuidanceView;
}

/** One line of the text conversation with the centre, as the call screen shows it. */
export type ConversationLineView = ConversationLine;

/** The text conversation for occupants who cannot speak or hear (EECC art. 109). */
export interface ConversationView {
  /** A call is up that texts can go to (the unit's text channel): the Text action is offered. */
  readonly available: boolean;
  /** The conversation panel: preset phrases first, the on-screen keyboard for typing; null = closed. */
  readonly panel: 'phrases' | 'keyboard' | null;
  /** Oldest first. */
  readonly lines: readonly ConversationLineView[];
  /** The newest line from the centre, shown on the call screen with the panel closed too. */
  readonly latestFromCentre: ConversationLineView | null;
  readonly phrases: readonly PresetPhrase[];
  /** Typed text is cut to this many characters. */
  readonly maxLength: number;
}

export interface SafetyGuidanceView {
  /** The card can be opened: an automatic call has connected (during it, and after it ends). */
  readonly available: boolean;
  readonly open: boolean;
  readonly steps: readonly SafetyStepId[];
  /** The car reports the hazard lights on (the first step is done); null: not known. */
  readonly hazardLightsOn: boolean | null;
  /** The hazard lights were asked for and the car has not reported them on yet. */
  readonly hazardLightsRequested: boolean;
  /** Where the door release is (the `doorRelease` step), null when the car does not say. */
  readonly doorRelease: DoorRelease | null;
}

export interface DiagnosticsView {
  /** The page on screen, null when diagnosis is closed. */
  readonly page: DiagnosticsPage | null;
  /** Pages to go back through. */
  readonly depth: number;
}

export interface SelfTestView {
  readonly rows: readonly SelfTestRow[];
  /** The latest request: running (waiting for results), done, failed (refused / no answer). */
  readonly request: 'idle' | 'running' | 'done' | 'failed';
  readonly requestedAt: number | null;
  /** Why the latest request failed ("ring break", "control module failure", "no answer"). */
  readonly error: string | null;
  /** Vehicle time of the newest result. */
  readonly lastResultAt: number | null;
}

/**
 * One guide as its page shows it, drawn from the status now. The guide's steps are fixed per guide:
 * the page takes them from `model/guideSteps.ts` (`guide(id)`), which loads with the diagnosis pages.
 */
export interface GuideView {
  readonly id: GuideId;
  /** Causes present now that lead to this guide (empty: shown for reference). */
  readonly causes: readonly CauseId[];
  /** Guides for every cause present now, most important first. */
  readonly current: readonly GuideId[];
  /** The unit the ring diagnosis names (ring guides), or null. */
  readonly ringSuspect: MostNode | null;
}

export interface FaultMemoryView {
  /** Newest first. */
  readonly entries: readonly FaultLogEntry[];
}

/** Everything the diagnosis screens show, selected from the status, diagnostics and fault-memory actors. */
export interface DiagnosisView {
  readonly selfTest: SelfTestView;
  readonly ring: RingDiagnosis;
  /** Guides for the causes present now, most important first. */
  readonly guides: readonly GuideId[];
  /** The guide for the Check Control message's primary cause (first warning cause), or null. */
  readonly primaryGuide: GuideId | null;
}

/** `window.sosHmi.state()`: plain, JSON-able. */
export interface HmiState {
  readonly status: { readonly value: unknown } & SosStatusView;
  readonly malfunction: { readonly value: unknown } & MalfunctionView;
  readonly call: { readonly value: unknown } & CallView;
  readonly diagnostics: DiagnosticsView & DiagnosisView;
  readonly faultLog: readonly FaultLogEntry[];
  readonly led: LedState;
  readonly bridge: {
    readonly kind: string;
    readonly connection: BridgeConnection;
    readonly rejected: number;
    /** Safety-critical events taken with an ancillary field unknown. */
    readonly incomplete: number;
  };
  readonly now: number;
}

/** The machines' part of `HmiState`; the composition root adds `bridge` and `now`. */
export type HmiMachinesState = Omit<HmiState, 'bridge' | 'now'>;
