import type { SnapshotSource } from '../screens/controllers/snapshot-source.js';

/**
 * A view source over an actor: its snapshots mapped through a selector, once per snapshot however
 * many screens read it, so screens get typed views and never a machine snapshot.
 */
export function viewSource<S, V>(actor: SnapshotSource<S>, select: (snapshot: S) => V): SnapshotSource<V> {
  let seen: { readonly snapshot: S; readonly view: V } | null = null;
  const view = (snapshot: S): V => {
    if (seen?.snapshot !== snapshot) seen = { snapshot, view: select(snapshot) };
    return seen.view;
  };
  return {
    getSnapshot: () => view(actor.getSnapshot()),
    subscribe: (observer) => actor.subscribe((snapshot) => observer(view(snapshot))),
  };
}

/**
 * A view drawn from one actor and a part of another's snapshot: the part is selected on every
 * snapshot of the second actor, but the view is redrawn (and readers told) only when the first
 * actor's snapshot or a field of the part changes.
 */
export function jointViewSource<A, B, P extends object, V>(
  first: SnapshotSource<A>,
  second: SnapshotSource<B>,
  part: (snapshot: B) => P,
  select: (snapshot: A, part: P) => V,
): SnapshotSource<V> {
  let seen: { readonly snapshot: A; readonly part: P; readonly view: V } | null = null;
  const view = (snapshot: A, next: P): V => {
    if (seen?.snapshot !== snapshot || !sameFields(seen.part, next))
      seen = { snapshot, part: next, view: select(snapshot, next) };
    return seen.view;
  };
  const current = (): V => view(first.getSnapshot(), part(second.getSnapshot()));
  return {
    getSnapshot: current,
    subscribe: (observer) => {
      let last = current();
      const tell = (): void => {
        const next = current();
        if (next !== last) observer((last = next));
      };
      const subscriptions = [first.subscribe(tell), second.subscribe(tell)];
      return { unsubscribe: () => subscriptions.forEach((s) => s.unsubscribe()) };
    },
  };
}

function sameFields<P extends object>(a: P, b: P): boolean {
  const keys = Object.keys(a) as (keyof P)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}
