/**
 * Signals in: everything the vehicle tells the HMI. Every signal carries `ts`, the vehicle-side time
 * (ms since the Unix epoch, on the bridge clock) at which the value was true.
 *
 * These are the validated, typed forms. Raw messages are checked by `validateSignal()` in
 * `validation.ts` before anything else sees them.
 */

/** eCall session types (Legato `le_ecall`: MANUAL, AUTOMATIC, TEST). */
export type CallKind = 'manual' | 'automatic' | 'test';
export const CALL_KINDS: readonly CallKind[] = ['manual', 'automatic', 'test'];

/**
 * SOS LED above the mirror: off (ready, nothing to say), green blinking (setting up), green steady
 * (voice), red (malfunction, or the call failed).
 */
export type LedState = 'off' | 'green-blinking' | 'green-steady' | 'red';
export const LED_STATES: readonly LedState[] = ['off', 'green-blinking', 'green-steady', 'red'];

/** Terminal state (BMW KLEMMEN: KL30B/KL15): off, accessory (KL R / comfort), on (KL15). */
export type IgnitionState = 'off' | 'accessory' | 'on';
export const IGNITION_STATES: readonly IgnitionState[] = ['off', 'accessory', 'on'];

/** The units the SOS chain depends on (UN R144 provokes faults on several of them). */
export type ChainUnit =
  | 'telematics'
  | 'sos-button'
  | 'crash-sensor'
  | 'gnss'
  | 'cellular'
  | 'microphone'
  | 'amplifier'
  | 'hands-free'
  | 'backup-battery'
  | 'head-unit';
export const CHAIN_UNITS: readonly ChainUnit[] = [
  'telematics',
  'sos-button',
  'crash-sensor',
  'gnss',
  'cellular',
  'microphone',
  'amplifier',
  'hands-free',
  'backup-battery',
  'head-unit',
];

/**
 * Health as the unit itself reports it. `degraded`: works with limits (backup battery ageing, weak
 * antenna). A unit that says nothing is not "ok": its value goes stale and the HMI shows unknown.
 */
export type UnitStatus = 'ok' | 'degraded' | 'fault';
export const UNIT_STATUSES: readonly UnitStatus[] = ['ok', 'degraded', 'fault'];

/** Units on the MOST optical ring. The ring order itself travels in the `mostRing` signal. */
export type MostNode = 'head-unit' | 'amplifier' | 'telematics' | 'satellite-radio' | 'hands-free';
export const MOST_NODES: readonly MostNode[] = [
  'head-unit',
  'amplifier',
  'telematics',
  'satellite-radio',
  'hands-free',
];

export type GnssFix = 'none' | '2d' | '3d';
export const GNSS_FIXES: readonly GnssFix[] = ['none', '2d', '3d'];

/**
 * Phase of the telematics unit's emergency-call session (the Legato `le_ecall` model, transport-neutral:
 * the same phases for circuit-switched in-band MSD and for IMS next-generation eCall, EN 17184).
 * - `idle`: no session, no call-back window.
 * - `cancelWindow`: manual trigger; the unit counts down to `cancelWindowEndsAt`, then dials.
 * - `dialing`: an attempt is dialling or ringing at the centre.
 * - `connected`: the centre answered; the MSD is on its way or acknowledged (see `msd`).
 * - `voice`: the voice channel is open (`voiceSince`).
 * - `redialWait`: the attempt failed or dropped; the next one starts at `nextAttemptAt` (EN 16062).
 * - `failed`: no attempt reached the centre within the redial window (or the unit could not dial).
 * - `cancelled`: the occupants cancelled a manual call before it connected.
 * - `ended`: the call is over (cleared down by the centre, or ended by the occupants); for an emergency
 *   call the call-back window runs to `callbackWindowEndsAt` (EN 16062 T9).
 * - `callbackRinging`, `callback`: the centre calls back; the unit answers by itself.
 */
export type CallSessionPhase =
  | 'idle'
  | 'cancelWindow'
  | 'dialing'
  | 'connected'
  | 'voice'
  | 'redialWait'
  | 'failed'
  | 'cancelled'
  | 'ended'
  | 'callbackRinging'
  | 'callback';
export const CALL_SESSION_PHASES: readonly CallSessionPhase[] = [
  'idle',
  'cancelWindow',
  'dialing',
  'connected',
  'voice',
  'redialWait',
  'failed',
  'cancelled',
  'ended',
  'callbackRinging',
  'callback',
];

/** Phases with an attempt up on the modem: dialling, or answered by the centre. */
export const ATTEMPT_PHASES: readonly CallSessionPhase[] = ['dialing', 'connected', 'voice'];
/** Phases of an emergency call in progress: an attempt up, or the next one pending. */
export const CALLING_PHASES: readonly CallSessionPhase[] = [...ATTEMPT_PHASES, 'redialWait'];
/** Phases in which a call is being set up or is up, the cancel window too (a call-back aside). */
export const CALL_UP_PHASES: readonly CallSessionPhase[] = ['cancelWindow', ...CALLING_PHASES];
/** Phases of the centre's call-back, which the unit answers by itself. */
export const CALLBACK_PHASES: readonly CallSessionPhase[] = ['callbackRinging', 'callback'];
/** Phases with entertainment audio muted: from the first attempt until the session ends, and a call-back. */
export const MUTED_PHASES: readonly CallSessionPhase[] = [...CALLING_PHASES, ...CALLBACK_PHASES];
/** Phases in which a session runs, a call-back too: the unit refuses a new one (busy). */
export const SESSION_PHASES: readonly CallSessionPhase[] = [...CALL_UP_PHASES, ...CALLBACK_PHASES];
/** Phases with the centre on the line: texts and data requests pass only then. */
export const TALKING_PHASES: readonly CallSessionPhase[] = ['connected', 'voice', 'callback'];
/** Phases once an attempt has an outcome: the call connected, or could not be made, and what follows. */
export const OUTCOME_PHASES: readonly CallSessionPhase[] = [
  'connected',
  'voice',
  'redialWait',
  'failed',
  'ended',
  ...CALLBACK_PHASES,
];

/** The emergency call's data (MSD, EN 15722) as far as the centre has it. */
export type MsdState = 'none' | 'sent' | 'ackPositive' | 'ackNegative';
export const MSD_STATES: readonly MsdState[] = ['none', 'sent', 'ackPositive', 'ackNegative'];

/**
 * How the unit carries the call: NG-eCall over IMS (EN 17184: the MSD in the call set-up, an explicit
 * acknowledgement), eCall with in-band MSD (EN 16062), or a plain 112 voice call without the car's
 * data where the network takes 112 but not eCall (3GPP TS 23.167).
 */
export type CallTransport = 'ngECall' | 'eCall' | 'plain112';
export const CALL_TRANSPORTS: readonly CallTransport[] = ['ngECall', 'eCall', 'plain112'];

/** How the last connected call of the session ended: the centre cleared it down, it dropped, or the occupants hung up. */
export type CallEnd = 'clearDown' | 'dropped' | 'hungUp';
export const CALL_ENDS: readonly CallEnd[] = ['clearDown', 'dropped', 'hungUp'];

/**
 * Crash data as the airbag unit graded it. Each field is null when the unit sent it missing or out of
 * range: a crash is never dropped for an ancillary field (it is taken with that field unknown).
 */
export interface CrashData {
  /** 1 (light) … 4 (severe) (ST_CRSE_*); null = unknown. */
  readonly severity: number | null;
  readonly airbagDeployed: boolean | null;
  readonly rollover: boolean | null;
  /** Occupants detected (seat belts / seat occupancy), 0–9; null = unknown. */
  readonly occupants: number | null;
}

export interface IgnitionSignal {
  readonly type: 'ignition';
  readonly ts: number;
  readonly state: IgnitionState;
}

export interface UnitHealthSignal {
  readonly type: 'unitHealth';
  readonly ts: number;
  readonly unit: ChainUnit;
  readonly status: UnitStatus;
  /** Optional diagnostic code or short reason from the unit (e.g. "fuse F45", "no SIM"). */
  readonly code?: string;
}

export interface MostRingSignal {
  readonly type: 'mostRing';
  readonly ts: number;
  /** Nodes in light direction, starting at the network master (the head unit). */
  readonly nodes: readonly MostNode[];
  /** Ring locked: light goes all the way round. */
  readonly closed: boolean;
  /** Nodes the network master cannot reach (all of them while the ring is open). */
  readonly silent: readonly MostNode[];
  /**
   * Ring-break diagnosis: the light is lost between `breakBetween[0]` (last node that still sees light
   * upstream) and `breakBetween[1]`. Absent when closed or not yet diagnosed.
   */
  readonly breakBetween?: readonly [MostNode, MostNode];
  /**
   * Units a technician has bridged with a fibre-optic bypass loop (light passes, the unit is out of
   * the ring). Absent = none.
   */
  readonly bypassed?: readonly MostNode[];
}

export interface GnssSignal {
  readonly type: 'gnss';
  readonly ts: number;
  readonly fix: GnssFix;
  /** WGS84 degrees; null without a fix. */
  readonly latitude: number | null;
  readonly longitude: number | null;
  /** Degrees from north, 0–359; null = unknown (MSD 0xFF). */
  readonly headingDeg: number | null;
  /** EN 15722 "position can be trusted": within ±150 m at 95 %. */
  readonly trusted: boolean;
}

/** What a GNSS receiver without a fix reports: no coordinates, nothing trusted. */
export const NO_GNSS_FIX: Omit<GnssSignal, 'type' | 'ts'> = {
  fix: 'none',
  latitude: null,
  longitude: null,
  headingDeg: null,
  trusted: false,
};

/**
 * What the network the car is registered on offers for the emergency call: NG-eCall over IMS
 * (EN 17184), circuit-switched eCall with in-band MSD (EN 16062), or `none` — it takes 112 voice
 * calls but no eCall (2G/3G switched off, a 4G/5G network without NG-eCall support).
 */
export type EcallService = 'ngECall' | 'eCall' | 'none';
export const ECALL_SERVICES: readonly EcallService[] = ['ngECall', 'eCall', 'none'];

export interface CellularSignal {
  readonly type: 'cellular';
  readonly ts: number;
  /** Registered on a network (any operator: 112 works on any network). */
  readonly registered: boolean;
  /** Signal strength 0–5 bars. */
  readonly signalBars: number;
  /** What the network offers for eCall; absent: the unit does not say (an older unit). */
  readonly ecall?: EcallService;
}

export interface SosButtonSignal {
  readonly type: 'sosButton';
  readonly ts: number;
  readonly action: 'press' | 'release';
  /** On release: how long the button was held, ms. */
  readonly heldMs?: number;
}

/** A crash from the airbag unit. The telematics unit takes it directly and dials; the HMI shows it. */
export interface CrashSignal extends CrashData {
  readonly type: 'crash';
  readonly ts: number;
}

/**
 * The telematics unit's session report: one atomic value, published on every change (with a new `seq`)
 * and cyclically. Deadlines are vehicle time (ms, the bridge clock), so a page that has just loaded
 * draws the right screen and countdown from one report. The unit owns the session; the HMI mirrors it.
 */
export interface CallSessionSignal {
  readonly type: 'callSession';
  readonly ts: number;
  /** Incremented (mod 65536) on every change of the session; a cyclic repeat keeps it. */
  readonly seq: number;
  readonly phase: CallSessionPhase;
  /** Null only in `idle`. A crash during a manual session makes it automatic. */
  readonly kind: CallKind | null;
  /** Dial attempts started in this session (0 before the first). */
  readonly attempt: number;
  /** When the session started (SOS press accepted, crash, test request). */
  readonly triggeredAt: number | null;
  readonly cancelWindowEndsAt: number | null;
  /** `redialWait`: when the next attempt starts (EN 16062: 30 s from the previous start, at once after a connected call). */
  readonly nextAttemptAt: number | null;
  /** Attempts are made until then (EN 16062: 2 min from the first failure or drop). */
  readonly redialWindowEndsAt: number | null;
  /** `ended`: the centre may call back until then; the unit answers by itself. */
  readonly callbackWindowEndsAt: number | null;
  /** Why the last attempt failed or dropped ("no network", "no answer", "ring break", …). */
  readonly failureReason: string | null;
  /** How the last connected call ended, null while none has. */
  readonly callEnd: CallEnd | null;
  readonly msd: MsdState;
  /** Vehicle time the voice channel opened (`voice`, `callback`). */
  readonly voiceSince: number | null;
  /** The centre reported the emergency contacts notified. */
  readonly contactsNotified: boolean;
  /** The occupants may cancel now (cancel window; a manual call without one until it connects). */
  readonly cancellable: boolean;
  /** Holding the SOS button this long ends the call now; null: holding ends nothing. */
  readonly holdToEndMs: number | null;
  /** The SOS button is being held to end the call: it ends at `holdEndsAt` unless released. */
  readonly holdEndsAt: number | null;
  /** The crash that triggered (or upgraded) the session; null for a manual or test call. */
  readonly crash: CrashData | null;
  /** The unit has entertainment audio muted for the call. */
  readonly audioMuted: boolean;
  /** How the unit carries the call; null before the first attempt (and from an older unit). */
  readonly transport: CallTransport | null;
  /** When the unit last sent fresh data at the centre's request (NG-eCall SIP INFO → updated MSD); null: never. */
  readonly msdUpdatedAt: number | null;
}

/** What the unit reports with no session: no call, no window, nothing sent. */
export const NO_CALL_SESSION: Omit<CallSessionSignal, 'type' | 'ts' | 'seq'> = {
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
};

/**
 * Preset phrases occupants who cannot speak or hear send to the centre (EECC art. 109: emergency
 * access not only by voice). They travel as codes, so each side shows them in its own language.
 */
export type PresetPhrase =
  'cannotSpeak' | 'cannotHear' | 'injured' | 'trapped' | 'fireSmoke' | 'children' | 'safe';
export const PRESET_PHRASES: readonly PresetPhrase[] = [
  'cannotSpeak',
  'cannotHear',
  'injured',
  'trapped',
  'fireSmoke',
  'children',
  'safe',
];

/** How far an occupants' line got: on its way, sent by the unit, delivered to the centre, or failed. */
export type TextDelivery = 'sending' | 'sent' | 'delivered' | 'failed';
export const TEXT_DELIVERIES: readonly TextDelivery[] = ['sending', 'sent', 'delivered', 'failed'];

/** A typed message is at most this long (characters), like the centre's own messages (RFC 8147 text). */
export const MAX_TEXT_LENGTH = 160;
/** The unit keeps at most this many lines per session (the newest). */
export const MAX_CONVERSATION_LINES = 40;

/** One line of the text conversation with the centre. */
export interface ConversationLine {
  /** Unique and increasing within the session. */
  readonly id: number;
  readonly from: 'centre' | 'occupants';
  /** Vehicle time the occupants sent it, or it arrived from the centre. */
  readonly at: number;
  /** A preset phrase (occupants only), or null for text. */
  readonly phrase: PresetPhrase | null;
  /** What the centre wrote (RFC 8147/8148 msg-static / msg-dynamic) or the occupants typed; null for a phrase. */
  readonly text: string | null;
  /** Occupants' lines: how far they got. Centre lines: `delivered`. */
  readonly delivery: TextDelivery;
}

/**
 * The telematics unit's text channel of the session: the whole conversation, published on every
 * change (new `seq`) and on subscribe, emptied when the session ends. Ancillary to the call: a bad
 * conversation is refused and the call goes on.
 */
export interface ConversationSignal {
  readonly type: 'conversation';
  readonly ts: number;
  readonly seq: number;
  /** Oldest first, at most `MAX_CONVERSATION_LINES`. */
  readonly lines: readonly ConversationLine[];
}

/** The hazard warning lights as the car reports them (VSS `Vehicle.Body.Lights.Hazard.IsSignaling`). */
export interface HazardLightsSignal {
  readonly type: 'hazardLights';
  readonly ts: number;
  readonly on: boolean;
}

/** The powertrain (VSS `Vehicle.Powertrain.Type`): electric and hybrid cars carry high voltage. */
export type Powertrain = 'combustion' | 'hybrid' | 'electric';
export const POWERTRAINS: readonly Powertrain[] = ['combustion', 'hybrid', 'electric'];

/**
 * Where the mechanical door release is when electric door openers have no power: pull the inner
 * handle (twice on some cars), a lever in front of the window switches, or a cable under the door
 * pocket mat (rear doors of some electric cars).
 */
export type DoorRelease = 'innerHandle' | 'leverBesideWindowSwitch' | 'cableInDoorPocket';
export const DOOR_RELEASES: readonly DoorRelease[] = [
  'innerHandle',
  'leverBesideWindowSwitch',
  'cableInDoorPocket',
];

/** The car's build facts the post-crash guidance needs (sent on subscribe; null = not known). */
export interface VehicleConfigSignal {
  readonly type: 'vehicleConfig';
  readonly ts: number;
  readonly powertrain: Powertrain | null;
  readonly doorRelease: DoorRelease | null;
}

/** What the SOS LED above the mirror shows (the roof function centre drives it for the telematics unit). */
export interface SosLedSignal {
  readonly type: 'sosLed';
  readonly ts: number;
  readonly led: LedState;
}

/** The vehicle's answer to a command: accepted (`ok`) or refused with a reason. */
export interface CommandAckSignal {
  readonly type: 'commandAck';
  readonly ts: number;
  /** The id `VehicleBridge.send()` returned. */
  readonly commandId: string;
  /** The command's `type`, so a machine can react without keeping ids. */
  readonly command: string;
  readonly ok: boolean;
  /** Why it failed: "timeout" when no acknowledgement arrived in time. */
  readonly error?: string;
}

/**
 * What the telematics unit's self-test checks. The UN R144 post-crash cases are all here: cellular
 * antenna, GNSS antenna, microphone, loudspeaker, control module disconnected from the HMI.
 */
export type SelfTestItem =
  | 'control-module'
  | 'hmi-link'
  | 'sim-modem'
  | 'cellular-antenna'
  | 'gnss-receiver'
  | 'gnss-antenna'
  | 'microphone'
  | 'loudspeaker'
  | 'hands-free'
  | 'sos-button'
  | 'sos-led'
  | 'crash-sensor'
  | 'backup-battery'
  | 'most-ring';
export const SELF_TEST_ITEMS: readonly SelfTestItem[] = [
  'control-module',
  'hmi-link',
  'sim-modem',
  'cellular-antenna',
  'gnss-receiver',
  'gnss-antenna',
  'microphone',
  'loudspeaker',
  'hands-free',
  'sos-button',
  'sos-led',
  'crash-sensor',
  'backup-battery',
  'most-ring',
];

/** One result of the telematics unit's self-test (sent after `requestSelfTest`). */
export interface SelfTestResultSignal {
  readonly type: 'selfTestResult';
  readonly ts: number;
  readonly item: SelfTestItem;
  readonly result: 'pass' | 'fail';
  /** Short reason from the unit ("open circuit", "no SIM"). */
  readonly code?: string;
}

export type PointOfInterestKind = 'police' | 'hospital';
export const POINT_OF_INTEREST_KINDS: readonly PointOfInterestKind[] = ['police', 'hospital'];

export interface PointOfInterest {
  readonly kind: PointOfInterestKind;
  readonly name: string;
  readonly address: string;
  readonly latitude: number;
  readonly longitude: number;
}

/** Nearest police stations and hospitals around the car (from the navigation / the centre). */
export interface PointsOfInterestSignal {
  readonly type: 'pointsOfInterest';
  readonly ts: number;
  readonly points: readonly PointOfInterest[];
}

/** Day or night display mode chosen by the car (light sensor, headlights, or the driver's setting). */
export type DayNightMode = 'day' | 'night';
export const DAY_NIGHT_MODES: readonly DayNightMode[] = ['day', 'night'];

/** The display's day/night mode (VSS `Vehicle.Cabin.Infotainment.HMI.DayNightMode`): presentation only. */
export interface DayNightSignal {
  readonly type: 'dayNight';
  readonly ts: number;
  readonly mode: DayNightMode;
}

export type VehicleSignal =
  | IgnitionSignal
  | DayNightSignal
  | SelfTestResultSignal
  | PointsOfInterestSignal
  | UnitHealthSignal
  | MostRingSignal
  | GnssSignal
  | CellularSignal
  | SosButtonSignal
  | CrashSignal
  | CallSessionSignal
  | SosLedSignal
  | CommandAckSignal
  | ConversationSignal
  | HazardLightsSignal
  | VehicleConfigSignal;

export type VehicleSignalType = VehicleSignal['type'];
export const VEHICLE_SIGNAL_TYPES: readonly VehicleSignalType[] = [
  'ignition',
  'unitHealth',
  'mostRing',
  'gnss',
  'cellular',
  'sosButton',
  'crash',
  'callSession',
  'sosLed',
  'commandAck',
  'selfTestResult',
  'pointsOfInterest',
  'dayNight',
  'conversation',
  'hazardLights',
  'vehicleConfig',
];
