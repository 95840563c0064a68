/**
 * The mapping between the HMI's `VehicleSignal`s / `VehicleCommand`s and VSS paths, shared by the
 * browser bridge (decode) and the Node gateway (encode). DOM-free.
 *
 * Standard COVESA VSS paths where one exists; everything else lives in the project overlay
 * `vss/sos-overlay.vspec` under `Vehicle.Private.SOS`. Rules (docs/bridge-protocol.md):
 * - Values travel as strings and are parsed by the path's VSS datatype.
 * - A composite state that must stay consistent (the MOST ring) travels as one JSON string.
 * - Event-like signals (button, crash, self-test result) are JSON strings with a sequence number
 *   `seq`: a repeated value with the same `seq` is the same event, never a new one.
 * - The telematics unit's call session is a state, one JSON string with the unit's own `seq`: sent on
 *   subscribe, and every repeat is delivered (the HMI keeps the latest). So is its text conversation
 *   (`Call.Conversation`, the whole conversation with its own `seq`).
 * - Facts whose value this HMI may not know (a newer network eCall service, powertrain or door
 *   release) are `ancillary`: a value outside `allowed` is passed on, and validation takes that field
 *   as unknown and notes it, instead of refusing the whole signal.
 * - Commands are VISS `set` on `Vehicle.Private.SOS.Command.*`; the `set` response is the vehicle's
 *   acknowledgement. The HMI only asks: the telematics unit owns the call.
 */
import type { VehicleCommand } from './commands.js';
import type {
  ChainUnit,
  DoorRelease,
  EcallService,
  GnssFix,
  IgnitionState,
  LedState,
  Powertrain,
  VehicleSignal,
} from './signals.js';
import { CHAIN_UNITS } from './signals.js';

export type VssDatatype = 'string' | 'boolean' | 'uint8' | 'uint16' | 'float' | 'double';

export interface VssPathSpec {
  readonly path: string;
  readonly datatype: VssDatatype;
  readonly type: 'sensor' | 'actuator' | 'attribute';
  /** True for paths the project overlay defines (COVESA VSS has no such signal). */
  readonly overlay: boolean;
  readonly allowed?: readonly string[];
  /** Value is a JSON document (see the overlay's description, gateway/vssDescriptions.ts). */
  readonly json?: boolean;
  /** Event-like: only live values count; never replayed on subscribe. */
  readonly event?: boolean;
  /**
   * A JSON state whose every repeat is delivered (the client keeps the latest): never taken for an
   * old event. Other JSON values that repeat unchanged are delivered once.
   */
  readonly repeats?: boolean;
  /**
   * An ancillary field of its signal: a value outside `allowed` is not refused here, validation takes
   * the field as unknown and notes it (a newer sender's value must not cost the rest of the signal).
   */
  readonly ancillary?: boolean;
}

const SOS = 'Vehicle.Private.SOS';

/** VSS branch names of the chain units (UpperCamelCase, as VSS names branches). */
export const UNIT_BRANCH: Readonly<Record<ChainUnit, string>> = {
  telematics: 'Telematics',
  'sos-button': 'SosButton',
  'crash-sensor': 'CrashSensor',
  gnss: 'Gnss',
  cellular: 'Cellular',
  microphone: 'Microphone',
  amplifier: 'Amplifier',
  'hands-free': 'HandsFree',
  'backup-battery': 'BackupBattery',
  'head-unit': 'HeadUnit',
};

export const PATHS = {
  lowVoltageSystemState: 'Vehicle.LowVoltageSystemState',
  latitude: 'Vehicle.CurrentLocation.Latitude',
  longitude: 'Vehicle.CurrentLocation.Longitude',
  heading: 'Vehicle.CurrentLocation.Heading',
  fixType: 'Vehicle.CurrentLocation.GNSSReceiver.FixType',
  positionTrusted: `${SOS}.Gnss.IsPositionTrusted`,
  connectivity: 'Vehicle.Connectivity.IsConnectivityAvailable',
  signalBars: `${SOS}.Cellular.SignalBars`,
  ecallService: `${SOS}.Cellular.EcallService`,
  airbagDeployed: 'Vehicle.Cabin.Seat.Row1.DriverSide.Airbag.IsDeployed',
  vin: 'Vehicle.VehicleIdentification.VIN',
  vinLast7: `${SOS}.VinLast7`,
  ringLocked: `${SOS}.MostRing.IsLocked`,
  ringState: `${SOS}.MostRing.State`,
  buttonEvent: `${SOS}.Button.Event`,
  crashEvent: `${SOS}.Crash.Event`,
  callSession: `${SOS}.Call.Session`,
  conversation: `${SOS}.Call.Conversation`,
  hazardLights: 'Vehicle.Body.Lights.Hazard.IsSignaling',
  powertrainType: 'Vehicle.Powertrain.Type',
  doorRelease: `${SOS}.Rescue.DoorRelease`,
  ledState: `${SOS}.Led.State`,
  busState: `${SOS}.Bus.State`,
  selfTestResult: `${SOS}.SelfTest.Result`,
  pointsOfInterest: `${SOS}.PointsOfInterest`,
  dayNightMode: 'Vehicle.Cabin.Infotainment.HMI.DayNightMode',
  unitStatus: (unit: ChainUnit) => `${SOS}.Unit.${UNIT_BRANCH[unit]}.Status`,
  unitCode: (unit: ChainUnit) => `${SOS}.Unit.${UNIT_BRANCH[unit]}.Code`,
  command: {
    cancelCall: `${SOS}.Command.CancelCall`,
    callNow: `${SOS}.Command.CallNow`,
    endCall: `${SOS}.Command.EndCall`,
    answerCallback: `${SOS}.Command.AnswerCallback`,
    startTestCall: `${SOS}.Command.StartTestCall`,
    requestSelfTest: `${SOS}.Command.RequestSelfTest`,
    setRingBypass: `${SOS}.Command.RingBypass`,
    startGuidance: `${SOS}.Command.StartGuidance`,
    sendText: `${SOS}.Command.SendText`,
    // VSS actuator: the request sets its target; the lights' report comes back as its current value.
    setHazardLights: 'Vehicle.Body.Lights.Hazard.IsSignaling',
    speak: `${SOS}.Command.Speak`,
  } satisfies Record<VehicleCommand['type'], string>,
} as const;

const LOW_VOLTAGE_STATES = ['UNDEFINED', 'LOCK', 'OFF', 'ACC', 'ON', 'START'] as const;
const FIX_TYPES = ['NONE', 'TWO_D', 'THREE_D'] as const;
const UNIT_STATUS_VALUES = ['OK', 'DEGRADED', 'FAULT'] as const;
const DAY_NIGHT_VALUES = ['DAY', 'NIGHT'] as const;
/** `Led.State` values, in `LED_STATES` order (VSS enumerations are upper case). */
export const LED_VALUES = ['OFF', 'GREEN_BLINKING', 'GREEN_STEADY', 'RED'] as const;
const LED_TO_VSS: Readonly<Record<LedState, (typeof LED_VALUES)[number]>> = {
  off: 'OFF',
  'green-blinking': 'GREEN_BLINKING',
  'green-steady': 'GREEN_STEADY',
  red: 'RED',
};
const LED_FROM_VSS: ReadonlyMap<string, LedState> = new Map(
  Object.entries(LED_TO_VSS).map(([led, value]) => [value, led as LedState]),
);
export const BUS_STATES = ['ACTIVE', 'PARTLY_STALE', 'SILENT', 'DOWN'] as const;
/** `Cellular.EcallService` values, by the HMI's `EcallService`. */
export const ECALL_SERVICE_TO_VSS: Readonly<Record<EcallService, string>> = {
  ngECall: 'NG_ECALL',
  eCall: 'ECALL',
  none: 'NONE',
};
/** `Vehicle.Powertrain.Type` (VSS 4.0 `allowed`), by the HMI's `Powertrain`. */
export const POWERTRAIN_TO_VSS: Readonly<Record<Powertrain, string>> = {
  combustion: 'COMBUSTION',
  hybrid: 'HYBRID',
  electric: 'ELECTRIC',
};
/** `Rescue.DoorRelease` values, by the HMI's `DoorRelease`. */
export const DOOR_RELEASE_TO_VSS: Readonly<Record<DoorRelease, string>> = {
  innerHandle: 'INNER_HANDLE',
  leverBesideWindowSwitch: 'LEVER_BESIDE_WINDOW_SWITCH',
  cableInDoorPocket: 'CABLE_IN_DOOR_POCKET',
};
const invert = (table: Readonly<Record<string, string>>): ReadonlyMap<string, string> =>
  new Map(Object.entries(table).map(([hmi, vss]) => [vss, hmi]));
const ECALL_SERVICE_FROM_VSS = invert(ECALL_SERVICE_TO_VSS);
const POWERTRAIN_FROM_VSS = invert(POWERTRAIN_TO_VSS);
const DOOR_RELEASE_FROM_VSS = invert(DOOR_RELEASE_TO_VSS);

/** Every path the project uses, with its datatype: the overlay file and the docs list the same. */
export const VSS_PATHS: readonly VssPathSpec[] = [
  {
    path: PATHS.lowVoltageSystemState,
    datatype: 'string',
    type: 'sensor',
    overlay: false,
    allowed: LOW_VOLTAGE_STATES,
  },
  { path: PATHS.latitude, datatype: 'double', type: 'sensor', overlay: false },
  {
    path: PATHS.longitude,
    datatype: 'double',
    type: 'sensor',
    overlay: false,
  },
  {
    path: PATHS.heading,
    datatype: 'double',
    type: 'sensor',
    overlay: false,
  },
  {
    path: PATHS.fixType,
    datatype: 'string',
    type: 'sensor',
    overlay: false,
    allowed: FIX_TYPES,
  },
  {
    path: PATHS.positionTrusted,
    datatype: 'boolean',
    type: 'sensor',
    overlay: true,
  },
  // Before the cellular facts it belongs to: a page subscribing gets it before they complete the signal.
  {
    path: PATHS.ecallService,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    allowed: Object.values(ECALL_SERVICE_TO_VSS),
    ancillary: true,
  },
  {
    path: PATHS.connectivity,
    datatype: 'boolean',
    type: 'sensor',
    overlay: false,
  },
  {
    path: PATHS.signalBars,
    datatype: 'uint8',
    type: 'sensor',
    overlay: true,
  },
  {
    path: PATHS.airbagDeployed,
    datatype: 'boolean',
    type: 'sensor',
    overlay: false,
  },
  {
    path: PATHS.vin,
    datatype: 'string',
    type: 'attribute',
    overlay: false,
  },
  {
    path: PATHS.vinLast7,
    datatype: 'string',
    type: 'attribute',
    overlay: true,
  },
  {
    path: PATHS.ringLocked,
    datatype: 'boolean',
    type: 'sensor',
    overlay: true,
  },
  {
    path: PATHS.ringState,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
  },
  {
    path: PATHS.buttonEvent,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
    event: true,
  },
  {
    path: PATHS.crashEvent,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
    event: true,
  },
  {
    path: PATHS.callSession,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
    repeats: true,
  },
  {
    path: PATHS.conversation,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
    repeats: true,
  },
  {
    path: PATHS.ledState,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    allowed: LED_VALUES,
  },
  {
    path: PATHS.selfTestResult,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
    event: true,
  },
  {
    path: PATHS.pointsOfInterest,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    json: true,
  },
  {
    path: PATHS.dayNightMode,
    datatype: 'string',
    type: 'actuator',
    overlay: false,
    allowed: DAY_NIGHT_VALUES,
  },
  {
    path: PATHS.busState,
    datatype: 'string',
    type: 'sensor',
    overlay: true,
    allowed: BUS_STATES,
  },
  // VSS 4.0 Body.Lights.Hazard (SignalingLights.vspec): an actuator; its current value is the lights.
  { path: PATHS.hazardLights, datatype: 'boolean', type: 'actuator', overlay: false },
  {
    path: PATHS.powertrainType,
    datatype: 'string',
    type: 'attribute',
    overlay: false,
    allowed: Object.values(POWERTRAIN_TO_VSS),
    ancillary: true,
  },
  {
    path: PATHS.doorRelease,
    datatype: 'string',
    type: 'attribute',
    overlay: true,
    allowed: Object.values(DOOR_RELEASE_TO_VSS),
    ancillary: true,
  },
  ...CHAIN_UNITS.flatMap((unit): VssPathSpec[] => [
    {
      path: PATHS.unitStatus(unit),
      datatype: 'string',
      type: 'sensor',
      overlay: true,
      allowed: UNIT_STATUS_VALUES,
    },
    {
      path: PATHS.unitCode(unit),
      datatype: 'string',
      type: 'sensor',
      overlay: true,
    },
  ]),
  ...(['cancelCall', 'callNow', 'endCall', 'answerCallback', 'startTestCall'] as const).map(
    (request): VssPathSpec => ({
      path: PATHS.command[request],
      datatype: 'boolean',
      type: 'actuator',
      overlay: true,
      allowed: ['true'],
    }),
  ),
  {
    path: PATHS.command.requestSelfTest,
    datatype: 'boolean',
    type: 'actuator',
    overlay: true,
    allowed: ['true'],
  },
  {
    path: PATHS.command.setRingBypass,
    datatype: 'string',
    type: 'actuator',
    overlay: true,
    json: true,
  },
  {
    path: PATHS.command.startGuidance,
    datatype: 'string',
    type: 'actuator',
    overlay: true,
    json: true,
  },
  {
    path: PATHS.command.sendText,
    datatype: 'string',
    type: 'actuator',
    overlay: true,
    json: true,
  },
  {
    path: PATHS.command.speak,
    datatype: 'string',
    type: 'actuator',
    overlay: true,
    json: true,
  },
];

const SPEC_BY_PATH = new Map(VSS_PATHS.map((s) => [s.path, s]));

export function pathSpec(path: string): VssPathSpec | undefined {
  return SPEC_BY_PATH.get(path);
}

/**
 * Actuators and attributes the HMI reads: DayNightMode and the hazard lights are actuators in VSS
 * (their current value is what the car does), the powertrain and door release attributes.
 */
const FOLLOWED: ReadonlySet<string> = new Set([
  PATHS.dayNightMode,
  PATHS.hazardLights,
  PATHS.powertrainType,
  PATHS.doorRelease,
]);

/** Paths the HMI subscribes to (everything it reads; not commands, VIN or bus state). */
export const SUBSCRIBED_PATHS: readonly string[] = VSS_PATHS.filter(
  (s) =>
    (s.type === 'sensor' || FOLLOWED.has(s.path)) &&
    s.path !== PATHS.airbagDeployed &&
    s.path !== PATHS.busState,
).map((s) => s.path);

// ------------------------------------------------------------------ encode (gateway)

export interface VssUpdate {
  readonly path: string;
  readonly value: string;
}

const IGNITION_TO_VSS: Readonly<Record<IgnitionState, string>> = { off: 'OFF', accessory: 'ACC', on: 'ON' };
const FIX_TO_VSS: Readonly<Record<GnssFix, string>> = { none: 'NONE', '2d': 'TWO_D', '3d': 'THREE_D' };

/**
 * The VSS updates a signal becomes, in publishing order (parts before the value that completes them).
 * Event-like signals need `seq` (the gateway's event counter); the call session carries its own.
 * `commandAck` is not a VSS value: it is the `set` response.
 */
export function signalToVss(signal: VehicleSignal, seq: number): VssUpdate[] {
  switch (signal.type) {
    case 'ignition':
      return [{ path: PATHS.lowVoltageSystemState, value: IGNITION_TO_VSS[signal.state] }];
    case 'gnss': {
      const out: VssUpdate[] = [];
      if (signal.latitude !== null) out.push({ path: PATHS.latitude, value: String(signal.latitude) });
      if (signal.longitude !== null) out.push({ path: PATHS.longitude, value: String(signal.longitude) });
      if (signal.headingDeg !== null) out.push({ path: PATHS.heading, value: String(signal.headingDeg) });
      out.push({ path: PATHS.positionTrusted, value: String(signal.trusted) });
      out.push({ path: PATHS.fixType, value: FIX_TO_VSS[signal.fix] });
      return out;
    }
    case 'cellular':
      return [
        // A unit that does not say leaves the path alone (KUKSA: null, no value yet).
        ...(signal.ecall !== undefined
          ? [{ path: PATHS.ecallService, value: ECALL_SERVICE_TO_VSS[signal.ecall] }]
          : []),
        { path: PATHS.signalBars, value: String(signal.signalBars) },
        { path: PATHS.connectivity, value: String(signal.registered) },
      ];
    case 'unitHealth':
      return [
        { path: PATHS.unitCode(signal.unit), value: signal.code ?? '' },
        { path: PATHS.unitStatus(signal.unit), value: signal.status.toUpperCase() },
      ];
    case 'mostRing':
      return [
        { path: PATHS.ringLocked, value: String(signal.closed) },
        {
          path: PATHS.ringState,
          value: JSON.stringify({
            nodes: signal.nodes,
            closed: signal.closed,
            silent: signal.silent,
            ...(signal.breakBetween ? { breakBetween: signal.breakBetween } : {}),
            ...(signal.bypassed ? { bypassed: signal.bypassed } : {}),
          }),
        },
      ];
    case 'sosButton':
      return [
        {
          path: PATHS.buttonEvent,
          value: JSON.stringify({
            seq,
            action: signal.action,
            ...(signal.heldMs !== undefined ? { heldMs: signal.heldMs } : {}),
          }),
        },
      ];
    case 'crash':
      return [
        // The standard path only when the airbag unit said; unknown stays unpublished.
        ...(signal.airbagDeployed !== null
          ? [{ path: PATHS.airbagDeployed, value: String(signal.airbagDeployed) }]
          : []),
        {
          path: PATHS.crashEvent,
          value: JSON.stringify({
            seq,
            severity: signal.severity,
            airbagDeployed: signal.airbagDeployed,
            rollover: signal.rollover,
            occupants: signal.occupants,
          }),
        },
      ];
    case 'callSession': {
      // The unit's own seq travels inside; the gateway's event counter plays no part in a state.
      const { type: _type, ts: _ts, ...report } = signal;
      return [{ path: PATHS.callSession, value: JSON.stringify(report) }];
    }
    case 'sosLed':
      return [{ path: PATHS.ledState, value: LED_TO_VSS[signal.led] }];
    case 'selfTestResult':
      return [
        {
          path: PATHS.selfTestResult,
          value: JSON.stringify({
            seq,
            item: signal.item,
            result: signal.result,
            ...(signal.code !== undefined ? { code: signal.code } : {}),
          }),
        },
      ];
    case 'pointsOfInterest':
      return [{ path: PATHS.pointsOfInterest, value: JSON.stringify({ points: signal.points }) }];
    case 'dayNight':
      return [{ path: PATHS.dayNightMode, value: signal.mode === 'day' ? 'DAY' : 'NIGHT' }];
    case 'conversation':
      // The unit's own seq travels inside, like the session report's.
      return [{ path: PATHS.conversation, value: JSON.stringify({ seq: signal.seq, lines: signal.lines }) }];
    case 'hazardLights':
      return [{ path: PATHS.hazardLights, value: String(signal.on) }];
    case 'vehicleConfig':
      // Build facts: unknown (null) stays unpublished, a VSS attribute has no "unknown" value.
      return [
        ...(signal.powertrain !== null
          ? [{ path: PATHS.powertrainType, value: POWERTRAIN_TO_VSS[signal.powertrain] }]
          : []),
        ...(signal.doorRelease !== null
          ? [{ path: PATHS.doorRelease, value: DOOR_RELEASE_TO_VSS[signal.doorRelease] }]
          : []),
      ];
    case 'commandAck':
      return [];
  }
}

// ------------------------------------------------------------------ decode (browser)

export type AssembleResult =
  { signals: unknown[]; error?: undefined } | { signals: unknown[]; error: string };

/** Parses a VISS string value by the path's VSS datatype. */
export function parseVssValue(
  spec: VssPathSpec,
  value: string,
): { ok: true; value: unknown } | { ok: false } {
  if (spec.allowed && !spec.ancillary && !spec.allowed.includes(value)) return { ok: false };
  switch (spec.datatype) {
    case 'boolean':
      return value === 'true'
        ? { ok: true, value: true }
        : value === 'false'
          ? { ok: true, value: false }
          : { ok: false };
    case 'uint8':
    case 'uint16':
    case 'float':
    case 'double': {
      if (value.trim() === '') return { ok: false };
      const n = Number(value);
      if (!Number.isFinite(n)) return { ok: false };
      if (spec.datatype.startsWith('uint') && (!Number.isInteger(n) || n < 0)) return { ok: false };
      return { ok: true, value: n };
    }
    case 'string':
      if (!spec.json) return { ok: true, value };
      try {
        return { ok: true, value: JSON.parse(value) as unknown };
      } catch {
        return { ok: false };
      }
  }
}

const UNIT_BY_STATUS_PATH = new Map(CHAIN_UNITS.map((u) => [PATHS.unitStatus(u), u]));
const UNIT_BY_CODE_PATH = new Map(CHAIN_UNITS.map((u) => [PATHS.unitCode(u), u]));
const GNSS_PATHS = new Set<string>([
  PATHS.latitude,
  PATHS.longitude,
  PATHS.heading,
  PATHS.fixType,
  PATHS.positionTrusted,
]);
const CELLULAR_PATHS = new Set<string>([PATHS.connectivity, PATHS.signalBars, PATHS.ecallService]);
const CONFIG_PATHS = new Set<string>([PATHS.powertrainType, PATHS.doorRelease]);

/** A VSS enumeration value in the HMI's words; one it does not know stays as it came (validation notes it). */
function fromVss(table: ReadonlyMap<string, string>, value: unknown): unknown {
  return typeof value === 'string' ? (table.get(value) ?? value) : value;
}

/** JSON-valued paths that carry one whole signal (its fields, plus `seq` for events). */
const JSON_SIGNAL_TYPE = new Map<string, string>([
  [PATHS.buttonEvent, 'sosButton'],
  [PATHS.crashEvent, 'crash'],
  [PATHS.selfTestResult, 'selfTestResult'],
  [PATHS.pointsOfInterest, 'pointsOfInterest'],
]);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Turns VSS datapoints back into raw signal objects (validated by the caller with `validateSignal`).
 * Keeps the latest value of each path, because one signal may be spread over several paths (gnss,
 * cellular, unit health); a part that arrives first completes nothing until its partners are known.
 */
export class VssSignalAssembler {
  private readonly latest = new Map<string, unknown>();

  /** Forgets everything (after a reconnect the server's values are fetched again). */
  reset(): void {
    this.latest.clear();
  }

  /** One datapoint: `ts` in ms. Returns the signals it completes, or an error for a bad value. */
  update(path: string, raw: string | string[], ts: number): AssembleResult {
    const spec = SPEC_BY_PATH.get(path);
    if (!spec) return { signals: [], error: `unknown path ${path}` };
    if (typeof raw !== 'string') return { signals: [], error: `${path}: expected a string value` };
    const parsed = parseVssValue(spec, raw);
    if (!parsed.ok)
      return {
        signals: [],
        error: `${path}: bad ${spec.datatype} value ${JSON.stringify(raw).slice(0, 60)}`,
      };
    const value = parsed.value;
    this.latest.set(path, value);

    if (path === PATHS.lowVoltageSystemState) {
      const state =
        value === 'OFF' || value === 'LOCK'
          ? 'off'
          : value === 'ACC'
            ? 'accessory'
            : value === 'ON' || value === 'START'
              ? 'on'
              : null;
      // UNDEFINED: the terminal state is not known; saying nothing lets it go stale.
      return { signals: state ? [{ type: 'ignition', ts, state }] : [] };
    }
    if (path === PATHS.dayNightMode)
      return { signals: [{ type: 'dayNight', ts, mode: value === 'DAY' ? 'day' : 'night' }] };
    if (path === PATHS.ledState)
      return { signals: [{ type: 'sosLed', ts, led: LED_FROM_VSS.get(String(value)) }] };
    if (path === PATHS.callSession || path === PATHS.conversation) {
      if (!isRecord(value)) return { signals: [], error: `${path}: expected a JSON object` };
      // The session and the conversation keep their seq: it is the unit's, part of the value.
      return {
        signals: [{ ...value, type: path === PATHS.callSession ? 'callSession' : 'conversation', ts }],
      };
    }
    if (path === PATHS.hazardLights) return { signals: [{ type: 'hazardLights', ts, on: value }] };
    if (CONFIG_PATHS.has(path)) {
      const powertrain = this.latest.get(PATHS.powertrainType);
      const doorRelease = this.latest.get(PATHS.doorRelease);
      return {
        signals: [
          {
            type: 'vehicleConfig',
            ts,
            // A path without a value (never written) is a fact not known.
            powertrain: powertrain === undefined ? null : fromVss(POWERTRAIN_FROM_VSS, powertrain),
            doorRelease: doorRelease === undefined ? null : fromVss(DOOR_RELEASE_FROM_VSS, doorRelease),
          },
        ],
      };
    }
    if (GNSS_PATHS.has(path)) return { signals: this.gnss(ts) };
    if (CELLULAR_PATHS.has(path)) {
      const registered = this.latest.get(PATHS.connectivity);
      const bars = this.latest.get(PATHS.signalBars);
      if (registered === undefined || bars === undefined) return { signals: [] };
      const ecall = this.latest.get(PATHS.ecallService);
      return {
        signals: [
          {
            type: 'cellular',
            ts,
            registered,
            signalBars: bars,
            ...(ecall !== undefined ? { ecall: fromVss(ECALL_SERVICE_FROM_VSS, ecall) } : {}),
          },
        ],
      };
    }
    const unit = UNIT_BY_STATUS_PATH.get(path);
    if (unit) {
      const code = this.latest.get(PATHS.unitCode(unit));
      return {
        signals: [
          {
            type: 'unitHealth',
            ts,
            unit,
            status: String(value).toLowerCase(),
            ...(typeof code === 'string' && code !== '' ? { code } : {}),
          },
        ],
      };
    }
    if (UNIT_BY_CODE_PATH.has(path) || path === PATHS.ringLocked || path === PATHS.airbagDeployed) {
      return { signals: [] };
    }
    if (path === PATHS.ringState) {
      if (!isRecord(value)) return { signals: [], error: `${path}: expected a JSON object` };
      return { signals: [{ ...value, type: 'mostRing', ts }] };
    }
    const jsonType = JSON_SIGNAL_TYPE.get(path);
    if (jsonType) {
      if (!isRecord(value)) return { signals: [], error: `${path}: expected a JSON object` };
      const { seq: _seq, ...rest } = value;
      return { signals: [{ ...rest, type: jsonType, ts }] };
    }
    return { signals: [] };
  }

  private gnss(ts: number): unknown[] {
    const fixType = this.latest.get(PATHS.fixType);
    const trusted = this.latest.get(PATHS.positionTrusted);
    if (fixType === undefined || trusted === undefined) return [];
    const fix = fixType === 'THREE_D' ? '3d' : fixType === 'TWO_D' ? '2d' : 'none';
    if (fix === 'none') {
      return [{ type: 'gnss', ts, fix, latitude: null, longitude: null, headingDeg: null, trusted: false }];
    }
    const latitude = this.latest.get(PATHS.latitude);
    const longitude = this.latest.get(PATHS.longitude);
    if (latitude === undefined || longitude === undefined) return [];
    const heading = this.latest.get(PATHS.heading);
    return [
      {
        type: 'gnss',
        ts,
        fix,
        latitude,
        longitude,
        headingDeg: typeof heading === 'number' ? ((Math.round(heading) % 360) + 360) % 360 : null,
        trusted,
      },
    ];
  }
}

/** The `seq` of an event or of the call session, or null (no such JSON path / not parseable). */
export function eventSeq(path: string, raw: string): number | null {
  const spec = SPEC_BY_PATH.get(path);
  if (!spec?.json || path === PATHS.ringState) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    return isRecord(value) && typeof value.seq === 'number' ? value.seq : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ commands

/** A command as a VISS `set`: path and string value. */
export function commandToVss(command: VehicleCommand): VssUpdate {
  switch (command.type) {
    case 'cancelCall':
    case 'callNow':
    case 'endCall':
    case 'answerCallback':
    case 'startTestCall':
    case 'requestSelfTest':
      return { path: PATHS.command[command.type], value: 'true' };
    case 'setRingBypass':
      return {
        path: PATHS.command.setRingBypass,
        value: JSON.stringify({ unit: command.unit, bypassed: command.bypassed }),
      };
    case 'startGuidance':
      return {
        path: PATHS.command.startGuidance,
        value: JSON.stringify({
          name: command.name,
          latitude: command.latitude,
          longitude: command.longitude,
        }),
      };
    case 'sendText':
      return {
        path: PATHS.command.sendText,
        value: JSON.stringify({ phrase: command.phrase, text: command.text }),
      };
    case 'setHazardLights':
      return { path: PATHS.command.setHazardLights, value: String(command.on) };
    case 'speak':
      return { path: PATHS.command.speak, value: JSON.stringify({ text: command.text, lang: command.lang }) };
  }
}

/** Command paths whose only value is `true` (a request with no arguments), by path. */
const TRUE_ONLY_COMMANDS: ReadonlyMap<string, VehicleCommand['type']> = new Map(
  (['cancelCall', 'callNow', 'endCall', 'answerCallback', 'startTestCall', 'requestSelfTest'] as const).map(
    (type) => [PATHS.command[type], type],
  ),
);

/** Command paths whose value is a JSON object of the command's fields, by path. */
const JSON_COMMANDS: ReadonlyMap<string, VehicleCommand['type']> = new Map(
  (['setRingBypass', 'startGuidance', 'sendText', 'speak'] as const).map((type) => [
    PATHS.command[type],
    type,
  ]),
);

/**
 * A VISS `set` back into a command (the gateway's side); only documented command paths. The result
 * still goes through `validateCommand` (ranges, lengths) before it reaches the vehicle.
 */
export function vssToCommand(
  path: string,
  value: string,
): { ok: true; command: unknown } | { ok: false; error: string } {
  const c = PATHS.command;
  const request = TRUE_ONLY_COMMANDS.get(path);
  if (request) {
    return value === 'true'
      ? { ok: true, command: { type: request } }
      : { ok: false, error: `${path.slice(path.lastIndexOf('.') + 1)} expects "true"` };
  }
  if (path === c.setHazardLights) {
    // The VSS actuator's target: true switches the hazard lights on, false off.
    return value === 'true' || value === 'false'
      ? { ok: true, command: { type: 'setHazardLights', on: value === 'true' } }
      : { ok: false, error: `${path} expects "true" or "false"` };
  }
  const type = JSON_COMMANDS.get(path);
  if (!type) return { ok: false, error: `${path} is not a command path` };
  let body: unknown;
  try {
    body = JSON.parse(value);
  } catch {
    return { ok: false, error: `${path} expects a JSON object` };
  }
  if (!isRecord(body)) return { ok: false, error: `${path} expects a JSON object` };
  return { ok: true, command: { ...body, type } };
}
