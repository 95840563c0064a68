/**
 * Self-test results, pure: the telematics unit's self-test (one `selfTestResult` per item) folded
 * into records, and the rows the self-test screen lists. A result never claims more than the data
 * shows: an item whose unit is silent behind a ring break is "unknown" (its last check is kept),
 * and an item never reported is "not checked".
 */
import { SELF_TEST_ITEMS } from '../../bridge/signals.js';
import type { ChainUnit, MostNode, SelfTestItem } from '../../bridge/signals.js';
import type { VehicleFacts } from './facts.js';

export interface SelfTestRecord {
  readonly result: 'pass' | 'fail';
  readonly code?: string;
  /** Vehicle time of the check. */
  readonly at: number;
}

export type SelfTestRecords = Readonly<Partial<Record<SelfTestItem, SelfTestRecord>>>;

export type SelfTestOutcome = 'ok' | 'fault' | 'notChecked' | 'unknown';

export interface SelfTestRow {
  readonly item: SelfTestItem;
  readonly result: SelfTestOutcome;
  /** Vehicle time of the last check, null if never checked. */
  readonly checkedAt: number | null;
  readonly code: string | null;
  /** One of the cases UN R144 provokes in type approval. */
  readonly r144: boolean;
}

/** The items UN R144 post-crash tests disconnect. */
export const R144_ITEMS: readonly SelfTestItem[] = [
  'cellular-antenna',
  'gnss-antenna',
  'microphone',
  'loudspeaker',
  'hmi-link',
];

/** The chain unit an item depends on (null: on CAN, always reachable). */
export const SELF_TEST_UNIT: Readonly<Record<SelfTestItem, ChainUnit | MostNode | null>> = {
  'control-module': 'telematics',
  'hmi-link': 'telematics',
  'sim-modem': 'cellular',
  'cellular-antenna': 'cellular',
  'gnss-receiver': 'gnss',
  'gnss-antenna': 'gnss',
  microphone: 'microphone',
  loudspeaker: 'amplifier',
  'hands-free': 'hands-free',
  'sos-button': 'sos-button',
  'sos-led': null,
  'crash-sensor': 'crash-sensor',
  'backup-battery': 'backup-battery',
  'most-ring': null,
};

export function foldSelfTestResult(
  records: SelfTestRecords,
  result: {
    readonly item: SelfTestItem;
    readonly result: 'pass' | 'fail';
    readonly code?: string;
    readonly ts: number;
  },
): SelfTestRecords {
  const record: SelfTestRecord =
    result.code === undefined
      ? { result: result.result, at: result.ts }
      : { result: result.result, code: result.code, at: result.ts };
  return { ...records, [result.item]: record };
}

/**
 * The rows of the self-test screen, in `SELF_TEST_ITEMS` order.
 * - Results come from the telematics unit: while it is silent behind an open ring they are unknown.
 * - A unit that reports a fault on the bus now is a fault, whatever the last self-test said.
 * - The ring and the module-to-iDrive link are judged from the ring the master reports.
 */
export function selfTestRows(
  records: SelfTestRecords,
  facts: VehicleFacts,
  staleSignals: readonly string[] = [],
): SelfTestRow[] {
  const ring = facts.mostRing;
  const ringStale = !ring || staleSignals.includes('mostRing');
  const silent = new Set<string>(ring && !ring.value.closed ? ring.value.silent : []);
  const telematicsSilent = silent.has('telematics');
  return SELF_TEST_ITEMS.map((item): SelfTestRow => {
    const record = records[item];
    const r144 = R144_ITEMS.includes(item);
    const base = {
      item,
      r144,
      checkedAt: record?.at ?? null,
      code: record?.code ?? null,
    };
    if (item === 'most-ring') {
      if (ringStale) return { ...base, result: 'unknown' };
      return {
        ...base,
        result: ring.value.closed ? 'ok' : 'fault',
        checkedAt: ring.receivedAt,
        code: ring.value.closed ? null : 'open',
      };
    }
    if (item === 'hmi-link' && !ringStale && ring.value.nodes.includes('telematics')) {
      // The head unit cannot reach the control module over the open ring: that is evidence.
      if (telematicsSilent) return { ...base, result: 'fault', checkedAt: ring.receivedAt, code: 'no route' };
    }
    const unit = SELF_TEST_UNIT[item];
    if (telematicsSilent || (unit !== null && silent.has(unit))) {
      return { ...base, result: record ? 'unknown' : 'notChecked' };
    }
    const health = unit && unit in facts.unitHealth ? facts.unitHealth[unit as ChainUnit] : undefined;
    if (health?.value.status === 'fault') {
      return { ...base, result: 'fault', checkedAt: health.receivedAt, code: health.value.code ?? base.code };
    }
    if (!record) return { ...base, result: 'notChecked' };
    return { ...base, result: record.result === 'pass' ? 'ok' : 'fault' };
  });
}
