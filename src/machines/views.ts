/**
 * View models: what each screen renders, selected from machine snapshots by `selectors.ts`.
 * Screens depend on these types only, never on a machine's internal state names. Texts are not
 * here: ids (`CauseId`, `AdviceId`, `EffectId`) are turned into words by `src/screens/texts.ts`.
 */
import type { CallKind, LedState } from '../bridge/commands.js';
import type { ChainUnit, GnssFix, MostNode } from '../bridge/signals.js';
import type { BridgeConnection } from '../bridge/vehicleBridge.js';

/** Overall SOS system status. `off`: ignition off (a running call still continues). */
export type SosLevel = 'off' | 'selfTest' | 'ready' | 'limited' | 'unavailable' | 'unknown';

/** The status-bar telltale. `malfunction` is the crossed-out SOS symbol. */
export type TelltaleState = 'off' | 'bulbCheck' | 'ready' | 'limited' | 'malfunction' | 'unknown';

/** Why SOS is not fully ready, in the car's language. */
export type CauseId =
  | 'ringBreak'
  | 'softwareGlitch'
  | 'controlModuleFailure'
  | 'handsFreeFault'
  | 'headUnitFault'
  | 'noCellular'
  | 'weakCellular'
  | 'noGnss'
  | 'microphoneFault'
  | 'speakerFault'
  | 'sosButtonFault'
  | 'crashSensorFault'
  | 'backupBatteryLow'
  | 'noVehicleData'
  | 'vehicleLinkLost';

/** What the driver can do about it. */
export type AdviceId =
  | 'seeDealer'
  | 'batteryReset'
  | 'checkFuses'
  | 'bypassTest'
  | 'moveToOpenSky'
  | 'waitForNetwork'
  | 'checkPairing'
  | 'callFromPhone';

/** What the driver will notice while the fault is present. */
export type EffectId =
  | 'idriveMayNotRespond'
  | 'chimesMayBeSilent'
  | 'audioSourcesAffected'
  | 'noHandsFree'
  | 'noAutomaticCall'
  | 'noManualCall'
  | 'positionNotTrusted'
  | 'centreMayNotHearYou'
  | 'youMayNotHearCentre'
  | 'noCallPossible';

export interface Cause {
  readonly id: CauseId;
  /** `unavailable`: no emergency call possible; `limited`: a call works with limits; `unknown`: no data. */
  readonly severity: 'unavailable' | 'limited' | 'unknown';
  /** Shown as a Check Control malfunction (crossed-out telltale) — transient limits like a tunnel are not. */
  readonly warn: boolean;
  /** Units the cause concerns (for diagnosis screens). */
  readonly units: readonly (ChainUnit | MostNode)[];
}

export interface RingView {
  readonly nodes: readonly MostNode[];
  readonly closed: boolean;
  readonly silent: readonly MostNode[];
  readonly breakBetween: readonly [MostNode, MostNode] | null;
  /** Best guess of the failed unit (the node after the break), null if not pinpointed. */
  readonly suspect: MostNode | null;
}

export interface PositionView {
  readonly latitude: number;
  readonly longitude: number;
  readonly headingDeg: number | null;
  readonly trusted: boolean;
  readonly fix: GnssFix;
}

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
  /** The ignition cycle count since start (a fault is warned again each cycle). */
  readonly ignitionCycle: number;
}

/** A Check Control message for the malfunction warning. */
export interface CheckControlMessage {
  readonly primary: CauseId;
  readonly causes: readonly CauseId[];
  readonly advice: readonly AdviceId[];
  readonly effects: readonly EffectId[];
  readonly ring: RingView | null;
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
  | 'callback';

/** Phase of the call in progress, as shown on the active-call screen. */
export type CallPhaseView = 'connecting' | 'dataSent' | 'acknowledged' | 'voice';

export interface CrashView {
  readonly severity: number;
  readonly airbagDeployed: boolean;
  readonly rollover: boolean;
  readonly occupants: number;
}

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
  /** Holding the SOS button ends this call now (manual calls, by policy). */
  readonly canEndByHold: boolean;
  readonly holdToEndPolicy: 'always' | 'untilConnected';
  /** While the button is held during a call: 0–1 toward ending it; null when not held. */
  readonly holdProgress: number | null;
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
  readonly contactsNotified: boolean;
  /** Why the last attempt failed (telematics reason), if any. */
  readonly failureReason: string | null;
  /** Call-back window: whole seconds left. */
  readonly callbackRemainingS: number | null;
  readonly emergencyNumber: '112' | '911';
  readonly led: LedState;
  /** Entertainment audio is muted for the call. */
  readonly audioMuted: boolean;
  /** Latest known position (failure screen: read it out to 112/911); untrusted without a fix. */
  readonly position: PositionView | null;
}

/** `window.sosHmi.state()`: plain, JSON-able. */
export interface HmiState {
  readonly status: { readonly value: unknown } & SosStatusView;
  readonly malfunction: { readonly value: unknown } & MalfunctionView;
  readonly call: { readonly value: unknown } & CallView;
  readonly led: LedState;
  readonly bridge: {
    readonly kind: string;
    readonly connection: BridgeConnection;
    readonly rejected: number;
  };
  readonly now: number;
}

/** The machines' part of `HmiState`; the composition root adds `bridge` and `now`. */
export type HmiMachinesState = Omit<HmiState, 'bridge' | 'now'>;
