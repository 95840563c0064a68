/**
 * Diagnosis navigation: which diagnosis page is on screen (self-test results, ring diagram, a
 * guide, fault memory) with a Back history, and the bypass-test command. Opening a page from the
 * Check Control message counts as acknowledging it (the root also tells the malfunction machine).
 */
import { assign, enqueueActions, setup } from 'xstate';
import { queueCommand, type CommandEmitted, type DiagnosticsPage, type UserEvent } from './events.js';

export interface DiagnosticsContext {
  /** Open pages, the one on screen last. */
  readonly stack: readonly DiagnosticsPage[];
}

export type DiagnosticsEvent = UserEvent;

const samePage = (a: DiagnosticsPage | undefined, b: DiagnosticsPage): boolean =>
  !!a && a.screen === b.screen && (a.screen !== 'guide' || (b.screen === 'guide' && a.guide === b.guide));

/** How deep the Back history may grow (rotating between pages must not pile up forever). */
const MAX_DEPTH = 8;

export const diagnosticsMachine = setup({
  types: {
    context: {} as DiagnosticsContext,
    events: {} as DiagnosticsEvent,
    emitted: {} as CommandEmitted,
  },
  actions: {
    open: assign(({ context, event }) => {
      if (event.type !== 'user.openDiagnostics') return {};
      if (samePage(context.stack.at(-1), event.page)) return {};
      // Opening a page already in the history goes back to it instead of stacking a copy.
      const at = context.stack.findIndex((p) => samePage(p, event.page));
      if (at >= 0) return { stack: context.stack.slice(0, at + 1) };
      return { stack: [...context.stack, event.page].slice(-MAX_DEPTH) };
    }),
    back: assign(({ context }) => ({ stack: context.stack.slice(0, -1) })),
    close: assign({ stack: [] }),
    bypass: enqueueActions(({ event, enqueue, self }) => {
      if (event.type !== 'user.bypass') return;
      queueCommand(enqueue, self, { type: 'setRingBypass', unit: event.unit, bypassed: event.bypassed });
    }),
  },
}).createMachine({
  id: 'diagnostics',
  context: { stack: [] },
  on: {
    'user.openDiagnostics': { actions: 'open' },
    'user.diagnosticsBack': { actions: 'back' },
    'user.closeDiagnostics': { actions: 'close' },
    'user.bypass': { actions: 'bypass' },
  },
});
