/**
 * What the HMI knows about the vehicle, pure: the latest value of each signal the SOS status depends
 * on, with the vehicle time it came with, folded from `bridge.*` events; which signals are required,
 * and when each was last heard.
 */
import { CHAIN_UNITS } from '../../bridge/signals.js';
import type {
  CellularSignal,
  ChainUnit,
  EcallService,
  GnssSignal,
  IgnitionState,
  MostRingSignal,
  UnitHealthSignal,
} from '../../bridge/signals.js';
import type { BridgeMachineEvent } from '../events.js';

/** The latest value of one signal and the vehicle time (`ts`) it was received with. */
export interface Fact<T> {
  readonly value: T;
  readonly receivedAt: number;
}

export type UnitHealthValue = Omit<UnitHealthSignal, 'type' | 'ts' | 'unit'>;
export type MostRingValue = Omit<MostRingSignal, 'type' | 'ts'>;
export type GnssValue = Omit<GnssSignal, 'type' | 'ts'>;

export interface CellularValue extends Omit<CellularSignal, 'type' | 'ts' | 'ecall'> {
  /** What the network offers for eCall; null: the unit does not say. */
  readonly ecall: EcallService | null;
}

/** Everything the HMI knows about the vehicle, latest value per signal key. */
export interface VehicleFacts {
  readonly ignition?: Fact<IgnitionState>;
  readonly unitHealth: Readonly<Partial<Record<ChainUnit, Fact<UnitHealthValue>>>>;
  readonly mostRing?: Fact<MostRingValue>;
  readonly gnss?: Fact<GnssValue>;
  readonly cellular?: Fact<CellularValue>;
}

export const EMPTY_FACTS: VehicleFacts = { unitHealth: {} };

/** A signal key: `ignition`, `unitHealth:<unit>`, `mostRing`, `gnss`, `cellular`. */
export type SignalKey = 'ignition' | `unitHealth:${ChainUnit}` | 'mostRing' | 'gnss' | 'cellular';

/**
 * Signals the SOS status depends on: each must be present and fresher than `stalenessMs`, else the
 * status is unknown. The vehicle side republishes them cyclically. Ignition is tracked as a fact
 * but is not on this list: it drives the off/self-test states, and a lost link is `bridge.connection`.
 */
export const REQUIRED_SIGNALS: readonly SignalKey[] = [
  ...CHAIN_UNITS.map((u) => `unitHealth:${u}` as const),
  'mostRing',
  'gnss',
  'cellular',
];

/** The fact key a bridge event updates, or null when it carries no lasting fact (button, crash, call). */
export function signalKey(event: BridgeMachineEvent): SignalKey | null {
  switch (event.type) {
    case 'bridge.ignition':
      return 'ignition';
    case 'bridge.unitHealth':
      return `unitHealth:${event.unit}`;
    case 'bridge.mostRing':
      return 'mostRing';
    case 'bridge.gnss':
      return 'gnss';
    case 'bridge.cellular':
      return 'cellular';
    default:
      return null;
  }
}

/** When the current fact for `key` was true (vehicle time), undefined without one. */
export function factReceivedAt(facts: VehicleFacts, key: SignalKey): number | undefined {
  if (key.startsWith('unitHealth:'))
    return facts.unitHealth[key.slice('unitHealth:'.length) as ChainUnit]?.receivedAt;
  return facts[key as 'ignition' | 'mostRing' | 'gnss' | 'cellular']?.receivedAt;
}

/** The units a signal key speaks for (a unit's health, GNSS, cellular); none for the ring or ignition. */
export function unitsOfKey(key: string): ChainUnit[] {
  if (key.startsWith('unitHealth:')) return [key.slice('unitHealth:'.length) as ChainUnit];
  if (key === 'gnss' || key === 'cellular') return [key];
  return [];
}

/** The newest vehicle time among the facts (the HMI's idea of "now" in vehicle time). */
export function latestFactTime(facts: VehicleFacts): number {
  let t = facts.ignition?.receivedAt ?? 0;
  for (const fact of [facts.mostRing, facts.gnss, facts.cellular, ...Object.values(facts.unitHealth)]) {
    if (fact && fact.receivedAt > t) t = fact.receivedAt;
  }
  return t;
}

/** Folds one bridge event into the facts; events without a lasting fact return the facts unchanged. */
export function foldFact(facts: VehicleFacts, event: BridgeMachineEvent): VehicleFacts {
  switch (event.type) {
    case 'bridge.ignition':
      return { ...facts, ignition: { value: event.state, receivedAt: event.ts } };
    case 'bridge.unitHealth': {
      const value: UnitHealthValue =
        event.code === undefined ? { status: event.status } : { status: event.status, code: event.code };
      return { ...facts, unitHealth: { ...facts.unitHealth, [event.unit]: { value, receivedAt: event.ts } } };
    }
    case 'bridge.mostRing': {
      const value: MostRingValue = {
        nodes: [...event.nodes],
        closed: event.closed,
        silent: [...event.silent],
        ...(event.breakBetween
          ? { breakBetween: [event.breakBetween[0], event.breakBetween[1]] as const }
          : {}),
        ...(event.bypassed?.length ? { bypassed: [...event.bypassed] } : {}),
      };
      return { ...facts, mostRing: { value, receivedAt: event.ts } };
    }
    case 'bridge.gnss':
      return {
        ...facts,
        gnss: {
          value: {
            fix: event.fix,
            latitude: event.latitude,
            longitude: event.longitude,
            headingDeg: event.headingDeg,
            trusted: event.trusted,
          },
          receivedAt: event.ts,
        },
      };
    case 'bridge.cellular':
      return {
        ...facts,
        cellular: {
          value: { registered: event.registered, signalBars: event.signalBars, ecall: event.ecall ?? null },
          receivedAt: event.ts,
        },
      };
    default:
      return facts;
  }
}
