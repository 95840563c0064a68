import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepEqual } from './deep-equal.js';
import type { SnapshotSource } from './snapshot-source.js';

export type { SnapshotSource } from './snapshot-source.js';

/**
 * Binds an actor (any `SnapshotSource`) to an element: subscribes while the element is connected
 * and asks for an update only when the selected slice changed, so a screen does not re-render on
 * every tick of a machine it shows one field of.
 *
 * The actor is given as a function because it usually arrives later through context; the
 * controller (re)subscribes whenever that function starts returning a different source.
 */
export class ActorController<TSnapshot, TSelected> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private source: SnapshotSource<TSnapshot> | undefined;
  private subscription: { unsubscribe(): void } | undefined;
  private selected: TSelected | undefined;
  private hasValue = false;
  /** Only a connected host subscribes: a late read after removal must not pin the element to the actor. */
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly actor: () => SnapshotSource<TSnapshot> | undefined,
    private readonly select: (snapshot: TSnapshot) => TSelected,
    private readonly equals: (a: TSelected, b: TSelected) => boolean = deepEqual,
  ) {
    (this.host = host).addController(this);
  }

  /** The selected slice of the latest snapshot; undefined until an actor is available. */
  get value(): TSelected | undefined {
    if (this.connected) this.sync();
    else this.peek();
    return this.selected;
  }

  /** The element is subscribed right now (for tests and diagnostics). */
  get subscribed(): boolean {
    return this.subscription !== undefined;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  /** Context may deliver (or replace) the actor after connection. */
  hostUpdate(): void {
    if (this.connected) this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.source = undefined;
  }

  private sync(): void {
    const next = this.actor();
    if (next === this.source) return;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.source = next;
    if (!next) return;
    this.take(next.getSnapshot());
    this.subscription = next.subscribe((snapshot) => this.take(snapshot));
  }

  /** Reads the current snapshot without subscribing (a disconnected host, e.g. one update after removal). */
  private peek(): void {
    const source = this.actor();
    if (!source) return;
    const selected = this.select(source.getSnapshot());
    if (this.hasValue && this.equals(this.selected as TSelected, selected)) return;
    this.selected = selected;
    this.hasValue = true;
  }

  private take(snapshot: TSnapshot): void {
    const selected = this.select(snapshot);
    if (this.hasValue && this.equals(this.selected as TSelected, selected)) return;
    this.selected = selected;
    this.hasValue = true;
    this.host.requestUpdate();
  }
}
