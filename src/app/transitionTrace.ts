/**
 * Transition trace for automated screen-flow tests (`?trace=transitions`, read with
 * `window.sosHmi.trace()`): every state node entered and every transition taken by the machines, as
 * stable keys, so a test run can prove it reached every state and transition of every machine.
 *
 * Keys: a state is its node id (`call.session.attempt.voice`); a transition is
 * `<source node id>|<event type>|<candidate index>` (`always` transitions have the event type `always`).
 */
import type { AnyActorRef, InspectionEvent } from 'xstate';

/** What a trace has seen so far, by machine id. */
export interface TransitionTraceReport {
  readonly states: Record<string, string[]>;
  readonly transitions: Record<string, string[]>;
}

interface NodeLike {
  readonly id: string;
  readonly machine: { readonly id: string };
  readonly always?: readonly unknown[];
  readonly transitions: Map<string, readonly unknown[]>;
}

interface TransitionLike {
  readonly source: NodeLike;
  readonly eventType: string;
}

interface SnapshotLike {
  readonly _nodes?: readonly NodeLike[];
}

/** The key of one transition definition: where it starts, on what, which candidate. */
export function transitionKey(t: TransitionLike): string {
  const candidates = t.eventType === '' ? t.source.always : t.source.transitions.get(t.eventType);
  const index = candidates ? candidates.indexOf(t) : -1;
  return `${t.source.id}|${t.eventType === '' ? 'always' : t.eventType}|${index}`;
}

export interface TransitionTrace {
  /** The inspection observer to hand to `createActor(…, { inspect })`. */
  readonly inspect: (event: InspectionEvent) => void;
  /** Records the states of an actor as they are now (e.g. actors started before tracing). */
  seed(actor: AnyActorRef): void;
  report(): TransitionTraceReport;
}

export function createTransitionTrace(): TransitionTrace {
  const states = new Map<string, Set<string>>();
  const transitions = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, machine: string, key: string): void => {
    let set = map.get(machine);
    if (!set) map.set(machine, (set = new Set()));
    set.add(key);
  };
  const takeSnapshot = (snapshot: unknown): void => {
    for (const node of (snapshot as SnapshotLike)._nodes ?? []) add(states, node.machine.id, node.id);
  };
  return {
    inspect(event) {
      if (event.type === '@xstate.microstep') {
        takeSnapshot(event.snapshot);
        for (const t of event._transitions as unknown as TransitionLike[])
          add(transitions, t.source.machine.id, transitionKey(t));
      } else if (event.type === '@xstate.snapshot') {
        takeSnapshot(event.snapshot);
      }
    },
    seed(actor) {
      takeSnapshot(actor.getSnapshot());
    },
    report() {
      const out = (map: Map<string, Set<string>>): Record<string, string[]> =>
        Object.fromEntries([...map].map(([k, v]) => [k, [...v].sort()]));
      return { states: out(states), transitions: out(transitions) };
    },
  };
}
