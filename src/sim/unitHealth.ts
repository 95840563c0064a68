/**
 * What the units say about themselves, from the faults present: each unit's cyclic `unitHealth`,
 * the telematics unit's self-test of its periphery, and which faults stop the telematics unit.
 * Pure functions of the fault list; the simulator decides when a unit can talk (power, ring).
 */
import type { ChainUnit, SelfTestItem, SelfTestResultSignal, UnitStatus } from '../bridge/signals.js';
import { SELF_TEST_ITEMS } from '../bridge/signals.js';
import type { Fault } from './faults.js';

/** Faults that stop the telematics unit: it neither calls nor answers nor reports. */
const STOPS_TELEMATICS: readonly Fault[] = [
  'control-module-failure',
  'software-glitch',
  'blown-fuse:telematics',
];

/**
 * The unit faults a unit reports itself, first match wins. No fix / no network are carried by the
 * `gnss` / `cellular` signals themselves, not as a unit fault; a ring fault is the master's finding.
 */
const UNIT_FAULTS: readonly {
  readonly fault: Fault;
  readonly unit: ChainUnit;
  readonly status: UnitStatus;
  readonly code: string;
}[] = [
  { fault: 'control-module-failure', unit: 'telematics', status: 'fault', code: 'module' },
  { fault: 'software-glitch', unit: 'telematics', status: 'fault', code: 'software' },
  { fault: 'bluetooth-fault', unit: 'hands-free', status: 'fault', code: 'bluetooth' },
  { fault: 'speaker-fault', unit: 'amplifier', status: 'fault', code: 'speaker' },
  { fault: 'microphone-fault', unit: 'microphone', status: 'fault', code: 'microphone' },
  { fault: 'backup-battery-low', unit: 'backup-battery', status: 'degraded', code: 'low' },
  { fault: 'crash-sensor-fault', unit: 'crash-sensor', status: 'fault', code: 'crash-sensor' },
  { fault: 'sos-button-fault', unit: 'sos-button', status: 'fault', code: 'sos-button' },
  // The master knows its own MOST interface has no power (CAN side still up): evidence, so "fault".
  { fault: 'blown-fuse:head-unit', unit: 'head-unit', status: 'fault', code: 'fuse' },
];

/** What the telematics unit's self-test finds on its periphery, per fault. */
const SELF_TEST_FAILURES: readonly {
  readonly fault: Fault;
  readonly item: SelfTestItem;
  readonly code: string;
}[] = [
  { fault: 'no-cellular', item: 'cellular-antenna', code: 'no network' },
  { fault: 'no-gps', item: 'gnss-antenna', code: 'no satellites' },
  { fault: 'microphone-fault', item: 'microphone', code: 'open circuit' },
  { fault: 'speaker-fault', item: 'loudspeaker', code: 'open circuit' },
  { fault: 'bluetooth-fault', item: 'hands-free', code: 'no response' },
  { fault: 'sos-button-fault', item: 'sos-button', code: 'no response' },
  { fault: 'crash-sensor-fault', item: 'crash-sensor', code: 'no response' },
  { fault: 'backup-battery-low', item: 'backup-battery', code: 'low' },
];

/** The telematics unit runs (given power): none of the faults that stop it is present. */
export function telematicsRuns(faults: readonly Fault[]): boolean {
  return !STOPS_TELEMATICS.some((fault) => faults.includes(fault));
}

/** The health a unit reports, given the faults present. */
export function unitHealth(unit: ChainUnit, faults: readonly Fault[]): { status: UnitStatus; code?: string } {
  const found = UNIT_FAULTS.find((f) => f.unit === unit && faults.includes(f.fault));
  return found ? { status: found.status, code: found.code } : { status: 'ok' };
}

/**
 * Why the telematics unit cannot run its self-test now, or null if it can.
 * @param cutOff the MOST ring is open with the unit on it (the head unit cannot reach it)
 */
export function selfTestRefusal(faults: readonly Fault[], cutOff: boolean): string | null {
  if (cutOff) return 'ring break';
  if (faults.includes('control-module-failure') || faults.includes('blown-fuse:telematics'))
    return 'control module failure';
  if (faults.includes('software-glitch')) return 'software fault';
  return null;
}

/** One result per item, all at the same time `ts`. */
export function selfTestResults(faults: readonly Fault[], ts: number): SelfTestResultSignal[] {
  return SELF_TEST_ITEMS.map((item) => {
    const code = SELF_TEST_FAILURES.find((f) => f.item === item && faults.includes(f.fault))?.code;
    return { type: 'selfTestResult', ts, item, result: code ? 'fail' : 'pass', ...(code ? { code } : {}) };
  });
}
