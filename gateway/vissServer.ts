/**
 * The gateway's VISS v2 endpoint (as KUKSA databroker speaks it): WebSocket, subprotocol `VISSv2`,
 * get / set / subscribe / unsubscribe, `subscription` pushes, string values, ISO 8601 timestamps,
 * errors `{number, reason, message}`.
 *
 * Security: binds to 127.0.0.1 unless told otherwise; browser clients must come from an allowed
 * Origin (clients without an Origin header, i.e. not browsers, are let in); an optional token
 * (`?token=` on the URL) is required when configured; `set` is accepted only on the documented
 * command paths with validated values; call commands are rate-limited.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';
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
import { CALL_OVER_PHASES, pathSpec, PATHS, signalToVss, vssToCommand } from '../src/bridge/vissPaths.js';
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
  readonly origins?: readonly string[];
  readonly token?: string | null;
  /** Timestamps of published values (the vehicle-side clock). Default Date.now. */
  readonly now?: () => number;
  /** Call commands (startCall, answerCallback): at most `max` per `windowMs`, and not closer than `minGapMs`. */
  readonly callRate?: { readonly max: number; readonly windowMs: number; readonly minGapMs: number };
  /** How long a `set` may wait for the vehicle before the gateway stops waiting (no response is sent). */
  readonly commandWaitMs?: number;
  readonly log?: (message: string) => void;
}

interface Subscription {
  readonly id: string;
  readonly path: string;
  readonly socket: WebSocket;
}

type ErrorKey = keyof typeof VISS_ERRORS;

export class VissServer {
  private readonly source: VehicleSource;
  private readonly host: string;
  private readonly requestedPort: number;
  private readonly origins: readonly string[];
  private readonly token: string | null;
  private readonly now: () => number;
  private readonly callRate: { max: number; windowMs: number; minGapMs: number };
  private readonly commandWaitMs: number;
  private readonly log: (message: string) => void;
  private readonly values = new Map<string, { value: string; ts: number }>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly callTimes: number[] = [];
  private wss: WebSocketServer | null = null;
  private subCounter = 0;
  private eventSeq = 0;
  private callUp = false;
  private off: (() => void) | undefined;
  /** Commands that reached the vehicle through this server, in order (diagnostics, tests). */
  readonly commands: VehicleCommand[] = [];

  constructor(options: VissServerOptions) {
    this.source = options.source;
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 8090;
    this.origins = options.origins ?? DEFAULT_ORIGINS;
    this.token = options.token ?? null;
    this.now = options.now ?? Date.now;
    this.callRate = { max: 6, windowMs: 60_000, minGapMs: 1000, ...options.callRate };
    this.commandWaitMs = options.commandWaitMs ?? 10_000;
    this.log = options.log ?? ((m) => console.log(m));
  }

  get port(): number {
    const address = this.wss?.address() as AddressInfo | null | undefined;
    return address?.port ?? this.requestedPort;
  }

  get clientCount(): number {
    return this.wss?.clients.size ?? 0;
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
    const wss = new WebSocketServer({
      host: this.host,
      port: this.requestedPort,
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
          if (url.searchParams.get('token') !== this.token) return done(false, 401, 'token required');
        }
        done(true);
      },
    });
    this.wss = wss;
    wss.on('connection', (socket) => this.connection(socket));
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    await this.source.start();
  }

  async stop(): Promise<void> {
    this.off?.();
    await this.source.stop();
    const wss = this.wss;
    this.wss = null;
    if (!wss) return;
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  // ------------------------------------------------------------ publishing

  private publishSignal(signal: VehicleSignal): void {
    const checked = validateSignal(signal);
    if (!checked.ok) {
      this.log(`[gateway] dropped an invalid signal: ${checked.error}`);
      return;
    }
    const s = checked.signal;
    if (s.type === 'callProgress') this.callUp = !CALL_OVER_PHASES.includes(s.phase);
    const isEvent =
      s.type === 'sosButton' ||
      s.type === 'crash' ||
      s.type === 'callProgress' ||
      s.type === 'selfTestResult';
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
      if (sub.path === path) this.sendRaw(sub.socket, text.replace('"__SUB__"', JSON.stringify(sub.id)));
    }
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
    socket.on('message', (data, isBinary) => {
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
      for (const [id, sub] of this.subscriptions) if (sub.socket === socket) this.subscriptions.delete(id);
    });
    socket.on('error', () => socket.terminate());
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
        const id = `s${++this.subCounter}`;
        this.subscriptions.set(id, { id, path: req.path, socket });
        this.sendJson(socket, {
          action: 'subscribe',
          subscriptionId: id,
          requestId: req.requestId,
          ts: vissTs(this.now()),
        });
        // The current value of a state path at once; events are never replayed, and the call
        // progress only while a call is up (a reconnecting HMI learns the true call state).
        const current = this.values.get(req.path);
        const replay = current && !spec.event && (req.path !== PATHS.callProgress || this.callUp);
        if (replay)
          this.sendRaw(
            socket,
            this.push(req.path, current.value, current.ts).replace('"__SUB__"', JSON.stringify(id)),
          );
        return;
      }
      case 'unsubscribe': {
        const sub = this.subscriptions.get(req.subscriptionId);
        if (!sub || sub.socket !== socket)
          return this.reply(socket, req, 'notFound', `no subscription ${req.subscriptionId}`);
        this.subscriptions.delete(req.subscriptionId);
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
    if (command.type === 'startCall' || command.type === 'answerCallback') {
      const refusal = this.rateLimit();
      if (refusal) return this.reply(socket, req, 'tooManyRequests', refusal);
    }
    if (!this.source.handles(command))
      return this.reply(socket, req, 'notImplemented', `${command.type} is not supported by this vehicle`);
    this.commands.push(command);
    this.log(`[gateway] command ${command.type} ${req.value}`);
    let waitTimer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      this.source.command(command),
      new Promise<null>((resolve) => (waitTimer = setTimeout(() => resolve(null), this.commandWaitMs))),
    ]);
    clearTimeout(waitTimer);
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

  private sendRaw(socket: WebSocket, text: string): void {
    if (socket.readyState === socket.OPEN) socket.send(text);
  }
}
