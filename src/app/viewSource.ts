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
