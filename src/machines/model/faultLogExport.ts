/**
 * The fault memory's export for a workshop. Only the fault-memory page exports, so this loads with the
 * diagnosis pages, not at start-up (the log itself, `faultLog.ts`, is the machines').
 */
import type { FaultLogEntry } from './faultLog.js';

/** The export for a workshop: JSON with what it is, the car and the entries, oldest first. */
export function faultLogJson(
  entries: readonly FaultLogEntry[],
  meta: { readonly exportedAt: number; readonly vin?: string | null },
): string {
  return JSON.stringify(
    {
      format: 'sos-hmi.fault-memory',
      version: 1,
      exportedAt: new Date(meta.exportedAt).toISOString(),
      vin: meta.vin ?? null,
      entries: entries.map((e) => ({ ...e, time: new Date(e.at).toISOString() })),
    },
    null,
    2,
  );
}
