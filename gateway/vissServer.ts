/**
 * The gateway's VISS v2 endpoint, answering as KUKSA databroker does (eclipse-kuksa/kuksa-databroker
 * `databroker/src/viss/server.rs`, `viss/v2/server.rs`, `viss/v2/types.rs`, `broker.rs`; the
 * differences from the W3C text and the gateway's own additions are tabled in docs/kuksa.md):
 * WebSocket with subprotocol `VISSv2` (none, or an unknown one, is taken as VISSv2), get / set /
 * subscribe / unsubscribe, `subscription` pushes, string values, `null` for a path without a value
 * yet, ISO 8601 timestamps, errors `{number, reason, message}` with KUKSA's reasons, UUID subscription
 * ids, several JSON requests in one frame answered one by one, binary frames ignored, the
 * `static-metadata`, `paths` and `timebased` filters, and KUKSA's JWT authorization
 * (`jwtPublicKey`: a token in each request's `authorization`, `read` / `actuate` scopes).
 *
 * Every subscription's first notification carries the current value (`null` when there is none),
 * events included: the client tells a replayed event by its `seq`. The unit owns the call: the HMI
 * only asks.
 *
 * Security: binds to 127.0.0.1 unless told otherwise; browser clients must come from an allowed
 * Origin (clients without an Origin header, i.e. not browsers, are let in); an optional token
 * (`?token=` on the URL) is required when configured; `set` is accepted only on the documented
 * command paths with validated values; the requests that can start or answer a call are
 * rate-limited, cancelling and ending never are.
 *
 * Robustness: a client that stops reading never grows the gateway's memory without bound. Above
 * `highWaterBytes` waiting in its socket, messages queue per client: a cyclic (state) value replaces
 * the queued older value of the same subscription (counted as coalesced; the client still gets the
 * latest) — for the call session only a repeat of the same `seq` does, so no session change is lost
 * — while events and responses are never dropped; a client whose queue exceeds
 * `maxQueuedBytes` is disconnected with close code 1013 (and reconnects to the current state).
 * Clients that vanish are found by ping (`heartbeatMs`); connections that never finish the
 * WebSocket handshake are cut after `handshakeTimeoutMs`. `stop()` leaves no sockets or timers.
 */
import { randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VehicleCommand } from '../src/bridge/commands.js';
import type { VehicleSignal } from '../src/bridge/signals.js';
import { validateCommand, validateSignal } from '../src/bridge/validation.js';
import {
  genericIds,
  parseVissRequestValue,
  splitJsonFrame,
  VISS_ERRORS,
  VISS_SUBPROTOCOL,
  vissTs,
  type VissErrorKey,
  type VissRequest,
} from '../src/bridge/vissProtocol.js';
import {
  eventSeq,
  pathSpec,
  PATHS,
  signalToVss,
  VSS_PATHS,
  vssToCommand,
  type VssPathSpec,
} from '../src/bridge/vissPaths.js';
import { ALLOW_ALL, JwtDecoder, resolvePermissions, type Permissions } from './jwt.js';
import { VSS_DESCRIPTIONS } from './vssDescriptions.js';
import type { VehicleSource } from './sources/source.js';

export const DEFAULT_ORIGINS: readonly string[] = [
  'http://127.0.0.1:5173',
  'http://localhost:5173',
  'http://127.0.0.1:4173',
  'http://localhost:4173',
];

export interface VissServerOptions {
  readonly source: VehicleSource;
  readonly host?: string;
  /** 0 = any free port. Default 8090. */
  readonly port?: number;
  /**
   * Share this (already listening) HTTP server instead of opening a port: the head-unit process serves
   * the HMI and the vehicle link on one origin. WebSocket upgrades are accepted on `path` only.
   */
  readonly server?: HttpServer;
  /** With `server`: the path of the VISS endpoint. Default `/viss`. */
  readonly path?: string;
  readonly origins?: readonly string[];
  readonly token?: string | null;
  /**
   * KUKSA's authorization (`--jwt-public-key`): the RSA public key (PEM) that signs the clients'
   * JWTs. With it every get, set and subscribe needs a token in its `authorization` field (401
   * `token_missing` / `token_invalid`), reads need a `read` (or higher) scope on the path and sets an
   * `actuate` scope (403 `user_forbidden`). Independent of `token` (the handshake secret).
   */
  readonly jwtPublicKey?: string | KeyObject | null;
  /** Timestamps of published values (the vehicle-side clock). Default Date.now. */
  readonly now?: () => number;
  /**
   * Requests that can start or answer a call (`CallNow`, `StartTestCall`, `AnswerCallback`): at most
   * `max` per `windowMs` across all clients, and not closer than `minGapMs`. Cancel and end never wait.
   */
  readonly callRate?: { readonly max: number; readonly windowMs: number; readonly minGapMs: number };
  /** How long a `set` may wait for the vehicle before the gateway stops waiting (no response is sent). */
  readonly commandWaitMs?: number;
  readonly log?: (message: string) => void;
  /** Bytes waiting in a client's socket above which messages queue instead. Default 256 KiB. */
  readonly highWaterBytes?: number;
  /** Queued bytes for one client above which it is disconnected (1013). Default 1 MiB. */
  readonly maxQueuedBytes?: number;
  /** Subscriptions one client may hold. Default 256 (the HMI needs about 40). */
  readonly maxSubscriptions?: number;
  /** `set` requests of one client waiting for the vehicle at once. Default 8. */
  readonly maxPendingSets?: number;
  /** Ping interval; a client that did not answer the previous ping is cut. 0 = off. Default 10 s. */
  readonly heartbeatMs?: number;
  /** A connection must complete the WebSocket handshake within this (own port only). Default 5 s. */
  readonly handshakeTimeoutMs?: number;
}

/** What the gateway did for slow and vanished clients (the log says the same as it happens). */
export interface VissServerStats {
  readonly clients: number;
  /** Messages written to client sockets. */
  readonly sent: number;
  /** Cyclic values replaced by a newer value of the same subscription while their client was behind. */
  readonly coalesced: number;
  /** Clients disconnected (1013) because their queue grew past `maxQueuedBytes`. */
  readonly evicted: number;
  /** Clients cut because they did not answer a ping. */
  readonly unresponsive: number;
  /** Clients currently behind (messages queued). */
  readonly slowClients: number;
  /** Bytes queued now, all clients. */
  readonly queuedBytes: number;
  /** Bytes waiting in client sockets now, all clients. */
  readonly bufferedBytes: number;
}

/** The close code for a client too slow to keep up (RFC 6455 1013: try again later). */
export const CLOSE_TOO_SLOW = 1013;

interface Client {
  readonly id: number;
  readonly socket: WebSocket;
  /** Messages held back while the socket is full, in order; a state value is keyed by its subscription. */
  readonly queue: Map<string, string>;
  queuedBytes: number;
  queueSeq: number;
  subscriptions: number;
  pendingSets: number;
  alive: boolean;
  slow: boolean;
  coalesced: number;
  readonly drained: () => void;
}

interface Subscription {
  readonly id: string;
  readonly path: string;
  readonly socket: WebSocket;
  /** State values may be coalesced for a slow client; events never. */
  readonly coalesce: boolean;
  /** What the subscriber's token allows (KUKSA checks it on every notification). */
  readonly permissions: Permissions;
  /** `timebased` filter: notifications closer than this to the last one are dropped (KUKSA). */
  readonly periodMs: number | null;
  lastEmitted: number;
}

type ErrorKey = VissErrorKey;
type Ids = { action: string; requestId: string; subscriptionId?: string };

/** The requests that can start or answer a call: they share the call rate limit. */
export const RATE_LIMITED: ReadonlySet<VehicleCommand['type']> = new Set([
  'callNow',
  'startTestCall',
  'answerCallback',
]);

export class VissServer {
  private readonly source: VehicleSource;
  private readonly host: string;
  private readonly requestedPort: number;
  private readonly httpServer: HttpServer | undefined;
  private readonly path: string;
  private readonly origins: readonly string[];
  private readonly token: string | null;
  private readonly jwt: JwtDecoder | null;
  private readonly now: () => number;
  /** When the paths came into being: the `ts` of a value that was never written (KUKSA). */
  private createdAt = 0;
  private readonly callRate: { max: number; windowMs: number; minGapMs: number };
  private readonly commandWaitMs: number;
  private readonly log: (message: string) => void;
  private readonly highWaterBytes: number;
  private readonly maxQueuedBytes: number;
  private readonly maxSubscriptions: number;
  private readonly maxPendingSets: number;
  private readonly heartbeatMs: number;
  private readonly handshakeTimeoutMs: number;
  private readonly clients = new Map<WebSocket, Client>();
  private readonly waits = new Set<() => void>();
  private readonly totals = { sent: 0, coalesced: 0, evicted: 0, unresponsive: 0 };
  private ownServer: HttpServer | null = null;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private clientCounter = 0;
  private readonly values = new Map<string, { value: string; ts: number }>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly callTimes: number[] = [];
  private wss: WebSocketServer | null = null;
  private eventSeq = 0;
  private off: (() => void) | undefined;
  /** Commands that reached the vehicle through this server, in order (diagnostics, tests). */
  readonly commands: VehicleCommand[] = [];

  constructor(options: VissServerOptions) {
    this.source = options.source;
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 8090;
    this.httpServer = options.server;
    this.path = options.path ?? '/viss';
    this.origins = options.origins ?? DEFAULT_ORIGINS;
    this.token = options.token ?? null;
    this.jwt = options.jwtPublicKey ? new JwtDecoder(options.jwtPublicKey) : null;
    this.now = options.now ?? Date.now;
    this.callRate = { max: 6, windowMs: 60_000, minGapMs: 1000, ...options.callRate };
    this.commandWaitMs = options.commandWaitMs ?? 10_000;
    this.log = options.log ?? ((m) => console.log(m));
    this.highWaterBytes = options.highWaterBytes ?? 256 * 1024;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
    this.maxSubscriptions = options.maxSubscriptions ?? 256;
    this.maxPendingSets = options.maxPendingSets ?? 8;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 5000;
  }

  get port(): number {
    const address = this.wss?.address() as AddressInfo | null | undefined;
    return address?.port ?? this.requestedPort;
  }

  get clientCount(): number {
    return this.wss?.clients.size ?? 0;
  }

  /** The bound address (null when not listening): 127.0.0.1 unless `host` said otherwise. */
  get address(): AddressInfo | null {
    const address = this.wss?.address();
    return address && typeof address === 'object' ? address : null;
  }

  stats(): VissServerStats {
    let queuedBytes = 0;
    let bufferedBytes = 0;
    let slowClients = 0;
    for (const client of this.clients.values()) {
      queuedBytes += client.queuedBytes;
      bufferedBytes += client.socket.bufferedAmount;
      if (client.queue.size > 0) slowClients++;
    }
    return { clients: this.clients.size, ...this.totals, slowClients, queuedBytes, bufferedBytes };
  }

  /** Current value of a path (tests, diagnostics). */
  value(path: string): string | undefined {
    return this.values.get(path)?.value;
  }

  async start(): Promise<void> {
    this.createdAt = this.now();
    this.off = this.source.onOutput((output) => {
      if (output.kind === 'signal') this.publishSignal(output.signal);
      else this.publish(output.path, output.value);
    });
    // On its own port the gateway owns the HTTP server: a connection that never finishes the handshake
    // is cut, and stop() can close every socket (a half-open client would otherwise hold it open).
    let own: HttpServer | null = null;
    if (!this.httpServer) {
      own = createServer(
        {
          headersTimeout: this.handshakeTimeoutMs,
          requestTimeout: this.handshakeTimeoutMs,
          connectionsCheckingInterval: Math.min(this.handshakeTimeoutMs, 30_000),
        },
        (_req, res) => {
          res
            .writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' })
            .end('VISS v2 over WebSocket only\n');
        },
      );
      // An idle connection (nothing sent) is cut too; ws turns this off once the upgrade is done.
      own.timeout = this.handshakeTimeoutMs;
      const server = own;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.requestedPort, this.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.ownServer = own;
    }
    const wss = new WebSocketServer({
      ...(this.httpServer ? { server: this.httpServer, path: this.path } : { server: own! }),
      maxPayload: 64 * 1024,
      // KUKSA: `VISSv2` when offered; a socket without a subprotocol, or offering only others, gets
      // none in the answer and is taken as VISSv2 all the same.
      handleProtocols: (protocols) => (protocols.has(VISS_SUBPROTOCOL) ? VISS_SUBPROTOCOL : false),
      verifyClient: (
        info: { origin: string; req: IncomingMessage },
        done: (ok: boolean, code?: number, message?: string) => void,
      ) => {
        if (info.origin && !this.origins.includes(info.origin)) {
          this.log(`[gateway] refused a client from origin ${info.origin}`);
          return done(false, 403, 'origin not allowed');
        }
        if (this.token) {
          const url = new URL(info.req.url ?? '/', 'http://gateway');
          const given = Buffer.from(url.searchParams.get('token') ?? '');
          const wanted = Buffer.from(this.token);
          // Constant-time compare: the answer time must not tell how much of a guess was right.
          if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
            return done(false, 401, 'token required');
        }
        done(true);
      },
    });
    this.wss = wss;
    wss.on('connection', (socket) => this.connection(socket));
    if (this.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.ping(), this.heartbeatMs);
      this.heartbeat.unref();
    }
    await this.source.start();
  }

  async stop(): Promise<void> {
    this.off?.();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    // `set`s still waiting for the vehicle: stop waiting now, not after commandWaitMs.
    for (const cancel of [...this.waits]) cancel();
    await this.source.stop();
    const wss = this.wss;
    this.wss = null;
    const own = this.ownServer;
    this.ownServer = null;
    if (wss) {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    for (const client of this.clients.values()) this.forget(client);
    this.clients.clear();
    if (own) {
      own.closeAllConnections();
      await new Promise<void>((resolve) => own.close(() => resolve()));
    }
  }

  // ------------------------------------------------------------ publishing

  private publishSignal(signal: VehicleSignal): void {
    const checked = validateSignal(signal);
    if (!checked.ok) {
      this.log(`[gateway] dropped an invalid signal: ${checked.error}`);
      return;
    }
    const s = checked.signal;
    // Events get the gateway's counter; the call session is a state with the unit's own seq.
    const isEvent = s.type === 'sosButton' || s.type === 'crash' || s.type === 'selfTestResult';
    const seq = isEvent ? ++this.eventSeq : 0;
    for (const update of signalToVss(s, seq)) this.publish(update.path, update.value, s.ts);
  }

  /** Stores a value and pushes it to every subscriber of the path. */
  publish(path: string, value: string, ts = this.now()): void {
    if (!pathSpec(path)) {
      this.log(`[gateway] not publishing undocumented path ${path}`);
      return;
    }
    this.values.set(path, { value, ts });
    const text = this.push(path, value, ts);
    const now = Date.now();
    for (const sub of this.subscriptions.values()) {
      if (sub.path !== path) continue;
      // KUKSA: a token that expired closes the subscription (no more notifications, no message);
      // a path the token may not read is never notified; `timebased` drops what comes too soon.
      if (sub.permissions.expired(now)) {
        this.dropSubscription(sub);
        continue;
      }
      if (!sub.permissions.canRead(path)) continue;
      if (sub.periodMs !== null && now - sub.lastEmitted < sub.periodMs) continue;
      sub.lastEmitted = now;
      this.sendRaw(sub.socket, text.replace('"__SUB__"', JSON.stringify(sub.id)), this.queueKey(sub, value));
    }
  }

  private dropSubscription(sub: Subscription): void {
    this.subscriptions.delete(sub.id);
    const client = this.clients.get(sub.socket);
    if (!client) return;
    client.subscriptions--;
    const key = `s:${sub.id}`;
    for (const [k, queued] of client.queue) {
      if (k !== key && !k.startsWith(`${key}#`)) continue;
      client.queue.delete(k);
      client.queuedBytes -= queued.length;
    }
  }

  /**
   * The key under which a slow client's queue keeps one value of a subscription (a newer one with the
   * same key replaces it); undefined: never replaced. The call session is keyed by its `seq`, so only
   * a cyclic repeat replaces a queued report, never a change.
   */
  private queueKey(sub: Subscription, value: string | null): string | undefined {
    if (!sub.coalesce) return undefined;
    return sub.path === PATHS.callSession
      ? `s:${sub.id}#${(value !== null && eventSeq(sub.path, value)) ?? '?'}`
      : `s:${sub.id}`;
  }

  private push(path: string, value: string | null, ts: number): string {
    return JSON.stringify({
      action: 'subscription',
      subscriptionId: '__SUB__',
      data: { path, dp: { value, ts: vissTs(ts) } },
      ts: vissTs(this.now()),
    });
  }

  // ------------------------------------------------------------- requests

  private connection(socket: WebSocket): void {
    const client: Client = {
      id: ++this.clientCounter,
      socket,
      queue: new Map(),
      queuedBytes: 0,
      queueSeq: 0,
      subscriptions: 0,
      pendingSets: 0,
      alive: true,
      slow: false,
      coalesced: 0,
      drained: () => this.flush(client),
    };
    this.clients.set(socket, client);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (data, isBinary) => {
      client.alive = true;
      // KUKSA ignores binary frames (it logs them at debug level and answers nothing).
      if (isBinary) return;
      this.frame(socket, String(data));
    });
    socket.on('close', () => {
      this.forget(client);
      this.clients.delete(socket);
    });
    socket.on('error', () => socket.terminate());
  }

  /** Drops everything held for a client: its subscriptions and its queue. */
  private forget(client: Client): void {
    for (const [id, sub] of this.subscriptions)
      if (sub.socket === client.socket) this.subscriptions.delete(id);
    client.subscriptions = 0;
    client.queue.clear();
    client.queuedBytes = 0;
  }

  /** Pings every client; one that did not answer the previous ping is gone (half-open) and is cut. */
  private ping(): void {
    for (const client of this.clients.values()) {
      if (!client.alive) {
        this.totals.unresponsive++;
        this.log(`[gateway] client ${client.id} did not answer a ping: disconnected`);
        this.forget(client);
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      if (client.socket.readyState === client.socket.OPEN) client.socket.ping();
    }
  }

  /**
   * One text frame: every JSON request in it is answered, in order (KUKSA's StreamDeserializer). The
   * first one that cannot be parsed is answered with a generic 400 and ends the frame; its `action`
   * and `requestId` are echoed only when the whole frame reads as one object carrying them.
   */
  private frame(socket: WebSocket, text: string): void {
    for (const item of splitJsonFrame(text)) {
      const parsed = item.ok ? parseVissRequestValue(item.value) : null;
      if (!parsed?.ok) {
        const ids = genericIds(text);
        this.sendJson(socket, {
          action: ids.action,
          requestId: ids.requestId,
          error: VISS_ERRORS.badRequest,
        });
        return;
      }
      void this.request(socket, parsed.message);
    }
  }

  private async request(socket: WebSocket, req: VissRequest): Promise<void> {
    switch (req.action) {
      case 'get':
        return this.get(socket, req);
      case 'subscribe':
        return this.subscribe(socket, req);
      case 'unsubscribe': {
        const sub = this.subscriptions.get(req.subscriptionId);
        if (!sub || sub.socket !== socket) return this.reply(socket, req, 'invalidSubscriptionId');
        this.dropSubscription(sub);
        return this.sendJson(socket, {
          action: 'unsubscribe',
          requestId: req.requestId,
          subscriptionId: req.subscriptionId,
          ts: vissTs(this.now()),
        });
      }
      case 'set':
        return this.set(socket, req);
    }
  }

  /** KUKSA `resolve_permissions`, answered with 401 `token_missing` / `token_invalid` when refused. */
  private permit(socket: WebSocket, req: Ids, token: string | null | undefined): Permissions | null {
    if (!this.jwt) return ALLOW_ALL;
    const resolved = resolvePermissions(this.jwt, token);
    if (resolved.ok) return resolved.permissions;
    this.reply(socket, req, resolved.refusal);
    return null;
  }

  /** The current datapoint of a path: its value, or `null` (never written) with the creation time. */
  private datapoint(path: string): { value: string | null; ts: string } {
    const current = this.values.get(path);
    return current
      ? { value: current.value, ts: vissTs(current.ts) }
      : { value: null, ts: vissTs(this.createdAt) };
  }

  private get(socket: WebSocket, req: Extract<VissRequest, { action: 'get' }>): void {
    const filter = req.filter;
    if (filter?.type === 'static-metadata') {
      // KUKSA: no authorization needed for metadata; an unknown path answers an empty tree.
      return this.sendJson(socket, {
        action: 'get',
        requestId: req.requestId,
        metadata: metadataTree(req.path),
      });
    }
    if (filter?.type === 'paths') {
      if (req.path.includes('*')) return this.reply(socket, req, 'invalidPath');
      const permissions = this.permit(socket, req, req.authorization);
      if (!permissions) return;
      const data: { path: string; dp: { value: string | null; ts: string } }[] = [];
      const denied: string[] = [];
      const take = (spec: VssPathSpec) => {
        if (!permissions.expired() && permissions.canRead(spec.path))
          data.push({ path: spec.path, dp: this.datapoint(spec.path) });
        else denied.push(spec.path);
      };
      for (const parameter of filter.parameter) {
        const pattern = toGlob(`${req.path}.${parameter}`);
        let matched = false;
        for (const spec of VSS_PATHS)
          if (globMatches(pattern, spec.path)) {
            matched = true;
            take(spec);
          }
        // No match: it may name a branch (not for patterns starting with ** or ending with /**).
        if (!matched && !pattern.startsWith('**') && !pattern.endsWith('/**')) {
          const branch = `${pattern}/**`;
          for (const spec of VSS_PATHS) if (globMatches(branch, spec.path)) take(spec);
        }
      }
      if (denied.length)
        return this.reply(
          socket,
          req,
          'forbidden',
          `Permission denied for some signal: ${denied.join(', ')}`,
        );
      return this.sendJson(socket, { action: 'get', requestId: req.requestId, data });
    }
    // No filter (or `timebased`, which a read ignores).
    const permissions = this.permit(socket, req, req.authorization);
    if (!permissions) return;
    if (!pathSpec(req.path)) return this.reply(socket, req, 'invalidPath');
    // KUKSA: a token past its exp (within jsonwebtoken's leeway it still decodes) → token_expired.
    if (permissions.expired()) return this.reply(socket, req, 'tokenExpired');
    if (!permissions.canRead(req.path)) return this.reply(socket, req, 'forbidden');
    // KUKSA's get response has no top-level ts.
    return this.sendJson(socket, {
      action: 'get',
      requestId: req.requestId,
      data: { path: req.path, dp: this.datapoint(req.path) },
    });
  }

  private subscribe(socket: WebSocket, req: Extract<VissRequest, { action: 'subscribe' }>): void {
    const permissions = this.permit(socket, req, req.authorization);
    if (!permissions) return;
    const spec = pathSpec(req.path);
    if (!spec) return this.reply(socket, req, 'invalidPath');
    const client = this.clients.get(socket);
    if (client && client.subscriptions >= this.maxSubscriptions)
      return this.reply(socket, req, 'tooManyRequests', `at most ${this.maxSubscriptions} subscriptions`);
    const id = randomUUID();
    const sub: Subscription = {
      id,
      path: req.path,
      socket,
      coalesce: !spec.event,
      permissions,
      periodMs: req.filter?.type === 'timebased' ? req.filter.parameter.period : null,
      lastEmitted: Date.now(),
    };
    this.subscriptions.set(id, sub);
    if (client) client.subscriptions++;
    this.sendJson(socket, {
      action: 'subscribe',
      subscriptionId: id,
      requestId: req.requestId,
      ts: vissTs(this.now()),
    });
    // KUKSA's first notification: the current value of every path, events included (a client tells
    // a replayed event by its seq), null when never written. A path the token may not read gets a
    // 500 error event instead (KUKSA's empty initial notification) and nothing afterwards.
    if (permissions.expired() || !permissions.canRead(req.path)) {
      return this.sendJson(socket, {
        action: 'subscription',
        subscriptionId: id,
        error: VISS_ERRORS.internal,
        ts: vissTs(this.now()),
      });
    }
    const current = this.values.get(req.path);
    const text = this.push(req.path, current?.value ?? null, current?.ts ?? this.createdAt).replace(
      '"__SUB__"',
      JSON.stringify(id),
    );
    this.sendRaw(socket, text, this.queueKey(sub, current?.value ?? null));
  }

  private async set(socket: WebSocket, req: Extract<VissRequest, { action: 'set' }>): Promise<void> {
    // KUKSA's order: token, path, read-only, value type, actuate permission, allowed values.
    const permissions = this.permit(socket, req, req.authorization);
    if (!permissions) return;
    const spec = pathSpec(req.path);
    if (!spec) return this.reply(socket, req, 'invalidPath');
    if (spec.type !== 'actuator') return this.reply(socket, req, 'readOnly');
    if (!parsesAs(spec.datatype, req.value))
      return this.reply(socket, req, 'badRequest', `Failed to parse the value as a ${spec.datatype}`);
    if (permissions.expired()) return this.reply(socket, req, 'tokenExpired');
    if (!permissions.canActuate(req.path)) return this.reply(socket, req, 'forbidden');
    if (spec.allowed && !spec.allowed.includes(req.value as string))
      return this.reply(socket, req, 'badRequest', 'Value out of allowed bounds.');
    const value = req.value as string;
    const mapped = vssToCommand(req.path, value);
    if (!mapped.ok) return this.reply(socket, req, 'badRequest', mapped.error);
    const checked = validateCommand(mapped.command);
    if (!checked.ok) return this.reply(socket, req, 'badRequest', checked.error);
    const command = checked.command;
    // Only what can start or answer a call is limited: an occupant must always be able to cancel or end.
    if (RATE_LIMITED.has(command.type)) {
      const refusal = this.rateLimit();
      if (refusal) return this.reply(socket, req, 'tooManyRequests', refusal);
    }
    if (!this.source.handles(command))
      return this.reply(socket, req, 'notImplemented', `${command.type} is not supported by this vehicle`);
    const client = this.clients.get(socket);
    if (client && client.pendingSets >= this.maxPendingSets)
      return this.reply(socket, req, 'tooManyRequests', `at most ${this.maxPendingSets} commands waiting`);
    this.commands.push(command);
    this.log(`[gateway] command ${command.type} ${value}`);
    let cancel = (): void => {};
    const waited = new Promise<null>((resolve) => {
      const timer = setTimeout(() => cancel(), this.commandWaitMs);
      cancel = () => {
        clearTimeout(timer);
        this.waits.delete(cancel);
        resolve(null);
      };
      this.waits.add(cancel);
    });
    if (client) client.pendingSets++;
    const result = await Promise.race([this.source.command(command), waited]);
    cancel();
    if (client) client.pendingSets--;
    // No answer from the vehicle: no response either, the HMI reports the timeout itself.
    if (result === null) return;
    if (result.ok)
      return this.sendJson(socket, { action: 'set', requestId: req.requestId, ts: vissTs(this.now()) });
    return this.reply(socket, req, 'unavailable', result.error);
  }

  private rateLimit(): string | null {
    const now = Date.now();
    while (this.callTimes.length && now - this.callTimes[0]! > this.callRate.windowMs) this.callTimes.shift();
    const last = this.callTimes[this.callTimes.length - 1];
    if (last !== undefined && now - last < this.callRate.minGapMs)
      return `call commands at most every ${this.callRate.minGapMs} ms`;
    if (this.callTimes.length >= this.callRate.max)
      return `at most ${this.callRate.max} call commands per ${this.callRate.windowMs / 1000} s`;
    this.callTimes.push(now);
    return null;
  }

  /** An error response as KUKSA shapes it: the action and ids, `error`, `ts`; KUKSA's text by default. */
  private reply(socket: WebSocket, req: Ids, key: ErrorKey, message?: string): void {
    const e = VISS_ERRORS[key];
    this.sendJson(socket, {
      action: req.action,
      requestId: req.requestId,
      ...(req.subscriptionId !== undefined ? { subscriptionId: req.subscriptionId } : {}),
      error: { number: e.number, reason: e.reason, message: message ?? e.message },
      ts: vissTs(this.now()),
    });
  }

  private sendJson(socket: WebSocket, message: unknown): void {
    this.sendRaw(socket, JSON.stringify(message));
  }

  /**
   * Sends at once while the client keeps up; otherwise queues (`key`: a state value that a newer one
   * of the same subscription replaces). A queue past `maxQueuedBytes` disconnects the client.
   */
  private sendRaw(socket: WebSocket, text: string, key?: string): void {
    if (socket.readyState !== socket.OPEN) return;
    const client = this.clients.get(socket);
    if (!client) return;
    if (client.queue.size === 0 && socket.bufferedAmount < this.highWaterBytes) {
      this.totals.sent++;
      socket.send(text, client.drained);
      return;
    }
    if (!client.slow) {
      client.slow = true;
      this.log(`[gateway] client ${client.id} is not keeping up: queueing, cyclic values coalesced`);
    }
    const k = key ?? `m:${++client.queueSeq}`;
    const older = client.queue.get(k);
    if (older !== undefined) {
      // Delete first so the newer value takes its place at the end, after what happened meanwhile.
      client.queue.delete(k);
      client.queuedBytes -= older.length;
      client.coalesced++;
      this.totals.coalesced++;
    }
    client.queue.set(k, text);
    client.queuedBytes += text.length;
    if (client.queuedBytes > this.maxQueuedBytes) this.evict(client);
  }

  /** Sends what a client's queue holds while its socket has room (after each write completes). */
  private flush(client: Client): void {
    const socket = client.socket;
    while (client.queue.size > 0 && socket.bufferedAmount < this.highWaterBytes) {
      if (socket.readyState !== socket.OPEN) return;
      const [key, text] = client.queue.entries().next().value as [string, string];
      client.queue.delete(key);
      client.queuedBytes -= text.length;
      this.totals.sent++;
      socket.send(text, client.drained);
    }
    if (client.slow && client.queue.size === 0) {
      client.slow = false;
      this.log(
        `[gateway] client ${client.id} caught up (${client.coalesced} cyclic values coalesced so far)`,
      );
    }
  }

  /** A client too far behind: nothing is dropped silently, it is told to come back (1013). */
  private evict(client: Client): void {
    this.totals.evicted++;
    const why = `too slow: ${client.queuedBytes} bytes queued`;
    this.log(`[gateway] client ${client.id} disconnected, ${why}`);
    this.forget(client);
    client.socket.close(CLOSE_TOO_SLOW, why);
  }
}

/** Whether a VISS value converts to the datatype (KUKSA `Value::try_into_type`, Rust's `parse`). */
export function parsesAs(datatype: VssPathSpec['datatype'], value: string | string[] | null): boolean {
  if (typeof value !== 'string') return false;
  switch (datatype) {
    case 'string':
      return true;
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'uint8':
    case 'uint16':
      return /^\+?\d+$/.test(value) && Number(value) <= 4294967295;
    case 'float':
    case 'double':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(value);
  }
}

/** KUKSA `Matcher::to_glob_string`: dots to slashes; a pattern without `*` also matches below it. */
export function toGlob(pattern: string): string {
  const p = pattern === '' || pattern === '""' ? '**' : pattern;
  const glob = p.replace(/\./g, '/');
  return p.includes('*') ? glob : `${glob}/**`;
}

/** `glob_match` on slash-separated paths: `*` within a segment, `**` any number of segments. */
export function globMatches(glob: string, dottedPath: string): boolean {
  const match = (g: string): boolean => {
    const pat = g.split('/');
    const segs = dottedPath.split('.');
    const seg = (p: string, s: string) =>
      new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(s);
    const go = (i: number, j: number): boolean => {
      if (i === pat.length) return j === segs.length;
      if (pat[i] === '**') return go(i + 1, j) || (j < segs.length && go(i, j + 1));
      return j < segs.length && seg(pat[i]!, segs[j]!) && go(i + 1, j + 1);
    };
    return go(0, 0);
  };
  // KUKSA `Matcher::is_match`: "A.B.C" matches the signal A.B.C itself as well as what lies below.
  return match(glob) || (glob.endsWith('/**') && match(glob.slice(0, -3)));
}

type MetadataEntry =
  | { type: 'branch'; description: string; children: Record<string, MetadataEntry> }
  | { type: 'sensor' | 'actuator' | 'attribute'; datatype: string; description: string; allowed?: string[] };

/**
 * KUKSA `generate_metadata` for the `static-metadata` filter: every path that starts with the
 * requested one (a string prefix, as KUKSA compares), as a tree whose top is the requested path's
 * last component; branches in between have an empty description.
 */
export function metadataTree(path: string): Record<string, MetadataEntry> {
  const root: Record<string, MetadataEntry> = {};
  const cut = path.lastIndexOf('.');
  const prefix = cut >= 0 ? path.slice(0, cut + 1) : '';
  for (const spec of VSS_PATHS) {
    if (!spec.path.startsWith(path)) continue;
    const parts = spec.path.slice(prefix.length).split('.');
    let level = root;
    for (const part of parts.slice(0, -1)) {
      let branch = level[part];
      if (!branch) level[part] = branch = { type: 'branch', description: '', children: {} };
      if (branch.type !== 'branch') break;
      level = branch.children;
    }
    level[parts[parts.length - 1]!] = {
      type: spec.type,
      datatype: spec.datatype,
      description: VSS_DESCRIPTIONS.get(spec.path) ?? '',
      ...(spec.allowed ? { allowed: [...spec.allowed] } : {}),
    };
  }
  return root;
}
