/**
 * Every word the SOS screens show, in one place so they can be localised. Ids from the machines
 * (`CauseId`, `AdviceId`, `EffectId`, levels, phases) become driver-facing English here: say what
 * happened in the driver's words, then what to do. Strings marked "contract" are relied on by
 * end-to-end tests and must not change.
 *
 * Localised with `@lit/localize` (runtime mode): every string is a `msg()` in English, the source
 * language; `npm run localize:extract` writes them to `xliff/<lang>.xlf` for translators and
 * `npm run localize:build` turns the translated XLIFF into `src/i18n/locales/<lang>.ts`. Functions
 * translate on each call; the UPPER_CASE constants are live bindings re-set whenever the language
 * changes (`onLocale`), so screens keep reading `t.NAME` and re-render on the locale event.
 */
import { LOCALE_STATUS_EVENT, msg, str } from '@lit/localize';
import type { DoorRelease, MsdState, PointOfInterestKind, PresetPhrase } from '../bridge/signals.js';
import type {
  AdviceId,
  CallPhaseView,
  CallView,
  CauseId,
  EffectId,
  MalfunctionView,
  PositionView,
  RingView,
  SafetyStepId,
  SosLevel,
  SosStatusView,
} from '../machines/views.js';

type CallKind = NonNullable<CallView['kind']>;
type Unit = SosStatusView['causes'][number]['units'][number];
type EmergencyNumber = CallView['emergencyNumber'];

const relocalise: (() => void)[] = [];
/**
 * Sets a constant in the current language now, and again whenever the language changes (also for
 * the texts of chunks that load later, such as `diagnosis-texts.ts`).
 */
export function onLocale(set: () => void): void {
  relocalise.push(set);
  set();
}
// Runs before any element re-renders: the elements' own locale listeners only request an update.
globalThis.addEventListener?.(LOCALE_STATUS_EVENT, (event) => {
  if (event.detail.status === 'ready') for (const set of relocalise) set();
});

// ── Buttons (contract) ────────────────────────────────────────────────────────────────────────
export const BUTTON = {
  get cancelCall() {
    return msg('Cancel call');
  },
  get callNow() {
    return msg('Call now');
  },
  get ok() {
    return msg('OK');
  },
  get details() {
    return msg('Details');
  },
  get close() {
    return msg('Close');
  },
  get selfTest() {
    return msg('Self-test');
  },
  get showMalfunction() {
    return msg('Show malfunction');
  },
} as const;

// ── Units, in the names a driver or a workshop would use ──────────────────────────────────────
const UNIT_NAMES: Record<Unit, string> = {
  get telematics() {
    return msg('telematics unit (SOS module)');
  },
  get 'sos-button'() {
    return msg('SOS button');
  },
  get 'crash-sensor'() {
    return msg('crash sensor');
  },
  get gnss() {
    return msg('GPS receiver');
  },
  get cellular() {
    return msg('mobile network module');
  },
  get microphone() {
    return msg('microphone');
  },
  get amplifier() {
    return msg('audio amplifier');
  },
  get 'hands-free'() {
    return msg('Bluetooth hands-free module');
  },
  get 'backup-battery'() {
    return msg('SOS backup battery');
  },
  get 'head-unit'() {
    return msg('iDrive head unit');
  },
  get 'satellite-radio'() {
    return msg('satellite radio tuner');
  },
};

export function unitName(unit: Unit): string {
  return UNIT_NAMES[unit];
}

// ── Status (h1 contract) ──────────────────────────────────────────────────────────────────────
const STATUS_LINES: Record<SosLevel, string> = {
  get ready() {
    return msg('SOS ready');
  },
  get limited() {
    return msg('SOS limited');
  },
  get unavailable() {
    return msg('SOS unavailable');
  },
  get unknown() {
    return msg('SOS status unknown');
  },
  get selfTest() {
    return msg('SOS self-test');
  },
  get off() {
    return msg('SOS standby');
  },
};

/** The status screen's h1. */
export function statusLine(level: SosLevel): string {
  return STATUS_LINES[level];
}

/** After `SOS status unknown` while the vehicle link has not answered yet (the HMI may boot first). */
export let CONNECTING_TO_VEHICLE = '';
onLocale(() => (CONNECTING_TO_VEHICLE = msg('— connecting to vehicle')));
/** After `SOS status unknown` while the vehicle link is up but refuses this display (its token). */
export let LINK_REFUSED_DISPLAY = '';
onLocale(() => (LINK_REFUSED_DISPLAY = msg('— the vehicle link refused this display')));

/** One sentence under the status line: what the level means for the driver. */
export function statusExplanation(level: SosLevel, emergencyNumber: EmergencyNumber = '112'): string {
  switch (level) {
    case 'ready':
      return msg(
        'In an emergency, open the cover above the mirror and press SOS. After an accident the car calls by itself.',
      );
    case 'limited':
      return msg('An emergency call works, but with limits.');
    case 'unavailable':
      return msg(str`Emergency calls may not work. In an emergency call ${emergencyNumber} from a phone.`);
    case 'unknown':
      return msg(
        str`The SOS system has not confirmed that it works. In an emergency call ${emergencyNumber} from a phone.`,
      );
    case 'selfTest':
      return msg('Checking the emergency-call system…');
    case 'off':
      return msg('Ignition off. A call in progress carries on.');
  }
}

// ── Causes ────────────────────────────────────────────────────────────────────────────────────
const CAUSE_TITLES: Record<CauseId, string> = {
  get ringBreak() {
    return msg('Fibre-optic ring interrupted');
  },
  get softwareGlitch() {
    return msg('SOS software not responding');
  },
  get controlModuleFailure() {
    return msg('SOS control module failed');
  },
  get handsFreeFault() {
    return msg('Hands-free module fault');
  },
  get headUnitFault() {
    return msg('iDrive head unit fault');
  },
  get noCellular() {
    return msg('No mobile network');
  },
  get weakCellular() {
    return msg('Weak mobile network');
  },
  get noGnss() {
    return msg('No GPS position');
  },
  get microphoneFault() {
    return msg('Microphone fault');
  },
  get speakerFault() {
    return msg('Loudspeaker fault');
  },
  get sosButtonFault() {
    return msg('SOS button fault');
  },
  get crashSensorFault() {
    return msg('Crash sensor fault');
  },
  get backupBatteryLow() {
    return msg('SOS backup battery weak');
  },
  get noVehicleData() {
    return msg('No status from the car');
  },
  get vehicleLinkLost() {
    return msg('Connection to the car lost');
  },
  get vehicleLinkRefused() {
    return msg('The car’s link refused this display');
  },
  get noEcallNetwork() {
    return msg('No network here for the car’s emergency call');
  },
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
        return msg(
          str`A unit on the car's audio/telematics fibre ring (the ${unitName(ring.suspect)}) has failed, so the SOS system cannot reach the emergency centre.`,
        );
      }
      if (ring?.breakBetween) {
        const [from, to] = ring.breakBetween;
        return msg(
          str`The car's audio/telematics fibre ring is broken between the ${unitName(from)} and the ${unitName(to)}, so the SOS system cannot reach the emergency centre.`,
        );
      }
      return msg(
        "A unit on the car's audio/telematics fibre ring has failed, so the SOS system cannot reach the emergency centre.",
      );
    }
    case 'softwareGlitch':
      return msg('The SOS system’s software has stopped responding, so it cannot make an emergency call.');
    case 'controlModuleFailure':
      return msg(
        'The SOS control module (telematics unit) has failed. The car cannot make an emergency call.',
      );
    case 'handsFreeFault':
      return msg(
        'The Bluetooth hands-free module reports a fault, so you may not be able to talk to the emergency centre.',
      );
    case 'headUnitFault':
      return msg(
        'The iDrive head unit reports a fault, so the SOS system cannot show or start calls reliably.',
      );
    case 'noCellular':
      return msg('There is no mobile network here, so an emergency call cannot get through.');
    case 'weakCellular':
      return msg('The mobile network is weak here, so an emergency call may drop.');
    case 'noGnss':
      return msg(
        'The car has no GPS position. A call works, but the emergency centre will not get an exact position.',
      );
    case 'microphoneFault':
      return msg('The microphone has a fault, so the emergency centre may not hear you.');
    case 'speakerFault':
      return msg('The loudspeakers or the amplifier have a fault, so you may not hear the emergency centre.');
    case 'sosButtonFault':
      return msg(
        'The SOS button above the mirror does not work, so you cannot start a call yourself. Automatic calls after an accident still work.',
      );
    case 'crashSensorFault':
      return msg(
        'The crash sensor does not report to the SOS system, so the car will not call by itself after an accident. The SOS button still works.',
      );
    case 'backupBatteryLow':
      return msg(
        'The SOS backup battery is weak. If an accident cuts the car’s power, the call may not get through.',
      );
    case 'noVehicleData':
      return msg('The SOS system has not reported its status yet.');
    case 'vehicleLinkLost':
      return msg('The screen has lost its connection to the car’s SOS system, so its status is unknown.');
    case 'vehicleLinkRefused':
      return msg(
        'The car’s vehicle link does not accept this display’s access token, so its SOS status is unknown. The screen keeps asking; a workshop can renew the token.',
      );
    case 'noEcallNetwork':
      return msg(
        'A limit of the place, not a fault of the car: SOS still calls 112, but without the car’s position and crash data — tell the centre where you are.',
      );
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
      return msg('Have the SOS system checked by a BMW service partner soon.');
    case 'batteryReset':
      return msg(
        'A battery reset may clear a software fault: disconnect the battery for a few minutes, then restart the car.',
      );
    case 'checkFuses':
      return suspect
        ? msg(str`A blown fuse can silence a unit: have the fuse of the ${suspect} checked.`)
        : msg('A blown fuse can silence a unit: have the SOS units’ fuses checked.');
    case 'bypassTest':
      return suspect
        ? msg(str`A workshop can bridge the ${suspect} with a fibre-optic bypass loop to confirm the fault.`)
        : msg('A workshop can bridge units with a fibre-optic bypass loop to find the faulty one.');
    case 'moveToOpenSky':
      return msg(
        'Drive to an open area, away from tall buildings and tunnels, so the car can find its position.',
      );
    case 'waitForNetwork':
      return msg('Coverage usually returns as you drive on; the status updates by itself.');
    case 'checkPairing':
      return msg('Check the Bluetooth pairing in iDrive; remove your phone and pair it again if calls fail.');
    case 'callFromPhone':
      return msg(str`In an emergency, call ${emergencyNumber} from a phone.`);
    case 'notAWorkshopCase':
      return msg('Nothing is wrong with the car: a workshop cannot help.');
  }
}

// ── Effects ───────────────────────────────────────────────────────────────────────────────────
const EFFECTS: Record<EffectId, string> = {
  get idriveMayNotRespond() {
    return msg('iDrive may not respond to commands');
  },
  get chimesMayBeSilent() {
    return msg('Warning chimes may be silent');
  },
  get audioSourcesAffected() {
    return msg('Radio, media and Bluetooth audio may be missing or greyed out');
  },
  get noHandsFree() {
    return msg('No hands-free phone calls');
  },
  get noAutomaticCall() {
    return msg('No automatic emergency call after an accident');
  },
  get noManualCall() {
    return msg('The SOS button cannot start a call');
  },
  get positionNotTrusted() {
    return msg('The emergency centre may not get an exact position');
  },
  get centreMayNotHearYou() {
    return msg('The emergency centre may not hear you');
  },
  get youMayNotHearCentre() {
    return msg('You may not hear the emergency centre');
  },
  get noCallPossible() {
    return msg('No emergency call is possible from the car');
  },
  get callWithoutCarData() {
    return msg('An SOS call goes out as a plain 112 call: tell the centre where you are');
  },
};

/** What the driver will notice while the fault is present. */
export function effectText(effect: EffectId): string {
  return EFFECTS[effect];
}

// ── Malfunction (Check Control) ───────────────────────────────────────────────────────────────
/** h1 of the Check Control message (contract). */
export let MALFUNCTION_TITLE = '';
onLocale(() => (MALFUNCTION_TITLE = msg('SOS malfunction')));
export let MALFUNCTION_ADVICE_HEADING = '';
onLocale(() => (MALFUNCTION_ADVICE_HEADING = msg('What to do')));
export let MALFUNCTION_EFFECTS_HEADING = '';
onLocale(() => (MALFUNCTION_EFFECTS_HEADING = msg('You may notice')));
export let MALFUNCTION_CAUSES_HEADING = '';
onLocale(() => (MALFUNCTION_CAUSES_HEADING = msg('Faults found')));
export let MALFUNCTION_RING_HEADING = '';
onLocale(() => (MALFUNCTION_RING_HEADING = msg('Fibre-optic ring')));
export let RING_NODE_SILENT = '';
onLocale(() => (RING_NODE_SILENT = msg('no signal')));
export let RING_NODE_OK = '';
onLocale(() => (RING_NODE_OK = msg('OK')));
export let RING_NODE_SUSPECT = '';
onLocale(() => (RING_NODE_SUSPECT = msg('suspected')));

// ── Status facts ──────────────────────────────────────────────────────────────────────────────
export let FACT_POSITION = '';
onLocale(() => (FACT_POSITION = msg('Position')));
export let FACT_NETWORK = '';
onLocale(() => (FACT_NETWORK = msg('Network')));
export let FACT_GNSS = '';
onLocale(() => (FACT_GNSS = msg('GPS')));
export let CAUSES_HEADING = '';
onLocale(() => (CAUSES_HEADING = msg('Why')));

/** `48.17743° N, 11.55634° E`: five decimals, the way a call-taker can type it in. */
export function formatPosition(position: Pick<PositionView, 'latitude' | 'longitude'>): string {
  const lat = `${Math.abs(position.latitude).toFixed(5)}° ${position.latitude < 0 ? msg('S') : msg('N')}`;
  const lon = `${Math.abs(position.longitude).toFixed(5)}° ${position.longitude < 0 ? msg('W') : msg('E')}`;
  return `${lat}, ${lon}`;
}

export function positionFact(position: PositionView | null): string {
  return position ? formatPosition(position) : msg('Unknown');
}

export function networkFact(bars: number | null): string {
  if (bars === null) return msg('No data');
  if (bars === 0) return msg('No network');
  return msg(str`${bars} of 5 bars`);
}

export function gnssFact(position: PositionView | null): string {
  if (!position || position.fix === 'none') return msg('No position');
  const fix = position.fix.toUpperCase();
  return position.trusted ? msg(str`${fix} fix, trusted`) : msg(str`${fix} fix, not trusted`);
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
  return msg(str`Emergency call in ${countdownS} s`);
}
export let CANCEL_EXPLANATION = '';
onLocale(() => (CANCEL_EXPLANATION = msg('An emergency call will start automatically.')));
export let CANCEL_HINT = '';
onLocale(() => (CANCEL_HINT = msg('Pressed SOS by mistake? Cancel now.')));

// ── Active call (contract) ────────────────────────────────────────────────────────────────────
/** The active call's h1. `msd`: a negative acknowledgement is never called "received". */
export function phaseTitle(phase: CallPhaseView, attempt: number, msd: MsdState = 'none'): string {
  switch (phase) {
    case 'connecting':
      return attempt > 1 ? msg('Redialling…') : msg('Connecting…');
    case 'dataSent':
      return msg('Location sent');
    case 'acknowledged':
      return msd === 'ackNegative' ? msg('Location not received') : msg('Location received');
    case 'voice':
      return msg('Connected');
  }
}

/** Short step names of the phase stepper. */
export const PHASE_STEPS: readonly { readonly phase: CallPhaseView; readonly label: string }[] = [
  {
    phase: 'connecting',
    get label() {
      return msg('Connecting');
    },
  },
  {
    phase: 'dataSent',
    get label() {
      return msg('Location sent');
    },
  },
  {
    phase: 'acknowledged',
    get label() {
      return msg('Received');
    },
  },
  {
    phase: 'voice',
    get label() {
      return msg('Voice');
    },
  },
];

/** The stepper's third step when the centre acknowledged the data negatively. */
export let STEP_NOT_RECEIVED = '';
onLocale(() => (STEP_NOT_RECEIVED = msg('Not received')));

const KIND_LABELS: Record<CallKind, string> = {
  get manual() {
    return msg('Manual emergency call');
  },
  get automatic() {
    return msg('Automatic emergency call');
  },
  get test() {
    return msg('Test call');
  },
};

export function callKindLabel(kind: CallKind): string {
  return KIND_LABELS[kind];
}

const KIND_SHORT: Record<CallKind, string> = {
  get manual() {
    return msg('Manual');
  },
  get automatic() {
    return msg('Automatic (crash)');
  },
  get test() {
    return msg('Test');
  },
};
export function callKindShort(kind: CallKind): string {
  return KIND_SHORT[kind];
}

export let ONLY_CENTRE_ENDS = '';
onLocale(() => (ONLY_CENTRE_ENDS = msg('Only the emergency centre can end this call')));
export function holdToEndText(holdToEndS: number): string {
  return msg(str`Hold SOS button for ${holdToEndS} s to end call`);
}
/** Label of the hold progress while the button is held. */
export let HOLD_PROGRESS_LABEL = '';
onLocale(() => (HOLD_PROGRESS_LABEL = msg('Keep holding to end the call')));
export let NO_VOICE_HINT = '';
onLocale(() => (NO_VOICE_HINT = msg('The emergency centre has your position. Help is on the way.')));
/** Ring break or hands-free fault during a call: the telematics unit keeps the call. */
export let AUDIO_MAY_BE_LOST = '';
onLocale(() => (AUDIO_MAY_BE_LOST = msg('Call audio may be lost. The call continues.')));
export let AUDIO_MUTED = '';
onLocale(() => (AUDIO_MUTED = msg('Entertainment audio muted')));
export let CONTACTS_NOTIFIED = '';
onLocale(() => (CONTACTS_NOTIFIED = msg('Your emergency contacts have been told')));
export function attemptText(attempt: number): string {
  return msg(str`Attempt ${attempt}`);
}

export let SENT_HEADING = '';
onLocale(() => (SENT_HEADING = msg('Sent to the emergency centre')));
export let SENT_KIND = '';
onLocale(() => (SENT_KIND = msg('Call type')));
export let SENT_POSITION = '';
onLocale(() => (SENT_POSITION = msg('Position')));
export let SENT_TIME = '';
onLocale(() => (SENT_TIME = msg('Time')));
export let SENT_OCCUPANTS = '';
onLocale(() => (SENT_OCCUPANTS = msg('Occupants')));
export function trustText(trusted: boolean): string {
  return trusted ? msg('trusted') : msg('not trusted');
}
export let NOT_AVAILABLE = '';
onLocale(() => (NOT_AVAILABLE = msg('Not available')));

export let CRASH_HEADING = '';
onLocale(() => (CRASH_HEADING = msg('Crash data')));
export let CRASH_SEVERITY = '';
onLocale(() => (CRASH_SEVERITY = msg('Severity')));
/**
 * A crash or sent-data field the car reported missing or out of range. Its own id: a value beside
 * several labels (severity, airbags, rollover, occupants), so gender-neutral where a language has to choose.
 */
export let UNKNOWN = '';
onLocale(
  () =>
    (UNKNOWN = msg('Unknown', {
      id: 'crashFieldUnknown',
      desc: 'Value of a crash or sent-data field the car did not report (severity, airbags, rollover, occupants).',
    })),
);
export function airbagText(deployed: boolean | null): string {
  if (deployed === null) return UNKNOWN;
  return deployed ? msg('deployed') : msg('not deployed');
}
/** Accessible name of the call timer. */
export let CALL_TIME_LABEL = '';
onLocale(() => (CALL_TIME_LABEL = msg('Call time')));
/** Accessible name of the phase stepper. */
export let CALL_PROGRESS_LABEL = '';
onLocale(() => (CALL_PROGRESS_LABEL = msg('Call progress')));
export function crashSeverityText(severity: number | null): string {
  if (severity === null) return UNKNOWN;
  const words = ['', msg('light'), msg('moderate'), msg('serious'), msg('severe')];
  const word = words[severity] ?? msg('unknown');
  return msg(str`${word} (${severity} of 4)`);
}
export let CRASH_AIRBAGS = '';
onLocale(() => (CRASH_AIRBAGS = msg('Airbags')));
export let CRASH_ROLLOVER = '';
onLocale(() => (CRASH_ROLLOVER = msg('Rollover')));
export function yesNo(value: boolean | null, yes = msg('Yes'), no = msg('No')): string {
  if (value === null) return UNKNOWN;
  return value ? yes : no;
}

// ── Redial, failure, end (contract) ───────────────────────────────────────────────────────────
export let REDIAL_TITLE = '';
onLocale(() => (REDIAL_TITLE = msg('Call dropped — redialling')));
export function redialInText(seconds: number): string {
  return msg(str`Next attempt in ${seconds} s`);
}
export let REDIAL_NOW = '';
onLocale(() => (REDIAL_NOW = msg('Dialling again now')));
export function failureReasonText(reason: string): string {
  return msg(str`Reason: ${reason}`);
}
export let FAILED_TITLE = '';
onLocale(() => (FAILED_TITLE = msg('Call failed')));
export function callFromPhoneText(emergencyNumber: EmergencyNumber): string {
  return msg(str`Call ${emergencyNumber} from a phone`);
}
export let FAILED_EXPLANATION = '';
onLocale(() => (FAILED_EXPLANATION = msg('The car could not reach the emergency centre.')));
export let POSITION_NOT_TRUSTED = '';
onLocale(
  () => (POSITION_NOT_TRUSTED = msg('This position may be inaccurate — say where you are if you can.')),
);
export let READ_OUT_HEADING = '';
onLocale(() => (READ_OUT_HEADING = msg('Your position to read out')));
/**
 * A crash was seen but the car's telematics unit has not confirmed an emergency call (or it stopped
 * reporting mid-call): the occupants must call from a phone.
 */
export let UNCONFIRMED_TITLE = '';
onLocale(() => (UNCONFIRMED_TITLE = msg('Emergency call not confirmed')));
export let UNCONFIRMED_CRASH = '';
onLocale(
  () => (UNCONFIRMED_CRASH = msg('A crash was detected, but the car has not confirmed an emergency call.')),
);
export let UNCONFIRMED_NOT_RESPONDING = '';
onLocale(() => (UNCONFIRMED_NOT_RESPONDING = msg('The car’s emergency call system is not responding.')));
export let ENDED_TITLE = '';
onLocale(() => (ENDED_TITLE = msg('Call ended')));
export function endedSummary(elapsedS: number): string {
  return elapsedS > 0
    ? msg(str`Call time ${formatMmSs(elapsedS)}`)
    : msg('The emergency centre ended the call.');
}
export let ENDED_CALLBACK = '';
onLocale(
  () => (ENDED_CALLBACK = msg('The emergency centre may call you back; the car answers automatically.')),
);
export let CANCELLED_TITLE = '';
onLocale(() => (CANCELLED_TITLE = msg('Call cancelled')));
export let CANCELLED_EXPLANATION = '';
onLocale(() => (CANCELLED_EXPLANATION = msg('No emergency call was made.')));

// ── Call-back (contract) ──────────────────────────────────────────────────────────────────────
export let CALLBACK_WAITING_TITLE = '';
onLocale(() => (CALLBACK_WAITING_TITLE = msg('Emergency centre may call back')));
export let CALLBACK_ACTIVE_TITLE = '';
onLocale(() => (CALLBACK_ACTIVE_TITLE = msg('Emergency centre calling back')));
export function callbackRemainingText(seconds: number): string {
  return msg(str`Call-back possible for ${formatMmSs(seconds)}`);
}
export let CALLBACK_EXPLANATION = '';
onLocale(
  () =>
    (CALLBACK_EXPLANATION = msg(
      'A call from the emergency centre is answered automatically. Please keep the car nearby.',
    )),
);

// ── What the centre has (NG-eCall acknowledgement, updated data, plain 112) ──────────────────
/** The centre acknowledged the data positively; `crash`: an automatic call, whose data has the crash. */
export function msdReceivedText(crash: boolean): string {
  return crash
    ? msg('The emergency centre has your position and crash data')
    : msg('The emergency centre has your position');
}
/** The centre acknowledged the data negatively: the occupants may have to say where they are. */
export let MSD_NOT_RECEIVED = '';
onLocale(() => (MSD_NOT_RECEIVED = msg('Your data did not arrive — the centre may ask you where you are')));
/** Fresh data went to the centre at its request (NG-eCall), at this vehicle time. */
export function dataUpdatedText(ms: number): string {
  return msg(str`Updated position sent at the centre’s request, ${formatTimeOfDay(ms)}`);
}
/** The network took the call as a plain 112/911 voice call: no data from the car. */
export function plainCallText(emergencyNumber: EmergencyNumber): string {
  return msg(
    str`Plain ${emergencyNumber} call: the car could not send its data — tell the centre where you are`,
  );
}
/** Ended screen: the centre cleared the call down (not a drop). */
export let CENTRE_ENDED_CALL = '';
onLocale(() => (CENTRE_ENDED_CALL = msg('The emergency centre ended the call')));
/** Redialling screen: the connected call dropped (not cleared down by the centre). */
export let CALL_DROPPED_AGAIN = '';
onLocale(() => (CALL_DROPPED_AGAIN = msg('The call dropped — calling again')));

// ── Text conversation with the centre ────────────────────────────────────────────────────────
/** The newest line from the centre, one line on the call screen. */
export function fromCentreText(text: string): string {
  return msg(str`From the emergency centre: ${text}`);
}
/** What the live region says when a line from the centre arrives. */
export function announceFromCentre(text: string): string {
  return fromCentreText(text);
}
/** Label of a line the centre sent (the conversation panel marks each one with it). */
export let FROM_CENTRE = '';
onLocale(() => (FROM_CENTRE = msg('From the emergency centre')));
/** The call-screen action that opens the conversation. */
export let TEXT_ACTION = '';
onLocale(
  () => (TEXT_ACTION = msg('Text', { desc: 'Button: write to the emergency centre (phrases or keyboard).' })),
);
const PHRASES: Record<PresetPhrase, string> = {
  get cannotSpeak() {
    return msg('I cannot speak');
  },
  get cannotHear() {
    return msg('I cannot hear you');
  },
  get injured() {
    return msg('Someone is injured');
  },
  get trapped() {
    return msg('Someone is trapped');
  },
  get fireSmoke() {
    return msg('Fire / smoke');
  },
  get children() {
    return msg('Children on board');
  },
  get safe() {
    return msg('We are safe');
  },
};
/** A preset phrase in the language on screen (it travels as a code). */
export function phraseText(phrase: PresetPhrase): string {
  return PHRASES[phrase];
}

// ── Post-crash safety card ───────────────────────────────────────────────────────────────────
export let SAFETY_TITLE = '';
onLocale(() => (SAFETY_TITLE = msg('Stay safe')));
/** The call-screen action that opens the card. */
export let SAFETY_ACTION = '';
onLocale(() => (SAFETY_ACTION = msg('Safety steps')));
export let HAZARD_LIGHTS_BUTTON = '';
onLocale(() => (HAZARD_LIGHTS_BUTTON = msg('Hazard lights on')));
export let HAZARD_LIGHTS_PENDING = '';
onLocale(() => (HAZARD_LIGHTS_PENDING = msg('Switching on…')));
export let HAZARD_LIGHTS_DONE = '';
onLocale(() => (HAZARD_LIGHTS_DONE = msg('Hazard lights are on')));
/** Accessible label of the high-voltage warning step. */
export let SAFETY_WARNING = '';
onLocale(() => (SAFETY_WARNING = msg('Warning')));

const SAFETY_STEPS: Record<Exclude<SafetyStepId, 'doorRelease'>, string> = {
  get hazardLights() {
    return msg('Switch on the hazard lights');
  },
  get leaveAwayFromTraffic() {
    return msg('Get out on the side away from traffic, if you can');
  },
  get triangleAndVest() {
    return msg('Put on a high-visibility vest, set up the warning triangle');
  },
  get keepClear() {
    return msg('Keep clear of the car: wait behind the barrier');
  },
  get highVoltage() {
    return msg('High voltage: do not touch orange cables, keep away if it smokes');
  },
};

/** Where the mechanical door release is; null: the car does not say (the manual does). */
export function doorReleaseText(release: DoorRelease | null): string {
  switch (release) {
    case 'innerHandle':
      return msg('Doors will not open: pull the inner handle twice');
    case 'leverBesideWindowSwitch':
      return msg('Doors will not open: lift the release lever in front of the window switches');
    case 'cableInDoorPocket':
      return msg('Rear doors will not open: pull the cable under the door pocket mat');
    case null:
      return msg('Doors will not open: use the mechanical release (owner’s manual)');
  }
}

/** One step of the safety card in the driver's words. */
export function safetyStepText(step: SafetyStepId, release: DoorRelease | null): string {
  return step === 'doorRelease' ? doorReleaseText(release) : SAFETY_STEPS[step];
}

// ── Refused requests (one line in the status bar) ───────────────────────────────────────────
/**
 * The telematics unit refused what the occupants asked (cancel, call now, end the test call, start a
 * test call, answer a call-back): its reason in the driver's words, one line.
 */
export function refusalText(reason: string): string {
  switch (reason) {
    case 'not cancellable':
      return msg('The car could not cancel: the call has already connected');
    case 'no cancel window':
      return msg('The countdown has already ended');
    case 'automatic call':
      return msg('Only the emergency centre can end an automatic call');
    case 'not endable':
      return ONLY_CENTRE_ENDS;
    case 'no call':
      return msg('There is no call to end');
    case 'no call-back':
      return msg('There is no call-back to answer');
    case 'busy':
      return msg('A call is already in progress');
    case 'timeout':
      return msg('The car did not answer');
    default:
      return msg('The car could not carry out the request');
  }
}

// ── Status bar titles ─────────────────────────────────────────────────────────────────────────
export let BAR_TITLE_STATUS = '';
onLocale(() => (BAR_TITLE_STATUS = msg('SOS emergency call')));
export let BAR_TITLE_CALL = '';
onLocale(() => (BAR_TITLE_CALL = msg('Emergency call')));

// ── Announcements (live region) ───────────────────────────────────────────────────────────────
/** What the live region says for a call screen: the phase, not every tick of a countdown. */
export function announceCall(view: CallView): string {
  switch (view.screen) {
    case 'none':
      return '';
    case 'cancelWindow':
      return `${CANCEL_EXPLANATION} ${msg(str`${BUTTON.cancelCall} to stop it.`)}`;
    case 'active':
      return `${view.kind ? callKindLabel(view.kind) + ': ' : ''}${view.phase ? phaseTitle(view.phase, view.attempt, view.msd) : ''}`;
    case 'redialing':
      return REDIAL_TITLE;
    case 'failed':
      return `${FAILED_TITLE}. ${callFromPhoneText(view.emergencyNumber)}.`;
    case 'unconfirmed':
      return `${UNCONFIRMED_TITLE}. ${callFromPhoneText(view.emergencyNumber)}.`;
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

// ══ Diagnosis: the buttons that open it, test call, after the call ══
/** Buttons outside the diagnosis pages (theirs are `DIAG_PAGE_BUTTON` in `diagnosis-texts.ts`). */

export const DIAG_BUTTON = {
  get diagnosis() {
    return msg('Diagnosis');
  },
  get guide() {
    return msg('Guide');
  },
  get testCall() {
    return msg('Test call');
  },
  get endTestCall() {
    return msg('End test call');
  },
  get police() {
    return msg('Police station');
  },
  get hospital() {
    return msg('Hospital');
  },
} as const;

// ── Test call ─────────────────────────────────────────────────────────────────────────────────
export let TEST_CALL_BANNER = '';
onLocale(() => (TEST_CALL_BANNER = msg('TEST CALL — no emergency services')));
export let TEST_CALL_EXPLANATION = '';
onLocale(
  () =>
    (TEST_CALL_EXPLANATION = msg(
      'This call goes to the test number. The data is flagged as a test; nobody is sent out.',
    )),
);
export let TEST_PASSED_TITLE = '';
onLocale(() => (TEST_PASSED_TITLE = msg('Test call passed')));
export let TEST_FAILED_TITLE = '';
onLocale(() => (TEST_FAILED_TITLE = msg('Test call failed')));
export let TEST_PASSED_TEXT = '';
onLocale(() => (TEST_PASSED_TEXT = msg('The test centre received the call data: the SOS system works.')));
export function testFailedText(reason: string | null, emergencyNumber: EmergencyNumber): string {
  return msg(
    str`The test call did not get through${reason ? ` (${reason})` : ''}. Until this is fixed, call ${emergencyNumber} from a phone in an emergency.`,
  );
}

// ── After the call ────────────────────────────────────────────────────────────────────────────
export let CONTACTS_NOTIFIED_AFTER = '';
onLocale(() => (CONTACTS_NOTIFIED_AFTER = msg('Emergency contacts notified')));
export let DIRECTIONS_HEADING = '';
onLocale(() => (DIRECTIONS_HEADING = msg('Directions')));
const POI_KIND: Record<PointOfInterestKind, string> = {
  get police() {
    return msg('Nearest police station');
  },
  get hospital() {
    return msg('Nearest hospital');
  },
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
  const points = [msg('N'), msg('NE'), msg('E'), msg('SE'), msg('S'), msg('SW'), msg('W'), msg('NW')];
  return points[Math.round(deg / 45) % 8]!;
}
export function guidanceStarted(kind: PointOfInterestKind): string {
  return kind === 'police'
    ? msg('Route to the police station sent to the navigation.')
    : msg('Route to the hospital sent to the navigation.');
}

export let BAR_TITLE_TEST = '';
onLocale(() => (BAR_TITLE_TEST = msg('SOS test call')));
export let BAR_TITLE_DIAGNOSIS = '';
onLocale(() => (BAR_TITLE_DIAGNOSIS = msg('SOS diagnosis')));
