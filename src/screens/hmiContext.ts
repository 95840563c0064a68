import { createContext } from '@lit/context';
import type { UserEvent } from '../machines/events.js';
import type { GuideId } from '../machines/guides.js';
import type {
  CallView,
  DiagnosisView,
  DiagnosticsView,
  FaultMemoryView,
  GuideView,
  MalfunctionView,
  SosStatusView,
} from '../machines/views.js';
import type { SnapshotSource } from './controllers/snapshot-source.js';

export type { SnapshotSource } from './controllers/snapshot-source.js';

/**
 * Everything screens need from the running system, provided by `sos-app` to every screen below it.
 * The composition root builds it from the machine actors (`rootActor.system.get(…)`) and the
 * selectors; tests build it from fake sources whose snapshots already are view objects.
 */
export interface HmiServices {
  /** The SOS status actor. */
  readonly status: SnapshotSource<unknown>;
  /** The malfunction (Check Control) actor. */
  readonly malfunction: SnapshotSource<unknown>;
  /** The emergency-call actor. */
  readonly call: SnapshotSource<unknown>;
  selectStatus(snapshot: unknown): SosStatusView;
  selectMalfunction(snapshot: unknown): MalfunctionView;
  selectCall(snapshot: unknown): CallView;
  /** Sends an occupant's action to the machines. */
  send(event: UserEvent): void;
  /** Vehicle clock, ms since the Unix epoch (for the status-bar clock). */
  clockNow(): number;
  /** Diagnosis (optional: screens without it show no diagnosis pages). */
  readonly diagnosis?: DiagnosisServices;
}

/** What the diagnosis screens read: the navigation and fault-memory actors, and their selectors. */
export interface DiagnosisServices {
  /** The diagnosis navigation actor. */
  readonly navigation: SnapshotSource<unknown>;
  readonly faultMemory: SnapshotSource<unknown>;
  selectNavigation(snapshot: unknown): DiagnosticsView;
  /** From a status snapshot: self-test rows, ring localisation, guides for the present causes. */
  selectDiagnosis(statusSnapshot: unknown): DiagnosisView;
  selectGuide(statusSnapshot: unknown, id: GuideId): GuideView;
  selectFaultMemory(snapshot: unknown): FaultMemoryView;
  /** The vehicle identification number for the fault-memory export, if known. */
  readonly vin: string | null;
}

/** The context key screens `@consume`. */
export const hmiContext = createContext<HmiServices>(Symbol('sos-hmi'));
