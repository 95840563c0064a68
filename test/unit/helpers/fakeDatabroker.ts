/**
 * A fake KUKSA databroker: the subset of `kuksa.val.v2` the provider uses, served over real gRPC on
 * loopback from the SAME vendored protos (gateway/kuksa/proto), answering as KUKSA's
 * `databroker/src/grpc/kuksa_val_v2/val.rs` and `grpc/server.rs` do:
 * - authorization (when a public key is given): `authorization: Bearer <jwt>` on every call, else
 *   UNAUTHENTICATED "No auth token provided" / "Invalid auth token…" before any handler runs;
 * - `ListMetadata` (a path or a branch as root; NOT_FOUND otherwise);
 * - `PublishValue`: NOT_FOUND "Path not found", PERMISSION_DENIED without `provide`, INVALID_ARGUMENT
 *   for a value of the wrong type (KUKSA's `DataValue` check: uint8/16 as `uint32`); keeps the latest;
 * - `OpenProviderStream` with `ProvideActuationRequest` (NOT_FOUND, PERMISSION_DENIED without `actuate`,
 *   ALREADY_EXISTS; the answer `ProvideActuationResponse`), `BatchActuateStreamResponse` recorded;
 * - `Actuate`: forwarded to the owning provider as `BatchActuateStreamRequest` with the signal's id,
 *   UNAVAILABLE when no provider owns it;
 * - `GetValue`;
 * - `kuksa.val.v1` `Subscribe` on `FIELD_ACTUATOR_TARGET` (a first notification with every current
 *   target, then one per change), and `setTarget`, what KUKSA's VISS `set` does: store the target.
 * Its VSS tree is the project's `VSS_PATHS` (what the converted overlay gives a real databroker),
 * minus any paths a test leaves out.
 */
import type { KeyObject } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { VSS_PATHS, type VssPathSpec } from '../../../src/bridge/vissPaths.js';
import { JwtDecoder, parseScopes, globToRegex } from '../../../gateway/jwt.js';
import {
  KUKSA_DATA_TYPE,
  loadValApi,
  type ActuateRequest,
  type ActuateResponse,
  type BatchActuateStreamResponse,
  type Datapoint,
  type GetValueRequest,
  type GetValueResponse,
  type KuksaValue,
  type ListMetadataRequest,
  type ListMetadataResponse,
  type OpenProviderStreamRequest,
  type OpenProviderStreamResponse,
  type PublishValueRequest,
  type PublishValueResponse,
  type SignalId,
  type V1Datapoint,
  type V1SubscribeRequest,
  type V1SubscribeResponse,
} from '../../../gateway/kuksa/kuksaApi.js';

interface Entry {
  readonly id: number;
  readonly spec: VssPathSpec;
}

interface Scopes {
  canProvide(path: string): boolean;
  canActuate(path: string): boolean;
}

const ALLOW_ALL: Scopes = { canProvide: () => true, canActuate: () => true };

type ProviderCall = grpc.ServerDuplexStream<OpenProviderStreamRequest, OpenProviderStreamResponse>;
type TargetCall = grpc.ServerWritableStream<V1SubscribeRequest, V1SubscribeResponse>;

export interface FakeDatabrokerOptions {
  /** The RSA public key that signs tokens: authorization on (KUKSA `--jwt-public-key`). */
  readonly jwtPublicKey?: KeyObject | string;
  /** Paths this databroker's VSS tree does not have. */
  readonly omit?: readonly string[];
}

function status(code: grpc.status, details: string): grpc.StatusObject & Error {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

/** The member KUKSA's `DataValue` check takes for a datatype. */
const MEMBER: Readonly<Record<VssPathSpec['datatype'], string>> = {
  string: 'string',
  boolean: 'bool',
  uint8: 'uint32',
  uint16: 'uint32',
  float: 'float',
  double: 'double',
};

export class FakeDatabroker {
  private readonly api = loadValApi();
  private readonly entries = new Map<string, Entry>();
  private readonly byId = new Map<number, Entry>();
  private readonly decoder: JwtDecoder | null;
  private server: grpc.Server | null = null;
  /** Latest datapoint per path (KUKSA keeps only the latest). */
  readonly values = new Map<string, Datapoint>();
  /** Every accepted publish, in order of arrival. */
  readonly published: { path: string; datapoint: Datapoint }[] = [];
  /** Every `ProvideActuationRequest` accepted, with the paths it claimed. */
  readonly provideRequests: string[][] = [];
  /** `BatchActuateStreamResponse`s the provider sent. */
  readonly actuationResponses: BatchActuateStreamResponse[] = [];
  /** Every call and stream message, in order of arrival (`ListMetadata`, `ProvideActuationRequest`, `PublishValue` …). */
  readonly calls: string[] = [];
  /** Calls refused for their token, by method. */
  readonly unauthenticated: string[] = [];
  private readonly owners = new Map<number, ProviderCall>();
  /** Actuator targets as KUKSA keeps them (a VISS `set` writes here). */
  readonly targets = new Map<string, V1Datapoint>();
  private readonly targetWatchers = new Map<TargetCall, ReadonlySet<string>>();
  private readonly changeListeners = new Set<(path: string, datapoint: Datapoint) => void>();
  port = 0;

  constructor(options: FakeDatabrokerOptions = {}) {
    this.decoder = options.jwtPublicKey ? new JwtDecoder(options.jwtPublicKey) : null;
    let id = 0;
    for (const spec of VSS_PATHS) {
      if (options.omit?.includes(spec.path)) continue;
      const entry = { id: ++id, spec };
      this.entries.set(spec.path, entry);
      this.byId.set(entry.id, entry);
    }
  }

  /** Listens on 127.0.0.1 (`port` 0: any free port; a restart passes the old one). */
  async start(port = 0): Promise<number> {
    const server = new grpc.Server();
    const handlers: grpc.UntypedServiceImplementation = {
      PublishValue: this.guard('PublishValue', this.publishValue),
      ListMetadata: this.guard('ListMetadata', this.listMetadata),
      GetValue: this.guard('GetValue', this.getValue),
      Actuate: this.guard('Actuate', this.actuate),
      OpenProviderStream: (call: ProviderCall) => this.openProviderStream(call),
    };
    server.addService(this.api.service, handlers);
    server.addService(this.api.v1.service, {
      Subscribe: (call: TargetCall) => this.subscribeTargets(call),
    });
    this.port = await new Promise<number>((resolveBind, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolveBind(bound),
      ),
    );
    this.server = server;
    return this.port;
  }

  /** The databroker goes away: every call and stream ends at once (a crash, or a restart). */
  stop(): void {
    this.server?.forceShutdown();
    this.server = null;
    this.owners.clear();
    this.targetWatchers.clear();
  }

  /**
   * KUKSA's VISS `set` on an actuator (`viss/v2/server.rs`): the target is stored, with the time
   * of the set, and subscribers of the target are notified; no provider is asked.
   */
  setTarget(path: string, value: KuksaValue): void {
    const entry = this.entries.get(path);
    if (!entry || entry.spec.type !== 'actuator') throw new Error(`${path}: not an actuator`);
    const now = Date.now();
    const member = value.typed_value!;
    const dp = {
      timestamp: { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1_000_000 },
      [member]: (value as unknown as Record<string, unknown>)[member],
    } as V1Datapoint;
    this.targets.set(path, dp);
    for (const [call, paths] of this.targetWatchers)
      if (paths.has(path))
        call.write({
          updates: [{ entry: { path, actuator_target: dp }, fields: ['FIELD_ACTUATOR_TARGET'] }],
        });
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Called with every stored value (the fake's VISS side feeds on this). */
  onChange(listener: (path: string, datapoint: Datapoint) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A `kuksa.val.v2` client's `Actuate` as the databroker handles it (tests call it in-process too). */
  actuateNow(path: string, value: KuksaValue): void {
    const entry = this.entries.get(path);
    if (!entry) throw status(grpc.status.NOT_FOUND, `Invalid path: ${path}`);
    if (entry.spec.type !== 'actuator') throw status(grpc.status.INVALID_ARGUMENT, 'Not an actuator');
    const owner = this.owners.get(entry.id);
    if (!owner) throw status(grpc.status.UNAVAILABLE, `Provider for vss_id ${entry.id} does not exist`);
    owner.write({
      batch_actuate_stream_request: { actuate_requests: [{ signal_id: { id: entry.id }, value }] },
    });
  }

  // ------------------------------------------------------------ authorization

  /** KUKSA's interceptor: the bearer token decides, before the handler runs. */
  private scopes(metadata: grpc.Metadata): { ok: true; scopes: Scopes } | { ok: false; details: string } {
    if (!this.decoder) return { ok: true, scopes: ALLOW_ALL };
    const header = metadata.get('authorization')[0];
    if (header === undefined) return { ok: false, details: 'No auth token provided' };
    if (typeof header !== 'string' || !header.startsWith('Bearer '))
      return { ok: false, details: 'Invalid auth token' };
    const decoded = this.decoder.decode(header.slice(7));
    if (!decoded.ok) return { ok: false, details: `Invalid auth token: ${decoded.error}` };
    const parsed = parseScopes(decoded.claims.scope);
    if (!parsed) return { ok: false, details: 'Invalid auth token: malformed scope' };
    const matcher = (action: string) => {
      const globs = parsed.filter((s) => s.action === action);
      return (path: string) => globs.some((s) => s.path === null || globToRegex(s.path).test(path));
    };
    return { ok: true, scopes: { canProvide: matcher('provide'), canActuate: matcher('actuate') } };
  }

  private guard<Req, Res>(
    name: string,
    handler: (request: Req, scopes: Scopes) => Res,
  ): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      this.calls.push(name);
      const auth = this.scopes(call.metadata);
      if (!auth.ok) {
        this.unauthenticated.push(name);
        return callback(status(grpc.status.UNAUTHENTICATED, auth.details));
      }
      try {
        callback(null, handler.call(this, call.request, auth.scopes));
      } catch (error) {
        callback(error as grpc.ServiceError);
      }
    };
  }

  // ------------------------------------------------------------ methods

  private entryOf(id: SignalId | null | undefined): Entry {
    if (!id) throw status(grpc.status.INVALID_ARGUMENT, 'No SignalId provided');
    const entry =
      'path' in id && typeof id.path === 'string'
        ? this.entries.get(id.path)
        : this.byId.get((id as { id: number }).id);
    if (!entry) throw status(grpc.status.NOT_FOUND, 'Path not found');
    return entry;
  }

  private publishValue(request: PublishValueRequest, scopes: Scopes): PublishValueResponse {
    const entry = this.entryOf(request.signal_id);
    if (!request.data_point)
      throw status(grpc.status.INVALID_ARGUMENT, 'No datapoint provided for publish_value');
    if (!scopes.canProvide(entry.spec.path)) throw status(grpc.status.PERMISSION_DENIED, 'Permission denied');
    const value = request.data_point.value;
    if (value && value.typed_value !== MEMBER[entry.spec.datatype])
      throw status(grpc.status.INVALID_ARGUMENT, 'Wrong data type');
    if (value && entry.spec.allowed && !entry.spec.ancillary) {
      const text = 'string' in value ? value.string : null;
      if (text !== null && !entry.spec.allowed.includes(text))
        throw status(grpc.status.INVALID_ARGUMENT, 'Value out of allowed bounds');
    }
    this.values.set(entry.spec.path, request.data_point);
    this.published.push({ path: entry.spec.path, datapoint: request.data_point });
    for (const l of [...this.changeListeners]) l(entry.spec.path, request.data_point);
    return {};
  }

  private listMetadata(request: ListMetadataRequest): ListMetadataResponse {
    const root = request.root;
    const metadata = [...this.entries.values()]
      .filter((e) => e.spec.path === root || e.spec.path.startsWith(`${root}.`))
      .map((e) => ({
        path: e.spec.path,
        id: e.id,
        data_type: KUKSA_DATA_TYPE[e.spec.datatype],
        entry_type: `ENTRY_TYPE_${e.spec.type.toUpperCase()}`,
      }));
    if (metadata.length === 0) throw status(grpc.status.NOT_FOUND, 'Specified root branch does not exist');
    return { metadata };
  }

  private getValue(request: GetValueRequest): GetValueResponse {
    const entry = this.entryOf(request.signal_id);
    return { data_point: this.values.get(entry.spec.path) ?? {} };
  }

  private actuate(request: ActuateRequest, scopes: Scopes): ActuateResponse {
    const entry = this.entryOf(request.signal_id);
    if (!scopes.canActuate(entry.spec.path)) throw status(grpc.status.PERMISSION_DENIED, 'Permission denied');
    if (!request.value) throw status(grpc.status.INVALID_ARGUMENT, 'No value provided');
    this.actuateNow(entry.spec.path, request.value);
    return {};
  }

  private subscribeTargets(call: TargetCall): void {
    this.calls.push('v1.Subscribe');
    const auth = this.scopes(call.metadata);
    if (!auth.ok) {
      this.unauthenticated.push('v1.Subscribe');
      call.emit('error', status(grpc.status.UNAUTHENTICATED, auth.details));
      return;
    }
    const paths = new Set<string>();
    for (const e of call.request.entries ?? []) {
      if (!this.entries.has(e.path)) {
        call.emit(
          'error',
          status(grpc.status.NOT_FOUND, `No entries found for the provided. Path: ${e.path}`),
        );
        return;
      }
      if (e.fields.includes('FIELD_ACTUATOR_TARGET')) paths.add(e.path);
    }
    this.targetWatchers.set(call, paths);
    // KUKSA: "Send everything subscribed to in an initial notification".
    call.write({
      updates: [...paths].map((path) => ({
        entry: { path, actuator_target: this.targets.get(path) ?? null },
        fields: ['FIELD_ACTUATOR_TARGET'],
      })),
    });
    call.on('cancelled', () => this.targetWatchers.delete(call));
  }

  private openProviderStream(call: ProviderCall): void {
    const auth = this.scopes(call.metadata);
    if (!auth.ok) {
      this.unauthenticated.push('OpenProviderStream');
      call.emit('error', status(grpc.status.UNAUTHENTICATED, auth.details));
      return;
    }
    const mine: number[] = [];
    const release = () => {
      for (const id of mine) if (this.owners.get(id) === call) this.owners.delete(id);
    };
    call.on('data', (request: OpenProviderStreamRequest) => {
      this.calls.push(
        'provide_actuation_request' in request ? 'ProvideActuationRequest' : 'BatchActuateStreamResponse',
      );
      if ('provide_actuation_request' in request && request.provide_actuation_request) {
        const ids: number[] = [];
        for (const signal of request.provide_actuation_request.actuator_identifiers ?? []) {
          const entry =
            'path' in signal && typeof signal.path === 'string'
              ? this.entries.get(signal.path)
              : this.byId.get((signal as { id: number }).id);
          if (!entry) {
            call.emit(
              'error',
              status(grpc.status.NOT_FOUND, `Could not resolve id of vss_path: ${JSON.stringify(signal)}`),
            );
            return;
          }
          if (!auth.scopes.canActuate(entry.spec.path)) {
            call.emit(
              'error',
              status(grpc.status.PERMISSION_DENIED, `Permission denied for vss_path ${entry.spec.path}`),
            );
            return;
          }
          if (this.owners.has(entry.id) && this.owners.get(entry.id) !== call) {
            call.emit(
              'error',
              status(
                grpc.status.ALREADY_EXISTS,
                `Providers for the following vss_ids already registered: [${entry.id}]`,
              ),
            );
            return;
          }
          ids.push(entry.id);
        }
        for (const id of ids) {
          this.owners.set(id, call);
          mine.push(id);
        }
        this.provideRequests.push(ids.map((id) => this.byId.get(id)!.spec.path));
        call.write({ provide_actuation_response: {} });
      } else if ('batch_actuate_stream_response' in request && request.batch_actuate_stream_response) {
        this.actuationResponses.push(request.batch_actuate_stream_response);
      }
    });
    call.on('end', () => {
      release();
      call.end();
    });
    call.on('cancelled', release);
    call.on('error', release);
  }
}
