/**
 * SOS system status: off, self-test (bulb check) at ignition, then ready / limited / unavailable /
 * unknown from the assessment of the vehicle signals. Invokes the malfunction machine.
 */
import { assign, enqueueActions, sendTo, setup } from 'xstate';
import type { VehicleCommand } from '../bridge/commands.js';
import type { BridgeConnection, LinkProblem } from '../bridge/vehicleBridge.js';
import { DEFAULT_CONFIG, type SosConfig } from './config.js';
import {
  queueCommand,
  type BridgeMachineEvent,
  type CommandEmitted,
  type DiagnosticsPage,
  type StatusAssessedEvent,
  type StatusCausesEvent,
} from './events.js';
import { malfunctionMachine } from './malfunctionMachine.js';
import { assess, sameAssessment } from './model/assess.js';
import type { AssessedLevel, Assessment } from './model/causes.js';
import {
  EMPTY_FACTS,
  factReceivedAt,
  foldFact,
  latestFactTime,
  REQUIRED_SIGNALS,
  signalKey,
  type VehicleFacts,
} from './model/facts.js';
import { foldSelfTestResult, type SelfTestRecords } from './model/selfTestResults.js';

export type StatusEvent =
  | BridgeMachineEvent
  | { readonly type: 'user.acknowledge' }
  | { readonly type: 'user.showMalfunction' }
  | { readonly type: 'user.selfTest' }
  | { readonly type: 'user.openDiagnostics'; readonly page: DiagnosticsPage }
  /** Internal: a required signal was not refreshed within `stalenessMs`. */
  | { readonly type: 'status.stale'; readonly key: string }
  /** Internal: the self-test request got no result in time. */
  | { readonly type: 'status.selfTestTimeout' };

/** The telematics unit's self-test as the HMI knows it. */
export interface SelfTestState {
  readonly records: SelfTestRecords;
  readonly request: 'idle' | 'running' | 'done' | 'failed';
  readonly requestedAt: number | null;
  readonly error: string | null;
}

/** How long the self-test may take before the HMI says it got no answer. */
export const SELF_TEST_ANSWER_MS = 10_000;

export interface StatusInput {
  readonly config?: Partial<SosConfig>;
}

export interface StatusContext {
  readonly config: SosConfig;
  readonly facts: VehicleFacts;
  /** Required signals whose stale timer fired since their last receipt. */
  readonly staleKeys: readonly string[];
  readonly connection: BridgeConnection;
  /** The link is up but refuses this display (its token or permissions). */
  readonly linkProblem: LinkProblem;
  /** Ignition cycles (off → accessory/on) since start; the first power-up is cycle 1. */
  readonly ignitionCycle: number;
  readonly assessment: Assessment;
  /** Ignition cycle last told to the malfunction machine. */
  readonly assessedCycle: number;
  readonly selfTest: SelfTestState;
}

export const statusMachine = setup({
  types: {
    context: {} as StatusContext,
    events: {} as StatusEvent,
    input: {} as StatusInput | undefined,
    emitted: {} as CommandEmitted,
  },
  actors: { malfunction: malfunctionMachine },
  delays: {
    selfTest: ({ context }) => context.config.selfTestMs,
    staleness: ({ context }) => context.config.stalenessMs,
    selfTestAnswer: SELF_TEST_ANSWER_MS,
  },
  actions: {
    /** Folds a signal into the facts and restarts its stale timer. */
    recordSignal: enqueueActions(({ context, event, enqueue }) => {
      if (!event.type.startsWith('bridge.')) return;
      const bridgeEvent = event as BridgeMachineEvent;
      const key = signalKey(bridgeEvent);
      if (key === null) return;
      // Out of order: an older value never overwrites a newer one, nor refreshes its freshness.
      const current = factReceivedAt(context.facts, key);
      if (current !== undefined && 'ts' in bridgeEvent && bridgeEvent.ts < current) return;
      const facts = foldFact(context.facts, bridgeEvent);
      let ignitionCycle = context.ignitionCycle;
      if (bridgeEvent.type === 'bridge.ignition') {
        const before = context.facts.ignition?.value ?? 'off';
        if (before === 'off' && bridgeEvent.state !== 'off') ignitionCycle += 1;
      }
      enqueue.assign({
        facts,
        ignitionCycle,
        staleKeys: context.staleKeys.filter((k) => k !== key),
      });
      if ((REQUIRED_SIGNALS as readonly string[]).includes(key)) {
        const id = `stale:${key}`;
        enqueue.cancel(id);
        enqueue.raise({ type: 'status.stale', key }, { id, delay: 'staleness' });
      }
    }),
    markStale: assign(({ context, event }) =>
      event.type === 'status.stale' && !context.staleKeys.includes(event.key)
        ? { staleKeys: [...context.staleKeys, event.key] }
        : {},
    ),
    setConnection: assign(({ event }) =>
      event.type === 'bridge.connection' ? { connection: event.state } : {},
    ),
    setLinkProblem: assign(({ event }) =>
      event.type === 'bridge.linkProblem' ? { linkProblem: event.problem } : {},
    ),
    /** Recomputes the assessment and tells the malfunction machine when it or the cycle changed. */
    reassess: enqueueActions(({ context, enqueue, self }) => {
      const assessment = assess(context.facts, context.staleKeys, context.connection, context.linkProblem);
      const changed = !sameAssessment(assessment, context.assessment);
      if (!changed && context.assessedCycle === context.ignitionCycle) return;
      const ignitionCycle = context.ignitionCycle;
      enqueue.assign({ assessment, assessedCycle: ignitionCycle });
      enqueue.sendTo('malfunction', {
        type: 'status.assessed',
        assessment,
        ignitionCycle,
      } satisfies StatusAssessedEvent);
      if (changed && self._parent)
        enqueue.sendParent({
          type: 'status.causes',
          at: latestFactTime(context.facts),
          causes: assessment.causes,
        } satisfies StatusCausesEvent);
    }),
    takeSelfTestResult: assign(({ context, event }) => {
      if (event.type !== 'bridge.selfTestResult') return {};
      return {
        selfTest: {
          ...context.selfTest,
          records: foldSelfTestResult(context.selfTest.records, event),
          request: 'done' as const,
          error: null,
        },
      };
    }),
    takeSelfTestAck: assign(({ context, event }) => {
      if (event.type !== 'bridge.commandAck' || event.command !== 'requestSelfTest' || event.ok) return {};
      return {
        selfTest: { ...context.selfTest, request: 'failed' as const, error: event.error ?? 'refused' },
      };
    }),
    startSelfTestRequest: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({
        selfTest: {
          ...context.selfTest,
          request: 'running',
          requestedAt: latestFactTime(context.facts),
          error: null,
        },
      });
      enqueue.cancel('selfTestAnswer');
      enqueue.raise({ type: 'status.selfTestTimeout' }, { id: 'selfTestAnswer', delay: 'selfTestAnswer' });
    }),
    selfTestTimedOut: assign(({ context }) =>
      context.selfTest.request === 'running'
        ? { selfTest: { ...context.selfTest, request: 'failed' as const, error: 'no answer' } }
        : {},
    ),
    sendCommand: enqueueActions(({ enqueue, self }, params: { command: VehicleCommand }) =>
      queueCommand(enqueue, self, params.command),
    ),
    forwardToMalfunction: sendTo('malfunction', ({ event }) => event),
  },
  guards: {
    linkLost: ({ context }) => context.connection === 'lost',
    eventLinkLost: ({ event }) => event.type === 'bridge.connection' && event.state === 'lost',
    eventLinkRefused: ({ event }) => event.type === 'bridge.linkProblem' && event.problem !== null,
    eventLinkUp: ({ event }) => event.type === 'bridge.connection' && event.state !== 'lost',
    ignitionOnEvent: ({ event }) => event.type === 'bridge.ignition' && event.state !== 'off',
    ignitionOffEvent: ({ event }) => event.type === 'bridge.ignition' && event.state === 'off',
    ignitionKnownOn: ({ context }) =>
      context.facts.ignition !== undefined && context.facts.ignition.value !== 'off',
    ignitionKnownOff: ({ context }) => context.facts.ignition?.value === 'off',
    levelIs: ({ context }, params: { level: AssessedLevel }) => context.assessment.level === params.level,
    levelIsNot: ({ context }, params: { level: AssessedLevel }) => context.assessment.level !== params.level,
  },
}).createMachine({
  id: 'status',
  context: ({ input }) => {
    const connection: BridgeConnection = 'connecting';
    return {
      config: { ...DEFAULT_CONFIG, ...input?.config },
      facts: EMPTY_FACTS,
      staleKeys: [],
      connection,
      linkProblem: null,
      ignitionCycle: 0,
      assessment: assess(EMPTY_FACTS, [], connection),
      assessedCycle: 0,
      selfTest: { records: {}, request: 'idle', requestedAt: null, error: null },
    };
  },
  invoke: { id: 'malfunction', systemId: 'malfunction', src: 'malfunction' },
  initial: 'unknown',
  on: {
    'bridge.unitHealth': { actions: ['recordSignal', 'reassess'] },
    'bridge.mostRing': { actions: ['recordSignal', 'reassess'] },
    'bridge.gnss': { actions: ['recordSignal', 'reassess'] },
    'bridge.cellular': { actions: ['recordSignal', 'reassess'] },
    'status.stale': { actions: ['markStale', 'reassess'] },
    // A lost link means nothing we know is current: unknown, from any state.
    'bridge.connection': [
      { guard: 'eventLinkLost', target: '.unknown', actions: ['setConnection', 'reassess'] },
      { actions: ['setConnection', 'reassess'] },
    ],
    // A link that refuses this display (its token) is as good as none: unknown, from any state.
    'bridge.linkProblem': [
      { guard: 'eventLinkRefused', target: '.unknown', actions: ['setLinkProblem', 'reassess'] },
      { actions: ['setLinkProblem', 'reassess'] },
    ],
    'user.acknowledge': { actions: 'forwardToMalfunction' },
    'user.showMalfunction': { actions: 'forwardToMalfunction' },
    // Opening the diagnosis from the Check Control message acknowledges it.
    'user.openDiagnostics': { actions: 'forwardToMalfunction' },
    'bridge.selfTestResult': { actions: 'takeSelfTestResult' },
    'bridge.commandAck': { actions: 'takeSelfTestAck' },
    'status.selfTestTimeout': { actions: 'selfTestTimedOut' },
  },
  states: {
    /** No data yet, or the link to the vehicle is lost. */
    unknown: {
      on: {
        'bridge.ignition': [
          { guard: 'linkLost', actions: ['recordSignal', 'reassess'] },
          // First power-up with the ignition on: bulb check as at any ignition.
          { guard: 'ignitionOnEvent', target: 'selfTest', actions: ['recordSignal', 'reassess'] },
          { target: 'off', actions: ['recordSignal', 'reassess'] },
        ],
        'bridge.connection': [
          { guard: 'eventLinkLost', actions: ['setConnection', 'reassess'] },
          { guard: 'ignitionKnownOn', target: 'operating', actions: ['setConnection', 'reassess'] },
          { guard: 'ignitionKnownOff', target: 'off', actions: ['setConnection', 'reassess'] },
          { actions: ['setConnection', 'reassess'] },
        ],
      },
    },
    off: {
      on: {
        'bridge.ignition': [
          { guard: 'ignitionOnEvent', target: 'selfTest', actions: ['recordSignal', 'reassess'] },
          { actions: ['recordSignal', 'reassess'] },
        ],
      },
    },
    /** Telltale bulb check at ignition (and on request). */
    selfTest: {
      after: { selfTest: 'operating' },
      on: {
        'bridge.ignition': [
          { guard: 'ignitionOffEvent', target: 'off', actions: ['recordSignal', 'reassess'] },
          { actions: ['recordSignal', 'reassess'] },
        ],
      },
    },
    operating: {
      initial: 'assessing',
      on: {
        'bridge.ignition': [
          { guard: 'ignitionOffEvent', target: 'off', actions: ['recordSignal', 'reassess'] },
          { actions: ['recordSignal', 'reassess'] },
        ],
        'user.selfTest': {
          target: 'selfTest',
          actions: [
            'startSelfTestRequest',
            { type: 'sendCommand', params: { command: { type: 'requestSelfTest' } } },
          ],
        },
      },
      states: {
        /** Transient: picks the level from the assessment. */
        assessing: {
          always: [
            { guard: { type: 'levelIs', params: { level: 'ready' } }, target: 'ready' },
            { guard: { type: 'levelIs', params: { level: 'limited' } }, target: 'limited' },
            { guard: { type: 'levelIs', params: { level: 'unavailable' } }, target: 'unavailable' },
            { target: 'unknown' },
          ],
        },
        ready: {
          always: { guard: { type: 'levelIsNot', params: { level: 'ready' } }, target: 'assessing' },
        },
        limited: {
          always: { guard: { type: 'levelIsNot', params: { level: 'limited' } }, target: 'assessing' },
        },
        unavailable: {
          always: { guard: { type: 'levelIsNot', params: { level: 'unavailable' } }, target: 'assessing' },
        },
        /** Operating, but a required signal is missing or stale: never shown as ready. */
        unknown: {
          always: { guard: { type: 'levelIsNot', params: { level: 'unknown' } }, target: 'assessing' },
        },
      },
    },
  },
});
