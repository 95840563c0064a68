/**
 * Guided troubleshooting, pure: which guide fits a cause (and, for a ring break, the unit the
 * ring-break diagnosis names). Each guide's steps (`guide()`) are in `guideSteps.ts`: only the guide
 * page shows them, so they load with the diagnosis pages. Words live in the screens' texts; these
 * modules only decide what is said, and in which order.
 */
import type { MostNode } from '../../bridge/signals.js';
import type { CauseId } from './causes.js';
import type { RingDiagnosis, RingView } from './ringDiagnosis.js';

/** One guide per cause of the product description (and one per remaining UN R144 case). */
export type GuideId =
  | 'satelliteRadio'
  | 'headUnit'
  | 'amplifier'
  | 'bluetoothModule'
  | 'fibreDamage'
  | 'ringBreak'
  | 'noNetwork'
  | 'noGps'
  | 'softwareGlitch'
  | 'controlModule'
  | 'microphone'
  | 'loudspeaker'
  | 'sosButton'
  | 'crashSensor'
  | 'backupBattery'
  | 'noData'
  | 'noEcallNetwork';

/** The guides of a MOST ring fault: a dead unit or the fibre between two. */
export const RING_GUIDE_IDS: readonly GuideId[] = [
  'satelliteRadio',
  'headUnit',
  'amplifier',
  'bluetoothModule',
  'fibreDamage',
  'ringBreak',
];

export const GUIDE_IDS: readonly GuideId[] = [
  ...RING_GUIDE_IDS,
  'noNetwork',
  'noGps',
  'softwareGlitch',
  'controlModule',
  'microphone',
  'loudspeaker',
  'sosButton',
  'crashSensor',
  'backupBattery',
  'noData',
  'noEcallNetwork',
];

/** Who can do a step: the driver on the roadside, or a workshop with tools and diagnosis. */
export type StepActor = 'driver' | 'workshop';

export type GuideStepId =
  | 'useAPhone'
  | 'parkSafely'
  | 'restartCar'
  | 'restartIdrive'
  | 'recentWork'
  | 'locateUnit'
  | 'checkUnitFuses'
  | 'bypassUnit'
  | 'replaceOrBypass'
  | 'replaceUnit'
  | 'inspectFibre'
  | 'repairFibre'
  | 'openConnectors'
  | 'checkPairing'
  | 'waitForNetwork'
  | 'moveToOpenSky'
  | 'waitForFix'
  | 'checkCellularAntenna'
  | 'checkGnssAntenna'
  | 'batteryReset'
  | 'runSelfTest'
  | 'testCall'
  | 'dealerDiagnosis'
  | 'dealerModule'
  | 'speakLoudly'
  | 'checkAudio'
  | 'automaticStillWorks'
  | 'manualStillWorks'
  | 'replaceBackupBattery'
  /** No network here carries eCall: nothing is wrong with the car. */
  | 'carIsFine'
  /** An SOS call still goes out, as a plain 112 voice call: tell the centre where you are. */
  | 'sosStillCalls112'
  /** Networks with NG-eCall (4G/5G) carry it again further on. */
  | 'ecallReturnsWithNetwork';

export type CautionId =
  | 'notWhileDriving'
  | 'ignitionOff'
  | 'fibreBend'
  | 'fibreLight'
  | 'batteryShort'
  | 'batteryGases'
  | 'settingsLost'
  | 'airbagWork'
  | 'sameFuseRating';

export interface GuideStep {
  readonly id: GuideStepId;
  readonly who: StepActor;
  /** The unit the step is about (locate, fuses, bypass, replace). */
  readonly unit?: MostNode;
  readonly cautions: readonly CautionId[];
}

export interface Guide {
  readonly id: GuideId;
  /** Steps in the order to do them. */
  readonly steps: readonly GuideStep[];
  /** The guide is about the MOST ring: offer the ring diagram. */
  readonly ring: boolean;
  /** Something the driver can do before a workshop. */
  readonly driverCanHelp: boolean;
  /** At least one step needs a workshop. */
  readonly needsWorkshop: boolean;
}

/** The guide for the unit the ring-break diagnosis names. */
const RING_UNIT_GUIDE: Readonly<Record<MostNode, GuideId>> = {
  'satellite-radio': 'satelliteRadio',
  'head-unit': 'headUnit',
  amplifier: 'amplifier',
  'hands-free': 'bluetoothModule',
  telematics: 'controlModule',
};

const CAUSE_GUIDE: Readonly<Record<Exclude<CauseId, 'ringBreak'>, GuideId>> = {
  softwareGlitch: 'softwareGlitch',
  controlModuleFailure: 'controlModule',
  handsFreeFault: 'bluetoothModule',
  headUnitFault: 'headUnit',
  noCellular: 'noNetwork',
  weakCellular: 'noNetwork',
  noGnss: 'noGps',
  microphoneFault: 'microphone',
  speakerFault: 'loudspeaker',
  sosButtonFault: 'sosButton',
  crashSensorFault: 'crashSensor',
  backupBatteryLow: 'backupBattery',
  noVehicleData: 'noData',
  vehicleLinkLost: 'noData',
  vehicleLinkRefused: 'noData',
  noEcallNetwork: 'noEcallNetwork',
};

/**
 * The guide for a cause. A ring break goes to the guide of the unit the diagnosis names; a break
 * that is into a bypassed unit (so it is the fibre) to the fibre guide; unlocated, the generic one.
 */
export function guideForCause(
  cause: CauseId,
  ring: Pick<RingDiagnosis, 'verdict' | 'suspects'> | RingView | null = null,
): GuideId {
  if (cause !== 'ringBreak') return CAUSE_GUIDE[cause];
  if (!ring) return 'ringBreak';
  if ('verdict' in ring) {
    if (ring.verdict === 'fibreLocated') return 'fibreDamage';
    const unit = ring.suspects.find((s) => s.kind === 'unit');
    return unit && unit.kind === 'unit' ? RING_UNIT_GUIDE[unit.unit] : 'ringBreak';
  }
  return ring.suspect ? RING_UNIT_GUIDE[ring.suspect] : 'ringBreak';
}

/** Guides for a list of causes (most important first), without repeats. */
export function guidesForCauses(
  causes: readonly CauseId[],
  ring: Pick<RingDiagnosis, 'verdict' | 'suspects'> | RingView | null = null,
): GuideId[] {
  return [...new Set(causes.map((c) => guideForCause(c, ring)))];
}
