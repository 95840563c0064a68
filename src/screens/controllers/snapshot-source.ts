/**
 * Anything that has a current snapshot and tells when it changes. XState actor refs satisfy it
 * structurally, so screens never import xstate.
 */
export interface SnapshotSource<S> {
  getSnapshot(): S;
  subscribe(observer: (snapshot: S) => void): { unsubscribe(): void };
}
