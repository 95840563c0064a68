import type { GuideId } from '../machines/model/guides.js';
import {
  selectAudioPath,
  selectCallView,
  selectDiagnosisView,
  selectDiagnosticsView,
  selectFaultMemoryView,
  selectGuideView,
  selectMalfunctionView,
  selectStatusView,
  type CallSnapshot,
  type DiagnosticsSnapshot,
  type FaultMemorySnapshot,
  type MalfunctionSnapshot,
  type StatusSnapshot,
} from '../machines/selectors.js';
import type { GuideView } from '../machines/views.js';
import type { HmiServices, SnapshotSource } from '../screens/hmiContext.js';
import type { Hmi } from './assembleHmi.js';
import { jointViewSource, viewSource } from './viewSource.js';

/** The parts of an assembled HMI the screens read (the start-up rehearsal builds just these). */
export type HmiParts = Pick<
  Hmi,
  | 'status'
  | 'malfunction'
  | 'call'
  | 'diagnostics'
  | 'faultMemory'
  | 'emergencyNumber'
  | 'send'
  | 'clock'
  | 'sim'
>;

/** What the screens get through `@lit/context`: the child actors as typed view sources. */
export function hmiServices(hmi: HmiParts): HmiServices {
  // The actors are the ones these selectors were written for (`system.get` types them loosely).
  const status = hmi.status as SnapshotSource<StatusSnapshot>;
  const guides = new Map<GuideId, SnapshotSource<GuideView>>();
  return {
    status: viewSource(status, selectStatusView),
    malfunction: viewSource(hmi.malfunction as SnapshotSource<MalfunctionSnapshot>, selectMalfunctionView),
    // The call's audio path is a fact the status machine keeps: the call view reads it there.
    call: jointViewSource(hmi.call as SnapshotSource<CallSnapshot>, status, selectAudioPath, selectCallView),
    emergencyNumber: hmi.emergencyNumber,
    send: (event) => hmi.send(event),
    clockNow: () => hmi.clock.now(),
    diagnosis: {
      navigation: viewSource(hmi.diagnostics as SnapshotSource<DiagnosticsSnapshot>, selectDiagnosticsView),
      diagnosis: viewSource(status, selectDiagnosisView),
      guide: (id) => {
        let source = guides.get(id);
        if (!source) guides.set(id, (source = viewSource(status, (s) => selectGuideView(s, id))));
        return source;
      },
      faultMemory: viewSource(hmi.faultMemory as SnapshotSource<FaultMemorySnapshot>, selectFaultMemoryView),
      vin: hmi.sim?.vin ?? null,
    },
  };
}
