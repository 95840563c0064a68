/**
 * Pure assessment of the SOS chain: folds vehicle signals into facts and turns facts into a level
 * and causes. No xstate here, so the rules can be tested (and reused in a gateway) on their own.
 */
import { CHAIN_UNITS } from '../bridge/signals.js';
import type {
  ChainUnit,
  EcallService,
  GnssFix,
  IgnitionState,
  MostNode,
  UnitStatus,
} from '../bridge/signals.js';
import type { BridgeConnection, LinkProblem } from '../bridge/vehicleBridge.js';
import type { BridgeMachineEvent } from './events.js';
import type { Cause, CauseId, RingView } from './views.js';

/** The latest value of one signal and the vehicle time (`ts`) it was received with. */
export interface Fact<T> {
  readonly value: T;
  readonly receivedAt: number;
}

export interface UnitHealthValue {
  readonly status: UnitStatus;
  readonly code?: string;
}

export interface MostRingValue {
  readonly nodes: readonly MostNode[];
  readonly closed: boolean;
  readonly silent: readonly MostNode[];
  readonly breakBetween?: readonly [MostNode, MostNode];
  /** Units bridged with a fibre-optic bypass loop (bypass test). */
  readonly bypassed?: readonly MostNode[];
}

export interface GnssValue {
  readonly fix: GnssFix;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly headingDeg: number | null;
  readonly trusted: boolean;
}

export interface CellularValue {
  readonly registered: boolean;
  readonly signalBars: number;
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

export type AssessedLevel = 'ready' | 'limited' | 'unavailable' | 'unknown';

export interface Assessment {
  readonly level: AssessedLevel;
  /** Most important first (ringBreak first, then unavailable, unknown, limited). */
  readonly causes: readonly Cause[];
  readonly staleSignals: readonly string[];
  readonly ring: RingView | null;
}

/** Severity and warning of every cause; the order is the display priority. */
export const CAUSE_TABLE: Readonly<
  Record<CauseId, { readonly severity: Cause['severity']; readonly warn: boolean }>
> = {
  ringBreak: { severity: 'unavailable', warn: true },
  softwareGlitch: { severity: 'unavailable', warn: true },
  controlModuleFailure: { severity: 'unavailable', warn: true },
  handsFreeFault: { severity: 'unavailable', warn: true },
  headUnitFault: { severity: 'unavailable', warn: true },
  noCellular: { severity: 'unavailable', warn: true },
  vehicleLinkLost: { severity: 'unknown', warn: false },
  vehicleLinkRefused: { severity: 'unknown', warn: false },
  noVehicleData: { severity: 'unknown', warn: false },
  microphoneFault: { severity: 'limited', warn: true },
  speakerFault: { severity: 'limited', warn: true },
  sosButtonFault: { severity: 'limited', warn: true },
  crashSensorFault: { severity: 'limited', warn: true },
  backupBatteryLow: { severity: 'limited', warn: true },
  noGnss: { severity: 'limited', warn: false },
  weakCellular: { severity: 'limited', warn: false },
  // A limit of the place (2G/3G switched off), never a malfunction of the car: no crossed-out telltale.
  noEcallNetwork: { severity: 'limited', warn: false },
};

const CAUSE_ORDER = Object.keys(CAUSE_TABLE) as CauseId[];
const SEVERITY_RANK: Record<Cause['severity'], number> = { unavailable: 0, unknown: 1, limited: 2 };

function cause(id: CauseId, units: readonly (ChainUnit | MostNode)[]): Cause {
  return { id, ...CAUSE_TABLE[id], units };
}

/** The ring as the screens show it; the suspect is the node after the break (light lost going into it). */
export function ringView(ring: MostRingValue | undefined): RingView | null {
  if (!ring) return null;
  const breakBetween = ring.breakBetween ? ([ring.breakBetween[0], ring.breakBetween[1]] as const) : null;
  return {
    nodes: ring.nodes,
    closed: ring.closed,
    silent: ring.silent,
    breakBetween,
    suspect: !ring.closed && breakBetween ? breakBetween[1] : null,
  };
}

/**
 * The SOS level from facts. Safety rule: a required signal missing or stale adds `noVehicleData`
 * (unknown), so the level is never `ready` on unknown or stale vehicle state. Stale facts still
 * count for faults (a fault last seen is not assumed repaired). Unavailable beats unknown beats limited.
 */
export function assess(
  facts: VehicleFacts,
  staleKeys: readonly string[],
  connection: BridgeConnection = 'connected',
  linkProblem: LinkProblem = null,
): Assessment {
  const ring = ringView(facts.mostRing?.value);
  if (connection === 'lost' || linkProblem === 'unauthorized') {
    // Without a link (or one that refuses this display) nothing we know is current: only "unknown",
    // never a stale "ready" or fault.
    return {
      level: 'unknown',
      causes: [cause(connection === 'lost' ? 'vehicleLinkLost' : 'vehicleLinkRefused', [])],
      staleSignals: [...REQUIRED_SIGNALS],
      ring,
    };
  }
  const stale = new Set(staleKeys);
  const staleSignals = REQUIRED_SIGNALS.filter((key) => !hasFact(facts, key) || stale.has(key));
  const causes: Cause[] = [];

  // Units behind a ring break are silent: unknown, not faulty — the break is the cause.
  const behindBreak = new Set<string>(ring && !ring.closed ? ring.silent : []);
  if (ring && !ring.closed) {
    causes.push(cause('ringBreak', ring.suspect ? [ring.suspect] : ring.silent));
  }
  const health = (unit: ChainUnit): UnitStatus | undefined =>
    behindBreak.has(unit) ? undefined : facts.unitHealth[unit]?.value.status;

  const telematics = facts.unitHealth.telematics;
  if (health('telematics') === 'fault' && telematics) {
    causes.push(
      cause(telematics.value.code === 'software' ? 'softwareGlitch' : 'controlModuleFailure', ['telematics']),
    );
  }
  if (health('hands-free') === 'fault') causes.push(cause('handsFreeFault', ['hands-free']));
  if (health('head-unit') === 'fault') causes.push(cause('headUnitFault', ['head-unit']));

  const cellular = facts.cellular?.value;
  if (health('cellular') === 'fault' || (cellular && !cellular.registered)) {
    causes.push(cause('noCellular', ['cellular']));
  } else {
    if (cellular?.ecall === 'none') causes.push(cause('noEcallNetwork', ['cellular']));
    if (cellular && cellular.signalBars <= 1) causes.push(cause('weakCellular', ['cellular']));
  }
  if (health('gnss') === 'fault' || facts.gnss?.value.fix === 'none') causes.push(cause('noGnss', ['gnss']));
  // A unit that only "works with limits" (degraded) is not ready either: its limit is the same cause.
  const impaired = (unit: ChainUnit): boolean => {
    const status = health(unit);
    return status === 'fault' || status === 'degraded';
  };
  if (impaired('microphone')) causes.push(cause('microphoneFault', ['microphone']));
  if (impaired('amplifier')) causes.push(cause('speakerFault', ['amplifier']));
  if (impaired('sos-button')) causes.push(cause('sosButtonFault', ['sos-button']));
  if (impaired('crash-sensor')) causes.push(cause('crashSensorFault', ['crash-sensor']));
  const battery = health('backup-battery');
  if (battery === 'degraded' || battery === 'fault')
    causes.push(cause('backupBatteryLow', ['backup-battery']));

  // Silence of units behind a ring break is explained by the break: still unknown, not a second cause.
  const unexplained = staleSignals.filter((key) => !unitOfKey(key).some((unit) => behindBreak.has(unit)));
  if (unexplained.length > 0) {
    causes.push(
      cause(
        'noVehicleData',
        unexplained.flatMap((key) => unitOfKey(key)),
      ),
    );
  }

  causes.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CAUSE_ORDER.indexOf(a.id) - CAUSE_ORDER.indexOf(b.id),
  );
  const level: AssessedLevel = causes.some((c) => c.severity === 'unavailable')
    ? 'unavailable'
    : causes.some((c) => c.severity === 'unknown')
      ? 'unknown'
      : causes.length > 0
        ? 'limited'
        : 'ready';
  return { level, causes, staleSignals, ring };
}

/** A warn-cause (Check Control malfunction) is present. */
export function hasWarning(assessment: Assessment): boolean {
  return assessment.causes.some((c) => c.warn);
}

function hasFact(facts: VehicleFacts, key: SignalKey): boolean {
  if (key.startsWith('unitHealth:'))
    return facts.unitHealth[key.slice('unitHealth:'.length) as ChainUnit] !== undefined;
  return facts[key as 'ignition' | 'mostRing' | 'gnss' | 'cellular'] !== undefined;
}

function unitOfKey(key: string): ChainUnit[] {
  if (key.startsWith('unitHealth:')) return [key.slice('unitHealth:'.length) as ChainUnit];
  if (key === 'gnss' || key === 'cellular') return [key];
  return [];
}

/** Two assessments show the same thing (level, causes, stale signals, ring). */
export function sameAssessment(a: Assessment, b: Assessment): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
