/**
 * The real vehicle link: a W3C VISS v2 client over one WebSocket (subprotocol `VISSv2`), speaking to
 * the project's gateway or to a KUKSA databroker's VISS endpoint.
 *
 * - Every message is checked twice: the VISS envelope (valibot, `vissProtocol.ts`), then the signal
 *   it decodes to (`validateSignal`). Anything refused is logged and kept in `rejected`; a crash or
 *   session taken with an ancillary field unknown is delivered, and logged and kept in `incomplete`.
 * - The telematics unit's session report is a state: the server sends it on subscribe, and every
 *   repeat (same `seq`) is delivered, so the HMI always has the latest. Events (button, crash,
 *   self-test) are delivered once per `seq` and only while fresh.
 * - Requests and responses are matched by `requestId`; subscriptions by `subscriptionId`. The
 *   subscriptions belong to the socket, so after every reconnect the bridge subscribes again.
 * - Heartbeat: a `get` every `heartbeatMs`; when nothing at all has arrived for `staleAfterMs`, the
 *   link is `lost` (the machines then show "unknown", never "ready") and the socket is replaced.
 * - Reconnects with exponential backoff. Commands are VISS `set`s; the `set` response is the ack,
 *   and `CommandTracker` answers with a timeout when none comes.
 * - Every timer runs on the injected clock (the app's SimulatedClock), so tests are deterministic.
 */
import { BridgeBase, type BridgeBaseOptions } from './bridgeBase.js';
import type { SentCommand } from './commands.js';
import type { CommandAckSignal } from './signals.js';
import { validateSignal } from './validation.js';
import {
  datapoints,
  parseVissServerMessage,
  VISS_SUBPROTOCOL,
  type VissData,
  type VissServerMessage,
} from './vissProtocol.js';
import {
  commandToVss,
  eventSeq,
  pathSpec,
  PATHS,
  SUBSCRIBED_PATHS,
  VssSignalAssembler,
} from './vissPaths.js';
import type { Clock } from '../time/simulatedClock.js';

/** The part of the WebSocket API the bridge uses (the browser's, or a fake in tests). */
export interface VissSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type VissSocketFactory = (url: string, protocol: string) => VissSocket;

const OPEN = 1;

export interface VissBridgeOptions extends BridgeBaseOptions {
  /** e.g. `ws://127.0.0.1:8090` (add `?token=…` when the gateway asks for one). */
  readonly url: string;
  readonly clock: Clock & { now(): number };
  /** Creates the socket; the browser's `WebSocket` by default. */
  readonly createSocket?: VissSocketFactory;
  readonly paths?: readonly string[];
  /** How often to send the heartbeat `get`. Default 1000 ms. */
  readonly heartbeatMs?: number;
  /** Nothing received for this long → link lost. Default 3000 ms. */
  readonly staleAfterMs?: number;
  /** First reconnect delay; doubles up to `maxBackoffMs`. Defaults 250 / 5000 ms. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** An event (button, crash) older than this on arrival is old news, not an emergency. Default 5000 ms. */
  readonly eventMaxAgeMs?: number;
}

interface PendingSet {
  readonly sent: SentCommand;
}

export class VissBridge extends BridgeBase {
  readonly kind = 'viss';
  private readonly url: string;
  private readonly createSocket: VissSocketFactory;
  private readonly paths: readonly string[];
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly eventMaxAgeMs: number;
  private readonly assembler = new VssSignalAssembler();
  /** requestId → path, for subscribe and get requests in flight. */
  private readonly requests = new Map<string, { action: 'subscribe' | 'get'; path: string }>();
  private readonly sets = new Map<string, PendingSet>();
  /** subscriptionId → path (of the current socket). */
  private readonly subscriptions = new Map<string, string>();
  /** Last value delivered per event-like JSON path (its `seq` and text): a repeat is the same event. */
  private readonly lastEvent = new Map<string, string>();
  private socket: VissSocket | null = null;
  private generation = 0;
  private requestCounter = 0;
  private lastHeard = 0;
  private backoff: number;
  private heartbeatTimer: number | undefined;
  private reconnectTimer: number | undefined;

  constructor(options: VissBridgeOptions) {
    super(options, '[sos-hmi viss]', 'connecting');
    this.url = options.url;
    this.createSocket =
      options.createSocket ??
      ((url, protocol) => {
        const Ctor = (globalThis as { WebSocket?: new (url: string, protocol: string) => VissSocket })
          .WebSocket;
        if (!Ctor) throw new Error('no WebSocket in this environment');
        return new Ctor(url, protocol);
      });
    this.paths = options.paths ?? SUBSCRIBED_PATHS;
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.staleAfterMs = options.staleAfterMs ?? 3000;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.backoff = this.backoffMs;
    this.eventMaxAgeMs = options.eventMaxAgeMs ?? 5000;
    this.connect();
  }

  /** Sends the command as a VISS `set`; its response becomes the ack. */
  protected transmit(sent: SentCommand): void {
    // While the link is down the command goes nowhere; the tracker answers with a timeout.
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    const { path, value } = commandToVss(sent.command);
    const requestId = this.nextRequestId();
    this.sets.set(requestId, { sent });
    socket.send(JSON.stringify({ action: 'set', path, value, requestId }));
  }

  /** The VISS bridge names the refused command's type as sent and caps the error at 200 chars. */
  protected override refusedAck(sent: SentCommand, error: string): CommandAckSignal {
    return this.ack(sent, false, error);
  }

  /** Feeds one raw text message as if it came from the socket (tests, diagnostics). */
  injectRaw(raw: unknown): void {
    this.receive(typeof raw === 'string' ? raw : JSON.stringify(raw));
  }

  /** Stops the heartbeat and reconnect timers and closes the socket. */
  protected onDispose(): void {
    this.clearTimers();
    this.dropSocket();
  }

  // ---------------------------------------------------------------- link

  private connect(): void {
    if (this.disposed) return;
    const generation = ++this.generation;
    let socket: VissSocket;
    try {
      socket = this.createSocket(this.url, VISS_SUBPROTOCOL);
    } catch (error) {
      this.log(
        `[sos-hmi viss] cannot open ${this.url}: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    const mine = () => generation === this.generation && !this.disposed;
    socket.onopen = () => mine() && this.opened();
    socket.onmessage = (event) => {
      if (mine()) this.receive(typeof event.data === 'string' ? event.data : String(event.data));
    };
    socket.onclose = () => mine() && this.closed('closed');
    socket.onerror = () => {
      // A close event follows; nothing to do here but keep the browser from logging twice.
    };
  }

  private opened(): void {
    this.backoff = this.backoffMs;
    this.lastHeard = this.clock.now();
    this.subscriptions.clear();
    this.requests.clear();
    this.assembler.reset();
    this.setLink('connected');
    // Subscriptions belong to the socket: subscribe to everything again, then fetch the current
    // values of the state paths (a server may push only changes).
    for (const path of this.paths) this.request('subscribe', path);
    for (const path of this.paths) if (!pathSpec(path)?.event) this.request('get', path);
    this.armHeartbeat();
  }

  private closed(why: string): void {
    this.dropSocket();
    if (this.link === 'connected') {
      this.log(`[sos-hmi viss] link lost (${why}); reconnecting`);
      this.setLink('lost');
    }
    this.scheduleReconnect();
  }

  private armHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.clock.setTimeout(() => {
      this.heartbeatTimer = undefined;
      if (this.disposed || !this.socket) return;
      if (this.clock.now() - this.lastHeard > this.staleAfterMs) {
        this.closed(`nothing heard for ${this.clock.now() - this.lastHeard} ms`);
        return;
      }
      this.request('get', PATHS.lowVoltageSystemState);
      this.armHeartbeat();
    }, this.heartbeatMs);
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer !== undefined) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.maxBackoffMs, this.backoff * 2);
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.generation++;
    if (this.heartbeatTimer !== undefined) this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.sets.clear();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close();
      } catch {
        // Already closed.
      }
    }
  }

  private clearTimers(): void {
    for (const t of [this.heartbeatTimer, this.reconnectTimer])
      if (t !== undefined) this.clock.clearTimeout(t);
    this.heartbeatTimer = this.reconnectTimer = undefined;
  }

  private request(action: 'subscribe' | 'get', path: string): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    const requestId = this.nextRequestId();
    this.requests.set(requestId, { action, path });
    socket.send(JSON.stringify({ action, path, requestId }));
  }

  private nextRequestId(): string {
    return String(++this.requestCounter);
  }

  // ------------------------------------------------------------- messages

  private receive(text: string): void {
    if (this.disposed) return;
    this.lastHeard = this.clock.now();
    const parsed = parseVissServerMessage(text);
    if (!parsed.ok) return this.refuse(parsed.error, text);
    const message: VissServerMessage = parsed.message;
    switch (message.action) {
      case 'subscribe': {
        const req = this.requests.get(message.requestId);
        this.requests.delete(message.requestId);
        if (message.error || !message.subscriptionId) {
          return this.refuse(`subscribe ${req?.path ?? '?'}: ${describeError(message.error)}`, text);
        }
        if (req) this.subscriptions.set(message.subscriptionId, req.path);
        return;
      }
      case 'get': {
        const req = this.requests.get(message.requestId);
        this.requests.delete(message.requestId);
        // 404 before the vehicle has said anything is normal: nothing to deliver yet.
        if (message.error)
          return message.error.number === 404
            ? undefined
            : this.refuse(`get ${req?.path ?? '?'}: ${describeError(message.error)}`, text);
        return this.takeData(message.data, text);
      }
      case 'subscription':
        if (message.error)
          return this.refuse(`subscription ${message.subscriptionId}: ${describeError(message.error)}`, text);
        if (!this.subscriptions.has(message.subscriptionId)) {
          return this.refuse(`subscription ${message.subscriptionId}: not ours`, text);
        }
        return this.takeData(message.data, text);
      case 'set': {
        const pending = this.sets.get(message.requestId);
        this.sets.delete(message.requestId);
        if (!pending) return this.refuse(`set ${message.requestId}: no command waiting`, text);
        if (!this.tracker.settle(pending.sent.id)) return; // already timed out: resolved once
        this.deliver(
          message.error
            ? this.ack(
                pending.sent,
                false,
                message.error.message || `${message.error.number} ${message.error.reason ?? ''}`.trim(),
              )
            : this.ack(pending.sent, true),
        );
        return;
      }
      case 'unsubscribe':
        return;
    }
  }

  private takeData(data: VissData | VissData[] | undefined, text: string): void {
    for (const dp of datapoints(data)) {
      const ts = Date.parse(dp.ts);
      if (!Number.isFinite(ts)) {
        this.refuse(`${dp.path}: bad ts`, text);
        continue;
      }
      const spec = pathSpec(dp.path);
      // The ring and the call session are states: every repeat counts (the HMI keeps the latest).
      if (spec?.json && typeof dp.value === 'string' && dp.path !== PATHS.ringState && !spec.repeats) {
        // Event-like values: the same seq again is the same event (re-sent on subscribe), not a new one.
        const key = `${eventSeq(dp.path, dp.value) ?? '?'}|${dp.value}`;
        if (this.lastEvent.get(dp.path) === key) continue;
        if (spec.event && this.clock.now() - ts > this.eventMaxAgeMs) {
          this.lastEvent.set(dp.path, key);
          this.refuse(`${dp.path}: event ${this.clock.now() - ts} ms old, ignored`, text);
          continue;
        }
        this.lastEvent.set(dp.path, key);
      }
      const result = this.assembler.update(dp.path, dp.value, ts);
      if (result.error) this.refuse(result.error, text);
      for (const raw of result.signals) this.arrive(raw, text);
    }
  }

  private arrive(raw: unknown, text: string): void {
    const checked = validateSignal(raw);
    if (!checked.ok) return this.refuse(checked.error, text);
    if (checked.signal.type === 'commandAck') return this.refuse('commandAck is not a VSS value', text);
    // A crash or session with an ancillary field unknown is delivered all the same, and noted.
    if (checked.unknownFields) this.noteIncomplete(checked.unknownFields, text);
    this.emit({ kind: 'signal', signal: checked.signal });
  }

  private ack(sent: SentCommand, ok: boolean, error?: string): CommandAckSignal {
    return {
      type: 'commandAck',
      ts: this.clock.now(),
      commandId: sent.id,
      command: sent.command.type,
      ok,
      ...(error !== undefined ? { error: error.slice(0, 200) } : {}),
    };
  }
}

function describeError(
  error: { number: number; reason?: string | undefined; message?: string | undefined } | undefined,
): string {
  if (!error) return 'no id in the response';
  return `${error.number} ${error.reason ?? ''}${error.message ? `: ${error.message}` : ''}`.trim();
}
