import {
  selectCallView,
  selectDiagnosisView,
  selectDiagnosticsView,
  selectFaultMemoryView,
  selectGuideView,
  type DiagnosticsSnapshot,
  type FaultMemorySnapshot,
  selectMalfunctionView,
  selectStatusView,
  type CallSnapshot,
  type MalfunctionSnapshot,
  type StatusSnapshot,
} from '../machines/selectors.js';
import type { HmiServices } from '../screens/hmiContext.js';
import type { Hmi } from './assembleHmi.js';

/** What the screens get through `@lit/context`: the child actors and the selectors that read them. */
export function hmiServices(hmi: Hmi): HmiServices {
  return {
    status: hmi.status,
    malfunction: hmi.malfunction,
    call: hmi.call,
    // The actors are the ones these selectors were written for; the context type is kept xstate-free.
    selectStatus: (snapshot) => selectStatusView(snapshot as StatusSnapshot),
    selectMalfunction: (snapshot) => selectMalfunctionView(snapshot as MalfunctionSnapshot),
    selectCall: (snapshot) => selectCallView(snapshot as CallSnapshot),
    send: (event) => hmi.send(event),
    clockNow: () => hmi.clock.now(),
    diagnosis: {
      navigation: hmi.diagnostics,
      faultMemory: hmi.faultMemory,
      selectNavigation: (snapshot) => selectDiagnosticsView(snapshot as DiagnosticsSnapshot),
      selectDiagnosis: (snapshot) => selectDiagnosisView(snapshot as StatusSnapshot),
      selectGuide: (snapshot, id) => selectGuideView(snapshot as StatusSnapshot, id),
      selectFaultMemory: (snapshot) => selectFaultMemoryView(snapshot as FaultMemorySnapshot),
      vin: hmi.sim?.vin ?? null,
    },
  };
}
