/**
 * The gateway's VISS v2 endpoint (as KUKSA databroker speaks it): WebSocket, subprotocol `VISSv2`,
 * get / set / subscribe / unsubscribe, `subscription` pushes, string values, ISO 8601 timestamps,
 * errors `{number, reason, message}`.
 *
 * State values (the telematics unit's call session among them) are sent on subscribe; events
 * (button, crash, self-test result) never are. The unit owns the call: the HMI only asks.
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
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VehicleCommand } from '../src/bridge/commands.js';
import type { VehicleSignal } from '../src/bridge/signals.js';
import { validateCommand, validateSignal } from '../src/bridge/validation.js';
import {
  parseVissRequest,
  VISS_ERRORS,
  VISS_SUBPROTOCOL,
  vissTs,
  type VissRequest,
} from '../src/bridge/vissProtocol.js';
import { eventSeq, pathSpec, PATHS, signalToVss, vssToCommand } from '../src/bridge/vissPaths.js';
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
}

type ErrorKey = keyof typeof VISS_ERRORS;

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
  private readonly now: () => number;
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
  private subCounter = 0;
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
      handleProtocols: (protocols) => (protocols.has(VISS_SUBPROTOCOL) ? VISS_SUBPROTOCOL : false),
      verifyClient: (
        info: { origin: string; req: IncomingMessage },
        done: (ok: boolean, code?: number, message?: string) => void,
      ) => {
        const offered = String(info.req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .map((p) => p.trim());
        if (!offered.includes(VISS_SUBPROTOCOL))
          return done(false, 400, `subprotocol ${VISS_SUBPROTOCOL} required`);
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
    for (const sub of this.subscriptions.values()) {
      if (sub.path === path)
        this.sendRaw(
          sub.socket,
          text.replace('"__SUB__"', JSON.stringify(sub.id)),
          this.queueKey(sub, value),
        );
    }
  }

  /**
   * The key under which a slow client's queue keeps one value of a subscription (a newer one with the
   * same key replaces it); undefined: never replaced. The call session is keyed by its `seq`, so only
   * a cyclic repeat replaces a queued report, never a change.
   */
  private queueKey(sub: Subscription, value: string): string | undefined {
    if (!sub.coalesce) return undefined;
    return sub.path === PATHS.callSession ? `s:${sub.id}#${eventSeq(sub.path, value) ?? '?'}` : `s:${sub.id}`;
  }

  private push(path: string, value: string, ts: number): string {
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
      if (isBinary)
        return this.reply(
          socket,
          { action: 'get', requestId: '0' },
          'badRequest',
          'binary frames are not VISS',
        );
      void this.request(socket, String(data));
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

  private async request(socket: WebSocket, text: string): Promise<void> {
    const parsed = parseVissRequest(text);
    if (!parsed.ok) {
      // Keep the ids the client sent, when there are any, so it can match the error.
      let ids: { action: string; requestId: string } = { action: 'get', requestId: '0' };
      try {
        const raw = JSON.parse(text) as { action?: unknown; requestId?: unknown };
        ids = {
          action: typeof raw.action === 'string' ? raw.action.slice(0, 20) : 'get',
          requestId: typeof raw.requestId === 'string' ? raw.requestId.slice(0, 64) : '0',
        };
      } catch {
        // Not JSON at all.
      }
      return this.reply(socket, ids, 'badRequest', parsed.error);
    }
    const req: VissRequest = parsed.message;
    switch (req.action) {
      case 'get': {
        const current = this.values.get(req.path);
        if (!pathSpec(req.path)) return this.reply(socket, req, 'notFound', `unknown path ${req.path}`);
        if (!current) return this.reply(socket, req, 'notFound', `no value yet for ${req.path}`);
        return this.sendJson(socket, {
          action: 'get',
          requestId: req.requestId,
          data: { path: req.path, dp: { value: current.value, ts: vissTs(current.ts) } },
          ts: vissTs(this.now()),
        });
      }
      case 'subscribe': {
        const spec = pathSpec(req.path);
        if (!spec) return this.reply(socket, req, 'notFound', `unknown path ${req.path}`);
        const client = this.clients.get(socket);
        if (client && client.subscriptions >= this.maxSubscriptions)
          return this.reply(socket, req, 'tooManyRequests', `at most ${this.maxSubscriptions} subscriptions`);
        const id = `s${++this.subCounter}`;
        const sub: Subscription = { id, path: req.path, socket, coalesce: !spec.event };
        this.subscriptions.set(id, sub);
        if (client) client.subscriptions++;
        this.sendJson(socket, {
          action: 'subscribe',
          subscriptionId: id,
          requestId: req.requestId,
          ts: vissTs(this.now()),
        });
        // The current value of a state path at once (the call session too: a page loaded mid-call
        // learns the session from it); events are never replayed.
        const current = this.values.get(req.path);
        if (current && !spec.event)
          this.sendRaw(
            socket,
            this.push(req.path, current.value, current.ts).replace('"__SUB__"', JSON.stringify(id)),
            this.queueKey(sub, current.value),
          );
        return;
      }
      case 'unsubscribe': {
        const sub = this.subscriptions.get(req.subscriptionId);
        if (!sub || sub.socket !== socket)
          return this.reply(socket, req, 'notFound', `no subscription ${req.subscriptionId}`);
        this.subscriptions.delete(req.subscriptionId);
        const client = this.clients.get(socket);
        if (client) {
          client.subscriptions--;
          const key = `s:${req.subscriptionId}`;
          for (const [k, queued] of client.queue) {
            if (k !== key && !k.startsWith(`${key}#`)) continue;
            client.queue.delete(k);
            client.queuedBytes -= queued.length;
          }
        }
        return this.sendJson(socket, {
          action: 'unsubscribe',
          subscriptionId: req.subscriptionId,
          requestId: req.requestId,
          ts: vissTs(this.now()),
        });
      }
      case 'set':
        return this.set(socket, req);
    }
  }

  private async set(socket: WebSocket, req: Extract<VissRequest, { action: 'set' }>): Promise<void> {
    const spec = pathSpec(req.path);
    if (!spec) return this.reply(socket, req, 'notFound', `unknown path ${req.path}`);
    if (spec.type !== 'actuator') return this.reply(socket, req, 'forbidden', `${req.path} is read-only`);
    if (typeof req.value !== 'string')
      return this.reply(socket, req, 'badRequest', 'expected a string value');
    const mapped = vssToCommand(req.path, req.value);
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
    this.log(`[gateway] command ${command.type} ${req.value}`);
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

  private reply(
    socket: WebSocket,
    req: { action: string; requestId: string; subscriptionId?: string },
    key: ErrorKey,
    message: string,
  ): void {
    const e = VISS_ERRORS[key];
    this.sendJson(socket, {
      action: req.action,
      requestId: req.requestId,
      ...(req.subscriptionId ? { subscriptionId: req.subscriptionId } : {}),
      error: { number: e.number, reason: e.reason, message },
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
