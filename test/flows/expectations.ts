/**
 * What each state must show: the screen on top (same priority as the shell: a call screen, then the
 * malfunction message, then a diagnosis page, then the status screen), its h1 (the visible-text
 * contract), the telltale, the LED mirror, exactly which actions it offers — e.g. no Cancel in an
 * automatic call, nothing to end a call-back — and a request the car refused, as the status bar's
 * one-line notice. Pure: computed from `window.sosHmi.state()`.
 */
import type { PresetPhrase } from '../../src/bridge/signals.js';
import type { HmiState } from '../../src/machines/views.js';

/** Action names of the visible-text contract (English). */
export const BUTTON_LABELS = {
  cancelCall: 'Cancel call',
  callNow: 'Call now',
  ok: 'OK',
  details: 'Details',
  close: 'Close',
  selfTest: 'Self-test',
  showMalfunction: 'Show malfunction',
  diagnosis: 'Diagnosis',
  guide: 'Guide',
  runSelfTest: 'Run self-test',
  testCall: 'Test call',
  endTestCall: 'End test call',
  police: 'Police station',
  hospital: 'Hospital',
  navSelfTest: 'Self-test',
  navRing: 'MOST ring',
  navGuide: 'Guide',
  navFaultMemory: 'Fault memory',
  exportJson: 'Export JSON',
  text: 'Text',
  safetySteps: 'Safety steps',
  keyboard: 'Keyboard',
  phrases: 'Phrases',
  hazardLights: 'Hazard lights on',
  hazardLightsPending: 'Switching on…',
} as const;

/** The preset phrases as the conversation panel offers them (English). */
export const PHRASE_LABELS: Readonly<Record<PresetPhrase, string>> = {
  cannotSpeak: 'I cannot speak',
  cannotHear: 'I cannot hear you',
  injured: 'Someone is injured',
  trapped: 'Someone is trapped',
  fireSmoke: 'Fire / smoke',
  children: 'Children on board',
  safe: 'We are safe',
};

/** A panel open over the call screen: the text conversation or the post-crash safety card. */
export interface PanelExpectation {
  readonly element: 'sos-call-conversation' | 'sos-safety-card';
  /** Its enabled, visible actions in controller order (the keyboard's keys are not among them). */
  readonly actions: readonly string[];
}

export const STATUS_LINES: Record<HmiState['status']['level'], string> = {
  ready: 'SOS ready',
  limited: 'SOS limited',
  unavailable: 'SOS unavailable',
  unknown: 'SOS status unknown',
  selfTest: 'SOS self-test',
  off: 'SOS standby',
};

export type ScreenTag =
  | 'sos-status-screen'
  | 'sos-malfunction-warning'
  | 'sos-cancel-flow'
  | 'sos-active-call'
  | 'sos-call-redialing'
  | 'sos-call-failed'
  | 'sos-call-ended'
  | 'sos-call-cancelled'
  | 'sos-callback'
  | 'sos-test-call-ended'
  | 'sos-self-test-results'
  | 'sos-ring-diagram'
  | 'sos-guide'
  | 'sos-fault-memory';

export interface ScreenExpectation {
  readonly screen: ScreenTag;
  /** The h1 must start with this text (the status line may add "connecting to vehicle"). */
  readonly heading: string | null;
  /** Enabled, visible actions in controller order (exact unless `actionsExact` is false). */
  readonly actions: readonly string[];
  readonly actionsExact: boolean;
  readonly telltale: HmiState['status']['telltale'];
  /** The LED mirror on the screen, when the screen has one. */
  readonly led: HmiState['led'] | null;
  /** An emergency screen: glanceability rules apply (one-line status, ≤ 5 words, ≥ 40 px, ≤ 3 actions). */
  readonly emergency: boolean;
  /** The malfunction message (its Details toggle opens a Guide action). */
  readonly details: boolean;
  /** Text the assertive live region must announce (call phases, malfunctions), if any. */
  readonly announce: 'assertive' | 'polite' | null;
  /** The status bar's notice: a request the telematics unit refused, in the driver's words; null: none. */
  readonly notice: string | null;
  /** The panel open over the call screen; null: none. */
  readonly panel: PanelExpectation | null;
}

/** A refusal of the telematics unit as the status bar words it (`refusalText` in src/screens/texts.ts). */
export const REFUSAL_NOTICES: Readonly<Record<string, string>> = {
  'not cancellable': 'The car could not cancel: the call has already connected',
  'no cancel window': 'The countdown has already ended',
  'automatic call': 'Only the emergency centre can end an automatic call',
  'no call': 'There is no call to end',
  'no call-back': 'There is no call-back to answer',
  busy: 'A call is already in progress',
  timeout: 'The car did not answer',
};
const REFUSED_OTHERWISE = 'The car could not carry out the request';

const CALL_SCREENS: Record<Exclude<HmiState['call']['screen'], 'none'>, ScreenTag> = {
  cancelWindow: 'sos-cancel-flow',
  active: 'sos-active-call',
  redialing: 'sos-call-redialing',
  failed: 'sos-call-failed',
  ended: 'sos-call-ended',
  cancelled: 'sos-call-cancelled',
  callbackWaiting: 'sos-callback',
  callback: 'sos-callback',
  testEnded: 'sos-test-call-ended',
  // No emergency call the car confirms: the failed-call screen with its own title.
  unconfirmed: 'sos-call-failed',
};

function phaseHeading(state: HmiState): string {
  switch (state.call.phase) {
    case 'dataSent':
      return 'Location sent';
    case 'acknowledged':
      return state.call.msd === 'ackNegative' ? 'Location not received' : 'Location received';
    case 'voice':
      return 'Connected';
    default:
      return state.call.attempt > 1 ? 'Redialling…' : 'Connecting…';
  }
}

const b = BUTTON_LABELS;
const DIAG_NAV = [b.navSelfTest, b.navRing, b.navGuide, b.navFaultMemory, b.close];

export function expectScreen(state: HmiState): ScreenExpectation {
  const call = state.call;
  const base = {
    telltale: state.status.telltale,
    led: null,
    emergency: false,
    details: false,
    actionsExact: true,
    announce: null,
    notice: call.refusal === null ? null : (REFUSAL_NOTICES[call.refusal] ?? REFUSED_OTHERWISE),
    panel: null,
  } as const;
  if (call.screen !== 'none') {
    const screen = CALL_SCREENS[call.screen];
    const urgent = ['cancelWindow', 'active', 'redialing', 'failed', 'unconfirmed'].includes(call.screen);
    const common = {
      ...base,
      screen,
      emergency: call.kind !== 'test',
      announce: urgent ? ('assertive' as const) : ('polite' as const),
      panel: panelOf(state),
    };
    switch (call.screen) {
      case 'cancelWindow':
        return {
          ...common,
          heading: `Emergency call in ${call.countdownS ?? 0} s`,
          actions: [...(call.canCancel ? [b.cancelCall] : []), ...(call.canCallNow ? [b.callNow] : [])],
        };
      case 'active':
        return {
          ...common,
          heading: phaseHeading(state),
          led: call.led,
          actions: [
            ...(call.canCancel ? [b.cancelCall] : call.kind === 'test' ? [b.endTestCall] : []),
            ...(call.conversation.available ? [b.text] : []),
            ...(call.conversation.panel === null && call.safety.available && !call.safety.open
              ? [b.safetySteps]
              : []),
          ],
        };
      case 'redialing':
        return {
          ...common,
          heading: 'Call dropped — redialling',
          led: call.led,
          actions: call.canCancel ? [b.cancelCall] : [],
        };
      case 'failed':
        return { ...common, heading: 'Call failed', actions: [b.close] };
      case 'unconfirmed':
        return { ...common, heading: 'Emergency call not confirmed', actions: [b.close] };
      case 'ended':
        return {
          ...common,
          heading: 'Call ended',
          // At most three actions on an emergency screen: directions give way to the safety steps.
          actions: [
            b.close,
            ...(call.safety.available && !call.safety.open ? [b.safetySteps] : []),
            ...call.pointsOfInterest.map((p) => (p.kind === 'police' ? b.police : b.hospital)),
          ].slice(0, 3),
        };
      case 'cancelled':
        return { ...common, heading: 'Call cancelled', actions: [b.close] };
      case 'callbackWaiting':
        return { ...common, heading: 'Emergency centre may call back', led: call.led, actions: [b.close] };
      case 'callback':
        return {
          ...common,
          heading: 'Emergency centre calling back',
          led: call.led,
          actions: call.conversation.available ? [b.text] : [],
        };
      case 'testEnded':
        return {
          ...common,
          heading: call.testOutcome === 'passed' ? 'Test call passed' : 'Test call failed',
          actions: [b.close, b.testCall],
        };
    }
  }
  if (state.malfunction.visible)
    return {
      ...base,
      screen: 'sos-malfunction-warning',
      heading: 'SOS malfunction',
      actions: [b.ok, b.details],
      emergency: true,
      details: true,
      announce: 'assertive',
    };
  const page = state.diagnostics.page;
  if (page) {
    const diag = { ...base, actionsExact: false, heading: null };
    switch (page.screen) {
      case 'selfTest':
        return {
          ...diag,
          screen: 'sos-self-test-results',
          heading: 'Self-test results',
          actions: [
            ...DIAG_NAV,
            b.testCall,
            ...(state.diagnostics.selfTest.request === 'running' ? [] : [b.runSelfTest]),
          ],
        };
      case 'ring':
        return { ...diag, screen: 'sos-ring-diagram', actions: [...DIAG_NAV, ...bypassAction(state)] };
      case 'guide':
        return { ...diag, screen: 'sos-guide', actions: DIAG_NAV };
      case 'faultMemory':
        return { ...diag, screen: 'sos-fault-memory', heading: 'Fault memory', actions: DIAG_NAV };
    }
  }
  const level = state.status.level;
  return {
    ...base,
    screen: 'sos-status-screen',
    heading: STATUS_LINES[level],
    actions: [
      ...(state.malfunction.present && !state.malfunction.visible ? [b.showMalfunction] : []),
      b.diagnosis,
      ...(level === 'selfTest' || level === 'off' ? [] : [b.selfTest]),
    ],
    announce: 'polite',
  };
}

/**
 * The panel over a call screen: the conversation wins over the safety card (the screen shows one);
 * the conversation on the active call and call-back screens, the card on the active and ended ones.
 */
export function panelOf(state: HmiState): PanelExpectation | null {
  const { conversation, safety, screen } = state.call;
  if (conversation.panel !== null && (screen === 'active' || screen === 'callback'))
    return {
      element: 'sos-call-conversation',
      actions: [
        ...(conversation.panel === 'phrases' ? conversation.phrases.map((p) => PHRASE_LABELS[p]) : []),
        conversation.panel === 'phrases' ? b.keyboard : b.phrases,
        b.close,
      ],
    };
  if (safety.open && (screen === 'active' || screen === 'ended'))
    return {
      element: 'sos-safety-card',
      actions: [
        b.close,
        ...(safety.steps.includes('hazardLights') && safety.hazardLightsOn !== true
          ? [safety.hazardLightsRequested ? b.hazardLightsPending : b.hazardLights]
          : []),
      ],
    };
  return null;
}

/** The ring page's bypass action for the suspected unit, if it offers one. */
export function bypassAction(state: HmiState): string[] {
  const suspect = state.diagnostics.ring.suspects.find((s) => s.kind === 'unit');
  if (!suspect || suspect.kind !== 'unit' || suspect.unit === 'head-unit') return [];
  if (state.diagnostics.ring.bypassed.includes(suspect.unit)) return [];
  return [`Bypass ${RING_SHORT[suspect.unit]}`];
}

const RING_SHORT: Record<string, string> = {
  'head-unit': 'Head unit',
  amplifier: 'Amplifier',
  telematics: 'Telematics',
  'satellite-radio': 'Satellite radio',
  'hands-free': 'Hands-free',
};
