/**
 * The real vehicle link: a W3C VISS v2 client over one WebSocket (subprotocol `VISSv2`), speaking to
 * the project's gateway or to a KUKSA databroker's VISS endpoint.
 *
 * - Every message is checked twice: the VISS envelope (valibot, `vissProtocol.ts`), then the signal
 *   it decodes to (`validateSignal`). Anything refused is logged and kept in `rejected`; a crash or
 *   session taken with an ancillary field unknown is delivered, and logged and kept in `incomplete`.
 * - The telematics unit's session report is a state: the server sends it on subscribe, and every
 *   repeat (same `seq`) is delivered, so the HMI always has the latest. Events (button, crash,
 *   self-test) are delivered once and only while fresh: the same `seq` with the same datapoint `ts`
 *   is the same event, so KUKSA's replay of the last event on subscribe (and after every reconnect)
 *   is never a new emergency; a new `ts` with an old `seq` is a new event of a restarted counter.
 * - `null` values mean "no value yet" (KUKSA answers a path never written with `value: null`): not
 *   malformed, nothing is delivered, the signal simply stays missing (and the status unknown).
 * - Authorization (KUKSA's model): the token (`authorization` option, else `?token=` of the URL) goes
 *   in every get, set and subscribe. A 401 `token_*` or a 403 answer sets `linkProblem` to
 *   `'unauthorized'` (the vehicle link refused this display); a value read again clears it.
 * - Requests and responses are matched by `requestId`; subscriptions by `subscriptionId`. The
 *   subscriptions belong to the socket, so after every reconnect the bridge subscribes again.
 * - Heartbeat: a `get` every `heartbeatMs`; when nothing at all has arrived for `staleAfterMs`, the
 *   link is `lost` (the machines then show "unknown", never "ready") and the socket is replaced.
 * - Reconnects with exponential backoff. Commands are VISS `set`s; the `set` response is the ack,
 *   and `CommandTracker` answers with a timeout when none comes.
 * - Every timer runs on the injected clock (the app's SimulatedClock), so tests are deterministic.
 */
import { BridgeBase, type BridgeBaseOptions } from './bridgeBase.js';
import type { LinkProblem } from './vehicleBridge.js';
import type { SentCommand } from './commands.js';
import type { CommandAckSignal } from './signals.js';
import { validateSignal } from './validation.js';
import {
  datapoints,
  parseVissServerMessage,
  TOKEN_REASONS,
  VISS_SUBPROTOCOL,
  VissGenericErrorSchema,
  type VissData,
  type VissError,
  type VissServerMessage,
} from './vissProtocol.js';
import * as v from 'valibot';
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

/**
 * Why the vehicle link is up but gives this display nothing: `unauthorized` — the server refused its
 * token (401 `token_missing` / `token_invalid` / `token_expired`) or its permissions (403). null: no
 * such problem known.
 */
export type VissLinkProblem = LinkProblem;

export interface VissBridgeOptions extends BridgeBaseOptions {
  /** e.g. `ws://127.0.0.1:8090` (add `?token=…` when the gateway asks for one). */
  readonly url: string;
  /**
   * The JWT sent in every request's `authorization` field (KUKSA's `--jwt-public-key` model), e.g.
   * from `/config.json`. Default: the `token` parameter of `url`, if any; null: none sent.
   */
  readonly authorization?: string | null;
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
  /** A subscription the server refused (401/403) is asked for again after this long. Default 5000 ms. */
  readonly resubscribeMs?: number;
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
  private readonly resubscribeMs: number;
  private readonly authorization: string | null;
  private problem: VissLinkProblem = null;
  private readonly problemListeners = new Set<(problem: VissLinkProblem) => void>();
  private readonly assembler = new VssSignalAssembler();
  /** requestId → path, for subscribe and get requests in flight. */
  private readonly requests = new Map<string, { action: 'subscribe' | 'get'; path: string }>();
  private readonly sets = new Map<string, PendingSet>();
  /** subscriptionId → path (of the current socket). */
  private readonly subscriptions = new Map<string, string>();
  /** Paths whose subscription the server refused on this socket, and when: asked again later. */
  private readonly refusedPaths = new Map<string, number>();
  /** Last event per event-like JSON path (its `seq` and datapoint `ts`): a repeat is the same event. */
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
    this.resubscribeMs = options.resubscribeMs ?? 5000;
    this.authorization = options.authorization !== undefined ? options.authorization : tokenOf(options.url);
    this.connect();
  }

  /** Why the link gives this display nothing (`unauthorized`), or null. */
  get linkProblem(): VissLinkProblem {
    return this.problem;
  }

  /** Tells `listener` every change of `linkProblem` (and the current one at once); returns an unsubscribe. */
  onLinkProblem(listener: (problem: VissLinkProblem) => void): () => void {
    if (this.disposed) return () => {};
    this.problemListeners.add(listener);
    listener(this.problem);
    return () => this.problemListeners.delete(listener);
  }

  private setProblem(problem: VissLinkProblem, why: string): void {
    if (problem === this.problem) return;
    this.problem = problem;
    this.log(
      problem
        ? `[sos-hmi viss] the vehicle link refused this display (${why})`
        : '[sos-hmi viss] the vehicle link serves this display again',
    );
    for (const listener of [...this.problemListeners]) listener(problem);
    this.emit({ kind: 'linkProblem', problem });
  }

  /** A 401 about the token (not `read_only`) or a 403: the link refuses this display. */
  private checkRefusal(error: VissError | undefined, what: string): void {
    if (!error) return;
    const tokenRefused =
      error.number === 401 && (error.reason === undefined || TOKEN_REASONS.has(error.reason));
    if (tokenRefused || error.number === 403)
      this.setProblem('unauthorized', `${what}: ${describeError(error)}`);
  }

  /** Sends the command as a VISS `set`; its response becomes the ack. */
  protected transmit(sent: SentCommand): void {
    // While the link is down the command goes nowhere; the tracker answers with a timeout.
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    const { path, value } = commandToVss(sent.command);
    const requestId = this.nextRequestId();
    this.sets.set(requestId, { sent });
    socket.send(JSON.stringify({ action: 'set', path, value, requestId, ...this.auth() }));
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
    this.problemListeners.clear();
  }

  private auth(): { authorization?: string } {
    return this.authorization !== null ? { authorization: this.authorization } : {};
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
    this.refusedPaths.clear();
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
      this.retryRefused();
      this.armHeartbeat();
    }, this.heartbeatMs);
  }

  /** Subscriptions the server refused are asked for again, at most every `resubscribeMs`. */
  private retryRefused(): void {
    const now = this.clock.now();
    for (const [path, at] of this.refusedPaths) {
      if (now - at < this.resubscribeMs) continue;
      this.refusedPaths.delete(path);
      this.request('subscribe', path);
    }
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
    socket.send(JSON.stringify({ action, path, requestId, ...this.auth() }));
  }

  private nextRequestId(): string {
    return String(++this.requestCounter);
  }

  // ------------------------------------------------------------- messages

  private receive(text: string): void {
    if (this.disposed) return;
    this.lastHeard = this.clock.now();
    const parsed = parseVissServerMessage(text);
    if (!parsed.ok) return this.unparsed(parsed.error, text);
    const message: VissServerMessage = parsed.message;
    switch (message.action) {
      case 'subscribe': {
        const req = this.requests.get(message.requestId);
        this.requests.delete(message.requestId);
        if (message.error || !message.subscriptionId) {
          this.checkRefusal(message.error, `subscribe ${req?.path ?? '?'}`);
          // Never given up on the same socket: a token or permission may be granted later.
          if (req) this.refusedPaths.set(req.path, this.clock.now());
          return this.refuse(`subscribe ${req?.path ?? '?'}: ${describeError(message.error)}`, text);
        }
        if (req) this.subscriptions.set(message.subscriptionId, req.path);
        return;
      }
      case 'get': {
        const req = this.requests.get(message.requestId);
        this.requests.delete(message.requestId);
        if (message.error) {
          this.checkRefusal(message.error, `get ${req?.path ?? '?'}`);
          // 404 `unavailable_data` (a server that answers "no value yet" so, not with null): nothing yet.
          return message.error.number === 404 && message.error.reason !== 'invalid_path'
            ? undefined
            : this.refuse(`get ${req?.path ?? '?'}: ${describeError(message.error)}`, text);
        }
        if (message.data) this.setProblem(null, 'read');
        return this.takeData(message.data, text);
      }
      case 'subscription':
        if (message.error)
          return this.refuse(`subscription ${message.subscriptionId}: ${describeError(message.error)}`, text);
        if (!this.subscriptions.has(message.subscriptionId) && !this.adoptEarly(message)) {
          return this.refuse(`subscription ${message.subscriptionId}: not ours`, text);
        }
        this.setProblem(null, 'notified');
        return this.takeData(message.data, text);
      case 'set': {
        const pending = this.sets.get(message.requestId);
        this.sets.delete(message.requestId);
        if (!pending) return this.refuse(`set ${message.requestId}: no command waiting`, text);
        this.checkRefusal(message.error, `set ${message.requestId}`);
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

  /**
   * KUKSA may send a subscription's first notification before the subscribe response (two tasks
   * race): a push for a path we are subscribing to, on an id not yet known, is taken as that
   * subscription's.
   */
  private adoptEarly(message: Extract<VissServerMessage, { action: 'subscription' }>): boolean {
    const paths = datapoints(message.data).map((dp) => dp.path);
    if (paths.length !== 1) return false;
    // The subscribe response still to come names the same id; the request is forgotten only then.
    for (const req of this.requests.values())
      if (req.action === 'subscribe' && req.path === paths[0]) {
        this.subscriptions.set(message.subscriptionId, req.path);
        return true;
      }
    return false;
  }

  /**
   * A message that is not a VISS response we know. KUKSA answers a request it could not parse with
   * `action` and `requestId` null (or echoed): logged and refused; a `set` it names is answered.
   */
  private unparsed(error: string, text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.refuse(error, text);
    }
    const generic = v.safeParse(VissGenericErrorSchema, raw);
    if (!generic.success) return this.refuse(error, text);
    const { requestId } = generic.output;
    const pending = requestId !== null ? this.sets.get(requestId) : undefined;
    if (pending && requestId !== null) {
      this.sets.delete(requestId);
      if (this.tracker.settle(pending.sent.id))
        this.deliver(this.ack(pending.sent, false, describeError(generic.output.error)));
    }
    this.refuse(`the server could not parse a request: ${describeError(generic.output.error)}`, text);
  }

  private takeData(data: VissData | VissData[] | undefined, text: string): void {
    for (const dp of datapoints(data)) {
      const ts = Date.parse(dp.ts);
      if (!Number.isFinite(ts)) {
        this.refuse(`${dp.path}: bad ts`, text);
        continue;
      }
      // KUKSA: a path that exists but was never written answers null. No value yet, not malformed.
      if (dp.value === null) continue;
      const spec = pathSpec(dp.path);
      // The ring and the call session are states: every repeat counts (the HMI keeps the latest).
      if (spec?.json && typeof dp.value === 'string' && dp.path !== PATHS.ringState && !spec.repeats) {
        // Event-like values: the same seq with the same ts is the same event (KUKSA replays the last
        // one on every subscribe), never a new one.
        const key = `${eventSeq(dp.path, dp.value) ?? '?'}|${dp.ts}`;
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

/** The `token` parameter of a ws:// URL, or null. */
function tokenOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('token');
  } catch {
    return null;
  }
}
