/**
 * Model-based coverage: every state of the call, status and malfunction machines is reachable
 * through the events the machines accept (xstate/graph shortest paths). The call machine's events
 * are the telematics unit's reports in every phase, as a unit would send them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialTransition, transition, type AnyStateMachine, type StateValue } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { CHAIN_UNITS, type CallSessionSignal } from '../../src/bridge/signals.js';
import { assess } from '../../src/machines/model/assess.js';
import { EMPTY_FACTS, foldFact } from '../../src/machines/model/facts.js';
import { emergencyCallMachine, type CallEvent } from '../../src/machines/emergencyCallMachine.js';
import { malfunctionMachine, type MalfunctionEvent } from '../../src/machines/malfunctionMachine.js';
import { statusMachine, type StatusEvent } from '../../src/machines/statusMachine.js';
import { idleSession } from './helpers/hmiHarness.js';

interface StateNodeLike {
  readonly path: readonly string[];
  readonly states: Record<string, StateNodeLike>;
  readonly transitions: Map<string, unknown>;
}

/** The machine's delayed-transition events (`xstate.after.<delay>.<state>`), to let time pass in the model. */
function delayedEvents(machine: AnyStateMachine): Array<{ type: string }> {
  const out: Array<{ type: string }> = [];
  const walk = (node: StateNodeLike): void => {
    for (const type of node.transitions.keys()) if (type.startsWith('xstate.after.')) out.push({ type });
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as StateNodeLike);
  return out;
}

/** Every state node below the root, as a path. */
function allPaths(machine: AnyStateMachine): string[][] {
  const out: string[][] = [];
  const walk = (node: StateNodeLike): void => {
    for (const child of Object.values(node.states)) {
      out.push([...child.path]);
      walk(child);
    }
  };
  walk(machine.root as unknown as StateNodeLike);
  return out;
}

function valueFromPath(path: readonly string[]): StateValue {
  return path.slice(0, -1).reduceRight<StateValue>((acc, key) => ({ [key]: acc }), path.at(-1)!);
}

/** States reached by shortest paths from the initial state, for each config. */
function reached<E extends { type: string }>(
  machine: AnyStateMachine,
  events: readonly E[],
  inputs: readonly unknown[],
  fromState?: unknown,
): Array<{ matches: (v: StateValue) => boolean; value: StateValue }> {
  const snapshots: Array<{ matches: (v: StateValue) => boolean; value: StateValue }> = [];
  for (const input of inputs) {
    const paths = getShortestPaths(machine, {
      events: [...events, ...delayedEvents(machine)],
      input,
      ...(fromState ? { fromState: fromState as never } : {}),
      // State value only: context counters would make the graph infinite.
      serializeState: (s) => JSON.stringify((s as { value: unknown }).value),
    });
    for (const p of paths)
      snapshots.push(p.state as unknown as { matches: (v: StateValue) => boolean; value: StateValue });
  }
  return snapshots;
}

function assertAllReached(
  machine: AnyStateMachine,
  snapshots: ReturnType<typeof reached>,
  transient: string[] = [],
): void {
  const missing = allPaths(machine)
    .filter((p) => !transient.includes(p.join('.')))
    .filter((p) => !snapshots.some((s) => s.matches(valueFromPath(p))));
  assert.deepEqual(missing, [], `unreachable states: ${missing.map((p) => p.join('.')).join(', ')}`);
}

describe('model-based coverage', () => {
  it('call machine: every state is reachable', () => {
    const ts = 0;
    let seq = 0;
    const report = (fields: Partial<CallSessionSignal>): CallEvent => ({
      ...idleSession(),
      ...fields,
      type: 'bridge.callSession',
      ts,
      seq: (seq += 1),
    });
    const events: CallEvent[] = [
      { type: 'bridge.sosButton', ts, action: 'press' },
      { type: 'bridge.crash', ts, severity: 3, airbagDeployed: true, rollover: false, occupants: 2 },
      report({}),
      report({ phase: 'cancelWindow', kind: 'manual', cancelWindowEndsAt: 10_000, cancellable: true }),
      report({ phase: 'dialing', kind: 'automatic', attempt: 1 }),
      report({ phase: 'connected', kind: 'automatic', attempt: 1, msd: 'sent' }),
      report({ phase: 'connected', kind: 'automatic', attempt: 1, msd: 'ackPositive' }),
      report({
        phase: 'voice',
        kind: 'manual',
        attempt: 1,
        voiceSince: 0,
        holdToEndMs: 2000,
        holdEndsAt: 1500,
      }),
      report({ phase: 'redialWait', kind: 'automatic', attempt: 1, nextAttemptAt: 30_000 }),
      report({ phase: 'failed', kind: 'automatic', attempt: 3 }),
      report({ phase: 'cancelled', kind: 'manual' }),
      report({ phase: 'ended', kind: 'automatic', callbackWindowEndsAt: 3_600_000 }),
      report({ phase: 'callback', kind: 'automatic', voiceSince: 0 }),
      report({ phase: 'ended', kind: 'test', msd: 'ackPositive' }),
      {
        type: 'bridge.commandAck',
        ts,
        commandId: '1',
        command: 'cancelCall',
        ok: false,
        error: 'not cancellable',
      },
      { type: 'bridge.commandAck', ts, commandId: '1', command: 'cancelCall', ok: true },
      { type: 'bridge.gnss', ts, fix: '3d', latitude: 1, longitude: 2, headingDeg: 0, trusted: true },
      { type: 'bridge.connection', state: 'lost' },
      { type: 'bridge.connection', state: 'connected' },
      { type: 'call.crashUnconfirmed' },
      { type: 'call.unitSilent' },
      { type: 'user.cancel' },
      { type: 'user.callNow' },
      { type: 'user.dismiss' },
      { type: 'user.testCall' },
      { type: 'user.endTestCall' },
      { type: 'user.openText' },
      { type: 'user.textMode', mode: 'keyboard' },
      { type: 'user.textMode', mode: 'phrases' },
      { type: 'user.closeText' },
      { type: 'user.openSafety' },
      { type: 'user.closeSafety' },
      { type: 'user.hazardLights' },
      { type: 'bridge.hazardLights', ts, on: true },
    ];
    const snapshots = reached(emergencyCallMachine, events, [{}]);
    assertAllReached(emergencyCallMachine, snapshots);
    // The screens that matter are among them, by their tags.
    for (const tag of [
      'cancelWindow',
      'active',
      'redialing',
      'failed',
      'cancelled',
      'ended',
      'callbackWaiting',
      'callback',
      'testEnded',
      'unconfirmed',
    ]) {
      assert.ok(
        snapshots.some((s) => (s as unknown as { hasTag(t: string): boolean }).hasTag(tag)),
        tag,
      );
    }
  });

  it('status machine: every state is reachable', () => {
    const ts = 0;
    const events: StatusEvent[] = [
      { type: 'bridge.ignition', ts, state: 'on' },
      { type: 'bridge.ignition', ts, state: 'off' },
      { type: 'bridge.connection', state: 'lost' },
      { type: 'bridge.connection', state: 'connected' },
      { type: 'bridge.unitHealth', ts, unit: 'telematics', status: 'fault' },
      { type: 'bridge.cellular', ts, registered: true, signalBars: 1 },
      { type: 'bridge.mostRing', ts, nodes: ['head-unit'], closed: true, silent: [] },
      { type: 'status.stale', key: 'gnss' },
      { type: 'user.selfTest' },
      { type: 'user.acknowledge' },
    ];
    // Ready and limited need every required signal known: also walk from a car that has sent them all.
    const healthy: StatusEvent[] = [
      ...CHAIN_UNITS.map((unit): StatusEvent => ({ type: 'bridge.unitHealth', ts, unit, status: 'ok' })),
      { type: 'bridge.mostRing', ts, nodes: ['head-unit'], closed: true, silent: [] },
      { type: 'bridge.gnss', ts, fix: '3d', latitude: 1, longitude: 2, headingDeg: 0, trusted: true },
      { type: 'bridge.cellular', ts, registered: true, signalBars: 4 },
    ];
    let informed = initialTransition(statusMachine, {})[0];
    for (const e of healthy) informed = transition(statusMachine, informed, e)[0];
    const snapshots = [
      ...reached(statusMachine, events, [{}]),
      ...reached(
        statusMachine,
        [...events, { type: 'bridge.cellular', ts, registered: true, signalBars: 4 }],
        [{}],
        informed,
      ),
    ];
    // `assessing` is transient: it always moves on at once.
    assertAllReached(statusMachine, snapshots, ['operating.assessing']);
  });

  it('malfunction machine: every state is reachable', () => {
    const fault = assess(
      foldFact(EMPTY_FACTS, { type: 'bridge.unitHealth', ts: 0, unit: 'microphone', status: 'fault' }),
      [],
    );
    const worse = assess(
      [
        { type: 'bridge.unitHealth', ts: 0, unit: 'microphone', status: 'fault' } as const,
        { type: 'bridge.unitHealth', ts: 0, unit: 'hands-free', status: 'fault' } as const,
      ].reduce(foldFact, EMPTY_FACTS),
      [],
    );
    const events: MalfunctionEvent[] = [
      { type: 'status.assessed', assessment: fault, ignitionCycle: 1 },
      { type: 'status.assessed', assessment: worse, ignitionCycle: 1 },
      { type: 'status.assessed', assessment: fault, ignitionCycle: 2 },
      { type: 'status.assessed', assessment: assess(EMPTY_FACTS, []), ignitionCycle: 1 },
      { type: 'user.acknowledge' },
      { type: 'user.showMalfunction' },
    ];
    assertAllReached(malfunctionMachine, reached(malfunctionMachine, events, [undefined]));
  });
});
