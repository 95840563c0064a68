/**
 * The live state chart, strictly opt-in: the workbench records the machines' inspection events
 * (a small ring buffer), and only when the designer asks does it load `@statelyai/inspect`, open the
 * Stately inspector window (needs a user gesture and network to stately.ai) and replay the record.
 * Without that click the inspector package is never fetched.
 */
import type { InspectionEvent } from 'xstate';

/** Enough for the actor registrations and the recent history. */
const MAX_RECORDED = 2000;

export interface StateChartInspector {
  /** Pass to `createActor(…, { inspect })` (through createHmi). */
  readonly inspect: (event: InspectionEvent) => void;
  /** Loads the Stately inspector and opens its window; call from a click. */
  open(): Promise<void>;
  readonly opened: boolean;
}

export function createStateChartInspector(): StateChartInspector {
  const registrations: InspectionEvent[] = [];
  const recent: InspectionEvent[] = [];
  let forward: ((event: InspectionEvent) => void) | null = null;
  let opened = false;
  return {
    inspect(event) {
      if (forward) {
        forward(event);
        return;
      }
      // Actor registrations must survive the ring buffer, or the inspector shows no machines.
      if (event.type === '@xstate.actor') registrations.push(event);
      else {
        recent.push(event);
        if (recent.length > MAX_RECORDED) recent.shift();
      }
    },
    async open() {
      if (opened) return;
      opened = true;
      // Window first (synchronously inside the click would be ideal; the chunk is small and cached).
      const { createBrowserInspector } = await import('@statelyai/inspect');
      const inspector = createBrowserInspector({ maxDeferredEvents: MAX_RECORDED + 500 });
      const send = (event: InspectionEvent): void => inspector.inspect.next?.(event);
      for (const event of [...registrations, ...recent]) send(event);
      registrations.length = 0;
      recent.length = 0;
      forward = send;
    },
    get opened() {
      return opened;
    },
  };
}
