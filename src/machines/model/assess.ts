/**
 * Pure assessment of the SOS chain: the causes present in what the HMI knows of the vehicle, and the
 * SOS level they make. No xstate here, so the rules can be tested (and reused in a gateway) on their own.
 */
import type { ChainUnit, MostNode, UnitStatus } from '../../bridge/signals.js';
import type { BridgeConnection, LinkProblem } from '../../bridge/vehicleBridge.js';
import { CAUSE_TABLE, type AssessedLevel, type Assessment, type Cause, type CauseId } from './causes.js';
import { factReceivedAt, REQUIRED_SIGNALS, unitsOfKey, type VehicleFacts } from './facts.js';
import { ringView } from './ringDiagnosis.js';

const CAUSE_ORDER = Object.keys(CAUSE_TABLE) as CauseId[];
const SEVERITY_RANK: Record<Cause['severity'], number> = { unavailable: 0, unknown: 1, limited: 2 };

function cause(id: CauseId, units: readonly (ChainUnit | MostNode)[]): Cause {
  return { id, ...CAUSE_TABLE[id], units };
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
  const staleSignals = REQUIRED_SIGNALS.filter(
    (key) => factReceivedAt(facts, key) === undefined || stale.has(key),
  );
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
  const unexplained = staleSignals.filter((key) => !unitsOfKey(key).some((unit) => behindBreak.has(unit)));
  if (unexplained.length > 0) {
    causes.push(
      cause(
        'noVehicleData',
        unexplained.flatMap((key) => unitsOfKey(key)),
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

/** Two assessments show the same thing (level, causes, stale signals, ring). */
export function sameAssessment(a: Assessment, b: Assessment): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
