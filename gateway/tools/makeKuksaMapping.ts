/**
 * Writes `vss/sos-dbc2vss.vspec`: the mapping of `dbc/sos-hmi.dbc` onto the sos-hmi VSS paths in the
 * format of KUKSA's CAN provider (eclipse-kuksa/kuksa-can-provider, `mapping/README.md`): a vspec
 * overlay whose signals carry a `dbc2vss` block (`signal`, `on_change`, `transform.mapping` of
 * `from`/`to` pairs or `transform.math`). Convert it together with VSS and the sos-hmi overlay:
 *
 *   vspec2json -e dbc2vss,vss2dbc,dbc -u units.yaml -q quantities.yaml \
 *     -o vss/sos-overlay.vspec -o vss/sos-dbc2vss.vspec -s VehicleSignalSpecification.vspec vss_dbc.json
 *
 * Only what a CAN signal carries one to one can be mapped this way. The session report (three frames
 * with one seq), the events (button, crash, self-test: edges with a counter), the unit health
 * (one multiplexed frame per unit), the MOST ring and the requests (`TEL_CALL_REQ` with a request
 * sequence and the unit's answer) need the gateway; `MAPPING_GAPS` lists them (docs/kuksa.md).
 *
 * Run: `node --import tsx gateway/tools/makeKuksaMapping.ts`; a unit test checks the file is current.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DOOR_RELEASE_TO_VSS,
  ECALL_SERVICE_TO_VSS,
  LED_VALUES,
  PATHS,
  POWERTRAIN_TO_VSS,
} from '../../src/bridge/vissPaths.js';
import { DOOR_RELEASE_CODES, ECALL_SERVICE_CODES, POWERTRAIN_CODES } from '../can/canVehicle.js';

/** A code table (index = raw value, null = no value) as from/to pairs; codes meaning "none" are left out. */
function codeMapping<T extends string>(
  codes: readonly (T | null)[],
  toVss: Readonly<Record<T, string>>,
): { from: number; to: string }[] {
  return codes.flatMap((code, from) => (code === null ? [] : [{ from, to: toVss[code] }]));
}

export interface Dbc2VssEntry {
  readonly path: string;
  readonly type: 'sensor' | 'actuator' | 'attribute';
  readonly datatype: string;
  readonly signal: string;
  readonly transform?:
    | { readonly mapping: readonly { readonly from: number; readonly to: string | number | boolean }[] }
    | { readonly math: string };
}

/** The sos-hmi paths KUKSA's CAN provider can feed straight from `dbc/sos-hmi.dbc`. */
export const DBC2VSS: readonly Dbc2VssEntry[] = [
  {
    // KLEMMEN ST_KL, as the gateway reads it (terminalFromStKl); transitional codes are ignored.
    path: PATHS.lowVoltageSystemState,
    type: 'sensor',
    datatype: 'string',
    signal: 'ST_KL',
    transform: {
      mapping: [
        { from: 2, to: 'OFF' },
        { from: 6, to: 'ACC' },
        { from: 10, to: 'ON' },
        { from: 11, to: 'ON' },
        { from: 12, to: 'ON' },
        { from: 13, to: 'START' },
      ],
    },
  },
  { path: PATHS.latitude, type: 'sensor', datatype: 'double', signal: 'ST_LAT_NAVI' },
  { path: PATHS.longitude, type: 'sensor', datatype: 'double', signal: 'ST_LONG_NAVI' },
  {
    path: PATHS.heading,
    type: 'sensor',
    datatype: 'double',
    signal: 'ST_HDG_HRZTL_ABSL',
    transform: { math: 'x % 360' },
  },
  {
    path: PATHS.fixType,
    type: 'sensor',
    datatype: 'string',
    signal: 'GNSS_FIX',
    transform: {
      mapping: [
        { from: 0, to: 'NONE' },
        { from: 1, to: 'NONE' },
        { from: 2, to: 'TWO_D' },
        { from: 3, to: 'THREE_D' },
      ],
    },
  },
  {
    path: PATHS.positionTrusted,
    type: 'sensor',
    datatype: 'boolean',
    signal: 'GNSS_TRUSTED',
    transform: {
      mapping: [
        { from: 0, to: false },
        { from: 1, to: true },
      ],
    },
  },
  {
    path: PATHS.connectivity,
    type: 'sensor',
    datatype: 'boolean',
    signal: 'CELL_REG',
    transform: {
      mapping: [
        { from: 0, to: false },
        { from: 1, to: true },
      ],
    },
  },
  {
    path: PATHS.signalBars,
    type: 'sensor',
    datatype: 'uint8',
    signal: 'CELL_BARS',
    transform: { math: 'min(x, 5)' },
  },
  {
    path: PATHS.ledState,
    type: 'sensor',
    datatype: 'string',
    signal: 'LED_MODE',
    transform: { mapping: LED_VALUES.map((to, from) => ({ from, to })) },
  },
  {
    // TEL_STATUS CELL_ECALL; 0 (an older unit that does not say) is not forwarded.
    path: PATHS.ecallService,
    type: 'sensor',
    datatype: 'string',
    signal: 'CELL_ECALL',
    transform: { mapping: codeMapping(ECALL_SERVICE_CODES, ECALL_SERVICE_TO_VSS) },
  },
  {
    // BDC_HAZARD ST_HAZARD: 0 off, 1 flashing; 2 reserved and 3 invalid are ignored. The actuator's
    // current value (the request is the target, vss2dbc cannot write it: see MAPPING_GAPS).
    path: PATHS.hazardLights,
    type: 'actuator',
    datatype: 'boolean',
    signal: 'ST_HAZARD',
    transform: {
      mapping: [
        { from: 0, to: false },
        { from: 1, to: true },
      ],
    },
  },
  {
    // VEH_CONFIG CFG_POWERTRAIN; 0 not coded is not forwarded (no value: not known).
    path: PATHS.powertrainType,
    type: 'attribute',
    datatype: 'string',
    signal: 'CFG_POWERTRAIN',
    transform: { mapping: codeMapping(POWERTRAIN_CODES, POWERTRAIN_TO_VSS) },
  },
  {
    path: PATHS.doorRelease,
    type: 'attribute',
    datatype: 'string',
    signal: 'CFG_DOOR_RELEASE',
    transform: { mapping: codeMapping(DOOR_RELEASE_CODES, DOOR_RELEASE_TO_VSS) },
  },
  {
    // ST_CR ST_DEPLOY_AB: 0 none, 1 at least one deployed; 3 invalid is ignored.
    path: PATHS.airbagDeployed,
    type: 'sensor',
    datatype: 'boolean',
    signal: 'ST_DEPLOY_AB',
    transform: {
      mapping: [
        { from: 0, to: false },
        { from: 1, to: true },
      ],
    },
  },
];

/** What the CAN provider cannot feed, and why (the gateway does it). */
export const MAPPING_GAPS: readonly { readonly path: string; readonly why: string }[] = [
  {
    path: PATHS.callSession,
    why: 'one JSON report assembled from TEL_SESSION_1..3 (and 4) with the same seq',
  },
  {
    path: PATHS.conversation,
    why: 'one JSON conversation assembled from TEL_CONV, a TEL_CONV_LINE per line and segmented TEL_TEXT',
  },
  { path: PATHS.crashEvent, why: 'an event per ST_CR transition with a counter, JSON' },
  { path: PATHS.buttonEvent, why: 'an event per SOS_BUTTON edge with a counter, JSON' },
  { path: PATHS.selfTestResult, why: 'TEL_SELFTEST items collected into one JSON result' },
  {
    path: 'Vehicle.Private.SOS.Unit.*',
    why: 'TEL_UNIT_HEALTH is multiplexed by UNIT_ID (one frame per unit)',
  },
  { path: PATHS.ringState, why: 'MOST, not CAN' },
  { path: PATHS.vinLast7, why: 'seven one-byte signals (FAHRGESTELLNUMMER) make one string' },
  { path: PATHS.busState, why: 'the gateway’s own view of the bus' },
  {
    path: 'Vehicle.Private.SOS.Command.*',
    why: 'vss2dbc would write CALL_REQ from a target, but each request needs a new REQ_SEQ and the unit’s TEL_CALL_RSP (SendText also its HU_TEXT segments; Speak is the head unit’s own speech output, not on CAN)',
  },
  {
    path: `${PATHS.hazardLights} (target)`,
    why: 'the request goes through the telematics unit as TEL_CALL_REQ 7/8 with a REQ_SEQ, not as a signal vss2dbc could write',
  },
];

const yamlScalar = (x: string | number | boolean): string =>
  typeof x === 'string' ? JSON.stringify(x) : String(x);

export function makeKuksaMapping(): string {
  const out = [
    '# sos-hmi: dbc/sos-hmi.dbc mapped onto VSS for KUKSA’s CAN provider (kuksa-can-provider, dbc2vss).',
    '# Generated by gateway/tools/makeKuksaMapping.ts; see docs/kuksa.md. Apply together with',
    '# vss/sos-overlay.vspec (vspec2json -e dbc2vss,vss2dbc,dbc ...). Type and datatype repeat the',
    '# overlay / VSS; values are forwarded on change.',
    '',
  ];
  for (const e of DBC2VSS) {
    out.push(
      `${e.path}:`,
      `  type: ${e.type}`,
      `  datatype: ${e.datatype}`,
      '  dbc2vss:',
      `    signal: ${e.signal}`,
    );
    out.push('    on_change: true');
    if (e.transform && 'math' in e.transform)
      out.push('    transform:', `      math: ${JSON.stringify(e.transform.math)}`);
    if (e.transform && 'mapping' in e.transform) {
      out.push('    transform:', '      mapping:');
      for (const m of e.transform.mapping)
        out.push(`        - from: ${m.from}`, `          to: ${yamlScalar(m.to)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const KUKSA_MAPPING_FILE = fileURLToPath(new URL('../../vss/sos-dbc2vss.vspec', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(KUKSA_MAPPING_FILE, makeKuksaMapping());
  console.log(`wrote ${KUKSA_MAPPING_FILE}`);
}
