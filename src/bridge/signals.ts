/**
 * Signals in: everything the vehicle tells the HMI. Every signal carries `ts`, the vehicle-side time
 * (ms since the Unix epoch, on the bridge clock) at which the value was true.
 *
 * These are the validated, typed forms. Raw messages are checked by `validateSignal()` in
 * `validation.ts` before anything else sees them.
 */

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
 * Call progress as the telematics unit reports it (modem eCall session states, transport-neutral:
 * the same phases for circuit-switched in-band MSD and for IMS next-generation eCall, EN 17184).
 */
export type CallProgressPhase =
  | 'dialing'
  | 'ringing'
  | 'connected'
  | 'msdSent'
  | 'msdAcknowledged'
  | 'voiceConnected'
  | 'endedByCentre'
  | 'dropped'
  | 'failed'
  | 'callbackIncoming'
  | 'contactsNotified';
export const CALL_PROGRESS_PHASES: readonly CallProgressPhase[] = [
  'dialing',
  'ringing',
  'connected',
  'msdSent',
  'msdAcknowledged',
  'voiceConnected',
  'endedByCentre',
  'dropped',
  'failed',
  'callbackIncoming',
  'contactsNotified',
];

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

export interface CellularSignal {
  readonly type: 'cellular';
  readonly ts: number;
  /** Registered on a network (any operator: 112 works on any network). */
  readonly registered: boolean;
  /** Signal strength 0–5 bars. */
  readonly signalBars: number;
}

export interface SosButtonSignal {
  readonly type: 'sosButton';
  readonly ts: number;
  readonly action: 'press' | 'release';
  /** On release: how long the button was held, ms. */
  readonly heldMs?: number;
}

export interface CrashSignal {
  readonly type: 'crash';
  readonly ts: number;
  /** 1 (light) … 4 (severe), as the airbag unit grades it (ST_CRSE_*). */
  readonly severity: number;
  readonly airbagDeployed: boolean;
  readonly rollover: boolean;
  /** Occupants detected (seat belts / seat occupancy), 0–9. */
  readonly occupants: number;
}

export interface CallProgressSignal {
  readonly type: 'callProgress';
  readonly ts: number;
  readonly phase: CallProgressPhase;
  /** For `failed`/`dropped`: why (e.g. "no network", "busy", "no answer"). */
  readonly reason?: string;
  /** Which call this is, when the telematics unit says (lets a restarted HMI show the call it joins). */
  readonly kind?: 'manual' | 'automatic' | 'test';
}

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
  | CallProgressSignal
  | CommandAckSignal;

export type VehicleSignalType = VehicleSignal['type'];
export const VEHICLE_SIGNAL_TYPES: readonly VehicleSignalType[] = [
  'ignition',
  'unitHealth',
  'mostRing',
  'gnss',
  'cellular',
  'sosButton',
  'crash',
  'callProgress',
  'commandAck',
  'selfTestResult',
  'pointsOfInterest',
  'dayNight',
];
