/**
 * The boundary check: every message from the vehicle (and every command to it) is validated here
 * before anything else sees it. A message that fails is refused as a whole — a malformed "ok" must
 * never make the HMI say "ready". Errors are one line: `<type>.<field>: expected …, got …`.
 */
import * as v from 'valibot';
import { CALL_KINDS, LED_STATES, VEHICLE_COMMAND_TYPES, type VehicleCommand } from './commands.js';
import {
  CALL_PROGRESS_PHASES,
  CHAIN_UNITS,
  DAY_NIGHT_MODES,
  GNSS_FIXES,
  IGNITION_STATES,
  MOST_NODES,
  POINT_OF_INTEREST_KINDS,
  SELF_TEST_ITEMS,
  UNIT_STATUSES,
  VEHICLE_SIGNAL_TYPES,
  type VehicleSignal,
} from './signals.js';

export type SignalValidation = { ok: true; signal: VehicleSignal } | { ok: false; error: string };
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
  }),
  sosButton: v.object({
    type: v.literal('sosButton'),
    ts,
    action: picklist(['press', 'release'] as const),
    heldMs: v.optional(nonNegative('a finite duration in ms ≥ 0')),
  }),
  crash: v.object({
    type: v.literal('crash'),
    ts,
    severity: range(1, 4, true),
    airbagDeployed: bool(),
    rollover: bool(),
    occupants: range(0, 9, true),
  }),
  callProgress: v.object({
    type: v.literal('callProgress'),
    ts,
    phase: picklist(CALL_PROGRESS_PHASES),
    reason: v.optional(text(120)),
    kind: v.optional(picklist(CALL_KINDS)),
  }),
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
} satisfies Record<VehicleSignal['type'], v.GenericSchema<unknown, VehicleSignal>>;

const COMMAND_SCHEMAS = {
  startCall: v.object({ type: v.literal('startCall'), kind: picklist(CALL_KINDS) }),
  endCall: v.object({ type: v.literal('endCall') }),
  answerCallback: v.object({ type: v.literal('answerCallback') }),
  setLed: v.object({ type: v.literal('setLed'), led: picklist(LED_STATES) }),
  muteAudio: v.object({ type: v.literal('muteAudio'), muted: bool() }),
  requestSelfTest: v.object({ type: v.literal('requestSelfTest') }),
  setRingBypass: v.object({ type: v.literal('setRingBypass'), unit: mostNode, bypassed: bool() }),
  startGuidance: v.object({
    type: v.literal('startGuidance'),
    name: text(80),
    latitude: range(-90, 90),
    longitude: range(-180, 180),
  }),
} satisfies Record<VehicleCommand['type'], v.GenericSchema<unknown, VehicleCommand>>;

/** Checks a raw vehicle message; the result's `signal` carries only the known fields. */
export function validateSignal(raw: unknown): SignalValidation {
  const picked = pickSchema(raw, SIGNAL_SCHEMAS, VEHICLE_SIGNAL_TYPES, 'signal');
  if (!picked.ok) return picked;
  const result = v.safeParse(picked.schema, raw);
  if (!result.success) return { ok: false, error: describe(picked.type, result.issues[0]) };
  return { ok: true, signal: result.output };
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
