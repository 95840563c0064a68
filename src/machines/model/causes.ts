/**
 * What can be wrong with the SOS chain, in the car's language, pure: every cause with how bad it is
 * and whether it warns (the Check Control malfunction), and the assessment that lists the causes
 * present with the SOS level they make. `assess.ts` finds them; words live in the screens' texts.
 */
import type { ChainUnit, MostNode } from '../../bridge/signals.js';
import type { RingView } from './ringDiagnosis.js';

/** Why SOS is not fully ready, in the car's language. */
export type CauseId =
  | 'ringBreak'
  | 'softwareGlitch'
  | 'controlModuleFailure'
  | 'handsFreeFault'
  | 'headUnitFault'
  | 'noCellular'
  | 'weakCellular'
  | 'noGnss'
  | 'microphoneFault'
  | 'speakerFault'
  | 'sosButtonFault'
  | 'crashSensorFault'
  | 'backupBatteryLow'
  | 'noVehicleData'
  | 'vehicleLinkLost'
  /** The vehicle link is up but refused this display (its token or permissions): status unknown. */
  | 'vehicleLinkRefused'
  /** The network here takes 112 but no eCall (2G/3G switched off): a limit of the place, not a fault of the car. */
  | 'noEcallNetwork';

export interface Cause {
  readonly id: CauseId;
  /** `unavailable`: no emergency call possible; `limited`: a call works with limits; `unknown`: no data. */
  readonly severity: 'unavailable' | 'limited' | 'unknown';
  /** Shown as a Check Control malfunction (crossed-out telltale) — transient limits like a tunnel are not. */
  readonly warn: boolean;
  /** Units the cause concerns (for diagnosis screens). */
  readonly units: readonly (ChainUnit | MostNode)[];
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

/** Causes that describe the data (none, or no link to the car), not the car: nothing to warn of or log. */
export const DATA_CAUSES: readonly CauseId[] = ['noVehicleData', 'vehicleLinkLost', 'vehicleLinkRefused'];
