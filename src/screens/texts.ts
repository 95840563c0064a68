/**
 * Every word the SOS screens show, in one place so they can be localised. Ids from the machines
 * (`CauseId`, `AdviceId`, `EffectId`, levels, phases) become driver-facing English here: say what
 * happened in the driver's words, then what to do. Strings marked "contract" are relied on by
 * end-to-end tests and must not change.
 */
import type {
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
  }
}

export function announceMalfunction(view: MalfunctionView): string {
  if (!view.message) return MALFUNCTION_TITLE;
  return `${MALFUNCTION_TITLE}: ${causeTitle(view.message.primary)}.`;
}

export function announceStatus(view: SosStatusView): string {
  return statusLine(view.level);
}
