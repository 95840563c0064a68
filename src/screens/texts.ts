/**
 * Every word the SOS screens show, in one place so they can be localised. Ids from the machines
 * (`CauseId`, `AdviceId`, `EffectId`, levels, phases) become driver-facing English here: say what
 * happened in the driver's words, then what to do. Strings marked "contract" are relied on by
 * end-to-end tests and must not change.
 */
import type { PointOfInterestKind, SelfTestItem } from '../bridge/signals.js';
import type { CallOutcome, FaultLogEntry } from '../machines/faultLog.js';
import type { CautionId, GuideId, GuideStep, StepActor } from '../machines/guides.js';
import type { RingDiagnosis, RingLinkState, RingNodeState } from '../machines/ringDiagnosis.js';
import type { SelfTestOutcome, SelfTestRow } from '../machines/selfTestResults.js';
import type {
  SelfTestView,
  AdviceId,
  CallPhaseView,
  CallView,
  CauseId,
  EffectId,
  MalfunctionView,
  PositionView,
  RingView,
  SosLevel,
  SosStatusView,
} from '../machines/views.js';

type CallKind = NonNullable<CallView['kind']>;
type Unit = SosStatusView['causes'][number]['units'][number];
type EmergencyNumber = CallView['emergencyNumber'];

// ── Buttons (contract) ────────────────────────────────────────────────────────────────────────
export const BUTTON = {
  cancelCall: 'Cancel call',
  callNow: 'Call now',
  ok: 'OK',
  details: 'Details',
  close: 'Close',
  selfTest: 'Self-test',
  showMalfunction: 'Show malfunction',
} as const;

// ── Units, in the names a driver or a workshop would use ──────────────────────────────────────
const UNIT_NAMES: Record<Unit, string> = {
  telematics: 'telematics unit (SOS module)',
  'sos-button': 'SOS button',
  'crash-sensor': 'crash sensor',
  gnss: 'GPS receiver',
  cellular: 'mobile network module',
  microphone: 'microphone',
  amplifier: 'audio amplifier',
  'hands-free': 'Bluetooth hands-free module',
  'backup-battery': 'SOS backup battery',
  'head-unit': 'iDrive head unit',
  'satellite-radio': 'satellite radio tuner',
};

export function unitName(unit: Unit): string {
  return UNIT_NAMES[unit];
}

// ── Status (h1 contract) ──────────────────────────────────────────────────────────────────────
const STATUS_LINES: Record<SosLevel, string> = {
  ready: 'SOS ready',
  limited: 'SOS limited',
  unavailable: 'SOS unavailable',
  unknown: 'SOS status unknown',
  selfTest: 'SOS self-test',
  off: 'SOS standby',
};

/** The status screen's h1. */
export function statusLine(level: SosLevel): string {
  return STATUS_LINES[level];
}

/** One sentence under the status line: what the level means for the driver. */
export function statusExplanation(level: SosLevel, emergencyNumber: EmergencyNumber = '112'): string {
  switch (level) {
    case 'ready':
      return 'In an emergency, open the cover above the mirror and press SOS. After an accident the car calls by itself.';
    case 'limited':
      return 'An emergency call works, but with limits.';
    case 'unavailable':
      return `Emergency calls may not work. In an emergency call ${emergencyNumber} from a phone.`;
    case 'unknown':
      return `The SOS system has not confirmed that it works. In an emergency call ${emergencyNumber} from a phone.`;
    case 'selfTest':
      return 'Checking the emergency-call system…';
    case 'off':
      return 'Ignition off. A call in progress carries on.';
  }
}

// ── Causes ────────────────────────────────────────────────────────────────────────────────────
const CAUSE_TITLES: Record<CauseId, string> = {
  ringBreak: 'Fibre-optic ring interrupted',
  softwareGlitch: 'SOS software not responding',
  controlModuleFailure: 'SOS control module failed',
  handsFreeFault: 'Hands-free module fault',
  headUnitFault: 'iDrive head unit fault',
  noCellular: 'No mobile network',
  weakCellular: 'Weak mobile network',
  noGnss: 'No GPS position',
  microphoneFault: 'Microphone fault',
  speakerFault: 'Loudspeaker fault',
  sosButtonFault: 'SOS button fault',
  crashSensorFault: 'Crash sensor fault',
  backupBatteryLow: 'SOS backup battery weak',
  noVehicleData: 'No status from the car',
  vehicleLinkLost: 'Connection to the car lost',
};

/** A short name for a cause (list entries, announcements). */
export function causeTitle(cause: CauseId): string {
  return CAUSE_TITLES[cause];
}

/** What happened, in a sentence a driver understands. `ring` names the failed unit of a ring break. */
export function causeText(cause: CauseId, ring: RingView | null = null): string {
  switch (cause) {
    case 'ringBreak': {
      if (ring?.suspect) {
        return `A unit on the car's audio/telematics fibre ring (the ${unitName(ring.suspect)}) has failed, so the SOS system cannot reach the emergency centre.`;
      }
      if (ring?.breakBetween) {
        const [from, to] = ring.breakBetween;
        return `The car's audio/telematics fibre ring is broken between the ${unitName(from)} and the ${unitName(to)}, so the SOS system cannot reach the emergency centre.`;
      }
      return "A unit on the car's audio/telematics fibre ring has failed, so the SOS system cannot reach the emergency centre.";
    }
    case 'softwareGlitch':
      return 'The SOS system’s software has stopped responding, so it cannot make an emergency call.';
    case 'controlModuleFailure':
      return 'The SOS control module (telematics unit) has failed. The car cannot make an emergency call.';
    case 'handsFreeFault':
      return 'The Bluetooth hands-free module reports a fault, so you may not be able to talk to the emergency centre.';
    case 'headUnitFault':
      return 'The iDrive head unit reports a fault, so the SOS system cannot show or start calls reliably.';
    case 'noCellular':
      return 'There is no mobile network here, so an emergency call cannot get through.';
    case 'weakCellular':
      return 'The mobile network is weak here, so an emergency call may drop.';
    case 'noGnss':
      return 'The car has no GPS position. A call works, but the emergency centre will not get an exact position.';
    case 'microphoneFault':
      return 'The microphone has a fault, so the emergency centre may not hear you.';
    case 'speakerFault':
      return 'The loudspeakers or the amplifier have a fault, so you may not hear the emergency centre.';
    case 'sosButtonFault':
      return 'The SOS button above the mirror does not work, so you cannot start a call yourself. Automatic calls after an accident still work.';
    case 'crashSensorFault':
      return 'The crash sensor does not report to the SOS system, so the car will not call by itself after an accident. The SOS button still works.';
    case 'backupBatteryLow':
      return 'The SOS backup battery is weak. If an accident cuts the car’s power, the call may not get through.';
    case 'noVehicleData':
      return 'The SOS system has not reported its status yet.';
    case 'vehicleLinkLost':
      return 'The screen has lost its connection to the car’s SOS system, so its status is unknown.';
  }
}

// ── Advice ────────────────────────────────────────────────────────────────────────────────────
/** What the driver can do, as one sentence. `ring` lets fuse and bypass advice name the unit. */
export function adviceText(
  advice: AdviceId,
  ring: RingView | null = null,
  emergencyNumber: EmergencyNumber = '112',
): string {
  const suspect = ring?.suspect ? unitName(ring.suspect) : null;
  switch (advice) {
    case 'seeDealer':
      return 'Have the SOS system checked by a BMW service partner soon.';
    case 'batteryReset':
      return 'A battery reset may clear a software fault: disconnect the battery for a few minutes, then restart the car.';
    case 'checkFuses':
      return suspect
        ? `A blown fuse can silence a unit: have the fuse of the ${suspect} checked.`
        : 'A blown fuse can silence a unit: have the SOS units’ fuses checked.';
    case 'bypassTest':
      return suspect
        ? `A workshop can bridge the ${suspect} with a fibre-optic bypass loop to confirm the fault.`
        : 'A workshop can bridge units with a fibre-optic bypass loop to find the faulty one.';
    case 'moveToOpenSky':
      return 'Drive to an open area, away from tall buildings and tunnels, so the car can find its position.';
    case 'waitForNetwork':
      return 'Coverage usually returns as you drive on; the status updates by itself.';
    case 'checkPairing':
      return 'Check the Bluetooth pairing in iDrive; remove your phone and pair it again if calls fail.';
    case 'callFromPhone':
      return `In an emergency, call ${emergencyNumber} from a phone.`;
  }
}

// ── Effects ───────────────────────────────────────────────────────────────────────────────────
const EFFECTS: Record<EffectId, string> = {
  idriveMayNotRespond: 'iDrive may not respond to commands',
  chimesMayBeSilent: 'Warning chimes may be silent',
  audioSourcesAffected: 'Radio, media and Bluetooth audio may be missing or greyed out',
  noHandsFree: 'No hands-free phone calls',
  noAutomaticCall: 'No automatic emergency call after an accident',
  noManualCall: 'The SOS button cannot start a call',
  positionNotTrusted: 'The emergency centre may not get an exact position',
  centreMayNotHearYou: 'The emergency centre may not hear you',
  youMayNotHearCentre: 'You may not hear the emergency centre',
  noCallPossible: 'No emergency call is possible from the car',
};

/** What the driver will notice while the fault is present. */
export function effectText(effect: EffectId): string {
  return EFFECTS[effect];
}

// ── Malfunction (Check Control) ───────────────────────────────────────────────────────────────
/** h1 of the Check Control message (contract). */
export const MALFUNCTION_TITLE = 'SOS malfunction';
export const MALFUNCTION_ADVICE_HEADING = 'What to do';
export const MALFUNCTION_EFFECTS_HEADING = 'You may notice';
export const MALFUNCTION_CAUSES_HEADING = 'Faults found';
export const MALFUNCTION_RING_HEADING = 'Fibre-optic ring';
export const RING_NODE_SILENT = 'no signal';
export const RING_NODE_OK = 'OK';
export const RING_NODE_SUSPECT = 'suspected';

// ── Status facts ──────────────────────────────────────────────────────────────────────────────
export const FACT_POSITION = 'Position';
export const FACT_NETWORK = 'Network';
export const FACT_GNSS = 'GPS';
export const CAUSES_HEADING = 'Why';

/** `48.17743° N, 11.55634° E`: five decimals, the way a call-taker can type it in. */
export function formatPosition(position: Pick<PositionView, 'latitude' | 'longitude'>): string {
  const lat = `${Math.abs(position.latitude).toFixed(5)}° ${position.latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(position.longitude).toFixed(5)}° ${position.longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

export function positionFact(position: PositionView | null): string {
  return position ? formatPosition(position) : 'Unknown';
}

export function networkFact(bars: number | null): string {
  if (bars === null) return 'No data';
  if (bars === 0) return 'No network';
  return `${bars} of 5 bars`;
}

export function gnssFact(position: PositionView | null): string {
  if (!position || position.fix === 'none') return 'No position';
  return `${position.fix.toUpperCase()} fix, ${position.trusted ? 'trusted' : 'not trusted'}`;
}

// ── Time ──────────────────────────────────────────────────────────────────────────────────────
/** `04:07` from seconds (hours roll into minutes: a call-back window is 60:00). */
export function formatMmSs(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Wall-clock time of the vehicle clock, `14:05`. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Time of day with seconds, `14:05:31`, for what was sent. */
export function formatTimeOfDay(ms: number): string {
  const d = new Date(ms);
  return `${formatClock(ms)}:${String(d.getSeconds()).padStart(2, '0')}`;
}

// ── Cancel flow (contract) ────────────────────────────────────────────────────────────────────
export function cancelTitle(countdownS: number): string {
  return `Emergency call in ${countdownS} s`;
}
export const CANCEL_EXPLANATION = 'An emergency call will start automatically.';
export const CANCEL_HINT = 'Pressed SOS by mistake? Cancel now.';

// ── Active call (contract) ────────────────────────────────────────────────────────────────────
export function phaseTitle(phase: CallPhaseView, attempt: number): string {
  switch (phase) {
    case 'connecting':
      return attempt > 1 ? 'Redialling…' : 'Connecting…';
    case 'dataSent':
      return 'Location sent';
    case 'acknowledged':
      return 'Location received';
    case 'voice':
      return 'Connected';
  }
}

/** Short step names of the phase stepper. */
export const PHASE_STEPS: readonly { readonly phase: CallPhaseView; readonly label: string }[] = [
  { phase: 'connecting', label: 'Connecting' },
  { phase: 'dataSent', label: 'Location sent' },
  { phase: 'acknowledged', label: 'Received' },
  { phase: 'voice', label: 'Voice' },
];

const KIND_LABELS: Record<CallKind, string> = {
  manual: 'Manual emergency call',
  automatic: 'Automatic emergency call',
  test: 'Test call',
};

export function callKindLabel(kind: CallKind): string {
  return KIND_LABELS[kind];
}

const KIND_SHORT: Record<CallKind, string> = {
  manual: 'Manual',
  automatic: 'Automatic (crash)',
  test: 'Test',
};
export function callKindShort(kind: CallKind): string {
  return KIND_SHORT[kind];
}

export const ONLY_CENTRE_ENDS = 'Only the emergency centre can end this call';
export function holdToEndText(holdToEndS: number): string {
  return `Hold SOS button for ${holdToEndS} s to end call`;
}
/** Label of the hold progress while the button is held. */
export const HOLD_PROGRESS_LABEL = 'Keep holding to end the call';
export const NO_VOICE_HINT = 'The emergency centre has your position. Help is on the way.';
/** Ring break or hands-free fault during a call: the telematics unit keeps the call. */
export const AUDIO_MAY_BE_LOST = 'Call audio may be lost. The call continues.';
export const AUDIO_MUTED = 'Entertainment audio muted';
export const CONTACTS_NOTIFIED = 'Your emergency contacts have been told';
export function attemptText(attempt: number): string {
  return `Attempt ${attempt}`;
}

export const SENT_HEADING = 'Sent to the emergency centre';
export const SENT_KIND = 'Call type';
export const SENT_POSITION = 'Position';
export const SENT_TIME = 'Time';
export const SENT_OCCUPANTS = 'Occupants';
export function trustText(trusted: boolean): string {
  return trusted ? 'trusted' : 'not trusted';
}
export const NOT_AVAILABLE = 'Not available';

export const CRASH_HEADING = 'Crash data';
export function crashSeverityText(severity: number): string {
  const words = ['', 'light', 'moderate', 'serious', 'severe'];
  return `${words[severity] ?? 'unknown'} (${severity} of 4)`;
}
export const CRASH_AIRBAGS = 'Airbags';
export const CRASH_ROLLOVER = 'Rollover';
export function yesNo(value: boolean, yes = 'Yes', no = 'No'): string {
  return value ? yes : no;
}

// ── Redial, failure, end (contract) ───────────────────────────────────────────────────────────
export const REDIAL_TITLE = 'Call dropped — redialling';
export function redialInText(seconds: number): string {
  return `Next attempt in ${seconds} s`;
}
export const REDIAL_NOW = 'Dialling again now';
export function failureReasonText(reason: string): string {
  return `Reason: ${reason}`;
}
export const FAILED_TITLE = 'Call failed';
export function callFromPhoneText(emergencyNumber: EmergencyNumber): string {
  return `Call ${emergencyNumber} from a phone`;
}
export const FAILED_EXPLANATION = 'The car could not reach the emergency centre.';
export const POSITION_NOT_TRUSTED = 'This position may be inaccurate — say where you are if you can.';
export const READ_OUT_HEADING = 'Your position to read out';
export const ENDED_TITLE = 'Call ended';
export function endedSummary(elapsedS: number): string {
  return elapsedS > 0 ? `Call time ${formatMmSs(elapsedS)}` : 'The emergency centre ended the call.';
}
export const ENDED_CALLBACK = 'The emergency centre may call you back; the car answers automatically.';
export const CANCELLED_TITLE = 'Call cancelled';
export const CANCELLED_EXPLANATION = 'No emergency call was made.';

// ── Call-back (contract) ──────────────────────────────────────────────────────────────────────
export const CALLBACK_WAITING_TITLE = 'Emergency centre may call back';
export const CALLBACK_ACTIVE_TITLE = 'Emergency centre calling back';
export function callbackRemainingText(seconds: number): string {
  return `Call-back possible for ${formatMmSs(seconds)}`;
}
export const CALLBACK_EXPLANATION =
  'A call from the emergency centre is answered automatically. Please keep the car nearby.';

// ── Status bar titles ─────────────────────────────────────────────────────────────────────────
export const BAR_TITLE_STATUS = 'SOS emergency call';
export const BAR_TITLE_CALL = 'Emergency call';

// ── Announcements (live region) ───────────────────────────────────────────────────────────────
/** What the live region says for a call screen: the phase, not every tick of a countdown. */
export function announceCall(view: CallView): string {
  switch (view.screen) {
    case 'none':
      return '';
    case 'cancelWindow':
      return `${CANCEL_EXPLANATION} ${BUTTON.cancelCall} to stop it.`;
    case 'active':
      return `${view.kind ? callKindLabel(view.kind) + ': ' : ''}${view.phase ? phaseTitle(view.phase, view.attempt) : ''}`;
    case 'redialing':
      return REDIAL_TITLE;
    case 'failed':
      return `${FAILED_TITLE}. ${callFromPhoneText(view.emergencyNumber)}.`;
    case 'ended':
      return ENDED_TITLE;
    case 'cancelled':
      return CANCELLED_TITLE;
    case 'callbackWaiting':
      return CALLBACK_WAITING_TITLE;
    case 'callback':
      return CALLBACK_ACTIVE_TITLE;
    case 'testEnded':
      return view.testOutcome === 'passed' ? TEST_PASSED_TITLE : TEST_FAILED_TITLE;
  }
}

export function announceMalfunction(view: MalfunctionView): string {
  if (!view.message) return MALFUNCTION_TITLE;
  return `${MALFUNCTION_TITLE}: ${causeTitle(view.message.primary)}.`;
}

export function announceStatus(view: SosStatusView): string {
  return statusLine(view.level);
}

// ══ Diagnosis: self-test results, ring diagram, guides, fault memory, test call, after the call ══

export const DIAG_BUTTON = {
  diagnosis: 'Diagnosis',
  guide: 'Guide',
  ring: 'Ring diagram',
  selfTest: 'Self-test results',
  faultMemory: 'Fault memory',
  runSelfTest: 'Run self-test',
  testCall: 'Test call',
  endTestCall: 'End test call',
  exportJson: 'Export JSON',
  back: 'Back',
  close: 'Close',
  removeBypass: 'Remove bypass',
  police: 'Police station',
  hospital: 'Hospital',
} as const;

/** "Bypass satellite radio tuner". */
export function bypassButton(unit: Unit): string {
  return `Bypass ${RING_SHORT[unit as keyof typeof RING_SHORT] ?? unitName(unit)}`;
}

/** Short unit names for the ring drawing (a node box is small). */
export const RING_SHORT: Record<
  'head-unit' | 'amplifier' | 'telematics' | 'satellite-radio' | 'hands-free',
  string
> = {
  'head-unit': 'Head unit',
  amplifier: 'Amplifier',
  telematics: 'Telematics',
  'satellite-radio': 'Satellite radio',
  'hands-free': 'Hands-free',
};

export const DIAG_NAV_LABEL = 'Diagnosis pages';
export const DIAG_NAV: Record<'selfTest' | 'ring' | 'guide' | 'faultMemory', string> = {
  selfTest: 'Self-test',
  ring: 'MOST ring',
  guide: 'Guide',
  faultMemory: 'Fault memory',
};

/** While SOS is down, every guide says this first. */
export function notASubstitute(emergencyNumber: EmergencyNumber): string {
  return `The SOS system is no substitute for calling ${emergencyNumber} while it is down. In an emergency, call ${emergencyNumber} from a phone.`;
}

// ── Self-test results ─────────────────────────────────────────────────────────────────────────
export const SELF_TEST_TITLE = 'Self-test results';
const SELF_TEST_ITEM_NAMES: Record<SelfTestItem, string> = {
  'control-module': 'SOS control module',
  'hmi-link': 'Link to iDrive',
  'sim-modem': 'SIM and mobile modem',
  'cellular-antenna': 'Mobile antenna',
  'gnss-receiver': 'GPS receiver',
  'gnss-antenna': 'GPS antenna',
  microphone: 'Microphone',
  loudspeaker: 'Loudspeakers',
  'hands-free': 'Bluetooth hands-free',
  'sos-button': 'SOS button',
  'sos-led': 'SOS LED',
  'crash-sensor': 'Crash sensor / airbag unit',
  'backup-battery': 'SOS backup battery',
  'most-ring': 'Fibre-optic ring (MOST)',
};
export function selfTestItemName(item: SelfTestItem): string {
  return SELF_TEST_ITEM_NAMES[item];
}
const SELF_TEST_RESULTS: Record<SelfTestOutcome, string> = {
  ok: 'OK',
  fault: 'Fault',
  notChecked: 'Not checked',
  unknown: 'Unknown',
};
export function selfTestResultText(result: SelfTestOutcome): string {
  return SELF_TEST_RESULTS[result];
}
export const SELF_TEST_R144 = 'UN R144';
export const SELF_TEST_R144_HINT = 'Checked in type approval (UN R144)';
export const SELF_TEST_NEVER = '—';
export function selfTestRequestText(view: SelfTestView): string {
  switch (view.request) {
    case 'idle':
      return view.lastResultAt === null
        ? 'No self-test has run yet. Run one to check every part of the SOS system.'
        : `Last self-test ${formatTimeOfDay(view.lastResultAt)}.`;
    case 'running':
      return 'Self-test running…';
    case 'done':
      return `Self-test finished ${view.lastResultAt === null ? '' : formatTimeOfDay(view.lastResultAt)}.`;
    case 'failed':
      return `The self-test could not run: ${view.error ?? 'no answer'}. Results shown are from the last check.`;
  }
}
export function selfTestSummary(rows: readonly SelfTestRow[]): string {
  const faults = rows.filter((r) => r.result === 'fault').length;
  const unknown = rows.filter((r) => r.result === 'unknown').length;
  const parts = [`${faults} ${faults === 1 ? 'fault' : 'faults'}`];
  if (unknown) parts.push(`${unknown} unknown`);
  return parts.join(', ');
}
export const SELF_TEST_COLUMNS = { item: 'Part', result: 'Result', time: 'Last check' } as const;

// ── Ring diagram ──────────────────────────────────────────────────────────────────────────────
export const RING_TITLE = 'Fibre-optic ring (MOST)';
export function ringVerdictText(d: RingDiagnosis): string {
  const unit = d.suspects.find((s) => s.kind === 'unit');
  const fibre = d.suspects.find((s) => s.kind === 'fibre');
  switch (d.verdict) {
    case 'unknown':
      return 'No current ring data from the head unit: the ring state is unknown.';
    case 'closed':
      return 'Light and lock all the way round: the ring is closed.';
    case 'closedWithBypass':
      return `The ring closes with ${d.bypassed.map((u) => `the ${unitName(u)}`).join(' and ')} bypassed: ${d.bypassed.length > 1 ? 'one of them is' : 'it is'} the faulty unit.`;
    case 'breakLocated':
      return unit && unit.kind === 'unit' && fibre && fibre.kind === 'fibre'
        ? `No light into the ${unitName(unit.unit)}: the ${unitName(unit.unit)} has failed or has no power, or the fibre from the ${unitName(fibre.from)} is damaged.`
        : 'The ring is open.';
    case 'fibreLocated':
      return fibre && fibre.kind === 'fibre'
        ? `Still no light with the ${unitName(fibre.to)} bypassed: the fibre from the ${unitName(fibre.from)} to the ${unitName(fibre.to)} is damaged.`
        : 'The ring is open.';
    case 'open':
      return 'The ring is open; the head unit has not located the break yet.';
  }
}
export const RING_UNKNOWN_NOTE =
  'Units behind an open ring cannot report: they are shown as unknown, not as faulty.';
export const RING_BYPASS_NOTE =
  'Bypass test: fit a fibre-optic bypass loop in place of the suspected unit. If the ring then closes, that unit is faulty; if not, the fibre is.';
const RING_NODE_STATES: Record<RingNodeState, string> = {
  ok: 'OK',
  fault: 'Fault',
  suspect: 'Suspected',
  unknown: 'Unknown',
  bypassed: 'Bypassed',
};
export function ringNodeStateText(state: RingNodeState): string {
  return RING_NODE_STATES[state];
}
const RING_LINK_STATES: Record<RingLinkState, string> = {
  light: 'light and lock',
  dark: 'no light',
  unknown: 'unknown',
  bypassed: 'through bypass loop',
};
export function ringLinkText(from: Unit, to: Unit, state: RingLinkState): string {
  return `Fibre ${unitName(from)} to ${unitName(to)}: ${RING_LINK_STATES[state]}`;
}
export const RING_MASTER = 'network master';
export const RING_LEGEND = {
  light: 'Light',
  dark: 'No light',
  unknown: 'Unknown',
  bypassed: 'Bypass loop',
} as const;

// ── Guides ────────────────────────────────────────────────────────────────────────────────────
const GUIDE_TITLES: Record<GuideId, string> = {
  satelliteRadio: 'Satellite radio tuner',
  headUnit: 'iDrive head unit',
  amplifier: 'Audio amplifier',
  bluetoothModule: 'Bluetooth hands-free module',
  fibreDamage: 'Damaged fibre-optic cable',
  ringBreak: 'Fibre-optic ring interrupted',
  noNetwork: 'No mobile network',
  noGps: 'No GPS position',
  softwareGlitch: 'SOS software not responding',
  controlModule: 'SOS control module',
  microphone: 'Microphone',
  loudspeaker: 'Loudspeakers',
  sosButton: 'SOS button',
  crashSensor: 'Crash sensor',
  backupBattery: 'SOS backup battery',
  noData: 'No status from the SOS system',
};
export function guideTitle(id: GuideId): string {
  return GUIDE_TITLES[id];
}
const GUIDE_INTROS: Record<GuideId, string> = {
  satelliteRadio:
    'The most common cause: a failed satellite radio tuner stops the whole fibre ring, and the SOS module with it. Replacing the tuner with a working used one is the simplest fix; if you do not use satellite radio, a bypass loop is cheaper.',
  headUnit:
    'The head unit runs the fibre ring. When it fails or loses power, the ring and the SOS system go quiet.',
  amplifier: 'A failed or unpowered amplifier stops the whole fibre ring: no audio, no hands-free, no SOS.',
  bluetoothModule:
    'A failed Bluetooth hands-free module stops the fibre ring, or leaves an emergency call without voice.',
  fibreDamage:
    'Rarely, the fibre-optic cable itself is damaged — often after other work in the area it runs through.',
  ringBreak: 'The fibre ring is open but the break has not been located yet.',
  noNetwork: 'Without a mobile network the car cannot reach the emergency centre.',
  noGps: 'Without a GPS position the emergency centre gets no exact location.',
  softwareGlitch: 'The SOS software has stopped responding. A battery reset usually clears it.',
  controlModule: 'The SOS control module (telematics unit) has failed or lost power.',
  microphone: 'The emergency centre may not hear you.',
  loudspeaker: 'You may not hear the emergency centre.',
  sosButton: 'The SOS button cannot start a call.',
  crashSensor: 'After an accident the car will not call by itself.',
  backupBattery: 'If an accident cuts the car’s power, the SOS system may not have enough power to call.',
  noData: 'The SOS system has not reported its status.',
};
export function guideIntro(id: GuideId): string {
  return GUIDE_INTROS[id];
}
export const GUIDE_WHO: Record<StepActor, string> = { driver: 'You can do this', workshop: 'Workshop' };
export const GUIDE_STEPS_HEADING = 'Steps, in order';
export const GUIDE_NOT_PRESENT = 'This fault is not present now; the guide is shown for reference.';
export function guideStepText(step: GuideStep, emergencyNumber: EmergencyNumber = '112'): string {
  const unit = step.unit ? unitName(step.unit) : 'suspected unit';
  switch (step.id) {
    case 'useAPhone':
      return `Until this is fixed, call ${emergencyNumber} from a phone in an emergency.`;
    case 'parkSafely':
      return 'Park somewhere safe and switch the engine off.';
    case 'restartCar':
      return 'Switch the car off, lock it for a few minutes, then start it again.';
    case 'restartIdrive':
      return 'Restart iDrive: press and hold the volume knob for about 30 seconds until the screen goes dark and restarts.';
    case 'recentWork':
      return 'Think back: was work done recently in the boot, under the floor or behind trim panels? The fibre may have been pinched there.';
    case 'locateUnit':
      return step.unit === 'satellite-radio'
        ? 'The satellite radio tuner sits in the boot, at the side or under the floor cover.'
        : step.unit === 'amplifier' || step.unit === 'hands-free'
          ? `The ${unit} sits under the floor cover in the boot.`
          : `Find the ${unit}.`;
    case 'checkUnitFuses':
      return step.unit === 'head-unit'
        ? 'Check the fuses on the back of the head unit.'
        : `Check the fuses of the ${unit}${step.unit === 'amplifier' || step.unit === 'hands-free' ? ' (at the side of the unit)' : ''}.`;
    case 'bypassUnit':
      return `Bypass test: unplug the ${unit}'s fibre connector and fit a fibre-optic bypass loop. If the ring closes, the ${unit} is faulty; if not, the fibre is damaged.`;
    case 'replaceOrBypass':
      return `Replace the ${unit} (a tested used unit is the easiest), or leave a bypass loop in place if you do not use it.`;
    case 'replaceUnit':
      return `Replace or repair the ${unit}; it may need coding to the car.`;
    case 'inspectFibre':
      return 'Open the fibre connectors in ring order with the ring woken up and look for red light: the break is between the last connector with light and the first without.';
    case 'repairFibre':
      return 'Repair the damaged section with a fibre-optic repair kit or replace the cable.';
    case 'openConnectors':
      return 'Have the ring-break diagnosis run, or open the connectors in ring order and look for red light.';
    case 'checkPairing':
      return 'In iDrive, remove your phone from the Bluetooth list and pair it again.';
    case 'waitForNetwork':
      return 'Drive on carefully: coverage usually returns within a few kilometres; the status updates by itself.';
    case 'moveToOpenSky':
      return 'Drive to an open area, away from tall buildings, garages and tunnels.';
    case 'waitForFix':
      return 'Wait a few minutes with the car under open sky for the position to return.';
    case 'checkCellularAntenna':
      return 'If it stays without network where phones work, have the mobile antenna, its cable and the modem checked.';
    case 'checkGnssAntenna':
      return 'If there is still no position under open sky, have the GPS antenna and its cable checked.';
    case 'batteryReset':
      return 'Battery reset: with the ignition off, disconnect the positive terminal of the battery, wait a few seconds, reconnect it, then start the car.';
    case 'runSelfTest':
      return 'Afterwards run the self-test: the SOS status must say “SOS ready”.';
    case 'testCall':
      return 'Afterwards make a test call: it checks the whole chain without alerting anyone.';
    case 'dealerDiagnosis':
      return 'Have a BMW service partner read the fault memory and check the system.';
    case 'dealerModule':
      return 'The control module has to be replaced and coded to the car by a BMW service partner.';
    case 'speakLoudly':
      return 'In an emergency call, speak loudly; the centre has your position even if it cannot hear you.';
    case 'checkAudio':
      return 'Check whether the radio plays on all speakers; silence points to the amplifier.';
    case 'automaticStillWorks':
      return 'The car still calls by itself after an accident.';
    case 'manualStillWorks':
      return 'The SOS button above the mirror still starts a call.';
    case 'replaceBackupBattery':
      return 'Have the SOS backup battery replaced (it lasts about 3–4 years).';
  }
}
const CAUTIONS: Record<CautionId, string> = {
  notWhileDriving: 'Only when parked safely — never while driving.',
  ignitionOff: 'Ignition off and key away from the car first.',
  fibreBend: 'Do not kink the fibre: keep bends wider than a coin (about 25 mm radius).',
  fibreLight: 'Do not look straight into a lit fibre end.',
  batteryShort:
    'A spanner touching the positive terminal and the body causes a short circuit. Disconnecting the negative terminal first is the safer order.',
  batteryGases: 'No flames or sparks near the battery; wear eye protection.',
  settingsLost: 'Clock, radio presets and window auto-up may need setting again afterwards.',
  airbagWork: 'Airbag parts are pyrotechnic: only a trained technician may work on them.',
  sameFuseRating:
    'Replace a fuse only with one of the same rating; if it blows again, stop and see a workshop.',
};
export function cautionText(id: CautionId): string {
  return CAUTIONS[id];
}
export const CAUTION_LABEL = 'Caution';

// ── Fault memory ──────────────────────────────────────────────────────────────────────────────
export const FAULT_MEMORY_TITLE = 'Fault memory';
export const FAULT_MEMORY_EMPTY = 'No entries yet.';
export function faultMemoryCount(n: number): string {
  return `${n} ${n === 1 ? 'entry' : 'entries'}, kept across restarts`;
}
export const FAULT_MEMORY_EXPORTED = 'Exported as JSON for the workshop.';
const CALL_OUTCOMES: Record<CallOutcome, string> = {
  connected: 'Voice connected',
  contactsNotified: 'Emergency contacts notified',
  endedByCentre: 'Ended by the centre',
  endedByOccupant: 'Ended in the car',
  dropped: 'Call dropped',
  failed: 'Call failed',
  rejected: 'Call refused by the telematics unit',
  callback: 'Centre called back',
};
/** One line per entry: what happened and why. */
export function faultLogEntryText(e: FaultLogEntry): string {
  const reason = e.reason ? ` (${e.reason})` : '';
  switch (e.kind) {
    case 'fault':
      return `${e.cause ? causeTitle(e.cause) : 'Fault'}${e.units?.length ? ` — ${e.units.map((u) => unitName(u as Unit)).join(', ')}` : ''}`;
    case 'faultCleared':
      return `Cleared: ${e.cause ? causeTitle(e.cause) : 'fault'}`;
    case 'ignition':
      return `Ignition ${e.ignition ?? ''}`.trim();
    case 'selfTest':
      return e.failed?.length
        ? `Self-test: ${e.failed.map((i) => selfTestItemName(i)).join(', ')} failed`
        : 'Self-test: all passed';
    case 'selfTestRefused':
      return `Self-test could not run${reason}`;
    case 'bypass':
      return `Bypass loop ${e.bypassed ? 'fitted at' : 'removed from'} ${e.units?.[0] ? unitName(e.units[0] as Unit) : 'a unit'}`;
    case 'call':
      return `${e.callKind ? callKindLabel(e.callKind) : 'Call'} started`;
    case 'callOutcome':
      return `${e.outcome ? CALL_OUTCOMES[e.outcome] : 'Call'}${reason}`;
  }
}
export function faultLogEntryTime(e: FaultLogEntry): string {
  const d = new Date(e.at);
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}. ${formatTimeOfDay(e.at)}`;
}
export function cycleText(cycle: number): string {
  return `Cycle ${cycle}`;
}

// ── Test call ─────────────────────────────────────────────────────────────────────────────────
export const TEST_CALL_BANNER = 'TEST CALL — no emergency services';
export const TEST_CALL_EXPLANATION =
  'This call goes to the test number. The data is flagged as a test; nobody is sent out.';
export const TEST_PASSED_TITLE = 'Test call passed';
export const TEST_FAILED_TITLE = 'Test call failed';
export const TEST_PASSED_TEXT = 'The test centre received the call data: the SOS system works.';
export function testFailedText(reason: string | null, emergencyNumber: EmergencyNumber): string {
  return `The test call did not get through${reason ? ` (${reason})` : ''}. Until this is fixed, call ${emergencyNumber} from a phone in an emergency.`;
}
export const TEST_CALL_HINT = 'Checks the whole chain without alerting anyone.';

// ── After the call ────────────────────────────────────────────────────────────────────────────
export const CONTACTS_NOTIFIED_AFTER = 'Emergency contacts notified';
export const DIRECTIONS_HEADING = 'Directions';
const POI_KIND: Record<PointOfInterestKind, string> = {
  police: 'Nearest police station',
  hospital: 'Nearest hospital',
};
export function poiKindText(kind: PointOfInterestKind): string {
  return POI_KIND[kind];
}
export function distanceText(m: number | null): string {
  if (m === null) return '';
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}
export function compassText(deg: number | null): string {
  if (deg === null) return '';
  const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
  return points[Math.round(deg / 45) % 8]!;
}
export function guidanceStarted(kind: PointOfInterestKind): string {
  return `Route to the ${kind === 'police' ? 'police station' : 'hospital'} sent to the navigation.`;
}

export const BAR_TITLE_TEST = 'SOS test call';
export const BAR_TITLE_DIAGNOSIS = 'SOS diagnosis';
