/**
 * Writes the committed replay fixtures (candump -L) from the project DBC:
 *
 * - `test/fixtures/drive.log`: a 40 s drive with the ignition on, every SOS unit healthy, a position
 *   fix, and a frontal crash at 12 s (airbag deployed). The telematics unit reports its session all
 *   along (idle, then the automatic call it places by itself after the crash: dialing → connected →
 *   data acknowledged → voice) and drives the SOS LED. A page opened at 16 s learns the call from
 *   the session report alone.
 *   Its unit is an older one (EN 16062 only): three session parts, no network eCall service.
 * - `test/fixtures/drive-no-unit.log`: a recorded drive of another car with the same crash but no
 *   telematics unit on the bus at all (no TEL_* frames, no LED): nobody confirms a call.
 * - `test/fixtures/drive-ngecall.log`: the same drive in an electric car with an NG-eCall unit
 *   (EN 17184) on a network that offers it: four session parts (transport NG-eCall, the centre asks for
 *   fresh data at 30 s), the body switches the hazard lights on after the crash, the car's coding
 *   (VEH_CONFIG) and a text conversation with the centre (a typed line with non-ASCII text, the
 *   occupants' preset phrase going sending → sent → delivered).
 *
 * Run: `node --import tsx gateway/tools/makeDriveLog.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  CallSessionSignal,
  ConversationLine,
  ConversationSignal,
  LedState,
} from '../../src/bridge/signals.js';
import { CHAIN_UNITS, NO_CALL_SESSION } from '../../src/bridge/signals.js';
import { DEFAULT_POSITION } from '../../src/sim/gnss.js';
import { DOOR_RELEASE_CODES, ECALL_SERVICE_CODES, LED_CODES, POWERTRAIN_CODES } from '../can/canVehicle.js';
import { DbcCodec } from '../can/dbc.js';
import { formatLogLine, type CanFrame } from '../can/frame.js';
import { encodeSessionFrames } from '../can/sessionFrames.js';
import { encodeConversationFrames } from '../can/textFrames.js';

/** Session report fields as the unit holds them; times are ms from the start of the log. */
type SessionState = Omit<CallSessionSignal, 'type' | 'ts'>;

const IDLE: SessionState = { seq: 1, ...NO_CALL_SESSION };

/** The crash as the airbag unit graded it (ST_CR) and the unit passed it into its session. */
const CRASH = { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 } as const;
/** ST_CR frames go out at 20 ms past each half second: the first one showing the crash. */
const CRASH_FRAME_MS = 12_020;

const DIALING: SessionState = {
  ...IDLE,
  seq: 2,
  phase: 'dialing',
  kind: 'automatic',
  attempt: 1,
  triggeredAt: CRASH_FRAME_MS,
  crash: CRASH,
  audioMuted: true,
};
const CONNECTED: SessionState = { ...DIALING, seq: 3, phase: 'connected', msd: 'sent' };
const ACKNOWLEDGED: SessionState = { ...CONNECTED, seq: 4, msd: 'ackPositive', contactsNotified: true };
const VOICE_AT_MS = 16_600;
const VOICE: SessionState = { ...ACKNOWLEDGED, seq: 5, phase: 'voice', voiceSince: VOICE_AT_MS };

export const DRIVE_LOG = {
  startUs: 1436509052249713n,
  durationMs: 40_000,
  /** The airbag unit reports the crash (ST_CR) from here (its first frame: `CRASH_FRAME_MS`). */
  crashAtMs: 12_000,
  /** The telematics unit's session reports, each from `atMs` (ms from log start) until the next. */
  session: [
    { atMs: 0, state: IDLE, led: 'off' },
    { atMs: 12_100, state: DIALING, led: 'green-blinking' },
    { atMs: 15_100, state: CONNECTED, led: 'green-blinking' },
    { atMs: 16_100, state: ACKNOWLEDGED, led: 'green-blinking' },
    { atMs: VOICE_AT_MS, state: VOICE, led: 'green-steady' },
  ] satisfies readonly { atMs: number; state: SessionState; led: LedState }[],
  vin: 'WBA3A5C51DF000001',
  /** The other car (drive-no-unit.log): no telematics unit on its bus. */
  noUnitVin: 'WBA8E9C50GK000002',
} as const;

type SessionStep = { readonly atMs: number; readonly state: SessionState; readonly led: LedState };

/** The NG-eCall unit's call (drive-ngecall.log): the same crash, carried over IMS (EN 17184). */
const NG_DIALING: SessionState = { ...DIALING, transport: 'ngECall' };
const NG_CONNECTED: SessionState = { ...NG_DIALING, seq: 3, phase: 'connected', msd: 'sent' };
const NG_ACKNOWLEDGED: SessionState = { ...NG_CONNECTED, seq: 4, msd: 'ackPositive', contactsNotified: true };
const NG_VOICE: SessionState = { ...NG_ACKNOWLEDGED, seq: 5, phase: 'voice', voiceSince: VOICE_AT_MS };
/** The centre asks for fresh data (SIP INFO) and the unit sends an updated MSD. */
const MSD_UPDATED_AT_MS = 30_000;
const NG_UPDATED: SessionState = { ...NG_VOICE, seq: 6, msdUpdatedAt: MSD_UPDATED_AT_MS };

const CENTRE_1 =
  'Emergency centre Munich. We have your car’s data and position. Are you injured? You can answer here.';
const CENTRE_2 = 'Hilfe ist unterwegs – bleiben Sie im Fahrzeug, wenn es sicher ist. Ärztin informiert. 🚑';
const line = (l: ConversationLine): ConversationLine => l;
const C1 = line({ id: 1, from: 'centre', at: 20_000, phrase: null, text: CENTRE_1, delivery: 'delivered' });
const O1 = line({ id: 2, from: 'occupants', at: 24_000, phrase: 'injured', text: null, delivery: 'sending' });
const C2 = line({ id: 3, from: 'centre', at: 28_000, phrase: null, text: CENTRE_2, delivery: 'delivered' });

export const NGECALL_DRIVE = {
  vin: 'WBY11AW0XPF000003',
  session: [
    { atMs: 0, state: IDLE, led: 'off' },
    { atMs: 12_100, state: NG_DIALING, led: 'green-blinking' },
    { atMs: 15_100, state: NG_CONNECTED, led: 'green-blinking' },
    { atMs: 16_100, state: NG_ACKNOWLEDGED, led: 'green-blinking' },
    { atMs: VOICE_AT_MS, state: NG_VOICE, led: 'green-steady' },
    { atMs: MSD_UPDATED_AT_MS, state: NG_UPDATED, led: 'green-steady' },
  ] satisfies readonly SessionStep[],
  /** The network offers NG-eCall (TEL_STATUS CELL_ECALL). */
  ecall: 'ngECall',
  /** The body switches the hazard lights on by itself after the crash (BDC_HAZARD). */
  hazardsOnAtMs: 12_500,
  config: { powertrain: 'electric', doorRelease: 'cableInDoorPocket' },
  /** The conversation the unit holds, each from `atMs` (times ms from log start). */
  conversation: [
    { atMs: 0, seq: 1, lines: [] },
    { atMs: 20_000, seq: 2, lines: [C1] },
    { atMs: 24_000, seq: 3, lines: [C1, O1] },
    { atMs: 24_500, seq: 4, lines: [C1, { ...O1, delivery: 'sent' }] },
    { atMs: 25_000, seq: 5, lines: [C1, { ...O1, delivery: 'delivered' }] },
    { atMs: 28_000, seq: 6, lines: [C1, { ...O1, delivery: 'delivered' }, C2] },
  ] satisfies readonly { atMs: number; seq: number; lines: readonly ConversationLine[] }[],
} as const;

/** The step of `steps` in effect at `t` ms from log start. */
function stepAt<S extends { readonly atMs: number }>(steps: readonly S[], t: number): S {
  let step = steps[0]!;
  for (const s of steps) if (s.atMs <= t) step = s;
  return step;
}

/** The session step in effect at `t` ms from log start (of drive.log, or of another drive's steps). */
export function driveSessionStepAt(
  t: number,
  steps: readonly SessionStep[] = DRIVE_LOG.session,
): SessionStep {
  return stepAt(steps, t);
}

/**
 * The session report the unit holds at `t`, with times shifted to a vehicle clock that read `startMs`
 * at the start of the log (how a replay at 1× from the start sees it).
 */
export function driveSessionAt(
  t: number,
  startMs = 0,
  steps: readonly SessionStep[] = DRIVE_LOG.session,
): CallSessionSignal {
  const shift = (ms: number | null) => (ms === null ? null : ms + startMs);
  const s = driveSessionStepAt(t, steps).state;
  return {
    type: 'callSession',
    ts: t + startMs,
    ...s,
    triggeredAt: shift(s.triggeredAt),
    cancelWindowEndsAt: shift(s.cancelWindowEndsAt),
    nextAttemptAt: shift(s.nextAttemptAt),
    redialWindowEndsAt: shift(s.redialWindowEndsAt),
    callbackWindowEndsAt: shift(s.callbackWindowEndsAt),
    voiceSince: shift(s.voiceSince),
    holdEndsAt: shift(s.holdEndsAt),
    msdUpdatedAt: shift(s.msdUpdatedAt),
  };
}

/** The conversation the NG-eCall unit holds at `t` (drive-ngecall.log), times shifted by `startMs`. */
export function ngecallConversationAt(t: number, startMs = 0): ConversationSignal {
  const step = stepAt(NGECALL_DRIVE.conversation, t);
  return {
    type: 'conversation',
    ts: t + startMs,
    seq: step.seq,
    lines: step.lines.map((l) => ({ ...l, at: l.at + startMs })),
  };
}

export interface DriveLogOptions {
  /** Whether the telematics unit is on the bus (TEL_* frames, session, LED). Default true. */
  readonly unit?: boolean;
  readonly vin?: string;
  /** The electric car with the NG-eCall unit of `NGECALL_DRIVE` (drive-ngecall.log). */
  readonly ngECall?: boolean;
}

export function makeDriveLog(codec = DbcCodec.fromFile(), options: DriveLogOptions = {}): string {
  const unit = options.unit ?? true;
  const ng = unit && (options.ngECall ?? false);
  const vinText = options.vin ?? (ng ? NGECALL_DRIVE.vin : unit ? DRIVE_LOG.vin : DRIVE_LOG.noUnitVin);
  const steps: readonly SessionStep[] = ng ? NGECALL_DRIVE.session : DRIVE_LOG.session;
  const lines: { t: number; frame: CanFrame }[] = [];
  const at = (t: number, frame: CanFrame) => lines.push({ t, frame });
  const { durationMs, crashAtMs } = DRIVE_LOG;
  for (let t = 0, k = 0; t < durationMs; t += 100, k++) {
    at(
      t,
      codec.encode('KLEMMEN', { ALIV_COU_KL: k % 15, ST_VEH_CON: 10, ST_KL: 10, ST_KL_30B: 1, ST_KL_15N: 1 }),
    );
    if (unit)
      at(
        t + 5,
        codec.encode('TEL_UNIT_HEALTH', { UNIT_ID: k % CHAIN_UNITS.length, UNIT_STATUS: 0, UNIT_CODE: 0 }),
      );
    if (t % 200 === 0) at(t + 10, codec.encode('SOS_BUTTON', { SOS_BTN: 0, ALIV_SOS_BTN: (t / 200) % 15 }));
    if (t % 500 === 0) {
      const crashed = t >= crashAtMs;
      at(
        t + 20,
        codec.encode('ST_CR', {
          ALIV_ST_CR: (t / 500) % 15,
          ST_DEPLOY_AB: crashed ? 1 : 0,
          ST_THRV_ACLN: crashed ? 2 : 1,
          ST_CRSE_FRT: crashed ? 3 : 0,
        }),
      );
      if (unit)
        at(
          t + 30,
          codec.encode('TEL_STATUS', {
            CELL_REG: 1,
            CELL_BARS: 4,
            GNSS_FIX: 3,
            GNSS_TRUSTED: 1,
            ALIV_TEL: (t / 500) % 15,
            ...(ng ? { CELL_ECALL: ECALL_SERVICE_CODES.indexOf(NGECALL_DRIVE.ecall) } : {}),
          }),
        );
      if (ng)
        at(
          t + 25,
          codec.encode('BDC_HAZARD', {
            ST_HAZARD: t >= NGECALL_DRIVE.hazardsOnAtMs ? 1 : 0,
            ALIV_HAZARD: (t / 500) % 15,
          }),
        );
    }
    if (t % 1000 === 0) {
      at(
        t + 40,
        codec.encode('NAV_GPS1', {
          ST_LAT_NAVI: DEFAULT_POSITION.latitude,
          ST_LONG_NAVI: DEFAULT_POSITION.longitude,
        }),
      );
      at(
        t + 45,
        codec.encode('NAV_GPS2', { ST_HG_NAVI: 519, ST_V_HRZTL: 0, ST_HDG_HRZTL_ABSL: 72, ST_QUAL_PO: 1 }),
      );
    }
    if (t % 5000 === 0) {
      const last7 = vinText.slice(-7);
      const vin: Record<string, number> = {};
      for (let i = 0; i < 7; i++) vin[`NO_VECH_${i + 1}`] = last7.charCodeAt(i);
      at(t + 50, codec.encode('FAHRGESTELLNUMMER', vin));
      if (ng)
        at(
          t + 52,
          codec.encode('VEH_CONFIG', {
            CFG_POWERTRAIN: POWERTRAIN_CODES.indexOf(NGECALL_DRIVE.config.powertrain),
            CFG_DOOR_RELEASE: DOOR_RELEASE_CODES.indexOf(NGECALL_DRIVE.config.doorRelease),
          }),
        );
      at(
        t + 55,
        codec.encode('DISP_CC_MESS_SCR', {
          NO_FRM: 0,
          QUAN_FRM: 0,
          NO_CC_MESS_1: 65534,
          NO_CC_MESS_2: 65534,
          NO_CC_MESS_3: 65534,
        }),
      );
    }
  }
  if (unit) {
    // The session report and the LED: cyclic every 500 ms (at +35 ms), and at once on every change.
    const sends = new Set<number>();
    for (let t = 0; t < durationMs; t += 500) sends.add(t + 35);
    for (const step of steps) sends.add(step.atMs);
    // TEL_SESSION_1's alive counter changes from one set to the next, in bus order.
    [...sends]
      .sort((a, b) => a - b)
      .forEach((t, alive) => {
        const step = driveSessionStepAt(t, steps);
        // drive.log's unit is an older one: three parts; the NG-eCall unit sends four.
        const frames = encodeSessionFrames(codec, driveSessionAt(t, 0, steps), alive, t, { legacy: !ng });
        // The parts back to back, then the LED.
        frames.forEach((frame, i) => at(t + i, frame));
        at(t + frames.length, codec.encode('SOS_LED_CMD', { LED_MODE: LED_CODES.indexOf(step.led) }));
      });
  }
  if (ng) {
    // The conversation: every second and at once on every change, the header, each line's text
    // segments and the line (a short conversation: the texts travel with every repeat).
    const sends = new Set<number>();
    for (let t = 0; t < durationMs; t += 1000) sends.add(t + 65);
    for (const step of NGECALL_DRIVE.conversation) sends.add(step.atMs + 5);
    for (const t of [...sends].sort((a, b) => a - b))
      encodeConversationFrames(codec, ngecallConversationAt(t)).forEach((frame, i) => at(t + i, frame));
  }
  lines.sort((a, b) => a.t - b.t);
  const header = ng
    ? [
        '# sos-hmi replay fixture (candump -L). Generated by gateway/tools/makeDriveLog.ts from dbc/sos-hmi.dbc.',
        `# An electric car with an NG-eCall unit (EN 17184) on a network that offers it: crash at ${crashAtMs / 1000} s, the unit calls over IMS (TEL_SESSION_1..4), the body switches the hazard lights on, the centre writes and the occupants answer with a preset phrase (TEL_CONV, TEL_CONV_LINE, TEL_TEXT), fresh data at ${MSD_UPDATED_AT_MS / 1000} s.`,
      ]
    : unit
      ? [
          '# sos-hmi replay fixture (candump -L). Generated by gateway/tools/makeDriveLog.ts from dbc/sos-hmi.dbc.',
          `# Crash (ST_CR, airbag deployed, frontal severity 3) at ${crashAtMs / 1000} s; the telematics unit places the automatic call by itself and reports its session (TEL_SESSION_1/2/3) and LED.`,
        ]
      : [
          '# sos-hmi replay fixture (candump -L). Generated by gateway/tools/makeDriveLog.ts from dbc/sos-hmi.dbc.',
          `# Another car: crash (ST_CR, airbag deployed, frontal severity 3) at ${crashAtMs / 1000} s and no telematics unit on the bus: nobody confirms a call.`,
        ];
  // A few µs of jitter, as a real bus has, but strictly in order.
  let last = -1n;
  const body = lines.map(({ t, frame }, i) => {
    let ts = DRIVE_LOG.startUs + BigInt(t * 1000 + (i % 7));
    if (ts <= last) ts = last + 1n;
    last = ts;
    return formatLogLine({ ...frame, timestampUs: ts }, 'vcan0');
  });
  return `${[...header, ...body].join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, options] of [
    ['drive.log', { unit: true }],
    ['drive-no-unit.log', { unit: false }],
    ['drive-ngecall.log', { ngECall: true }],
  ] as const) {
    const out = fileURLToPath(new URL(`../../test/fixtures/${file}`, import.meta.url));
    writeFileSync(out, makeDriveLog(undefined, options));
    console.log(`wrote ${out}`);
  }
}
