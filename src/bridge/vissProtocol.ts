/**
 * W3C VISS v2 over WebSocket, as Eclipse KUKSA databroker implements it: the message shapes both
 * sides check with valibot before anything reads them. DOM-free: the browser bridge and the Node
 * gateway share this file.
 *
 * - Subprotocol `VISSv2`; actions `get`, `set`, `subscribe`, `unsubscribe`; pushes `subscription`.
 * - `requestId` and `subscriptionId` are strings; values travel as strings; `ts` is ISO 8601.
 * - Errors keep the action and ids and add `error: { number, reason, message }`. Reasons differ
 *   between the spec and KUKSA, so code switches on `number` only.
 */
import * as v from 'valibot';

export const VISS_SUBPROTOCOL = 'VISSv2';
/** KUKSA databroker's default VISS port. */
export const VISS_DEFAULT_PORT = 8090;

/** Error numbers the bridge understands (VISS v2 core, §"Error handling"). */
export const VISS_ERRORS = {
  badRequest: { number: 400, reason: 'bad_request' },
  unauthorized: { number: 401, reason: 'unauthorized' },
  forbidden: { number: 403, reason: 'forbidden_request' },
  notFound: { number: 404, reason: 'unavailable_data' },
  tooManyRequests: { number: 429, reason: 'too_many_requests' },
  internal: { number: 500, reason: 'internal_server_error' },
  notImplemented: { number: 501, reason: 'not_implemented' },
  unavailable: { number: 503, reason: 'service_unavailable' },
} as const;

const id = v.pipe(v.string('expected a string id'), v.minLength(1), v.maxLength(64));
const isoTs = v.pipe(v.string('expected an ISO 8601 time'), v.isoTimestamp('expected an ISO 8601 time'));
/** VISS values are strings; arrays of strings for array datatypes. */
const value = v.union([v.pipe(v.string(), v.maxLength(4096)), v.array(v.pipe(v.string(), v.maxLength(256)))]);
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
  v.object({ action: v.literal('get'), requestId: id, data, error, ts: v.optional(isoTs) }),
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

const authorization = v.optional(v.pipe(v.string(), v.maxLength(2048)));
const filter = v.optional(v.unknown());

/** Every request a VISS client may send (what the gateway accepts). */
export const VissRequestSchema = v.variant('action', [
  v.object({ action: v.literal('get'), path, requestId: id, filter, authorization }),
  v.object({ action: v.literal('set'), path, value, requestId: id, authorization }),
  v.object({ action: v.literal('subscribe'), path, requestId: id, filter, authorization }),
  v.object({ action: v.literal('unsubscribe'), subscriptionId: id, requestId: id, authorization }),
]);
export type VissRequest = v.InferOutput<typeof VissRequestSchema>;

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
  return parseWith(VissRequestSchema, text, 'viss request');
}

/** VISS timestamps: ISO 8601 UTC with milliseconds. */
export function vissTs(ms: number): string {
  return new Date(ms).toISOString();
}

/** The datapoints of a `data` member, flattened (VISS allows one or several paths and dps). */
export function datapoints(
  d: VissData | readonly VissData[] | undefined,
): { path: string; value: string | string[]; ts: string }[] {
  if (!d) return [];
  // Array.isArray narrows a readonly array to any[]: the assertion keeps the element type.
  const list = (Array.isArray(d) ? d : [d]) as readonly VissData[];
  const out: { path: string; value: string | string[]; ts: string }[] = [];
  for (const item of list) {
    const dps = Array.isArray(item.dp) ? item.dp : [item.dp];
    for (const dp of dps) out.push({ path: item.path, value: dp.value, ts: dp.ts });
  }
  return out;
}
