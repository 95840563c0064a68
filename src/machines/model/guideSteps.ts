/**
 * Each guide's steps in order, with who can do them and their cautions (the types and which guide
 * fits a cause are in `guides.ts`). Only the guide page shows them: this module loads with the
 * diagnosis pages, not at start-up (the machines and the start-up views never need it).
 */
import type { MostNode } from '../../bridge/signals.js';
import {
  RING_GUIDE_IDS,
  type CautionId,
  type Guide,
  type GuideId,
  type GuideStep,
  type GuideStepId,
} from './guides.js';

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

/** A guide with its steps. */
export function guide(id: GuideId): Guide {
  const steps = STEPS[id];
  return {
    id,
    steps,
    ring: RING_GUIDE_IDS.includes(id) || id === 'controlModule',
    driverCanHelp: steps.some((s) => s.who === 'driver' && s.id !== 'useAPhone'),
    needsWorkshop: steps.some((s) => s.who === 'workshop'),
  };
}
