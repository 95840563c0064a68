import { createContext } from '@lit/context';
import type { UserEvent } from '../machines/events.js';
import type { GuideId } from '../machines/model/guides.js';
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
 * Everything screens need from the running system, provided by `sos-app` to every screen below it:
 * typed view sources (what a screen shows, already selected from the machines), the occupants'
 * events and the region's facts. The composition root maps the machine actors to views
 * (`src/app/services.ts`); tests hand in sources whose snapshots are view objects.
 */
export interface HmiServices {
  /** The SOS status as the status screen and the status bar show it. */
  readonly status: SnapshotSource<SosStatusView>;
  /** The malfunction (Check Control) message. */
  readonly malfunction: SnapshotSource<MalfunctionView>;
  /** The emergency call as its screens show it. */
  readonly call: SnapshotSource<CallView>;
  /** The number occupants call from a phone when the car cannot (112 in Europe, 911 in North America). */
  readonly emergencyNumber: CallView['emergencyNumber'];
  /** Sends an occupant's action to the machines. */
  send(event: UserEvent): void;
  /** Vehicle clock, ms since the Unix epoch (for the status-bar clock). */
  clockNow(): number;
  /** Diagnosis (optional: screens without it show no diagnosis pages). */
  readonly diagnosis?: DiagnosisServices;
}

/** What the diagnosis screens read, as views. */
export interface DiagnosisServices {
  /** Which diagnosis page is open, and how deep. */
  readonly navigation: SnapshotSource<DiagnosticsView>;
  /** Self-test rows, ring localisation and the guides for the present causes. */
  readonly diagnosis: SnapshotSource<DiagnosisView>;
  /** One guide, as its page shows it (the same source for the same id). */
  guide(id: GuideId): SnapshotSource<GuideView>;
  readonly faultMemory: SnapshotSource<FaultMemoryView>;
  /** The vehicle identification number for the fault-memory export, if known. */
  readonly vin: string | null;
}

/** The context key screens `@consume`. */
export const hmiContext = createContext<HmiServices>(Symbol('sos-hmi'));
