/**
 * Malfunction warning (Check Control message with the crossed-out SOS telltale).
 * UN R144: shown while the fault is present and again at every ignition cycle; the driver may
 * acknowledge it for the current cycle.
 */
import { assign, setup } from 'xstate';
import type { Assessment } from './assess.js';
import { diagnose, isWorse } from './diagnose.js';
import type { CheckControlMessage } from './views.js';

/** Sent by the status machine whenever the assessment or the ignition cycle changes. */
export interface StatusAssessedEvent {
  readonly type: 'status.assessed';
  readonly assessment: Assessment;
  readonly ignitionCycle: number;
}

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
        message: diagnose(event.assessment.causes, event.assessment.ring),
        ignitionCycle: event.ignitionCycle,
      };
    }),
    markAcknowledged: assign(({ context }) => ({ acknowledgedCycle: context.ignitionCycle })),
    clear: assign({ message: null, acknowledgedCycle: null }),
  },
  guards: {
    hasMessage: ({ event }) =>
      event.type === 'status.assessed' && diagnose(event.assessment.causes, event.assessment.ring) !== null,
    noMessage: ({ event }) =>
      event.type === 'status.assessed' && diagnose(event.assessment.causes, event.assessment.ring) === null,
    /** UN R144: warn again at every start; a worse fault is warned at once. */
    mustShowAgain: ({ context, event }) => {
      if (event.type !== 'status.assessed') return false;
      const next = diagnose(event.assessment.causes, event.assessment.ring);
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
