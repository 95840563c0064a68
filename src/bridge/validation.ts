/**
 * The boundary check: every message from the vehicle (and every command to it) is validated here
 * before anything else sees it. A message that fails is refused as a whole — a malformed "ok" must
 * never make the HMI say "ready". Errors are one line: `<type>.<field>: expected …, got …`.
 *
 * Safety-critical events are the exception: a crash, an SOS press or a session report is never
 * dropped for an ancillary field. Such a field (crash severity, occupants, rollover, airbag, the
 * button's hold time, the session's transport and updated-data time) that is missing or out of range
 * is taken as unknown (null, or left out), and the validation names it in `unknownFields` so the
 * bridge logs and counts it. Only a message whose type, time or trigger is unreadable is refused.
 * The same holds for facts that must not be lost for a side detail: connectivity is taken without a
 * bad network eCall service, the vehicle's build facts with a bad field as unknown. A field an older
 * sender does not know at all (absent) is unknown without a note.
 *
 * The text conversation is ancillary to the call as a whole: a bad one is refused whole (the call
 * goes on without it).
 */
import * as v from 'valibot';
import { VEHICLE_COMMAND_TYPES, type VehicleCommand } from './commands.js';
import {
  CALL_ENDS,
  CALL_KINDS,
  CALL_SESSION_PHASES,
  CALL_TRANSPORTS,
  CHAIN_UNITS,
  DAY_NIGHT_MODES,
  DOOR_RELEASES,
  ECALL_SERVICES,
  GNSS_FIXES,
  IGNITION_STATES,
  LED_STATES,
  MAX_CONVERSATION_LINES,
  MAX_TEXT_LENGTH,
  MOST_NODES,
  MSD_STATES,
  POINT_OF_INTEREST_KINDS,
  POWERTRAINS,
  PRESET_PHRASES,
  SELF_TEST_ITEMS,
  TEXT_DELIVERIES,
  UNIT_STATUSES,
  VEHICLE_SIGNAL_TYPES,
  type CrashData,
  type VehicleSignal,
} from './signals.js';

export type SignalValidation =
  | {
      ok: true;
      signal: VehicleSignal;
      /** Ancillary fields taken as unknown (null, or left out), one line each (log and count them). */
      unknownFields?: readonly string[];
    }
  | { ok: false; error: string };
export type CommandValidation = { ok: true; command: VehicleCommand } | { ok: false; error: string };

const oneOf = (values: readonly string[]): string =>
  `expected one of ${values.map((x) => `"${x}"`).join(', ')}`;

const picklist = <T extends string>(values: readonly T[]) => v.picklist(values, oneOf(values));

const bool = () => v.boolean('expected true or false');

const text = (max: number) =>
  v.pipe(
    v.string(`expected a string of at most ${max} characters`),
    v.maxLength(max, `expected a string of at most ${max} characters`),
  );

/** A finite number within [min, max]; integer when asked. */
const range = (min: number, max: number, integer = false) => {
  const msg = `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
  return integer
    ? v.pipe(v.number(msg), v.finite(msg), v.integer(msg), v.minValue(min, msg), v.maxValue(max, msg))
    : v.pipe(v.number(msg), v.finite(msg), v.minValue(min, msg), v.maxValue(max, msg));
};

const nonNegative = (what: string) =>
  v.pipe(v.number(`expected ${what}`), v.finite(`expected ${what}`), v.minValue(0, `expected ${what}`));

const ts = nonNegative('a finite time in ms ≥ 0');

const mostNode = picklist(MOST_NODES);

const nodeList = v.pipe(
  v.array(mostNode, 'expected an array of MOST nodes'),
  v.maxLength(MOST_NODES.length, `expected at most ${MOST_NODES.length} nodes`),
  v.check((nodes) => new Set(nodes).size === nodes.length, 'expected no duplicate nodes'),
);

/**
 * A text as the occupants or the centre write it: 1 to `max` characters (Unicode code points, so an
 * emoji counts once), no NUL (the CAN text transport pads with it).
 */
const words = (max: number, what = 'a text') => {
  const msg = `expected ${what} of 1 to ${max} characters`;
  return v.pipe(
    v.string(msg),
    v.check((s) => {
      const n = [...s].length;
      return n >= 1 && n <= max;
    }, msg),
    v.check((s) => !s.includes('\u0000'), `expected ${what} without NUL characters`),
  );
};

/** One line of the conversation: a preset phrase from the occupants, or a text; exactly one. */
const conversationLine = v.pipe(
  v.object({
    id: v.pipe(
      v.number('expected an integer ≥ 0'),
      v.safeInteger('expected an integer ≥ 0'),
      v.minValue(0, 'expected an integer ≥ 0'),
    ),
    from: picklist(['centre', 'occupants'] as const),
    at: ts,
    phrase: v.nullable(picklist(PRESET_PHRASES)),
    // RFC 8147 text messages; the occupants' keyboard cuts at the same length.
    text: v.nullable(words(MAX_TEXT_LENGTH)),
    delivery: picklist(TEXT_DELIVERIES),
  }),
  v.check(
    (l) => (l.phrase === null) !== (l.text === null),
    'expected a preset phrase or a text, exactly one',
  ),
  v.check((l) => l.from === 'occupants' || l.phrase === null, 'expected no preset phrase from the centre'),
  v.check((l) => l.from === 'occupants' || l.delivery === 'delivered', 'expected a centre line delivered'),
);

/** BCP 47 language tag (RFC 5646), shape only: `de`, `en-GB`, `zh-Hant-TW`. */
const languageTag = v.pipe(
  v.string('expected a BCP 47 language tag'),
  v.maxLength(35, 'expected a BCP 47 language tag'),
  v.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'expected a BCP 47 language tag'),
);

/** A spoken text may carry its framing ("The emergency centre writes: …") around one message. */
const MAX_SPOKEN_LENGTH = 500;

/** A safety-critical event (or a fact) before its ancillary fields are taken one by one. */
type Loose<S extends VehicleSignal, K extends keyof S> = Omit<S, K> & { readonly [F in K]?: unknown };
type Checked =
  | Exclude<VehicleSignal, { type: 'crash' | 'callSession' | 'sosButton' | 'cellular' | 'vehicleConfig' }>
  | Loose<Extract<VehicleSignal, { type: 'crash' }>, keyof CrashData>
  | Loose<Extract<VehicleSignal, { type: 'callSession' }>, 'crash' | 'transport' | 'msdUpdatedAt'>
  | Loose<Extract<VehicleSignal, { type: 'sosButton' }>, 'heldMs'>
  | Loose<Extract<VehicleSignal, { type: 'cellular' }>, 'ecall'>
  | Loose<Extract<VehicleSignal, { type: 'vehicleConfig' }>, 'powertrain' | 'doorRelease'>;

const SIGNAL_SCHEMAS = {
  ignition: v.object({ type: v.literal('ignition'), ts, state: picklist(IGNITION_STATES) }),
  unitHealth: v.object({
    type: v.literal('unitHealth'),
    ts,
    unit: picklist(CHAIN_UNITS),
    status: picklist(UNIT_STATUSES),
    code: v.optional(text(64)),
  }),
  mostRing: v.pipe(
    v.object({
      type: v.literal('mostRing'),
      ts,
      nodes: v.pipe(nodeList, v.minLength(1, 'expected at least one node')),
      closed: bool(),
      silent: nodeList,
      breakBetween: v.optional(
        v.pipe(
          v.strictTuple([mostNode, mostNode], 'expected a pair of MOST nodes'),
          v.check(([a, b]) => a !== b, 'expected two different nodes'),
        ),
      ),
      bypassed: v.optional(nodeList),
    }),
    v.forward(
      v.check(
        (ring) => ring.silent.every((n) => ring.nodes.includes(n)),
        'expected only nodes that are on the ring',
      ),
      ['silent'],
    ),
    v.forward(
      v.check(
        (ring) => !ring.breakBetween || ring.breakBetween.every((n) => ring.nodes.includes(n)),
        'expected nodes that are on the ring',
      ),
      ['breakBetween'],
    ),
  ),
  gnss: v.object({
    type: v.literal('gnss'),
    ts,
    fix: picklist(GNSS_FIXES),
    latitude: v.nullable(range(-90, 90)),
    longitude: v.nullable(range(-180, 180)),
    headingDeg: v.nullable(range(0, 359)),
    trusted: bool(),
  }),
  cellular: v.object({
    type: v.literal('cellular'),
    ts,
    registered: bool(),
    signalBars: range(0, 5, true),
    // Ancillary: a bad value never costs the connectivity facts (checked in `takeAncillary`).
    ecall: v.optional(v.unknown()),
  }),
  sosButton: v.object({
    type: v.literal('sosButton'),
    ts,
    action: picklist(['press', 'release'] as const),
    // Ancillary: checked in `validateSignal`, dropped (never the press) when it is bad.
    heldMs: v.optional(v.unknown()),
  }),
  crash: v.object({
    type: v.literal('crash'),
    ts,
    // Ancillary: checked field by field in `takeCrashData`, never a reason to refuse the crash.
    severity: v.unknown(),
    airbagDeployed: v.unknown(),
    rollover: v.unknown(),
    occupants: v.unknown(),
  }),
  callSession: v.object({
    type: v.literal('callSession'),
    ts,
    seq: range(0, 65535, true),
    phase: picklist(CALL_SESSION_PHASES),
    kind: v.nullable(picklist(CALL_KINDS)),
    attempt: range(0, 255, true),
    triggeredAt: v.nullable(ts),
    cancelWindowEndsAt: v.nullable(ts),
    nextAttemptAt: v.nullable(ts),
    redialWindowEndsAt: v.nullable(ts),
    callbackWindowEndsAt: v.nullable(ts),
    failureReason: v.nullable(text(120)),
    callEnd: v.nullable(picklist(CALL_ENDS)),
    msd: picklist(MSD_STATES),
    voiceSince: v.nullable(ts),
    contactsNotified: bool(),
    cancellable: bool(),
    holdToEndMs: v.nullable(nonNegative('a finite duration in ms ≥ 0')),
    holdEndsAt: v.nullable(ts),
    // Ancillary, like the crash event's own fields.
    crash: v.unknown(),
    audioMuted: bool(),
    // Ancillary; absent from an older unit (EN 16062 only), taken as null without a note.
    transport: v.optional(v.unknown()),
    msdUpdatedAt: v.optional(v.unknown()),
  }),
  sosLed: v.object({ type: v.literal('sosLed'), ts, led: picklist(LED_STATES) }),
  commandAck: v.object({
    type: v.literal('commandAck'),
    ts,
    commandId: v.pipe(text(64), v.minLength(1, 'expected a non-empty string of at most 64 characters')),
    command: picklist(VEHICLE_COMMAND_TYPES),
    ok: bool(),
    error: v.optional(text(200)),
  }),
  selfTestResult: v.object({
    type: v.literal('selfTestResult'),
    ts,
    item: picklist(SELF_TEST_ITEMS),
    result: picklist(['pass', 'fail'] as const),
    code: v.optional(text(64)),
  }),
  pointsOfInterest: v.object({
    type: v.literal('pointsOfInterest'),
    ts,
    points: v.pipe(
      v.array(
        v.object({
          kind: picklist(POINT_OF_INTEREST_KINDS),
          name: text(80),
          address: text(120),
          latitude: range(-90, 90),
          longitude: range(-180, 180),
        }),
        'expected an array of points of interest',
      ),
      v.maxLength(20, 'expected at most 20 points'),
    ),
  }),
  dayNight: v.object({
    type: v.literal('dayNight'),
    ts,
    mode: picklist(DAY_NIGHT_MODES),
  }),
  conversation: v.object({
    type: v.literal('conversation'),
    ts,
    seq: range(0, 65535, true),
    lines: v.pipe(
      v.array(conversationLine, 'expected an array of lines'),
      v.maxLength(MAX_CONVERSATION_LINES, `expected at most ${MAX_CONVERSATION_LINES} lines`),
      v.check(
        (lines) => lines.every((l, i) => i === 0 || l.id > lines[i - 1]!.id),
        'expected line ids increasing, oldest first',
      ),
    ),
  }),
  hazardLights: v.object({ type: v.literal('hazardLights'), ts, on: bool() }),
  vehicleConfig: v.object({
    type: v.literal('vehicleConfig'),
    ts,
    // Ancillary: a value this HMI does not know is taken as unknown (checked in `takeAncillary`).
    powertrain: v.optional(v.unknown()),
    doorRelease: v.optional(v.unknown()),
  }),
} satisfies Record<VehicleSignal['type'], v.GenericSchema<unknown, Checked>>;

const COMMAND_SCHEMAS = {
  cancelCall: v.object({ type: v.literal('cancelCall') }),
  callNow: v.object({ type: v.literal('callNow') }),
  endCall: v.object({ type: v.literal('endCall') }),
  answerCallback: v.object({ type: v.literal('answerCallback') }),
  startTestCall: v.object({ type: v.literal('startTestCall') }),
  requestSelfTest: v.object({ type: v.literal('requestSelfTest') }),
  setRingBypass: v.object({ type: v.literal('setRingBypass'), unit: mostNode, bypassed: bool() }),
  startGuidance: v.object({
    type: v.literal('startGuidance'),
    name: text(80),
    latitude: range(-90, 90),
    longitude: range(-180, 180),
  }),
  sendText: v.pipe(
    v.object({
      type: v.literal('sendText'),
      phrase: v.nullable(picklist(PRESET_PHRASES)),
      text: v.nullable(
        v.pipe(
          words(MAX_TEXT_LENGTH),
          v.check((s) => s.trim() !== '', 'expected a text that is not blank'),
        ),
      ),
    }),
    v.check(
      (c) => (c.phrase === null) !== (c.text === null),
      'expected a preset phrase or a text, exactly one',
    ),
  ),
  setHazardLights: v.object({ type: v.literal('setHazardLights'), on: bool() }),
  speak: v.object({
    type: v.literal('speak'),
    text: words(MAX_SPOKEN_LENGTH),
    lang: v.nullable(languageTag),
  }),
} satisfies Record<VehicleCommand['type'], v.GenericSchema<unknown, VehicleCommand>>;

/** Checks a raw vehicle message; the result's `signal` carries only the known fields. */
export function validateSignal(raw: unknown): SignalValidation {
  const picked = pickSchema(raw, SIGNAL_SCHEMAS, VEHICLE_SIGNAL_TYPES, 'signal');
  if (!picked.ok) return picked;
  const result = v.safeParse(picked.schema, raw);
  if (!result.success) return { ok: false, error: describe(picked.type, result.issues[0]) };
  return takeAncillary(result.output);
}

const CRASH_FIELDS = {
  severity: range(1, 4, true),
  airbagDeployed: bool(),
  rollover: bool(),
  occupants: range(0, 9, true),
} satisfies Record<keyof CrashData, v.GenericSchema>;

/** Each crash field on its own: a bad one becomes null and is named in `unknown`. */
function takeCrashData(
  raw: { readonly [K in keyof CrashData]?: unknown },
  where: string,
  unknown: string[],
): CrashData {
  const field = <K extends keyof CrashData>(key: K): CrashData[K] | null => {
    const value = raw[key];
    // null is the sender's own "unknown": nothing wrong with the message.
    if (value === null) return null;
    const checked = v.safeParse(CRASH_FIELDS[key], value);
    if (checked.success) return checked.output as CrashData[K];
    unknown.push(`${where}.${key}: ${checked.issues[0].message}, got ${show(value)}; taken as unknown`);
    return null;
  };
  return {
    severity: field('severity'),
    airbagDeployed: field('airbagDeployed'),
    rollover: field('rollover'),
    occupants: field('occupants'),
  };
}

const CALL_TRANSPORT_FIELD = picklist(CALL_TRANSPORTS);
const ECALL_SERVICE_FIELD = picklist(ECALL_SERVICES);
const POWERTRAIN_FIELD = picklist(POWERTRAINS);
const DOOR_RELEASE_FIELD = picklist(DOOR_RELEASES);

/**
 * One ancillary field on its own: absent (an older sender) or null (the sender's own "unknown") is
 * null without a note; a bad value is null and named in `unknown`.
 */
function takeField<T>(
  value: unknown,
  schema: v.GenericSchema<unknown, T>,
  where: string,
  unknown: string[],
  taken = 'taken as unknown',
): T | null {
  if (value === undefined || value === null) return null;
  const checked = v.safeParse(schema, value);
  if (checked.success) return checked.output;
  unknown.push(`${where}: ${checked.issues[0].message}, got ${show(value)}; ${taken}`);
  return null;
}

/** Safety-critical events keep their trigger whatever their ancillary fields say. */
function takeAncillary(signal: Checked): SignalValidation {
  const unknown: string[] = [];
  let out: VehicleSignal;
  if (signal.type === 'crash') {
    out = { type: 'crash', ts: signal.ts, ...takeCrashData(signal, 'crash', unknown) };
  } else if (signal.type === 'callSession') {
    const raw = signal.crash;
    let crash: CrashData | null = null;
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      crash = takeCrashData(raw as Record<string, unknown>, 'callSession.crash', unknown);
    } else if (raw !== null) {
      unknown.push(`callSession.crash: expected an object or null, got ${show(raw)}; taken as unknown`);
      crash = { severity: null, airbagDeployed: null, rollover: null, occupants: null };
    }
    const transport = takeField(signal.transport, CALL_TRANSPORT_FIELD, 'callSession.transport', unknown);
    const msdUpdatedAt = takeField(signal.msdUpdatedAt, ts, 'callSession.msdUpdatedAt', unknown);
    out = { ...signal, crash, transport, msdUpdatedAt };
  } else if (signal.type === 'cellular') {
    const { ecall, ...facts } = signal;
    const service = takeField(ecall, ECALL_SERVICE_FIELD, 'cellular.ecall', unknown, 'left out');
    out = service === null ? facts : { ...facts, ecall: service };
  } else if (signal.type === 'vehicleConfig') {
    out = {
      ...signal,
      powertrain: takeField(signal.powertrain, POWERTRAIN_FIELD, 'vehicleConfig.powertrain', unknown),
      doorRelease: takeField(signal.doorRelease, DOOR_RELEASE_FIELD, 'vehicleConfig.doorRelease', unknown),
    };
  } else if (signal.type === 'sosButton') {
    const { heldMs, ...press } = signal;
    const checked = v.safeParse(nonNegative('a finite duration in ms ≥ 0'), heldMs);
    if (heldMs !== undefined && !checked.success) {
      unknown.push(`sosButton.heldMs: ${checked.issues[0].message}, got ${show(heldMs)}; left out`);
    }
    out = checked.success ? { ...press, heldMs: checked.output } : press;
  } else {
    out = signal;
  }
  return unknown.length ? { ok: true, signal: out, unknownFields: unknown } : { ok: true, signal: out };
}
/** Checks a command before it leaves for the vehicle (a gateway checks what reaches it the same way). */
export function validateCommand(raw: unknown): CommandValidation {
  const picked = pickSchema(raw, COMMAND_SCHEMAS, VEHICLE_COMMAND_TYPES, 'command');
  if (!picked.ok) return picked;
  const result = v.safeParse(picked.schema, raw);
  if (!result.success) return { ok: false, error: describe(picked.type, result.issues[0]) };
  return { ok: true, command: result.output };
}

function pickSchema<S>(
  raw: unknown,
  schemas: Record<string, S>,
  known: readonly string[],
  what: 'signal' | 'command',
): { ok: true; type: string; schema: S } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: `${what}: expected an object, got ${show(raw)}` };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string')
    return { ok: false, error: `${what}.type: expected a string, got ${show(type)}` };
  if (!known.includes(type) || !Object.hasOwn(schemas, type)) {
    return { ok: false, error: `unknown ${what} type ${show(type)} (known: ${known.join(', ')})` };
  }
  return { ok: true, type, schema: schemas[type]! };
}

function describe(type: string, issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? [])
    .map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
    .join('');
  const where = `${type}${path}`;
  // A required key that is absent: the object schema reports it on the key's path.
  if (issue.kind === 'schema' && issue.type === 'object' && issue.input === undefined) {
    return `${where}: missing`;
  }
  // Forwarded object-level checks carry the whole object as input: show the field's own value.
  const last = issue.path?.[issue.path.length - 1];
  const value = last && 'value' in last ? last.value : issue.input;
  return `${where}: ${issue.message}, got ${show(value)}`;
}

/** Short, one-line rendering of a bad value for an error message. */
function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
