/**
 * Pure mapping from causes to a Check Control message: the cause in the driver's words (ids),
 * what to do, and what the driver will notice. Texts live in the screens.
 */
import { DATA_CAUSES, type Assessment, type Cause, type CauseId } from './causes.js';
import type { RingView } from './ringDiagnosis.js';

/** What the driver can do about it. */
export type AdviceId =
  | 'seeDealer'
  | 'batteryReset'
  | 'checkFuses'
  | 'bypassTest'
  | 'moveToOpenSky'
  | 'waitForNetwork'
  | 'checkPairing'
  | 'callFromPhone'
  /** Nothing is wrong with the car: no workshop visit helps. */
  | 'notAWorkshopCase';

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
  | 'noCallPossible'
  /** An SOS call goes out as a plain 112 voice call: the centre gets no position or crash data from the car. */
  | 'callWithoutCarData';

/** A Check Control message for the malfunction warning. */
export interface CheckControlMessage {
  readonly primary: CauseId;
  readonly causes: readonly CauseId[];
  readonly advice: readonly AdviceId[];
  readonly effects: readonly EffectId[];
  readonly ring: RingView | null;
}

/** What the driver can do, per cause, most useful first. */
export const ADVICE: Readonly<Record<CauseId, readonly AdviceId[]>> = {
  ringBreak: ['checkFuses', 'bypassTest', 'seeDealer'],
  softwareGlitch: ['batteryReset', 'seeDealer'],
  controlModuleFailure: ['seeDealer'],
  handsFreeFault: ['checkPairing', 'bypassTest', 'checkFuses', 'seeDealer'],
  headUnitFault: ['checkFuses', 'seeDealer'],
  noCellular: ['waitForNetwork', 'callFromPhone'],
  weakCellular: ['waitForNetwork'],
  noGnss: ['moveToOpenSky'],
  microphoneFault: ['seeDealer'],
  speakerFault: ['checkFuses', 'seeDealer'],
  sosButtonFault: ['seeDealer'],
  crashSensorFault: ['seeDealer'],
  backupBatteryLow: ['seeDealer'],
  noVehicleData: [],
  vehicleLinkLost: [],
  vehicleLinkRefused: [],
  noEcallNetwork: ['notAWorkshopCase'],
};

/** What the driver will notice, per cause. */
export const EFFECTS: Readonly<Record<CauseId, readonly EffectId[]>> = {
  // One failed node stops the whole optical ring: everything on MOST goes quiet.
  ringBreak: [
    'idriveMayNotRespond',
    'chimesMayBeSilent',
    'audioSourcesAffected',
    'noHandsFree',
    'noCallPossible',
  ],
  softwareGlitch: ['noManualCall', 'noAutomaticCall', 'noCallPossible'],
  controlModuleFailure: ['noManualCall', 'noAutomaticCall', 'noCallPossible'],
  handsFreeFault: ['noHandsFree', 'noCallPossible'],
  headUnitFault: ['idriveMayNotRespond', 'noCallPossible'],
  noCellular: ['noCallPossible'],
  weakCellular: [],
  noGnss: ['positionNotTrusted'],
  microphoneFault: ['centreMayNotHearYou'],
  speakerFault: ['youMayNotHearCentre'],
  sosButtonFault: ['noManualCall'],
  crashSensorFault: ['noAutomaticCall'],
  backupBatteryLow: [],
  noVehicleData: [],
  vehicleLinkLost: [],
  vehicleLinkRefused: [],
  noEcallNetwork: ['callWithoutCarData'],
};

/**
 * The Check Control message for the causes, or null when no cause warns. The primary cause is the
 * first warn-cause (causes arrive most important first, ringBreak first). Non-warning limits
 * (no GNSS, weak cellular) are listed after the warnings so their effects are explained too.
 */
export function diagnose(causes: readonly Cause[], ring: RingView | null): CheckControlMessage | null {
  const warn = causes.filter((c) => c.warn);
  const first = warn[0];
  if (!first) return null;
  const listed = [...warn, ...causes.filter((c) => !c.warn && !DATA_CAUSES.includes(c.id))];
  const ids = listed.map((c) => c.id);
  const noCall = listed.some((c) => c.severity === 'unavailable');
  const advice: AdviceId[] = unique(ids.flatMap((id) => ADVICE[id]).filter((a) => a !== 'callFromPhone'));
  // With no call possible the last advice is always: use a phone.
  if (noCall || ids.some((id) => ADVICE[id].includes('callFromPhone'))) advice.push('callFromPhone');
  const effects = unique(ids.flatMap((id) => EFFECTS[id]));
  return { primary: first.id, causes: ids, advice, effects, ring: ids.includes('ringBreak') ? ring : null };
}

const messages = new WeakMap<Assessment, CheckControlMessage | null>();

/** The Check Control message for an assessment, worked out once however often a machine asks. */
export function checkControlMessage(assessment: Assessment): CheckControlMessage | null {
  let message = messages.get(assessment);
  if (message === undefined) {
    message = diagnose(assessment.causes, assessment.ring);
    messages.set(assessment, message);
  }
  return message;
}

/** True when `next` names a warn-cause that `previous` did not (the fault got worse). */
export function isWorse(previous: CheckControlMessage | null, next: CheckControlMessage | null): boolean {
  if (!next) return false;
  if (!previous) return true;
  return next.causes.some((id) => !previous.causes.includes(id));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
