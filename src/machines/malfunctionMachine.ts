/**
 * Malfunction warning (Check Control message with the crossed-out SOS telltale).
 * UN R144: shown while the fault is present and again at every ignition cycle; the driver may
 * acknowledge it for the current cycle.
 */
import { assign, setup } from 'xstate';
import type { StatusAssessedEvent } from './events.js';
import { checkControlMessage, isWorse, type CheckControlMessage } from './model/diagnose.js';

export type MalfunctionEvent =
  | StatusAssessedEvent
  | { readonly type: 'user.acknowledge' }
  | { readonly type: 'user.showMalfunction' }
  /** The driver went on to the diagnosis: the message has been read. */
  | { readonly type: 'user.openDiagnostics' };

export interface MalfunctionContext {
  readonly message: CheckControlMessage | null;
  /** Ignition cycle of the latest assessment. */
  readonly ignitionCycle: number;
  /** Ignition cycle in which the driver acknowledged the message (hidden until the next one). */
  readonly acknowledgedCycle: number | null;
}

export const malfunctionMachine = setup({
  types: {
    context: {} as MalfunctionContext,
    events: {} as MalfunctionEvent,
  },
  actions: {
    takeMessage: assign(({ event }) => {
      if (event.type !== 'status.assessed') return {};
      return {
        message: checkControlMessage(event.assessment),
        ignitionCycle: event.ignitionCycle,
      };
    }),
    markAcknowledged: assign(({ context }) => ({ acknowledgedCycle: context.ignitionCycle })),
    clear: assign({ message: null, acknowledgedCycle: null }),
  },
  guards: {
    hasMessage: ({ event }) =>
      event.type === 'status.assessed' && checkControlMessage(event.assessment) !== null,
    noMessage: ({ event }) =>
      event.type === 'status.assessed' && checkControlMessage(event.assessment) === null,
    /** UN R144: warn again at every start; a worse fault is warned at once. */
    mustShowAgain: ({ context, event }) => {
      if (event.type !== 'status.assessed') return false;
      const next = checkControlMessage(event.assessment);
      return event.ignitionCycle !== context.acknowledgedCycle || isWorse(context.message, next);
    },
  },
}).createMachine({
  id: 'malfunction',
  context: { message: null, ignitionCycle: 0, acknowledgedCycle: null },
  initial: 'none',
  states: {
    none: {
      on: {
        'status.assessed': [
          { guard: 'hasMessage', target: 'present', actions: 'takeMessage' },
          { actions: 'takeMessage' },
        ],
      },
    },
    present: {
      initial: 'shown',
      states: {
        shown: {
          on: {
            'status.assessed': [
              { guard: 'noMessage', target: '#malfunction.none', actions: ['takeMessage', 'clear'] },
              { actions: 'takeMessage' },
            ],
            'user.acknowledge': { target: 'acknowledged', actions: 'markAcknowledged' },
            'user.openDiagnostics': { target: 'acknowledged', actions: 'markAcknowledged' },
          },
        },
        acknowledged: {
          on: {
            'status.assessed': [
              { guard: 'noMessage', target: '#malfunction.none', actions: ['takeMessage', 'clear'] },
              { guard: 'mustShowAgain', target: 'shown', actions: 'takeMessage' },
              { actions: 'takeMessage' },
            ],
            'user.showMalfunction': { target: 'shown' },
          },
        },
      },
    },
  },
});
