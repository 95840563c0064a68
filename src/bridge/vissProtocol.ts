/**
 * W3C VISS v2 over WebSocket, as Eclipse KUKSA databroker implements it: the message shapes both
 * sides check with valibot before anything reads them. DOM-free: the browser bridge and the Node
 * gateway share this file. KUKSA's own code is the reference (eclipse-kuksa/kuksa-databroker,
 * `databroker/src/viss/v2/types.rs`); where it and the W3C text differ, docs/kuksa.md has the table.
 *
 * - Subprotocol `VISSv2` (a socket without one is taken as VISSv2); actions `get`, `set`,
 *   `subscribe`, `unsubscribe`; pushes `subscription`.
 * - `requestId` and `subscriptionId` are strings (KUKSA: subscription ids are UUIDs); values travel
 *   as strings, arrays of strings, or `null` (a path that exists but has no value yet); `ts` is
 *   ISO 8601 UTC with milliseconds.
 * - Errors keep the action and ids and add `error: { number, reason, message }`. A request the server
 *   cannot parse is answered with `action` and `requestId` null when it cannot tell them.
 * - Authorization: a JWT in each request's `authorization` field (KUKSA's model).
 */
import * as v from 'valibot';

export const VISS_SUBPROTOCOL = 'VISSv2';
/** KUKSA databroker's default VISS port. */
export const VISS_DEFAULT_PORT = 8090;

/**
 * Errors, with KUKSA's numbers, reasons and default messages (`types.rs`, `impl From<Error> for
 * ErrorSpec`). 429 is the gateway's own (KUKSA has no rate limit); its text is the spec's.
 */
export const VISS_ERRORS = {
  badRequest: {
    number: 400,
    reason: 'bad_request',
    message: 'The server is unable to fulfil the client request because the request is malformed.',
  },
  tokenExpired: { number: 401, reason: 'token_expired', message: 'Access token has expired.' },
  tokenInvalid: { number: 401, reason: 'token_invalid', message: 'Access token is invalid.' },
  tokenMissing: { number: 401, reason: 'token_missing', message: 'Access token is missing.' },
  readOnly: {
    number: 401,
    reason: 'read_only',
    message: 'The desired signal cannot be set since it is a read only signal.',
  },
  forbidden: {
    number: 403,
    reason: 'user_forbidden',
    message: 'The user is not permitted to access the requested resource. Retrying does not help.',
  },
  invalidPath: { number: 404, reason: 'invalid_path', message: 'The specified data path does not exist.' },
  unavailableData: { number: 404, reason: 'unavailable_data', message: 'The requested data was not found.' },
  invalidSubscriptionId: {
    number: 404,
    reason: 'invalid_subscription_id',
    message: 'The specified subscription was not found.',
  },
  tooManyRequests: {
    number: 429,
    reason: 'too_many_requests',
    message: 'The client has sent the server too many requests in a given amount of time.',
  },
  internal: {
    number: 500,
    reason: 'internal_server_error',
    message: 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  },
  notImplemented: {
    number: 501,
    reason: 'not_implemented',
    message: 'The server does not support the functionality required to fulfill the request.',
  },
  unavailable: {
    number: 503,
    reason: 'service_unavailable',
    message: 'The server is temporarily unable to handle the request.',
  },
} as const;
export type VissErrorKey = keyof typeof VISS_ERRORS;

/** 401 reasons that mean "this display's token is missing, invalid or expired" (not `read_only`). */
export const TOKEN_REASONS: ReadonlySet<string> = new Set([
  'token_missing',
  'token_invalid',
  'token_expired',
]);

const id = v.pipe(v.string('expected a string id'), v.minLength(1), v.maxLength(64));
const isoTs = v.pipe(v.string('expected an ISO 8601 time'), v.isoTimestamp('expected an ISO 8601 time'));
/**
 * The longest VISS string value: a whole text conversation (40 lines of 160 characters, escaped as
 * JSON) fits, and it stays within the 64 KiB a message may have.
 */
export const MAX_VISS_VALUE_LENGTH = 64 * 1024;
/** VISS values are strings; arrays of strings for array datatypes; null: the path has no value yet (KUKSA). */
const value = v.nullable(
  v.union([
    v.pipe(v.string(), v.maxLength(MAX_VISS_VALUE_LENGTH)),
    v.array(v.pipe(v.string(), v.maxLength(256))),
  ]),
);
const path = v.pipe(
  v.string('expected a VSS path'),
  v.regex(/^[A-Za-z0-9_.]{1,200}$/, 'expected a VSS path'),
);

export const VissDatapointSchema = v.object({ value, ts: isoTs });
export const VissDataSchema = v.object({
  path,
  dp: v.union([VissDatapointSchema, v.array(VissDatapointSchema)]),
});
export const VissErrorSchema = v.object({
  number: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)),
  reason: v.optional(v.pipe(v.string(), v.maxLength(100))),
  message: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
const data = v.optional(v.union([VissDataSchema, v.array(VissDataSchema)]));
const error = v.optional(VissErrorSchema);

/** Every message a VISS server sends: responses to the client's requests and subscription pushes. */
export const VissServerMessageSchema = v.variant('action', [
  v.object({
    action: v.literal('get'),
    requestId: id,
    data,
    metadata: v.optional(v.record(v.string(), v.unknown())),
    error,
    ts: v.optional(isoTs),
  }),
  v.object({ action: v.literal('set'), requestId: id, error, ts: v.optional(isoTs) }),
  v.object({
    action: v.literal('subscribe'),
    requestId: id,
    subscriptionId: v.optional(id),
    error,
    ts: v.optional(isoTs),
  }),
  v.object({
    action: v.literal('unsubscribe'),
    requestId: id,
    subscriptionId: v.optional(id),
    error,
    ts: v.optional(isoTs),
  }),
  v.object({ action: v.literal('subscription'), subscriptionId: id, data, error, ts: v.optional(isoTs) }),
]);
export type VissServerMessage = v.InferOutput<typeof VissServerMessageSchema>;
export type VissData = v.InferOutput<typeof VissDataSchema>;
export type VissError = v.InferOutput<typeof VissErrorSchema>;

/**
 * The schemas of a client's requests: only the gateway parses requests, so they are built on first
 * use and the browser build, which never does, drops them (the bundler keeps a schema built at the
 * top level of a module, unused or not).
 */
function buildRequestSchema() {
  const authorization = v.nullish(v.pipe(v.string(), v.maxLength(8192)));
  /**
   * Any string (KUKSA: `Path(String)`, `RequestId(String)`): an unknown path, a branch or a wildcard
   * is answered 404 `invalid_path`. Frames are at most 64 KiB, which bounds them.
   */
  const requestPath = v.string('expected a VSS path');
  const requestId = v.string('expected a string id');
  /** The filters KUKSA knows (`types.rs`, `enum Filter`); any other `type` makes the request malformed. */
  const filter = v.nullish(
    v.variant('type', [
      v.object({ type: v.literal('static-metadata') }),
      v.object({
        type: v.literal('paths'),
        parameter: v.array(v.string()),
      }),
      v.object({
        type: v.literal('timebased'),
        parameter: v.object({
          period: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4294967295)),
        }),
      }),
    ]),
  );
  /**
   * Every request a VISS client may send (what the gateway accepts), field by field as KUKSA's
   * `Request` deserializes it: unknown fields are ignored; a missing or mistyped field, an unknown
   * action or filter makes the whole request malformed (400).
   */
  return v.variant('action', [
    v.object({ action: v.literal('get'), path: requestPath, requestId, filter, authorization }),
    v.object({ action: v.literal('set'), path: requestPath, value, requestId, authorization }),
    v.object({ action: v.literal('subscribe'), path: requestPath, requestId, filter, authorization }),
    v.object({ action: v.literal('unsubscribe'), subscriptionId: requestId, requestId }),
  ]);
}
type VissRequestSchema = ReturnType<typeof buildRequestSchema>;
let requestSchema: VissRequestSchema | undefined;
const vissRequestSchema = (): VissRequestSchema => (requestSchema ??= buildRequestSchema());
export type VissRequest = v.InferOutput<VissRequestSchema>;
export type VissFilter = NonNullable<Extract<VissRequest, { action: 'get' }>['filter']>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, text: string, what: string): ParseResult<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: `${what}: not JSON` };
  }
  const result = v.safeParse(schema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.');
    return { ok: false, error: `${what}${where ? `.${where}` : ''}: ${issue.message}` };
  }
  return { ok: true, message: result.output };
}

/** Checks a message from a VISS server (the browser bridge's boundary). */
export function parseVissServerMessage(text: string): ParseResult<VissServerMessage> {
  return parseWith(VissServerMessageSchema, text, 'viss');
}

/** Checks a request from a VISS client (the gateway's boundary). */
export function parseVissRequest(text: string): ParseResult<VissRequest> {
  return parseWith(vissRequestSchema(), text, 'viss request');
}

/** Checks one already-parsed JSON value as a request (a frame may hold several, `splitJsonFrame`). */
export function parseVissRequestValue(raw: unknown): ParseResult<VissRequest> {
  const result = v.safeParse(vissRequestSchema(), raw);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  const where = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return { ok: false, error: `viss request${where ? `.${where}` : ''}: ${issue.message}` };
}

/**
 * KUKSA's answer to a request it cannot parse (`GenericErrorResponse`): `action` and `requestId` only
 * when the whole frame reads as one object with those as strings (or absent), else null; no `ts`.
 */
export const VissGenericErrorSchema = v.object({
  action: v.nullable(v.string()),
  requestId: v.nullable(v.string()),
  error: VissErrorSchema,
});
export type VissGenericError = v.InferOutput<typeof VissGenericErrorSchema>;

/** The ids KUKSA echoes for a frame it could not parse (`parse_v2_error`: `GenericRequest`). */
export function genericIds(text: string): { action: string | null; requestId: string | null } {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const r = raw as { action?: unknown; requestId?: unknown };
      const ok = (x: unknown) => x === undefined || x === null || typeof x === 'string';
      if (ok(r.action) && ok(r.requestId))
        return {
          action: typeof r.action === 'string' ? r.action : null,
          requestId: typeof r.requestId === 'string' ? r.requestId : null,
        };
    }
  } catch {
    // Not one JSON value (malformed, or several in one frame).
  }
  return { action: null, requestId: null };
}

/** VISS timestamps: ISO 8601 UTC with milliseconds. */
export function vissTs(ms: number): string {
  return new Date(ms).toISOString();
}

/** The datapoints of a `data` member, flattened (VISS allows one or several paths and dps). */
export function datapoints(
  d: VissData | readonly VissData[] | undefined,
): { path: string; value: string | string[] | null; ts: string }[] {
  if (!d) return [];
  // Array.isArray narrows a readonly array to any[]: the assertion keeps the element type.
  const list = (Array.isArray(d) ? d : [d]) as readonly VissData[];
  const out: { path: string; value: string | string[] | null; ts: string }[] = [];
  for (const item of list) {
    const dps = Array.isArray(item.dp) ? item.dp : [item.dp];
    for (const dp of dps) out.push({ path: item.path, value: dp.value, ts: dp.ts });
  }
  return out;
}

/**
 * Splits one WebSocket text frame into the JSON values it holds, as KUKSA's serde
 * `StreamDeserializer` reads them: values one after another (whitespace between is optional for
 * objects and arrays); an empty or blank frame holds none. The first value that is not well-formed
 * JSON ends the frame: it is returned as `{ ok: false }` and nothing after it is read.
 */
export function splitJsonFrame(text: string): ({ ok: true; value: unknown } | { ok: false })[] {
  const out: ({ ok: true; value: unknown } | { ok: false })[] = [];
  let i = 0;
  const n = text.length;
  const isWs = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
  while (true) {
    while (i < n && isWs(text[i])) i++;
    if (i >= n) return out;
    const start = i;
    const first = text[i];
    if (first === '{' || first === '[') {
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
      }
      if (depth !== 0) {
        out.push({ ok: false });
        return out;
      }
    } else {
      // A scalar runs to the next whitespace or bracket (serde needs a delimiter after numbers).
      if (first === '"') {
        i++;
        while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        i++;
      } else while (i < n && !isWs(text[i]) && text[i] !== '{' && text[i] !== '[') i++;
    }
    try {
      out.push({ ok: true, value: JSON.parse(text.slice(start, i)) });
    } catch {
      out.push({ ok: false });
      return out;
    }
  }
}
