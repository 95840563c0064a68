/**
 * The words of the diagnosis pages (self-test results, MOST ring diagram, guides, fault memory and
 * their menu). Only the diagnosis screens use them, so they load with the diagnosis chunk
 * (`diagnosis.ts`) when the driver opens diagnosis, not with the shell; the buttons that open
 * diagnosis and the test call (`DIAG_BUTTON`) and the test-call texts stay in `texts.ts`. Localised like `texts.ts`:
 * functions translate on each call, the UPPER_CASE constants are re-set on every language change.
 */
import { msg, str } from '@lit/localize';
import type { SelfTestItem } from '../bridge/signals.js';
import type { CallOutcome, FaultLogEntry } from '../machines/model/faultLog.js';
import type { CautionId, GuideId, GuideStep, StepActor } from '../machines/model/guides.js';
import type { RingDiagnosis, RingLinkState, RingNodeState } from '../machines/model/ringDiagnosis.js';
import type { SelfTestOutcome, SelfTestRow } from '../machines/model/selfTestResults.js';
import type { CallView, SelfTestView, SosStatusView } from '../machines/views.js';
import { callKindLabel, causeTitle, formatTimeOfDay, onLocale, unitName } from './texts.js';

type Unit = SosStatusView['causes'][number]['units'][number];
type EmergencyNumber = CallView['emergencyNumber'];

/** "Bypass satellite radio tuner". */
export function bypassButton(unit: Unit): string {
  const name = RING_SHORT[unit as keyof typeof RING_SHORT] ?? unitName(unit);
  return msg(str`Bypass ${name}`);
}

/** The diagnosis pages' own buttons (those that open diagnosis are `DIAG_BUTTON` in `texts.ts`). */
export const DIAG_PAGE_BUTTON = {
  get ring() {
    return msg('Ring diagram');
  },
  get selfTest() {
    return msg('Self-test results');
  },
  get runSelfTest() {
    return msg('Run self-test');
  },
  get exportJson() {
    return msg('Export JSON');
  },
  get close() {
    return msg('Close');
  },
  get removeBypass() {
    return msg('Remove bypass');
  },
} as const;

/** Short unit names for the ring drawing (a node box is small). */
export const RING_SHORT: Record<
  'head-unit' | 'amplifier' | 'telematics' | 'satellite-radio' | 'hands-free',
  string
> = {
  get 'head-unit'() {
    return msg('Head unit');
  },
  get amplifier() {
    return msg('Amplifier');
  },
  get telematics() {
    return msg('Telematics');
  },
  get 'satellite-radio'() {
    return msg('Satellite radio');
  },
  get 'hands-free'() {
    return msg('Hands-free');
  },
};

export let DIAG_NAV_LABEL = '';
onLocale(() => (DIAG_NAV_LABEL = msg('Diagnosis pages')));
export const DIAG_NAV: Record<'selfTest' | 'ring' | 'guide' | 'faultMemory', string> = {
  get selfTest() {
    return msg('Self-test');
  },
  get ring() {
    return msg('MOST ring');
  },
  get guide() {
    return msg('Guide');
  },
  get faultMemory() {
    return msg('Fault memory');
  },
};

/** While SOS is down, every guide says this first. */
export function notASubstitute(emergencyNumber: EmergencyNumber): string {
  return msg(
    str`The SOS system is no substitute for calling ${emergencyNumber} while it is down. In an emergency, call ${emergencyNumber} from a phone.`,
  );
}

// ── Self-test results ─────────────────────────────────────────────────────────────────────────
export let SELF_TEST_TITLE = '';
onLocale(() => (SELF_TEST_TITLE = msg('Self-test results')));
const SELF_TEST_ITEM_NAMES: Record<SelfTestItem, string> = {
  get 'control-module'() {
    return msg('SOS control module');
  },
  get 'hmi-link'() {
    return msg('Link to iDrive');
  },
  get 'sim-modem'() {
    return msg('SIM and mobile modem');
  },
  get 'cellular-antenna'() {
    return msg('Mobile antenna');
  },
  get 'gnss-receiver'() {
    return msg('GPS receiver');
  },
  get 'gnss-antenna'() {
    return msg('GPS antenna');
  },
  get microphone() {
    return msg('Microphone');
  },
  get loudspeaker() {
    return msg('Loudspeakers');
  },
  get 'hands-free'() {
    return msg('Bluetooth hands-free');
  },
  get 'sos-button'() {
    return msg('SOS button');
  },
  get 'sos-led'() {
    return msg('SOS LED');
  },
  get 'crash-sensor'() {
    return msg('Crash sensor / airbag unit');
  },
  get 'backup-battery'() {
    return msg('SOS backup battery');
  },
  get 'most-ring'() {
    return msg('Fibre-optic ring (MOST)');
  },
};
export function selfTestItemName(item: SelfTestItem): string {
  return SELF_TEST_ITEM_NAMES[item];
}
const SELF_TEST_RESULTS: Record<SelfTestOutcome, string> = {
  get ok() {
    return msg('OK');
  },
  get fault() {
    return msg('Fault');
  },
  get notChecked() {
    return msg('Not checked');
  },
  get unknown() {
    return msg('Unknown');
  },
};
export function selfTestResultText(result: SelfTestOutcome): string {
  return SELF_TEST_RESULTS[result];
}
export let SELF_TEST_R144 = '';
onLocale(() => (SELF_TEST_R144 = msg('UN R144')));
export let SELF_TEST_R144_HINT = '';
onLocale(() => (SELF_TEST_R144_HINT = msg('Checked in type approval (UN R144)')));
export const SELF_TEST_NEVER = '—';
export function selfTestRequestText(view: SelfTestView): string {
  switch (view.request) {
    case 'idle':
      return view.lastResultAt === null
        ? msg('No self-test has run yet. Run one to check every part of the SOS system.')
        : msg(str`Last self-test ${formatTimeOfDay(view.lastResultAt)}.`);
    case 'running':
      return msg('Self-test running…');
    case 'done':
      return msg(
        str`Self-test finished ${view.lastResultAt === null ? '' : formatTimeOfDay(view.lastResultAt)}.`,
      );
    case 'failed':
      return msg(
        str`The self-test could not run: ${view.error ?? msg('no answer')}. Results shown are from the last check.`,
      );
  }
}
export function selfTestSummary(rows: readonly SelfTestRow[]): string {
  const faults = rows.filter((r) => r.result === 'fault').length;
  const unknown = rows.filter((r) => r.result === 'unknown').length;
  const parts = [faults === 1 ? msg('1 fault') : msg(str`${faults} faults`)];
  if (unknown) parts.push(msg(str`${unknown} unknown`));
  return parts.join(', ');
}
export const SELF_TEST_COLUMNS = {
  get item() {
    return msg('Part');
  },
  get result() {
    return msg('Result');
  },
  get time() {
    return msg('Last check');
  },
} as const;

// ── Ring diagram ──────────────────────────────────────────────────────────────────────────────
export let RING_TITLE = '';
onLocale(() => (RING_TITLE = msg('Fibre-optic ring (MOST)')));
export function ringVerdictText(d: RingDiagnosis): string {
  const unit = d.suspects.find((s) => s.kind === 'unit');
  const fibre = d.suspects.find((s) => s.kind === 'fibre');
  switch (d.verdict) {
    case 'unknown':
      return msg('No current ring data from the head unit: the ring state is unknown.');
    case 'closed':
      return msg('Light and lock all the way round: the ring is closed.');
    case 'closedWithBypass':
      return d.bypassed.length > 1
        ? msg(
            str`The ring closes with these units bypassed: ${d.bypassed.map((u) => unitName(u)).join(', ')}. One of them is the faulty unit.`,
          )
        : msg(str`The ring closes with the ${unitName(d.bypassed[0]!)} bypassed: it is the faulty unit.`);
    case 'breakLocated':
      return unit && unit.kind === 'unit' && fibre && fibre.kind === 'fibre'
        ? msg(
            str`No light into the ${unitName(unit.unit)}: the ${unitName(unit.unit)} has failed or has no power, or the fibre from the ${unitName(fibre.from)} is damaged.`,
          )
        : msg('The ring is open.');
    case 'fibreLocated':
      return fibre && fibre.kind === 'fibre'
        ? msg(
            str`Still no light with the ${unitName(fibre.to)} bypassed: the fibre from the ${unitName(fibre.from)} to the ${unitName(fibre.to)} is damaged.`,
          )
        : msg('The ring is open.');
    case 'open':
      return msg('The ring is open; the head unit has not located the break yet.');
  }
}
export let RING_UNKNOWN_NOTE = '';
onLocale(
  () =>
    (RING_UNKNOWN_NOTE = msg(
      'Units behind an open ring cannot report: they are shown as unknown, not as faulty.',
    )),
);
export let RING_BYPASS_NOTE = '';
onLocale(
  () =>
    (RING_BYPASS_NOTE = msg(
      'Bypass test: fit a fibre-optic bypass loop in place of the suspected unit. If the ring then closes, that unit is faulty; if not, the fibre is.',
    )),
);
const RING_NODE_STATES: Record<RingNodeState, string> = {
  get ok() {
    return msg('OK');
  },
  get fault() {
    return msg('Fault');
  },
  get suspect() {
    return msg('Suspected');
  },
  get unknown() {
    return msg('Unknown');
  },
  get bypassed() {
    return msg('Bypassed');
  },
};
export function ringNodeStateText(state: RingNodeState): string {
  return RING_NODE_STATES[state];
}
const RING_LINK_STATES: Record<RingLinkState, string> = {
  get light() {
    return msg('light and lock');
  },
  get dark() {
    return msg('no light');
  },
  get unknown() {
    return msg('unknown');
  },
  get bypassed() {
    return msg('through bypass loop');
  },
};
export function ringLinkText(from: Unit, to: Unit, state: RingLinkState): string {
  return msg(str`Fibre ${unitName(from)} to ${unitName(to)}: ${RING_LINK_STATES[state]}`);
}
export let RING_MASTER = '';
onLocale(() => (RING_MASTER = msg('network master')));
export const RING_LEGEND = {
  get light() {
    return msg('Light');
  },
  get dark() {
    return msg('No light');
  },
  get unknown() {
    return msg('Unknown');
  },
  get bypassed() {
    return msg('Bypass loop');
  },
} as const;

// ── Guides ────────────────────────────────────────────────────────────────────────────────────
const GUIDE_TITLES: Record<GuideId, string> = {
  get satelliteRadio() {
    return msg('Satellite radio tuner');
  },
  get headUnit() {
    return msg('iDrive head unit');
  },
  get amplifier() {
    return msg('Audio amplifier');
  },
  get bluetoothModule() {
    return msg('Bluetooth hands-free module');
  },
  get fibreDamage() {
    return msg('Damaged fibre-optic cable');
  },
  get ringBreak() {
    return msg('Fibre-optic ring interrupted');
  },
  get noNetwork() {
    return msg('No mobile network');
  },
  get noGps() {
    return msg('No GPS position');
  },
  get softwareGlitch() {
    return msg('SOS software not responding');
  },
  get controlModule() {
    return msg('SOS control module');
  },
  get microphone() {
    return msg('Microphone');
  },
  get loudspeaker() {
    return msg('Loudspeakers');
  },
  get sosButton() {
    return msg('SOS button');
  },
  get crashSensor() {
    return msg('Crash sensor');
  },
  get backupBattery() {
    return msg('SOS backup battery');
  },
  get noData() {
    return msg('No status from the SOS system');
  },
  get noEcallNetwork() {
    return msg('No network here for the car’s emergency call');
  },
};
export function guideTitle(id: GuideId): string {
  return GUIDE_TITLES[id];
}
const GUIDE_INTROS: Record<GuideId, string> = {
  get satelliteRadio() {
    return msg(
      'The most common cause: a failed satellite radio tuner stops the whole fibre ring, and the SOS module with it. Replacing the tuner with a working used one is the simplest fix; if you do not use satellite radio, a bypass loop is cheaper.',
    );
  },
  get headUnit() {
    return msg(
      'The head unit runs the fibre ring. When it fails or loses power, the ring and the SOS system go quiet.',
    );
  },
  get amplifier() {
    return msg(
      'A failed or unpowered amplifier stops the whole fibre ring: no audio, no hands-free, no SOS.',
    );
  },
  get bluetoothModule() {
    return msg(
      'A failed Bluetooth hands-free module stops the fibre ring, or leaves an emergency call without voice.',
    );
  },
  get fibreDamage() {
    return msg(
      'Rarely, the fibre-optic cable itself is damaged — often after other work in the area it runs through.',
    );
  },
  get ringBreak() {
    return msg('The fibre ring is open but the break has not been located yet.');
  },
  get noNetwork() {
    return msg('Without a mobile network the car cannot reach the emergency centre.');
  },
  get noGps() {
    return msg('Without a GPS position the emergency centre gets no exact location.');
  },
  get softwareGlitch() {
    return msg('The SOS software has stopped responding. A battery reset usually clears it.');
  },
  get controlModule() {
    return msg('The SOS control module (telematics unit) has failed or lost power.');
  },
  get microphone() {
    return msg('The emergency centre may not hear you.');
  },
  get loudspeaker() {
    return msg('You may not hear the emergency centre.');
  },
  get sosButton() {
    return msg('The SOS button cannot start a call.');
  },
  get crashSensor() {
    return msg('After an accident the car will not call by itself.');
  },
  get backupBattery() {
    return msg('If an accident cuts the car’s power, the SOS system may not have enough power to call.');
  },
  get noData() {
    return msg('The SOS system has not reported its status.');
  },
  get noEcallNetwork() {
    return msg(
      'The mobile networks here take 112 calls but not the car’s emergency call (eCall), for example where 2G and 3G have been switched off. This is a limit of the place, not a fault of the car — not a case for a workshop.',
    );
  },
};
export function guideIntro(id: GuideId): string {
  return GUIDE_INTROS[id];
}
export const GUIDE_WHO: Record<StepActor, string> = {
  get driver() {
    return msg('You can do this');
  },
  get workshop() {
    return msg('Workshop');
  },
};
/** The badge of a step that only tells the driver something (nothing to do). */
export let GUIDE_GOOD_TO_KNOW = '';
onLocale(() => (GUIDE_GOOD_TO_KNOW = msg('Good to know')));
/** Instead of "no substitute … while it is down" on a guide for a limit of the place: SOS is not down. */
export function notAFault(emergencyNumber: EmergencyNumber): string {
  return msg(
    str`Not a fault of the car: SOS works here too, as a plain ${emergencyNumber} call without the car’s data.`,
  );
}
export let GUIDE_STEPS_HEADING = '';
onLocale(() => (GUIDE_STEPS_HEADING = msg('Steps, in order')));
export let GUIDE_NOT_PRESENT = '';
onLocale(() => (GUIDE_NOT_PRESENT = msg('This fault is not present now; the guide is shown for reference.')));
export function guideStepText(step: GuideStep, emergencyNumber: EmergencyNumber = '112'): string {
  const unit = step.unit ? unitName(step.unit) : msg('suspected unit');
  switch (step.id) {
    case 'useAPhone':
      return msg(str`Until this is fixed, call ${emergencyNumber} from a phone in an emergency.`);
    case 'parkSafely':
      return msg('Park somewhere safe and switch the engine off.');
    case 'restartCar':
      return msg('Switch the car off, lock it for a few minutes, then start it again.');
    case 'restartIdrive':
      return msg(
        'Restart iDrive: press and hold the volume knob for about 30 seconds until the screen goes dark and restarts.',
      );
    case 'recentWork':
      return msg(
        'Think back: was work done recently in the boot, under the floor or behind trim panels? The fibre may have been pinched there.',
      );
    case 'locateUnit':
      return step.unit === 'satellite-radio'
        ? msg('The satellite radio tuner sits in the boot, at the side or under the floor cover.')
        : step.unit === 'amplifier' || step.unit === 'hands-free'
          ? msg(str`The ${unit} sits under the floor cover in the boot.`)
          : msg(str`Find the ${unit}.`);
    case 'checkUnitFuses':
      return step.unit === 'head-unit'
        ? msg('Check the fuses on the back of the head unit.')
        : step.unit === 'amplifier' || step.unit === 'hands-free'
          ? msg(str`Check the fuses of the ${unit} (at the side of the unit).`)
          : msg(str`Check the fuses of the ${unit}.`);
    case 'bypassUnit':
      return msg(
        str`Bypass test: unplug the ${unit}'s fibre connector and fit a fibre-optic bypass loop. If the ring closes, the ${unit} is faulty; if not, the fibre is damaged.`,
      );
    case 'replaceOrBypass':
      return msg(
        str`Replace the ${unit} (a tested used unit is the easiest), or leave a bypass loop in place if you do not use it.`,
      );
    case 'replaceUnit':
      return msg(str`Replace or repair the ${unit}; it may need coding to the car.`);
    case 'inspectFibre':
      return msg(
        'Open the fibre connectors in ring order with the ring woken up and look for red light: the break is between the last connector with light and the first without.',
      );
    case 'repairFibre':
      return msg('Repair the damaged section with a fibre-optic repair kit or replace the cable.');
    case 'openConnectors':
      return msg(
        'Have the ring-break diagnosis run, or open the connectors in ring order and look for red light.',
      );
    case 'checkPairing':
      return msg('In iDrive, remove your phone from the Bluetooth list and pair it again.');
    case 'waitForNetwork':
      return msg(
        'Drive on carefully: coverage usually returns within a few kilometres; the status updates by itself.',
      );
    case 'moveToOpenSky':
      return msg('Drive to an open area, away from tall buildings, garages and tunnels.');
    case 'waitForFix':
      return msg('Wait a few minutes with the car under open sky for the position to return.');
    case 'checkCellularAntenna':
      return msg(
        'If it stays without network where phones work, have the mobile antenna, its cable and the modem checked.',
      );
    case 'checkGnssAntenna':
      return msg('If there is still no position under open sky, have the GPS antenna and its cable checked.');
    case 'batteryReset':
      return msg(
        'Battery reset: with the ignition off, disconnect the positive terminal of the battery, wait a few seconds, reconnect it, then start the car.',
      );
    case 'runSelfTest':
      return msg('Afterwards run the self-test: the SOS status must say “SOS ready”.');
    case 'testCall':
      return msg('Afterwards make a test call: it checks the whole chain without alerting anyone.');
    case 'dealerDiagnosis':
      return msg('Have a BMW service partner read the fault memory and check the system.');
    case 'dealerModule':
      return msg('The control module has to be replaced and coded to the car by a BMW service partner.');
    case 'speakLoudly':
      return msg(
        'In an emergency call, speak loudly; the centre has your position even if it cannot hear you.',
      );
    case 'checkAudio':
      return msg('Check whether the radio plays on all speakers; silence points to the amplifier.');
    case 'automaticStillWorks':
      return msg('The car still calls by itself after an accident.');
    case 'manualStillWorks':
      return msg('The SOS button above the mirror still starts a call.');
    case 'replaceBackupBattery':
      return msg('Have the SOS backup battery replaced (it lasts about 3–4 years).');
    case 'carIsFine':
      return msg('Nothing is wrong with the car: a workshop cannot help, and no repair is needed.');
    case 'sosStillCalls112':
      return msg(
        str`SOS still calls ${emergencyNumber}, as a plain voice call without the car’s position or crash data: tell the centre where you are.`,
      );
    case 'ecallReturnsWithNetwork':
      return msg(
        'Where a network carries the emergency call again (4G/5G with NG-eCall), the car sends its data by itself.',
      );
  }
}
const CAUTIONS: Record<CautionId, string> = {
  get notWhileDriving() {
    return msg('Only when parked safely — never while driving.');
  },
  get ignitionOff() {
    return msg('Ignition off and key away from the car first.');
  },
  get fibreBend() {
    return msg('Do not kink the fibre: keep bends wider than a coin (about 25 mm radius).');
  },
  get fibreLight() {
    return msg('Do not look straight into a lit fibre end.');
  },
  get batteryShort() {
    return msg(
      'A spanner touching the positive terminal and the body causes a short circuit. Disconnecting the negative terminal first is the safer order.',
    );
  },
  get batteryGases() {
    return msg('No flames or sparks near the battery; wear eye protection.');
  },
  get settingsLost() {
    return msg('Clock, radio presets and window auto-up may need setting again afterwards.');
  },
  get airbagWork() {
    return msg('Airbag parts are pyrotechnic: only a trained technician may work on them.');
  },
  get sameFuseRating() {
    return msg(
      'Replace a fuse only with one of the same rating; if it blows again, stop and see a workshop.',
    );
  },
};
export function cautionText(id: CautionId): string {
  return CAUTIONS[id];
}
export let CAUTION_LABEL = '';
onLocale(() => (CAUTION_LABEL = msg('Caution')));

// ── Fault memory ──────────────────────────────────────────────────────────────────────────────
export let FAULT_MEMORY_TITLE = '';
onLocale(() => (FAULT_MEMORY_TITLE = msg('Fault memory')));
export let FAULT_MEMORY_EMPTY = '';
onLocale(() => (FAULT_MEMORY_EMPTY = msg('No entries yet.')));
export function faultMemoryCount(n: number): string {
  return n === 1 ? msg('1 entry, kept across restarts') : msg(str`${n} entries, kept across restarts`);
}
export let FAULT_MEMORY_EXPORTED = '';
onLocale(() => (FAULT_MEMORY_EXPORTED = msg('Exported as JSON for the workshop.')));
const CALL_OUTCOMES: Record<CallOutcome, string> = {
  get connected() {
    return msg('Voice connected');
  },
  get contactsNotified() {
    return msg('Emergency contacts notified');
  },
  get endedByCentre() {
    return msg('Ended by the centre');
  },
  get endedByOccupant() {
    return msg('Ended in the car');
  },
  get dropped() {
    return msg('Call dropped');
  },
  get failed() {
    return msg('Call failed');
  },
  get rejected() {
    return msg('Call refused by the telematics unit');
  },
  get callback() {
    return msg('Centre called back');
  },
};
/** One line per entry: what happened and why. */
export function faultLogEntryText(e: FaultLogEntry): string {
  const reason = e.reason ? ` (${e.reason})` : '';
  switch (e.kind) {
    case 'fault':
      return `${e.cause ? causeTitle(e.cause) : msg('Fault')}${e.units?.length ? ` — ${e.units.map((u) => unitName(u as Unit)).join(', ')}` : ''}`;
    case 'faultCleared': {
      const cause = e.cause ? causeTitle(e.cause) : msg('fault');
      return msg(str`Cleared: ${cause}`);
    }
    case 'ignition':
      return ignitionText(e.ignition ?? null);
    case 'selfTest': {
      const failed = e.failed?.map((i) => selfTestItemName(i)).join(', ');
      return failed ? msg(str`Self-test: ${failed} failed`) : msg('Self-test: all passed');
    }
    case 'selfTestRefused':
      return msg(str`Self-test could not run${reason}`);
    case 'bypass': {
      const unit = e.units?.[0] ? unitName(e.units[0] as Unit) : msg('a unit');
      return e.bypassed
        ? msg(str`Bypass loop fitted at ${unit}`)
        : msg(str`Bypass loop removed from ${unit}`);
    }
    case 'call': {
      const kind = e.callKind ? callKindLabel(e.callKind) : msg('Call');
      return msg(str`${kind} started`);
    }
    case 'callOutcome':
      return `${e.outcome ? CALL_OUTCOMES[e.outcome] : msg('Call')}${reason}`;
  }
}
function ignitionText(state: string | null): string {
  switch (state) {
    case 'off':
      return msg('Ignition off');
    case 'accessory':
      return msg('Ignition: accessory');
    case 'on':
      return msg('Ignition on');
    default:
      return msg('Ignition');
  }
}
export function faultLogEntryTime(e: FaultLogEntry): string {
  const d = new Date(e.at);
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}. ${formatTimeOfDay(e.at)}`;
}
export function cycleText(cycle: number): string {
  return msg(str`Cycle ${cycle}`);
}
