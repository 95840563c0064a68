/**
 * `VissBridge` against fake sockets on a `SimulatedClock`: no real waiting, no real network. The
 * test plays the VISS server: it opens or drops a socket, reads what the bridge sent and answers.
 */
import assert from 'node:assert/strict';
import { VissBridge, type VissSocket } from '../../../src/bridge/vissBridge.js';
import type { BridgeEvent } from '../../../src/bridge/vehicleBridge.js';
import type { VehicleSignal } from '../../../src/bridge/signals.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';

export type Msg = Record<string, unknown>;

/** One WebSocket the bridge opened; the test plays the server on the other end. */
export class FakeSocket implements VissSocket {
  readyState = 0;
  /** Every request the bridge sent, parsed. */
  readonly sent: Msg[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Msg);
  }
  close(): void {
    this.readyState = 3;
  }
  /** The server accepts the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The connection is lost. */
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  /** A message from the server: a string arrives as it is, anything else as its JSON. */
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  /** The first request of this action (and path) the bridge sent; fails the test if there is none. */
  request(action: string, path?: string): Msg {
    const m = this.sent.find((x) => x.action === action && (path === undefined || x.path === path));
    assert.ok(m, `a ${action} ${path ?? ''}`);
    return m;
  }
  /** Answers every subscribe request with a subscription id; returns path → subscription id. */
  acceptSubscriptions(): Map<string, string> {
    const ids = new Map<string, string>();
    for (const req of this.sent.filter((m) => m.action === 'subscribe')) {
      const id = `s-${String(req.requestId)}`;
      ids.set(String(req.path), id);
      this.receive({
        action: 'subscribe',
        requestId: req.requestId,
        subscriptionId: id,
        ts: new Date(0).toISOString(),
      });
    }
    return ids;
  }
}

export interface VissOnFakeSocketOptions {
  /** Default `ws://127.0.0.1:8090`. */
  readonly url?: string;
  /** Passed to the bridge when given (else the bridge takes `?token=` of the URL). */
  readonly authorization?: string | null;
}

/**
 * A `VissBridge` on a clock at 2026-05-01T10:00:00Z whose every socket is a `FakeSocket` (in
 * `sockets`, in the order opened). Nothing is open yet: the test calls `sockets[0]!.open()`.
 */
export function vissOnFakeSocket(options: VissOnFakeSocketOptions = {}) {
  const clock = new SimulatedClock(Date.parse('2026-05-01T10:00:00Z'));
  const sockets: FakeSocket[] = [];
  const logs: string[] = [];
  const bridge = new VissBridge({
    url: options.url ?? 'ws://127.0.0.1:8090',
    ...(options.authorization !== undefined ? { authorization: options.authorization } : {}),
    clock,
    createSocket: (url, protocol) => {
      const s = new FakeSocket(url, protocol);
      sockets.push(s);
      return s;
    },
    log: (m) => logs.push(m),
  });
  const events: BridgeEvent[] = [];
  bridge.subscribe((e) => events.push(e));
  /** A subscription notification from `s` for `path` (ids from `acceptSubscriptions`), stamped `ts`. */
  const push = (
    s: FakeSocket,
    ids: Map<string, string>,
    path: string,
    value: string | null,
    ts = clock.now(),
  ) =>
    s.receive({
      action: 'subscription',
      subscriptionId: ids.get(path),
      data: { path, dp: { value, ts: new Date(ts).toISOString() } },
      ts: new Date(clock.now()).toISOString(),
    });
  /** The signals the bridge delivered, in order. */
  const signals = (): VehicleSignal[] => events.flatMap((e) => (e.kind === 'signal' ? [e.signal] : []));
  /** The connection states the bridge reported, in order. */
  const connections = () => events.flatMap((e) => (e.kind === 'connection' ? [e.state] : []));
  return { clock, sockets, bridge, events, logs, push, signals, connections };
}
