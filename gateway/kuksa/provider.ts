/**
 * A KUKSA provider for what KUKSA's CAN provider cannot carry: the telematics unit's session report,
 * unit health, the MOST ring, the button / crash / self-test events and the occupants' requests.
 * It runs the project's gateway in-process (simulator, or CAN + MOST, with the gateway's options)
 * and speaks KUKSA databroker's gRPC API `kuksa.val.v2` (vendored protos in `./proto`):
 *
 *   npm run kuksa-provider -- --databroker 127.0.0.1:55555 [--token-file provide.token]
 *     (--sim [--scenario crash] … | --replay drive.log … | --can can0 …)   (the gateway's options)
 *
 * Message sequence (as KUKSA's own provider in `integration_test/provider.py`): `ListMetadata` for
 * the ids of the actuators it provides, `OpenProviderStream` with a `ProvideActuationRequest` for
 * them, answered `ProvideActuationResponse`; then every value by `PublishValue` (path, datapoint with
 * the vehicle's time); each `BatchActuateStreamRequest` is handed to the vehicle as the gateway's
 * VISS `set` and answered with one `BatchActuateStreamResponse` per actuator. The HMI asks through
 * KUKSA's VISS, whose `set` only stores the actuator's target: those changes come from a
 * `kuksa.val.v1` `Subscribe` on the actuators' targets (its first notification, the targets as they
 * stand, is never acted on). Every call carries the token as `authorization: Bearer …` (its scopes:
 * `provide` on the published paths, `actuate` on the provided actuators — KUKSA checks `actuate`
 * for `ProvideActuationRequest`; reading the targets comes with either).
 *
 * The databroker keeps only the latest value of a path, and so does the provider: a path that
 * changed while the databroker was away is published once, with its latest value, on reconnect
 * (every state is republished then, since a restarted databroker has none; an event that happened
 * meanwhile is not: KUKSA would date it on arrival, a new emergency to the HMI). Reconnects back off
 * from `backoff.initialMs` doubling to `backoff.maxMs`. A value the databroker refuses (path not in
 * its VSS tree, wrong type, no permission) is logged and counted and never holds back the others:
 * a crash is published even when an ancillary path is missing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { pathSpec } from '../../src/bridge/vissPaths.js';
import type { Clock } from '../../src/time/simulatedClock.js';
import { parseArgs, type GatewayArgs } from '../main.js';
import {
  bearer,
  fromTimestamp,
  kuksaValueToText,
  loadValApi,
  toKuksaValue,
  toTimestamp,
  type ActuateRequest,
  type BatchActuateStreamResponse,
  type Datapoint,
  type OpenProviderStreamRequest,
  type OpenProviderStreamResponse,
  type KuksaValue,
  type SignalId,
  type V1SubscribeRequest,
  type V1SubscribeResponse,
  v1Value,
} from './kuksaApi.js';
import { GatewayTap, PROVIDED_ACTUATORS, type ProviderVehicle } from './gatewayTap.js';

export interface KuksaProviderOptions {
  /** The databroker's gRPC address, `host:port` (KUKSA's default port is 55555). */
  readonly address: string;
  /**
   * The JWT sent as `authorization: Bearer …`; null when the databroker runs without authorization.
   * A function is asked again at every (re)connect: a renewed token file is taken without a restart.
   */
  readonly token: string | null | (() => string | null);
  readonly vehicle: ProviderVehicle;
  /** Schedules reconnects (wall time through `RealTimeDriver`, or a test's simulated clock). */
  readonly clock: Clock;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A unary call's deadline. Default 5 s. */
  readonly callTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** What the provider did (the log says the same as it happens). */
export interface KuksaProviderStats {
  readonly connected: boolean;
  /** Values the databroker took. */
  readonly published: number;
  /** Values the databroker refused for the value's own sake (logged each). */
  readonly refused: number;
  /** Times the databroker refused the token (UNAUTHENTICATED). */
  readonly authFailures: number;
  /** Connections lost or refused, each followed by a retry. */
  readonly connectionFailures: number;
  /** Actuation requests handed to the vehicle (`BatchActuateStreamRequest`s and target changes). */
  readonly actuations: number;
  /** Actuation requests refused (unknown actuator, bad value, the vehicle said no or did not answer). */
  readonly actuationsRefused: number;
  /** Paths whose latest value the databroker does not have yet (one in flight included). */
  readonly backlog: number;
  /** Events (button, crash, self-test) that happened while the databroker was away: not sent late. */
  readonly eventsNotReplayed: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** gRPC codes after which only a new connection helps; anything else is about the one value. */
const CONNECTION_CODES: ReadonlySet<number> = new Set([
  grpc.status.UNAVAILABLE,
  grpc.status.UNAUTHENTICATED,
  grpc.status.CANCELLED,
  grpc.status.DEADLINE_EXCEEDED,
  grpc.status.UNKNOWN,
  grpc.status.INTERNAL,
]);

/** What the databroker answers to a provider it will not take (its VSS tree, its token, another provider). */
const REFUSALS: ReadonlySet<number> = new Set([
  grpc.status.NOT_FOUND,
  grpc.status.PERMISSION_DENIED,
  grpc.status.ALREADY_EXISTS,
]);

function isServiceError(e: unknown): e is grpc.ServiceError {
  return (
    typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'number'
  );
}

export class KuksaProvider {
  private readonly api = loadValApi();
  private readonly log: (message: string) => void;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly callTimeoutMs: number;
  /** The latest value of every path, as KUKSA stores it. */
  private readonly latest = new Map<string, Datapoint>();
  /** Paths whose latest value the databroker does not have yet, oldest change first. */
  private readonly dirty = new Set<string>();
  private readonly counts: Mutable<Omit<KuksaProviderStats, 'connected' | 'backlog'>> = {
    published: 0,
    refused: 0,
    authFailures: 0,
    connectionFailures: 0,
    actuations: 0,
    actuationsRefused: 0,
    eventsNotReplayed: 0,
  };
  private client: grpc.Client | null = null;
  private stream: grpc.ClientDuplexStream<OpenProviderStreamRequest, OpenProviderStreamResponse> | null =
    null;
  private targets: grpc.ClientReadableStream<V1SubscribeResponse>[] = [];
  private connected = false;
  private flushing = false;
  private inFlight = false;
  private stopped = true;
  /** Bumped on every (re)connect: callbacks of an older connection are ignored. */
  private generation = 0;
  private retryTimer: number | null = null;
  private nextDelayMs: number;
  private readonly idToPath = new Map<number, string>();
  private offVehicle: (() => void) | null = null;
  /** The token of the current connection. */
  private token: string | null = null;

  constructor(private readonly options: KuksaProviderOptions) {
    this.log = options.log ?? ((m) => console.log(m));
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
    this.callTimeoutMs = options.callTimeoutMs ?? 5000;
    this.nextDelayMs = this.backoff.initialMs;
  }

  stats(): KuksaProviderStats {
    return { connected: this.connected, ...this.counts, backlog: this.dirty.size + (this.inFlight ? 1 : 0) };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.offVehicle = this.options.vehicle.onValue((path, value, ts) => this.value(path, value, ts));
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.offVehicle?.();
    this.offVehicle = null;
    if (this.retryTimer !== null) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.disconnect();
  }

  // ------------------------------------------------------------ values

  private value(path: string, text: string, ts: number): void {
    const typed = toKuksaValue(path, text);
    if (!typed.ok) {
      this.counts.refused++;
      this.log(`[kuksa-provider] not publishing ${path}: ${typed.error}`);
      return;
    }
    this.latest.set(path, { timestamp: toTimestamp(ts), value: typed.value });
    // A path already waiting keeps its place (its latest value goes then): a path that changes
    // faster than the queue drains is never pushed back behind the others for ever.
    this.dirty.add(path);
    void this.flush();
  }

  /** Publishes dirty paths one by one, in order, while connected. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.connected && this.dirty.size > 0) {
        const path = this.dirty.values().next().value as string;
        this.dirty.delete(path);
        const datapoint = this.latest.get(path)!;
        const generation = this.generation;
        this.inFlight = true;
        try {
          await this.unary(this.api.methods.PublishValue, { signal_id: { path }, data_point: datapoint });
          this.counts.published++;
        } catch (error) {
          if (!isServiceError(error) || CONNECTION_CODES.has(error.code)) {
            // Not this value's fault: it goes again with the others once the databroker is back.
            if (!this.dirty.has(path)) this.dirty.add(path);
            if (generation === this.generation) {
              this.lost(error);
              return;
            }
            // A failure of a connection already replaced: the current one goes on.
            continue;
          }
          // NOT_FOUND, INVALID_ARGUMENT, PERMISSION_DENIED: about this path only; the rest goes on.
          this.counts.refused++;
          this.log(
            `[kuksa-provider] the databroker refused ${path}: ${grpc.status[error.code]} ${error.details}`,
          );
        } finally {
          this.inFlight = false;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  // ------------------------------------------------------------ connection

  private connect(): void {
    if (this.stopped) return;
    const generation = ++this.generation;
    const token = this.options.token;
    try {
      this.token = typeof token === 'function' ? token() : token;
    } catch (error) {
      // An unreadable token file: the last good token is kept (and refused, if it is no longer good).
      this.log(`[kuksa-provider] token not read: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Keepalive pings: a databroker that vanished without closing the connection is noticed too.
    this.client = new grpc.Client(this.options.address, grpc.credentials.createInsecure(), {
      'grpc.keepalive_time_ms': 20_000,
      'grpc.keepalive_timeout_ms': 10_000,
    });
    void this.open(generation).catch((error: unknown) => {
      if (generation === this.generation) this.lost(error);
    });
  }

  private async open(generation: number): Promise<void> {
    // KUKSA sends actuation requests by id: learn the ids of the provided actuators first.
    this.idToPath.clear();
    for (const path of PROVIDED_ACTUATORS) {
      const answer = await this.unary(this.api.methods.ListMetadata, { root: path });
      for (const m of answer.metadata ?? []) if (m.path === path) this.idToPath.set(m.id, path);
    }
    if (generation !== this.generation) return;
    const method = this.api.methods.OpenProviderStream;
    const stream = this.client!.makeBidiStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      bearer(this.token),
    );
    this.stream = stream;
    stream.on('data', (response: OpenProviderStreamResponse) => {
      if (generation === this.generation) this.streamMessage(response);
    });
    stream.on('error', (error: Error) => {
      if (generation === this.generation) this.lost(error);
    });
    stream.on('end', () => {
      if (generation === this.generation) this.lost(new Error('the databroker closed the provider stream'));
    });
    stream.write({
      provide_actuation_request: { actuator_identifiers: PROVIDED_ACTUATORS.map((path) => ({ path })) },
    });
    // A databroker that takes the stream but never answers the claim is as good as none.
    const unanswered = setTimeout(() => {
      if (generation === this.generation && !this.connected)
        this.lost(new Error('no ProvideActuationResponse from the databroker'));
    }, this.callTimeoutMs);
    unanswered.unref();
  }

  private streamMessage(response: OpenProviderStreamResponse): void {
    if (response.provide_actuation_response) {
      // One claim per connection; a repeated answer changes nothing.
      if (this.connected) return;
      this.connected = true;
      this.nextDelayMs = this.backoff.initialMs;
      this.log(
        `[kuksa-provider] providing ${PROVIDED_ACTUATORS.length} actuators on ${this.options.address}; publishing ${this.latest.size} values`,
      );
      // A databroker that restarted has nothing: every latest state goes again. Not an event: KUKSA's
      // VISS dates a value by its arrival, so a late event would reach the HMI as a new emergency;
      // the unit's session report (a state, sent again) carries the call (bridge-protocol.md).
      for (const path of this.latest.keys()) {
        if (!pathSpec(path)?.event) {
          this.dirty.add(path);
          continue;
        }
        if (!this.dirty.delete(path)) continue;
        this.counts.eventsNotReplayed++;
        const at = fromTimestamp(this.latest.get(path)!.timestamp);
        this.log(
          `[kuksa-provider] ${path} of ${at === null ? '?' : new Date(at).toISOString()} happened while the databroker was away: not sent late`,
        );
      }
      this.watchTargets();
      void this.flush();
      return;
    }
    if (response.batch_actuate_stream_request) {
      for (const request of response.batch_actuate_stream_request.actuate_requests ?? [])
        void this.actuate(request);
      return;
    }
    if (response.publish_values_response) {
      this.log(
        `[kuksa-provider] publish errors: ${JSON.stringify(response.publish_values_response.status ?? {})}`,
      );
    }
  }

  /** One actuation: the vehicle's verdict becomes the `BatchActuateStreamResponse`. */
  private async actuate(request: ActuateRequest): Promise<void> {
    const id: SignalId = request.signal_id ?? { path: '' };
    const path = 'path' in id ? id.path : this.idToPath.get(id.id);
    const error = await this.request(path, request.value ?? null, JSON.stringify(id));
    this.stream?.write({
      batch_actuate_stream_response: {
        signal_id: id,
        error: error ?? { code: 'ERROR_CODE_OK', message: '' },
      },
    });
  }

  /**
   * KUKSA's VISS `set` (how the HMI asks) only stores the actuator's target (`viss/v2/server.rs`),
   * which no `kuksa.val.v2` provider is told of; the target is seen through `kuksa.val.v1`'s
   * `Subscribe` on `FIELD_ACTUATOR_TARGET`, each change one request to the vehicle.
   */
  private watchTargets(): void {
    const generation = this.generation;
    const method = this.api.v1.Subscribe;
    // One subscription per actuator: KUKSA holds one pending notification per subscription
    // (broker.rs, channel capacity 1), so a cancel is never overwritten by another request's change.
    for (const path of PROVIDED_ACTUATORS) {
      const request: V1SubscribeRequest = {
        entries: [{ path, view: 'VIEW_TARGET_VALUE', fields: ['FIELD_ACTUATOR_TARGET'] }],
      };
      const call = this.client!.makeServerStreamRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        bearer(this.token),
      );
      this.targets.push(call);
      let initial = true;
      call.on('data', (response: V1SubscribeResponse) => {
        if (generation !== this.generation) return;
        // KUKSA's first notification holds the target as it stands (broker.rs "initial notification"):
        // a request already made, perhaps long ago — acting on it again could start a call.
        if (initial) {
          initial = false;
          return;
        }
        for (const update of response.updates ?? []) {
          if (!update.fields?.includes('FIELD_ACTUATOR_TARGET')) continue;
          const value = v1Value(update.entry?.actuator_target);
          if (!value) continue;
          void this.request(update.entry?.path ?? path, value, path);
        }
      });
      call.on('error', (error: Error) => {
        if (generation === this.generation) this.lost(error);
      });
      call.on('end', () => {
        if (generation === this.generation)
          this.lost(new Error('the databroker ended a target subscription'));
      });
    }
  }

  /** Hands one request to the vehicle; null when it took it, else why not (logged and counted). */
  private async request(
    path: string | undefined,
    value: KuksaValue | null,
    what: string,
  ): Promise<BatchActuateStreamResponse['error'] | null> {
    const text = value ? kuksaValueToText(value) : null;
    let error: BatchActuateStreamResponse['error'] | null = null;
    if (!path || !PROVIDED_ACTUATORS.includes(path)) {
      error = { code: 'ERROR_CODE_NOT_FOUND', message: 'not an actuator this provider provides' };
    } else if (text === null) {
      error = { code: 'ERROR_CODE_INVALID_ARGUMENT', message: 'no value' };
    } else {
      this.counts.actuations++;
      this.log(`[kuksa-provider] request ${path} = ${text}`);
      const outcome = await this.options.vehicle.set(path, text);
      if (outcome === null)
        error = { code: 'ERROR_CODE_INVALID_ARGUMENT', message: 'no answer from the vehicle' };
      else if (!outcome.ok) error = { code: 'ERROR_CODE_INVALID_ARGUMENT', message: outcome.error };
    }
    if (error) {
      this.counts.actuationsRefused++;
      this.log(`[kuksa-provider] request ${path ?? what} refused: ${error.message}`);
    }
    return error;
  }

  /** The connection is gone or was refused: log and count why, and retry after the backoff. */
  private lost(error: unknown): void {
    if (this.stopped) return;
    const wasConnected = this.connected;
    this.disconnect();
    this.counts.connectionFailures++;
    const code = isServiceError(error) ? error.code : null;
    if (code === grpc.status.UNAUTHENTICATED) {
      this.counts.authFailures++;
      this.log(
        `[kuksa-provider] the databroker refused the provider's token (${(error as grpc.ServiceError).details}); retrying in ${this.nextDelayMs} ms`,
      );
    } else if (code !== null && REFUSALS.has(code)) {
      this.log(
        `[kuksa-provider] the databroker refused the provider (${grpc.status[code]} ${(error as grpc.ServiceError).details}): is the sos-hmi overlay loaded, does the token allow actuate on the requests, is another provider running? Retrying in ${this.nextDelayMs} ms`,
      );
    } else {
      const why = isServiceError(error)
        ? `${grpc.status[error.code]} ${error.details}`
        : error instanceof Error
          ? error.message
          : String(error);
      this.log(
        `[kuksa-provider] ${wasConnected ? 'lost' : 'no'} databroker at ${this.options.address} (${why}); retrying in ${this.nextDelayMs} ms`,
      );
    }
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(this.nextDelayMs * 2, this.backoff.maxMs);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private disconnect(): void {
    this.generation++;
    this.connected = false;
    const stream = this.stream;
    const targets = this.targets;
    this.stream = null;
    this.targets = [];
    for (const call of [stream, ...targets]) {
      if (!call) continue;
      call.removeAllListeners();
      // A late error of a cancelled call is expected; it must not surface as an unhandled one.
      call.on('error', () => {});
      call.cancel();
    }
    this.client?.close();
    this.client = null;
  }

  private unary<Req, Res>(method: grpc.MethodDefinition<Req, Res>, request: Req): Promise<Res> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('not connected'));
    return new Promise((resolveCall, reject) => {
      client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        bearer(this.token),
        { deadline: Date.now() + this.callTimeoutMs },
        (error, response) => (error || response === undefined ? reject(error) : resolveCall(response)),
      );
    });
  }
}

// ------------------------------------------------------------------ command line

export interface ProviderArgs {
  readonly databroker: string;
  readonly tokenFile: string | null;
  readonly gateway: GatewayArgs;
}

const USAGE = `usage: npm run kuksa-provider -- --databroker <host:port> [--token-file <jwt file>]
  (--sim | --replay <candump.log> | --can <iface>) [the gateway's vehicle options: --scenario, --speed,
  --loop, --from, --most-socket, --most-fail, --can-driver, --tx-log, --day-night, --cancel-window-ms …]`;

/** Options that configure the gateway's own VISS server: the provider has none to offer. */
const SERVER_OPTIONS = new Set([
  '--port',
  '--host',
  '--origin',
  '--token',
  '--jwt-public-key',
  '--serve',
  '--density',
]);

export function parseProviderArgs(argv: readonly string[]): ProviderArgs {
  let databroker: string | null = null;
  let tokenFile: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--databroker' || a === '--token-file') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      if (a === '--databroker') databroker = value;
      else tokenFile = value;
    } else if (SERVER_OPTIONS.has(a)) {
      throw new Error(
        `${a} is an option of the gateway's VISS server; the provider publishes to KUKSA\n${USAGE}`,
      );
    } else if (a === '-h' || a === '--help') {
      throw new Error(USAGE);
    } else rest.push(a);
  }
  if (!databroker) throw new Error(`--databroker <host:port> is required\n${USAGE}`);
  if (!/^[^\s:]+:\d{1,5}$/.test(databroker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(databroker))
    throw new Error('--databroker: host:port, e.g. 127.0.0.1:55555');
  let gateway: GatewayArgs;
  try {
    gateway = parseArgs(rest);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n${USAGE}`, {
      cause: error,
    });
  }
  return { databroker, tokenFile, gateway };
}

/** Reads a token file as KUKSA's clients do: the JWT, surrounding white space ignored. */
export function readToken(file: string): string {
  const token = readFileSync(file, 'utf8').trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new Error(`${file}: not a JWT`);
  return token;
}

/** A wall-time clock for reconnects when run from the command line. */
const WALL_CLOCK: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
  clearTimeout: (id) => clearTimeout(id),
};

const isMain = !!process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  let args: ProviderArgs;
  try {
    args = parseProviderArgs(process.argv.slice(2));
    // Read once at start, so a missing or malformed file stops the provider with a message.
    if (args.tokenFile) readToken(args.tokenFile);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const tokenFile = args.tokenFile;
  GatewayTap.start(args.gateway).then(
    (vehicle) => {
      const provider = new KuksaProvider({
        address: args.databroker,
        token: tokenFile ? () => readToken(tokenFile) : null,
        vehicle,
        clock: WALL_CLOCK,
      });
      provider.start();
      const stop = () => {
        void provider
          .stop()
          .then(() => vehicle.stop())
          .then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(`[kuksa-provider] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
