/**
 * The provider's vehicle side: the project's own gateway (`startGateway`, simulator or CAN + MOST)
 * run in this process on a loopback port with a one-time secret, read and commanded over its VISS
 * endpoint. So every value reaches KUKSA in exactly the gateway's encoding (event `seq`, session
 * report, ring JSON) and every request meets the gateway's own checks (validation, call rate limit,
 * the unit's verdict) — one implementation, not a second one.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { PATHS, VSS_PATHS } from '../../src/bridge/vissPaths.js';
import { VISS_SUBPROTOCOL } from '../../src/bridge/vissProtocol.js';
import { startGateway, type Gateway, type GatewayArgs, type StartOptions } from '../main.js';

/** What became of a request: the gateway's `set` answer; null when the vehicle did not answer in time. */
export type SetOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string } | null;

/** The vehicle side as the provider sees it. */
export interface ProviderVehicle {
  /** Every value the vehicle publishes (the current ones first), with its vehicle-side time. */
  onValue(listener: (path: string, value: string, ts: number) => void): () => void;
  /** A request as the VISS `set` the HMI would send (path and string value). */
  set(path: string, value: string): Promise<SetOutcome>;
  stop(): Promise<void>;
}

const COMMAND_PREFIX = 'Vehicle.Private.SOS.Command.';
const COMMAND_PATHS: ReadonlySet<string> = new Set(Object.values(PATHS.command));

/** Paths the provider publishes: every documented value; pure request paths are only actuated. */
export const PUBLISHED_PATHS: readonly string[] = VSS_PATHS.filter(
  (s) => !s.path.startsWith(COMMAND_PREFIX),
).map((s) => s.path);

/** Actuators the provider owns on the databroker (the HMI's requests; hazard lights included). */
export const PROVIDED_ACTUATORS: readonly string[] = VSS_PATHS.filter((s) => COMMAND_PATHS.has(s.path)).map(
  (s) => s.path,
);

interface VissReply {
  action?: unknown;
  requestId?: unknown;
  subscriptionId?: unknown;
  data?: { path?: unknown; dp?: { value?: unknown; ts?: unknown } };
  error?: { message?: unknown; reason?: unknown };
}

export interface GatewayTapOptions {
  /** How long a request may wait for the vehicle's answer. Default 3 s (the gateway's unit waits 1.5 s). */
  readonly setTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** A started gateway and a VISS client on it. */
export class GatewayTap implements ProviderVehicle {
  private readonly listeners = new Set<(path: string, value: string, ts: number) => void>();
  private readonly waiting = new Map<string, (outcome: SetOutcome) => void>();
  private readonly latest = new Map<string, { value: string; ts: number }>();
  private counter = 0;

  private constructor(
    readonly gateway: Gateway,
    private readonly socket: WebSocket,
    private readonly setTimeoutMs: number,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Starts the gateway from its own arguments (host and port are forced to a private loopback
   * port with a random handshake secret) and subscribes to every published path.
   */
  static async start(
    args: GatewayArgs,
    start: StartOptions = {},
    options: GatewayTapOptions = {},
  ): Promise<GatewayTap> {
    const log = options.log ?? start.log ?? ((m: string) => console.log(m));
    // The gateway's own start-up line names its VISS port: here that port is private to this process.
    const gatewayLog = (m: string) =>
      /→ VISS v2 on/.test(m)
        ? log(
            `[kuksa-provider] vehicle: ${args.mode}, through the gateway in this process (private loopback link)`,
          )
        : log(m);
    const secret = randomBytes(24).toString('base64url');
    const gateway = await startGateway(
      { ...args, host: '127.0.0.1', port: 0, token: secret, jwtPublicKey: null, serve: null, origins: [] },
      { ...start, log: gatewayLog },
    );
    const socket = new WebSocket(`ws://127.0.0.1:${gateway.server.port}/?token=${secret}`, VISS_SUBPROTOCOL);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
    } catch (error) {
      await gateway.stop();
      throw error;
    }
    const tap = new GatewayTap(gateway, socket, options.setTimeoutMs ?? 3000, log);
    socket.on('message', (data) => tap.message(String(data)));
    socket.on('close', () => {
      // The gateway lives in this process: its socket closes only when it stops.
      for (const done of tap.waiting.values()) done(null);
      tap.waiting.clear();
    });
    for (const path of PUBLISHED_PATHS)
      socket.send(JSON.stringify({ action: 'subscribe', path, requestId: `sub-${path}` }));
    return tap;
  }

  onValue(listener: (path: string, value: string, ts: number) => void): () => void {
    this.listeners.add(listener);
    for (const [path, dp] of this.latest) listener(path, dp.value, dp.ts);
    return () => this.listeners.delete(listener);
  }

  set(path: string, value: string): Promise<SetOutcome> {
    const requestId = `set-${++this.counter}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(null);
      }, this.setTimeoutMs);
      this.waiting.set(requestId, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      this.socket.send(JSON.stringify({ action: 'set', path, value, requestId }));
    });
  }

  async stop(): Promise<void> {
    this.socket.close();
    await this.gateway.stop();
  }

  private message(text: string): void {
    let m: VissReply;
    try {
      m = JSON.parse(text) as VissReply;
    } catch {
      return this.log(`[kuksa-provider] unreadable message from the gateway: ${text.slice(0, 80)}`);
    }
    if (m.action === 'set' && typeof m.requestId === 'string') {
      const done = this.waiting.get(m.requestId);
      this.waiting.delete(m.requestId);
      const message = m.error ? String(m.error.message ?? m.error.reason ?? 'refused') : null;
      done?.(message === null ? { ok: true } : { ok: false, error: message });
      return;
    }
    if (m.action === 'subscribe' && m.error) {
      return this.log(
        `[kuksa-provider] the gateway refused ${String(m.requestId)}: ${JSON.stringify(m.error)}`,
      );
    }
    if (m.action !== 'subscription' || !m.data) return;
    const { path, dp } = m.data;
    // null: no value yet (KUKSA keeps such a path empty too); nothing to publish.
    if (typeof path !== 'string' || typeof dp?.value !== 'string' || typeof dp.ts !== 'string') return;
    const ts = Date.parse(dp.ts);
    this.latest.set(path, { value: dp.value, ts });
    for (const l of [...this.listeners]) l(path, dp.value, ts);
  }
}
