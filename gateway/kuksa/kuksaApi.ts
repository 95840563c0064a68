/**
 * KUKSA databroker's gRPC APIs `kuksa.val.v2` (and, for one call, `kuksa.val.v1`), loaded from the
 * vendored protos in `./proto` (see its README for where they come from), with the message shapes
 * the provider and its tests use, typed.
 * Messages are read with proto-loader's `keepCase` and `oneofs`: field names as in the .proto, and a
 * oneof's chosen member named in its virtual field (`typed_value`, `signal`, `action`).
 */
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { pathSpec, type VssDatatype } from '../../src/bridge/vissPaths.js';

export const PROTO_DIR = fileURLToPath(new URL('./proto', import.meta.url));

/** google.protobuf.Timestamp; `seconds` is an int64, read as a decimal string. */
export interface Timestamp {
  readonly seconds: string | number;
  readonly nanos: number;
}

/** The members of `kuksa.val.v2.Value` this project uses (KUKSA has arrays and 64-bit ints too). */
export type KuksaValue =
  | { readonly typed_value?: 'string'; readonly string: string }
  | { readonly typed_value?: 'bool'; readonly bool: boolean }
  | { readonly typed_value?: 'uint32'; readonly uint32: number }
  | { readonly typed_value?: 'float'; readonly float: number }
  | { readonly typed_value?: 'double'; readonly double: number };

export interface Datapoint {
  readonly timestamp?: Timestamp | null;
  readonly value?: KuksaValue | null;
}

export type SignalId =
  { readonly signal?: 'id'; readonly id: number } | { readonly signal?: 'path'; readonly path: string };

export type ErrorCode =
  | 'ERROR_CODE_UNSPECIFIED'
  | 'ERROR_CODE_OK'
  | 'ERROR_CODE_INVALID_ARGUMENT'
  | 'ERROR_CODE_NOT_FOUND'
  | 'ERROR_CODE_PERMISSION_DENIED';

export interface KuksaError {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface PublishValueRequest {
  readonly signal_id: SignalId;
  readonly data_point: Datapoint;
}
export type PublishValueResponse = Record<string, never>;

export interface ListMetadataRequest {
  readonly root: string;
  readonly filter?: string;
}
export interface Metadata {
  readonly path: string;
  readonly id: number;
  readonly data_type?: string;
  readonly entry_type?: string;
}
export interface ListMetadataResponse {
  readonly metadata?: readonly Metadata[];
}

export interface ActuateRequest {
  readonly signal_id?: SignalId | null;
  readonly value?: KuksaValue | null;
}
export type ActuateResponse = Record<string, never>;

export interface GetValueRequest {
  readonly signal_id: SignalId;
}
export interface GetValueResponse {
  readonly data_point?: Datapoint | null;
}

export interface BatchActuateStreamResponse {
  readonly signal_id: SignalId;
  readonly error: KuksaError;
}

/** What a provider sends on `OpenProviderStream` (the members this provider uses). */
export type OpenProviderStreamRequest =
  | {
      readonly action?: 'provide_actuation_request';
      readonly provide_actuation_request: { readonly actuator_identifiers: readonly SignalId[] };
    }
  | {
      readonly action?: 'batch_actuate_stream_response';
      readonly batch_actuate_stream_response: BatchActuateStreamResponse;
    };

/** What the databroker sends on `OpenProviderStream`. */
export interface OpenProviderStreamResponse {
  readonly action?: string;
  readonly provide_actuation_response?: Record<string, never> | null;
  readonly batch_actuate_stream_request?: { readonly actuate_requests?: readonly ActuateRequest[] } | null;
  readonly publish_values_response?: {
    readonly request_id?: number;
    readonly status?: Readonly<Record<string, KuksaError>>;
  } | null;
}

/** The `kuksa.val.v2.VAL` methods used here, with their request and response types. */
export interface ValMethods {
  readonly PublishValue: grpc.MethodDefinition<PublishValueRequest, PublishValueResponse>;
  readonly ListMetadata: grpc.MethodDefinition<ListMetadataRequest, ListMetadataResponse>;
  readonly OpenProviderStream: grpc.MethodDefinition<OpenProviderStreamRequest, OpenProviderStreamResponse>;
  readonly Actuate: grpc.MethodDefinition<ActuateRequest, ActuateResponse>;
  readonly GetValue: grpc.MethodDefinition<GetValueRequest, GetValueResponse>;
}

export interface ValApi {
  /** The service definition (a server adds it; a client calls its methods). */
  readonly service: grpc.ServiceDefinition;
  readonly methods: ValMethods;
  /** `kuksa.val.v1.VAL`: only `Subscribe`, the one way to see an actuator's target change. */
  readonly v1: {
    readonly service: grpc.ServiceDefinition;
    readonly Subscribe: grpc.MethodDefinition<V1SubscribeRequest, V1SubscribeResponse>;
  };
}

/** `kuksa.val.v1.Datapoint`: its oneof is named `value`, so the virtual field names the member. */
export interface V1Datapoint {
  readonly timestamp?: Timestamp | null;
  readonly value?: string;
  readonly string?: string;
  readonly bool?: boolean;
  readonly uint32?: number;
  readonly float?: number;
  readonly double?: number;
}
export interface V1DataEntry {
  readonly path?: string;
  readonly value?: V1Datapoint | null;
  readonly actuator_target?: V1Datapoint | null;
}
export interface V1EntryUpdate {
  readonly entry?: V1DataEntry | null;
  readonly fields?: readonly string[];
}
export interface V1SubscribeRequest {
  readonly entries: readonly {
    readonly path: string;
    readonly view?: string;
    readonly fields: readonly string[];
  }[];
}
export interface V1SubscribeResponse {
  readonly updates?: readonly V1EntryUpdate[];
}

/** A v1 datapoint's value in the v2 shape (same members, same numbers in both protos). */
export function v1Value(dp: V1Datapoint | null | undefined): KuksaValue | null {
  switch (dp?.value) {
    case 'string':
      return { typed_value: 'string', string: dp.string ?? '' };
    case 'bool':
      return { typed_value: 'bool', bool: dp.bool ?? false };
    case 'uint32':
      return { typed_value: 'uint32', uint32: dp.uint32 ?? 0 };
    case 'float':
      return { typed_value: 'float', float: dp.float ?? 0 };
    case 'double':
      return { typed_value: 'double', double: dp.double ?? 0 };
    default:
      return null;
  }
}

let loaded: ValApi | null = null;

/** Loads `kuksa/val/v2/val.proto` and `kuksa/val/v1/val.proto` once. */
export function loadValApi(): ValApi {
  if (loaded) return loaded;
  const definition = protoLoader.loadSync(['kuksa/val/v2/val.proto', 'kuksa/val/v1/val.proto'], {
    includeDirs: [PROTO_DIR],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const service = definition['kuksa.val.v2.VAL'] as grpc.ServiceDefinition;
  const v1 = definition['kuksa.val.v1.VAL'] as grpc.ServiceDefinition;
  // The .proto is the contract: these names exist in it (a vendored update that drops one fails here).
  const method = <Req, Res>(name: string, from = service): grpc.MethodDefinition<Req, Res> => {
    const m = from[name];
    if (!m) throw new Error(`kuksa.val VAL has no ${name}`);
    return m as grpc.MethodDefinition<Req, Res>;
  };
  loaded = {
    service,
    methods: {
      PublishValue: method('PublishValue'),
      ListMetadata: method('ListMetadata'),
      OpenProviderStream: method('OpenProviderStream'),
      Actuate: method('Actuate'),
      GetValue: method('GetValue'),
    },
    v1: { service: v1, Subscribe: method('Subscribe', v1) },
  };
  return loaded;
}

/** KUKSA's `DataType` name for a VSS datatype (vss-tools writes the same into the databroker's JSON). */
export const KUKSA_DATA_TYPE: Readonly<Record<VssDatatype, string>> = {
  string: 'DATA_TYPE_STRING',
  boolean: 'DATA_TYPE_BOOLEAN',
  uint8: 'DATA_TYPE_UINT8',
  uint16: 'DATA_TYPE_UINT16',
  float: 'DATA_TYPE_FLOAT',
  double: 'DATA_TYPE_DOUBLE',
};

/**
 * The typed value KUKSA stores for a path, from the VISS string the gateway's encoder made for it
 * (KUKSA checks the member against the path's datatype: uint8/uint16 travel as `uint32`).
 */
export function toKuksaValue(
  path: string,
  text: string,
): { ok: true; value: KuksaValue } | { ok: false; error: string } {
  const spec = pathSpec(path);
  if (!spec) return { ok: false, error: `${path} is not a documented path` };
  switch (spec.datatype) {
    case 'string':
      return { ok: true, value: { typed_value: 'string', string: text } };
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { ok: true, value: { typed_value: 'bool', bool: text === 'true' } }
        : { ok: false, error: `${path}: not a boolean: ${text.slice(0, 40)}` };
    case 'uint8':
    case 'uint16': {
      const n = Number(text);
      const max = spec.datatype === 'uint8' ? 255 : 65535;
      return /^\d+$/.test(text) && n <= max
        ? { ok: true, value: { typed_value: 'uint32', uint32: n } }
        : { ok: false, error: `${path}: not a ${spec.datatype}: ${text.slice(0, 40)}` };
    }
    case 'float':
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n))
        return { ok: false, error: `${path}: not a number: ${text.slice(0, 40)}` };
      return spec.datatype === 'float'
        ? { ok: true, value: { typed_value: 'float', float: n } }
        : { ok: true, value: { typed_value: 'double', double: n } };
    }
  }
}

/** The member of a received `Value` that is set (proto-loader names it in `typed_value`). */
function member(value: KuksaValue): string | undefined {
  if (value.typed_value) return value.typed_value;
  return (['string', 'bool', 'uint32', 'float', 'double'] as const).find((k) => k in value);
}

/**
 * A typed value as KUKSA's VISS server writes it (`viss/v2/conversions.rs`: Rust's `to_string`).
 * A `float` is printed as Rust prints an f32: the shortest decimal that reads back as the same f32.
 */
export function kuksaValueToText(value: KuksaValue): string | null {
  switch (member(value)) {
    case 'string':
      return (value as { string: string }).string;
    case 'bool':
      return String((value as { bool: boolean }).bool);
    case 'uint32':
      return String((value as { uint32: number }).uint32);
    case 'double':
      return rustFloat((value as { double: number }).double);
    case 'float': {
      const f = Math.fround((value as { float: number }).float);
      for (let digits = 1; digits <= 9; digits++) {
        const text = rustFloat(Number(f.toPrecision(digits)));
        if (Math.fround(Number(text)) === f) return text;
      }
      return rustFloat(f);
    }
    default:
      return null;
  }
}

/** Rust's `Display` for f64: no exponent, and whole numbers without ".0" ("3", not "3.0"). */
function rustFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A protobuf Timestamp from epoch ms, and back. */
export function toTimestamp(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: Math.round(ms - seconds * 1000) * 1_000_000 };
}
export function fromTimestamp(ts: Timestamp | null | undefined): number | null {
  if (!ts) return null;
  return Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1_000_000);
}

/** gRPC call metadata with KUKSA's bearer token (its interceptor reads `authorization: Bearer …`). */
export function bearer(token: string | null): grpc.Metadata {
  const metadata = new grpc.Metadata();
  if (token !== null) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}
