/**
 * Guided troubleshooting, pure: which guide fits a cause (and, for a ring break, the unit the
 * ring-break diagnosis names), and each guide's steps in order with who can do them and their
 * cautions. Words live in the screens' texts; this module only decides what is said, and in
 * which order.
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

export const GUIDE_IDS: readonly GuideId[] = [
  'satelliteRadio',
  'headUnit',
  'amplifier',
  'bluetoothModule',
  'fibreDamage',
  'ringBreak',
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

const d = (id: GuideStepId, cautions: CautionId[] = [], unit?: MostNode): GuideStep =>
  unit ? { id, who: 'driver', unit, cautions } : { id, who: 'driver', cautions };
const w = (id: GuideStepId, cautions: CautionId[] = [], unit?: MostNode): GuideStep =>
  unit ? { id, who: 'workshop', unit, cautions } : { id, who: 'workshop', cautions };

/** The steps of a MOST unit that may break the ring: find it, fuses, bypass test, replace. */
const ringUnitSteps = (unit: MostNode, last: GuideStep): GuideStep[] => [
  d('useAPhone'),
  d('locateUnit', ['notWhileDriving'], unit),
  w('checkUnitFuses', ['ignitionOff', 'sameFuseRating'], unit),
  w('bypassUnit', ['ignitionOff', 'fibreBend', 'fibreLight'], unit),
  last,
  d('runSelfTest'),
];

const STEPS: Readonly<Record<GuideId, readonly GuideStep[]>> = {
  // The most common cause: replace the tuner, or keep a bypass loop if satellite radio is not used.
  satelliteRadio: ringUnitSteps('satellite-radio', w('replaceOrBypass', ['fibreBend'], 'satellite-radio')),
  headUnit: [
    d('useAPhone'),
    d('restartIdrive', ['notWhileDriving']),
    w('checkUnitFuses', ['ignitionOff', 'sameFuseRating'], 'head-unit'),
    w('replaceUnit', [], 'head-unit'),
    d('runSelfTest'),
  ],
  amplifier: ringUnitSteps('amplifier', w('replaceUnit', ['fibreBend'], 'amplifier')),
  bluetoothModule: [
    d('useAPhone'),
    d('checkPairing', ['notWhileDriving']),
    d('locateUnit', ['notWhileDriving'], 'hands-free'),
    w('checkUnitFuses', ['ignitionOff', 'sameFuseRating'], 'hands-free'),
    w('bypassUnit', ['ignitionOff', 'fibreBend', 'fibreLight'], 'hands-free'),
    w('replaceUnit', ['fibreBend'], 'hands-free'),
    d('runSelfTest'),
  ],
  fibreDamage: [
    d('useAPhone'),
    d('recentWork'),
    w('inspectFibre', ['ignitionOff', 'fibreLight']),
    w('repairFibre', ['fibreBend']),
    d('runSelfTest'),
  ],
  ringBreak: [
    d('useAPhone'),
    w('openConnectors', ['ignitionOff', 'fibreLight']),
    w('checkUnitFuses', ['ignitionOff', 'sameFuseRating']),
    w('bypassUnit', ['ignitionOff', 'fibreBend', 'fibreLight']),
    d('runSelfTest'),
  ],
  noNetwork: [
    d('useAPhone'),
    d('waitForNetwork', ['notWhileDriving']),
    d('restartCar', ['notWhileDriving']),
    w('checkCellularAntenna'),
    d('testCall'),
  ],
  noGps: [d('moveToOpenSky', ['notWhileDriving']), d('waitForFix'), w('checkGnssAntenna'), d('runSelfTest')],
  softwareGlitch: [
    d('useAPhone'),
    d('parkSafely'),
    d('batteryReset', ['ignitionOff', 'batteryShort', 'batteryGases', 'settingsLost']),
    d('runSelfTest'),
    w('dealerDiagnosis'),
  ],
  // A failed control module is the dealer's: it must be replaced and coded to the car.
  controlModule: [
    d('useAPhone'),
    w('checkUnitFuses', ['ignitionOff', 'sameFuseRating'], 'telematics'),
    w('dealerModule'),
    d('testCall'),
  ],
  microphone: [d('speakLoudly'), w('dealerDiagnosis'), d('testCall')],
  loudspeaker: [
    d('checkAudio'),
    w('checkUnitFuses', ['ignitionOff', 'sameFuseRating'], 'amplifier'),
    w('dealerDiagnosis'),
    d('testCall'),
  ],
  sosButton: [d('automaticStillWorks'), d('useAPhone'), w('dealerDiagnosis')],
  crashSensor: [d('manualStillWorks'), w('dealerDiagnosis', ['airbagWork'])],
  backupBattery: [w('replaceBackupBattery'), d('runSelfTest')],
  noData: [d('useAPhone'), d('restartCar', ['notWhileDriving']), w('dealerDiagnosis')],
  // A limit of the place, not of the car (Del. Reg. (EU) 2025/1871; 2G/3G switch-offs): no workshop step.
  noEcallNetwork: [d('carIsFine'), d('sosStillCalls112'), d('ecallReturnsWithNetwork')],
};

const RING_GUIDES: readonly GuideId[] = [
  'satelliteRadio',
  'headUnit',
  'amplifier',
  'bluetoothModule',
  'fibreDamage',
  'ringBreak',
];

/** A guide with its steps. */
export function guide(id: GuideId): Guide {
  const steps = STEPS[id];
  return {
    id,
    steps,
    ring: RING_GUIDES.includes(id) || id === 'controlModule',
    driverCanHelp: steps.some((s) => s.who === 'driver' && s.id !== 'useAPhone'),
    needsWorkshop: steps.some((s) => s.who === 'workshop'),
  };
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
