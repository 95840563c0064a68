/**
 * The screen-flow model: the machines themselves, run in Node exactly as the page runs them
 * (`createHmi` on a manual clock with the simulator — vehicle, telematics unit and emergency centre —
 * behind the mock bridge), explored with `xstate/graph`. A model event is something a person, the
 * car or the emergency centre does — press a screen action, press or hold the SOS button, a crash, a
 * fault, the operator hanging up or calling back, time passing — supplied per state (only the
 * actions the screen offers, only what the centre can do on the call it has). The telematics unit
 * runs every call by itself, on its own timers and the centre's real timing. Every explored edge
 * carries the transitions and states the machines took on the way, so paths can be chosen until
 * every state and transition of every machine is covered.
 */
import type { AnyStateMachine } from 'xstate';
import { TestModel } from 'xstate/graph';
import type {
  CallSessionPhase,
  CallSessionSignal,
  ConversationSignal,
  IgnitionState,
  PresetPhrase,
} from '../../src/bridge/signals.js';
import { NO_CALL_SESSION } from '../../src/bridge/signals.js';
import { createHmi, type Hmi } from '../../src/app/createHmi.js';
import { createTransitionTrace } from '../../src/app/transitionTrace.js';
import type { SosConfig } from '../../src/machines/config.js';
import { diagnosticsMachine } from '../../src/machines/diagnosticsMachine.js';
import { emergencyCallMachine } from '../../src/machines/emergencyCallMachine.js';
import type { UserEvent } from '../../src/machines/events.js';
import { faultMemoryMachine } from '../../src/machines/faultMemoryMachine.js';
import { malfunctionMachine } from '../../src/machines/malfunctionMachine.js';
import { sosHmiMachine } from '../../src/machines/sosHmiMachine.js';
import { statusMachine } from '../../src/machines/statusMachine.js';
import type { HmiState } from '../../src/machines/views.js';
import type { BridgeConnection } from '../../src/bridge/vehicleBridge.js';
import type { Fault } from '../../src/sim/faults.js';
import type { CallCentreOptions, TelematicsSettings } from '../../src/sim/types.js';
import { BUTTON_LABELS, expectScreen, PHRASE_LABELS, type ScreenExpectation } from './expectations.js';

type LinkState = BridgeConnection;

/** Every machine of the HMI, by machine id, as the coverage table lists them. */
export const MACHINES: Readonly<Record<string, AnyStateMachine>> = {
  sosHmi: sosHmiMachine,
  status: statusMachine,
  malfunction: malfunctionMachine,
  call: emergencyCallMachine,
  diagnostics: diagnosticsMachine,
  faultMemory: faultMemoryMachine,
};

/**
 * Session reports no well-behaved telematics unit sends, injected raw (`sim.injectRaw`) because the
 * machine must still handle them; each with why the simulated unit cannot produce it.
 */
export const RAW_REPORTS = {
  /** An `idle` report in the middle of a call. */
  idle: 'a unit that restarts and has lost its session reports idle mid-call; the simulated unit keeps its session in memory across a restart, so only a raw report shows it',
  /** A copy of the latest report, stamped 1 ms earlier. */
  replay:
    'a report overtaken on the way (older than the one shown); the simulated bus delivers every report in order',
  /** A copy of the latest conversation, stamped 1 ms earlier. */
  conversationReplay:
    'a conversation overtaken on the way (older than the one shown); the simulated bus delivers every conversation in order',
} as const;
export type RawReport = keyof typeof RAW_REPORTS;

/** What a person, the car or the emergency centre does in one step of a flow. */
export type FlowEvent =
  | { readonly type: 'wait'; readonly ms: number }
  /** The SOS button goes down and stays down (`press`), or comes up (`release`). */
  | { readonly type: 'sos'; readonly action: 'press' | 'release' }
  /** A crash from the airbag unit: the telematics unit dials by itself. */
  | { readonly type: 'crash' }
  | { readonly type: 'ignition'; readonly state: IgnitionState }
  | { readonly type: 'fault'; readonly fault: Fault; readonly on: boolean }
  | { readonly type: 'link'; readonly state: LinkState }
  /** The vehicle link refuses this display (its token, KUKSA's JWT model) or serves it again (`sim.linkProblem`). */
  | { readonly type: 'linkProblem'; readonly problem: 'unauthorized' | null }
  /** The emergency centre's operator hangs up (`sim.centreEndsCall`) or calls the car back (`sim.centreCallsBack`). */
  | { readonly type: 'centre'; readonly action: 'endsCall' | 'callsBack' }
  /** How the emergency centre behaves on the next calls (`sim.callCentre`). */
  | { readonly type: 'callCentre'; readonly options: CallCentreOptions }
  /** A session report no well-behaved unit sends (`sim.injectRaw`; why: `RAW_REPORTS`). */
  | { readonly type: 'report'; readonly report: RawReport }
  /** An action on the screen, chosen with the controller or by touch. */
  | { readonly type: 'press'; readonly label: string }
  /** An action in the panel open over the call screen (the text conversation or the safety card). */
  | { readonly type: 'panel'; readonly label: string }
  /** Text typed on the conversation's keyboard, then Send. */
  | { readonly type: 'type'; readonly text: string }
  /** The driver presses the hazard-light switch on the dashboard (`sim.hazards`). */
  | { readonly type: 'hazardSwitch'; readonly on: boolean }
  /** The controller's Back key. */
  | { readonly type: 'back' }
  /** Battery reset: every unit without power for a few seconds. */
  | { readonly type: 'batteryReset' };

/** Settings a flow runs with; each is also the page's URL (`?cancelWindowMs=0…`). */
export interface Variant {
  readonly name: string;
  /** The HMI's own (presentation) timers, `SosConfig`. */
  readonly config: Partial<Omit<SosConfig, 'region'>>;
  /** The simulated telematics unit's settings (`createHmi({ unit })`; the page takes the same URL params). */
  readonly unit: Partial<TelematicsSettings>;
  /** Start situation (`?scenario=`); `ready` when absent. */
  readonly scenario?: string;
  /** Simulated ms before the first step; `BOOT_MS` (SOS ready) when absent, 0 for a cold start. */
  readonly bootMs?: number;
  /** The vehicle link at start (`?link=`); `connected` when absent. */
  readonly link?: 'connected' | 'lost';
}

/**
 * Shorter timers than the defaults so flows can wait them out in a few simulated seconds (the rules
 * are the same; the default timings are covered by the end-to-end tests). The centre keeps its
 * default timing (answer after 4 s, data acknowledged 1.5 s and voice 2 s after that).
 */
const UNIT: Partial<TelematicsSettings> = {
  cancelWindowMs: 5000,
  attemptTimeoutMs: 8000,
  redialIntervalMs: 5000,
  redialWindowMs: 20_000,
  callbackWindowMs: 20_000,
};
const CONFIG: Partial<Omit<SosConfig, 'region'>> = { noVoiceHintMs: 4000 };

export const VARIANTS: readonly Variant[] = [
  { name: 'default', config: CONFIG, unit: UNIT },
  /** No cancel window: the unit dials at once; cancel allowed until connected. */
  { name: 'no-cancel-window', config: CONFIG, unit: { ...UNIT, cancelWindowMs: 0 } },
  /** Hold protection: the button must be held 1 s. */
  { name: 'hold-to-trigger', config: CONFIG, unit: { ...UNIT, triggerHoldMs: 1000 } },
  { name: 'hold-no-window', config: CONFIG, unit: { ...UNIT, triggerHoldMs: 1000, cancelWindowMs: 0 } },
  /** A parked car, the page just opened: nothing has arrived from the vehicle yet. */
  { name: 'cold-parked', config: CONFIG, unit: UNIT, scenario: 'ignition-off', bootMs: 0 },
  /** The page just opened, nothing has arrived yet, the car is on. */
  { name: 'cold', config: CONFIG, unit: UNIT, bootMs: 0 },
  /** The page opens with the vehicle link down: the car has never answered. */
  { name: 'link-lost', config: CONFIG, unit: UNIT, bootMs: 0, link: 'lost' },
];

/** The page query for a variant (what the browser opens). */
export function variantQuery(variant: Variant): string {
  const params = new URLSearchParams({ clock: 'manual', bridge: 'mock', trace: 'transitions' });
  if (variant.scenario) params.set('scenario', variant.scenario);
  if (variant.link) params.set('link', variant.link);
  for (const [key, value] of Object.entries({ ...variant.config, ...variant.unit }))
    params.set(key, String(value));
  return params.toString();
}

/** Time from opening the page to `SOS ready` (first cycle at 0, self-test 3 s). */
export const BOOT_MS = 4000;

/** Opens the HMI as the page does for a variant, past boot. */
export function openHmi(variant: Variant): { hmi: Hmi; trace: ReturnType<typeof createTransitionTrace> } {
  const trace = createTransitionTrace();
  const hmi = createHmi({
    clock: 'manual',
    scenario: variant.scenario ?? 'ready',
    config: variant.config,
    unit: variant.unit,
    link: variant.link ?? 'connected',
    startAt: 1_700_000_000_000,
    faultMemory: { load: () => [], save: () => {}, clear: () => {} },
    inspect: trace.inspect,
  });
  hmi.clock.advance(variant.bootMs ?? BOOT_MS);
  return { hmi, trace };
}

/** The occupant's event behind a screen action (what the screen sends when it is pressed). */
export function userEventFor(label: string, state: HmiState): UserEvent | null {
  const b = BUTTON_LABELS;
  const onDiagnosisPage = expectScreen(state).screen !== 'sos-status-screen' && !!state.diagnostics.page;
  if (onDiagnosisPage && state.call.screen === 'none' && !state.malfunction.visible) {
    // The diagnosis menu rail: its items open pages.
    if (label === b.navSelfTest) return { type: 'user.openDiagnostics', page: { screen: 'selfTest' } };
    if (label === b.close) return { type: 'user.closeDiagnostics' };
  }
  if (label.startsWith('Bypass ')) {
    const suspect = state.diagnostics.ring.suspects.find((s) => s.kind === 'unit');
    if (suspect?.kind !== 'unit') return null;
    return { type: 'user.bypass', unit: suspect.unit, bypassed: true };
  }
  switch (label) {
    case b.cancelCall:
      return { type: 'user.cancel' };
    case b.callNow:
      return { type: 'user.callNow' };
    case b.close:
      return { type: 'user.dismiss' };
    case b.ok:
      return { type: 'user.acknowledge' };
    case b.showMalfunction:
      return { type: 'user.showMalfunction' };
    case b.selfTest:
    case b.runSelfTest:
      return { type: 'user.selfTest' };
    case b.testCall:
      return { type: 'user.testCall' };
    case b.endTestCall:
      return { type: 'user.endTestCall' };
    case b.police:
      return { type: 'user.startGuidance', kind: 'police' };
    case b.hospital:
      return { type: 'user.startGuidance', kind: 'hospital' };
    case b.diagnosis: {
      const guide = state.diagnostics.primaryGuide;
      return {
        type: 'user.openDiagnostics',
        page: guide ? { screen: 'guide', guide } : { screen: 'selfTest' },
      };
    }
    case b.navFaultMemory:
      return { type: 'user.openDiagnostics', page: { screen: 'faultMemory' } };
    case b.text:
      return { type: 'user.openText' };
    case b.safetySteps:
      return { type: 'user.openSafety' };
    case b.navRing:
      return { type: 'user.openDiagnostics', page: { screen: 'ring' } };
    case b.guide: {
      const guide = state.diagnostics.primaryGuide ?? state.diagnostics.guides[0] ?? 'ringBreak';
      return { type: 'user.openDiagnostics', page: { screen: 'guide', guide } };
    }
    default:
      return null;
  }
}

/** What the controller's Back does on the screen now (null: nothing). */
export function backEventFor(state: HmiState): UserEvent | null {
  const screen = expectScreen(state).screen;
  switch (screen) {
    case 'sos-call-cancelled':
    case 'sos-call-ended':
    case 'sos-call-failed':
    case 'sos-test-call-ended':
      return { type: 'user.dismiss' };
    case 'sos-callback':
      return state.call.screen === 'callbackWaiting' ? { type: 'user.dismiss' } : null;
    case 'sos-malfunction-warning':
      return { type: 'user.acknowledge' };
    case 'sos-self-test-results':
    case 'sos-ring-diagram':
    case 'sos-guide':
    case 'sos-fault-memory':
      return { type: 'user.diagnosticsBack' };
    default:
      return null;
  }
}

/** The telematics unit's report with no session. */
const IDLE_REPORT: Omit<CallSessionSignal, 'ts' | 'seq'> = { type: 'callSession', ...NO_CALL_SESSION };

/** What the unit reported last: the session (`sim.session`) and the conversation (`sim.conversation`). */
export interface LatestReports {
  readonly session: CallSessionSignal;
  readonly conversation: ConversationSignal;
}

/**
 * The raw report of a `report` event, made from the unit's latest reports and the vehicle clock now
 * (see `RAW_REPORTS` for why each one is injected).
 */
export function rawReport(
  report: RawReport,
  latest: LatestReports,
  now: number,
): CallSessionSignal | ConversationSignal {
  switch (report) {
    case 'idle':
      return { ...IDLE_REPORT, ts: now, seq: (latest.session.seq + 1) % 65536 };
    case 'replay':
      return { ...latest.session, ts: latest.session.ts - 1 };
    case 'conversationReplay':
      return { ...latest.conversation, ts: latest.conversation.ts - 1 };
  }
}

/** The occupant's event behind an action of the panel open over the call screen. */
export function panelEventFor(label: string, state: HmiState): UserEvent | null {
  const b = BUTTON_LABELS;
  if (state.call.conversation.panel !== null) {
    if (label === b.keyboard) return { type: 'user.textMode', mode: 'keyboard' };
    if (label === b.phrases) return { type: 'user.textMode', mode: 'phrases' };
    if (label === b.close) return { type: 'user.closeText' };
    const phrase = (Object.keys(PHRASE_LABELS) as PresetPhrase[]).find((p) => PHRASE_LABELS[p] === label);
    return phrase ? { type: 'user.sendPhrase', phrase } : null;
  }
  if (label === b.hazardLights) return { type: 'user.hazardLights' };
  if (label === b.close) return { type: 'user.closeSafety' };
  return null;
}

/** The crash every flow has: severe, airbags deployed, two occupants. */
export const CRASH = { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 } as const;

/** Performs a flow event on a running HMI in Node (the browser does the same through the page). */
export function perform(hmi: Hmi, event: FlowEvent): void {
  const sim = hmi.sim!;
  switch (event.type) {
    case 'wait':
      return hmi.clock.advance(event.ms);
    case 'sos':
      return event.action === 'press' ? sim.holdSos() : sim.releaseSos();
    case 'crash':
      return sim.crash(CRASH);
    case 'ignition':
      return sim.ignition(event.state);
    case 'fault':
      return event.on ? sim.inject(event.fault) : sim.clear(event.fault);
    case 'link':
      return (hmi.bridge as { setConnection(s: LinkState): void }).setConnection(event.state);
    case 'linkProblem':
      return (hmi.bridge as { setLinkProblem(p: 'unauthorized' | null): void }).setLinkProblem(event.problem);
    case 'centre':
      return event.action === 'endsCall' ? sim.centreEndsCall() : sim.centreCallsBack();
    case 'callCentre':
      return sim.callCentre(event.options);
    case 'report':
      return hmi.bridge.injectRaw(
        rawReport(event.report, { session: sim.session, conversation: sim.conversation }, hmi.clock.now()),
      );
    case 'hazardSwitch':
      return sim.hazards(event.on);
    case 'panel': {
      const state = hmi.state();
      const panel = expectScreen(state).panel;
      if (!panel?.actions.includes(event.label))
        throw new Error(
          `"${event.label}" is not offered in ${panel?.element ?? 'a panel'} (offered: ${panel?.actions.join(', ') ?? 'no panel open'})`,
        );
      const user = panelEventFor(event.label, state);
      if (!user) throw new Error(`no event for the panel action "${event.label}"`);
      return hmi.send(user);
    }
    case 'type': {
      if (hmi.state().call.conversation.panel !== 'keyboard')
        throw new Error(`cannot type "${event.text}": the conversation's keyboard is not open`);
      return hmi.send({ type: 'user.sendText', text: event.text });
    }
    case 'batteryReset':
      return sim.batteryReset();
    case 'press': {
      // Details only unfolds the message on screen; the machines do not know about it.
      if (event.label === BUTTON_LABELS.details) return;
      const state = hmi.state();
      const shown = expectScreen(state);
      if (!shown.actions.includes(event.label) && !(event.label === BUTTON_LABELS.guide && shown.details))
        throw new Error(
          `"${event.label}" is not offered on ${shown.screen} (offered: ${shown.actions.join(', ')})`,
        );
      const user = userEventFor(event.label, state);
      if (!user) throw new Error(`no event for the action "${event.label}"`);
      return hmi.send(user);
    }
    case 'back': {
      const user = backEventFor(hmi.state());
      if (user) hmi.send(user);
      return;
    }
  }
}

/** One line for a flow event (test titles, failure messages). */
export function describeEvent(event: FlowEvent): string {
  switch (event.type) {
    case 'wait':
      return `wait ${event.ms / 1000} s`;
    case 'sos':
      return `SOS button ${event.action}`;
    case 'crash':
      return 'crash';
    case 'ignition':
      return `ignition ${event.state}`;
    case 'fault':
      return `${event.on ? 'inject' : 'clear'} ${event.fault}`;
    case 'link':
      return `vehicle link ${event.state}`;
    case 'linkProblem':
      return event.problem
        ? 'the vehicle link refuses this display'
        : 'the vehicle link serves this display again';
    case 'centre':
      return event.action === 'endsCall' ? 'centre ends the call' : 'centre calls back';
    case 'callCentre':
      return `centre behaves ${JSON.stringify(event.options)}`;
    case 'report':
      return `raw ${event.report} report`;
    case 'press':
      return `press "${event.label}"`;
    case 'panel':
      return `press "${event.label}" in the panel`;
    case 'type':
      return `type "${event.text}" and send`;
    case 'hazardSwitch':
      return `hazard-light switch ${event.on ? 'on' : 'off'}`;
    case 'back':
      return 'Back';
    case 'batteryReset':
      return 'battery reset';
  }
}

const press = (label: string): FlowEvent => ({ type: 'press', label });
const panel = (label: string): FlowEvent => ({ type: 'panel', label });
const wait = (ms: number): FlowEvent => ({ type: 'wait', ms });
const sos = (action: 'press' | 'release'): FlowEvent => ({ type: 'sos', action });
const fault = (name: Fault, on = true): FlowEvent => ({ type: 'fault', fault: name, on });
const CRASH_EVENT: FlowEvent = { type: 'crash' };
const ENDS_CALL: FlowEvent = { type: 'centre', action: 'endsCall' };
const CALLS_BACK: FlowEvent = { type: 'centre', action: 'callsBack' };
/** From a crash to voice with the default centre: answered at 4 s, data acknowledged at 5.5 s, voice at 6 s. */
const TO_VOICE: readonly FlowEvent[] = [wait(5000), wait(1000)];
/** The unit's answer to a request arrives (the bridge's transport latency, 20 ms each way). */
const ANSWERED = wait(100);
const linkTo = (state: LinkState): FlowEvent => ({ type: 'link', state });

/**
 * Flows written out for the transitions that need more steps (or finer timing) than the
 * breadth-first exploration goes (they are replayed and checked exactly like the generated ones).
 */
export const SEED_FLOWS: readonly { readonly variant: string; readonly events: readonly FlowEvent[] }[] = [
  // The vehicle link refuses this display's token (KUKSA with authorization), then serves it again.
  {
    variant: 'default',
    events: [
      { type: 'linkProblem', problem: 'unauthorized' },
      wait(5000),
      { type: 'linkProblem', problem: null },
      wait(5000),
    ],
  },
  // Hold-to-end of a connected manual call: it ends.
  {
    variant: 'default',
    events: [
      sos('press'),
      sos('release'),
      press('Call now'),
      ANSWERED,
      ...TO_VOICE,
      sos('press'),
      wait(1000),
      wait(1000),
      sos('release'),
    ],
  },
  // Hold-to-end of a manual call not yet connected: cancelled; the notice goes by itself.
  {
    variant: 'default',
    events: [
      sos('press'),
      sos('release'),
      press('Call now'),
      ANSWERED,
      sos('press'),
      wait(1000),
      wait(1000),
      sos('release'),
      wait(5000),
    ],
  },
  // Directions after the call: the centre hands the places over with the acknowledgement and hangs
  // up; the occupant asks for directions, closes the summary and the call-back screen; the window closes.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      ...TO_VOICE,
      ENDS_CALL,
      press('Police station'),
      press('Close'),
      press('Close'),
      wait(20_000),
    ],
  },
  // Call-back: the centre calls back and hangs up (back to the window), calls back again once the
  // call-back screen is closed, and that call-back outlives the window: its end goes straight to idle.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      ...TO_VOICE,
      ENDS_CALL,
      press('Close'),
      CALLS_BACK,
      wait(1000),
      ENDS_CALL,
      press('Close'),
      CALLS_BACK,
      wait(20_000),
      ENDS_CALL,
    ],
  },
  // A test call the unit refuses as busy (a crash the moment it was asked for): the refusal is
  // shown in the status bar, then goes.
  {
    variant: 'default',
    events: [press('Diagnosis'), press('Test call'), CRASH_EVENT, wait(1000), wait(5000)],
  },
  // Cancel asked for the moment a crash made the call automatic: refused; a second crash changes nothing.
  {
    variant: 'default',
    events: [sos('press'), sos('release'), press('Cancel call'), CRASH_EVENT, wait(1000), CRASH_EVENT],
  },
  // A test call runs to its end (the test number hangs up), then another is ended by the occupant.
  {
    variant: 'default',
    events: [
      press('Diagnosis'),
      press('Test call'),
      wait(5000),
      wait(5000),
      wait(5000),
      press('Test call'),
      ANSWERED,
      press('End test call'),
      ANSWERED,
      press('Close'),
    ],
  },
  // A crash with a dead unit (control module failure), twice: no call confirmed; closed.
  {
    variant: 'default',
    events: [
      fault('control-module-failure'),
      wait(1000),
      CRASH_EVENT,
      CRASH_EVENT,
      wait(5000),
      press('Close'),
      fault('control-module-failure', false),
    ],
  },
  // The unit hangs (software glitch) mid-call, each time at a different step: in the cancel window …
  {
    variant: 'default',
    events: [sos('press'), sos('release'), fault('software-glitch'), wait(5000), press('Close')],
  },
  // … while dialling …
  { variant: 'default', events: [CRASH_EVENT, wait(1000), fault('software-glitch'), wait(5000)] },
  // … after the data was acknowledged: no voice (the hint), then nobody confirms the call …
  {
    variant: 'default',
    events: [CRASH_EVENT, wait(5000), wait(500), fault('software-glitch'), wait(5000)],
  },
  // … while redialling (no network failed the attempt) …
  {
    variant: 'default',
    events: [CRASH_EVENT, wait(1000), fault('no-cellular'), fault('software-glitch'), wait(5000)],
  },
  // … and during a call-back; it restarts after the window closed and reports no session: the
  // notice stays until dismissed.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      ...TO_VOICE,
      ENDS_CALL,
      CALLS_BACK,
      wait(1000),
      fault('software-glitch'),
      wait(5000),
      wait(20_000),
      batteryReset(),
      wait(5000),
      wait(5000),
      press('Close'),
    ],
  },
  // No network: every attempt fails until the redial window closes; the call failed.
  {
    variant: 'default',
    events: [fault('no-cellular'), wait(1000), CRASH_EVENT, wait(20_000), wait(5000), press('Close')],
  },
  // A connected call dropped by the network: redialled at once, it holds.
  {
    variant: 'default',
    events: [
      { type: 'callCentre', options: { dropAfterMs: 1000, dropCount: 1 } },
      CRASH_EVENT,
      ...TO_VOICE,
      wait(1000),
      wait(5000),
      wait(1000),
    ],
  },
  // The centre never answers: each attempt times out and is redialled.
  {
    variant: 'default',
    events: [{ type: 'callCentre', options: { noAnswer: true } }, CRASH_EVENT, wait(20_000), wait(5000)],
  },
  // Raw reports: one overtaken on the way, and a unit that lost its session mid-call.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      wait(1000),
      { type: 'report', report: 'replay' },
      { type: 'report', report: 'idle' },
      wait(1000),
    ],
  },
  // The vehicle link drops in the cancel window: the countdown runs out on screen, then the clock
  // stops; when the link is back the unit's call is shown.
  {
    variant: 'default',
    events: [
      sos('press'),
      sos('release'),
      linkTo('lost'),
      wait(5000),
      wait(20_000),
      wait(20_000),
      wait(20_000),
      linkTo('connected'),
      wait(1000),
    ],
  },
  // Hold protection again from the cancelled notice.
  {
    variant: 'hold-to-trigger',
    events: [
      sos('press'),
      wait(1000),
      press('Cancel call'),
      ANSWERED,
      sos('release'),
      sos('press'),
      wait(1000),
    ],
  },
  // The page opens before anything arrived: the link drops, then the parked car reports in.
  {
    variant: 'cold-parked',
    events: [linkTo('lost'), linkTo('connected'), wait(1000), linkTo('lost'), linkTo('connected')],
  },
  // The link drops before the car has said anything, then comes back in two steps.
  {
    variant: 'cold',
    events: [linkTo('lost'), linkTo('connecting'), linkTo('connected'), wait(5000)],
  },
  // The page opens while the vehicle link is down and the occupant presses SOS meanwhile: the page
  // learns of the unit's call mid-session when the link comes up.
  {
    variant: 'link-lost',
    events: [wait(1000), sos('press'), sos('release'), wait(1000), linkTo('connected'), wait(5000)],
  },
  // Bypass test from the ring diagram of a ring break.
  {
    variant: 'default',
    events: [
      fault('most-node-failure:satellite-radio'),
      wait(1000),
      press('OK'),
      press('Diagnosis'),
      press('MOST ring'),
      press('Bypass Satellite radio'),
    ],
  },
  // UN R144: an acknowledged malfunction is shown again at the next ignition cycle.
  {
    variant: 'default',
    events: [
      fault('microphone-fault'),
      wait(1000),
      press('OK'),
      { type: 'ignition', state: 'off' },
      wait(1000),
      { type: 'ignition', state: 'on' },
      wait(5000),
    ],
  },
  // Pressing SOS again from the cancelled, test-ended and failed screens, in both trigger settings.
  ...(['no-cancel-window', 'hold-to-trigger'] as const).flatMap((variant) => {
    const held: FlowEvent[] = variant === 'hold-to-trigger' ? [wait(1000)] : [];
    return [
      {
        variant,
        events: [
          sos('press'),
          ...held,
          press('Cancel call'),
          ANSWERED,
          sos('release'),
          sos('press'),
          ...held,
        ],
      },
      {
        variant,
        events: [
          press('Diagnosis'),
          press('Test call'),
          ANSWERED,
          press('End test call'),
          ANSWERED,
          sos('press'),
          ...held,
        ],
      },
      {
        variant,
        events: [
          fault('no-cellular'),
          CRASH_EVENT,
          wait(20_000),
          wait(5000),
          fault('no-cellular', false),
          sos('press'),
          ...held,
        ],
      },
    ];
  }),
  // Units without power: every signal goes stale, the status is unknown while operating.
  { variant: 'default', events: [batteryReset(), wait(5000), wait(5000)] },
  // An occupant who cannot speak: a phrase, the centre's answer, a typed line, back to the phrases;
  // a conversation overtaken on the way changes nothing; the centre hangs up with the panel open.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      ...TO_VOICE,
      press('Text'),
      panel('I cannot speak'),
      wait(1000),
      wait(5000),
      panel('Keyboard'),
      { type: 'type', text: 'Two hurt' },
      ANSWERED,
      panel('Phrases'),
      panel('Close'),
      { type: 'report', report: 'conversationReplay' },
      press('Text'),
      ENDS_CALL,
    ],
  },
  // Post-crash guidance: hazard lights asked for just before the car's periodic report (still off),
  // then on; switched off at the dashboard, asked for again and the power goes: never reported on,
  // the button comes back.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      ...TO_VOICE,
      press('Safety steps'),
      wait(900),
      panel('Hazard lights on'),
      wait(1000),
      panel('Close'),
      { type: 'hazardSwitch', on: false },
      press('Safety steps'),
      panel('Hazard lights on'),
      ANSWERED,
      batteryReset(),
      wait(5000),
      wait(5000),
    ],
  },
  // Hazard lights asked for while the vehicle link is down: the request times out, the button is back.
  {
    variant: 'default',
    events: [
      CRASH_EVENT,
      ...TO_VOICE,
      press('Safety steps'),
      linkTo('lost'),
      panel('Hazard lights on'),
      wait(5000),
      linkTo('connected'),
      wait(1000),
    ],
  },
];

function batteryReset(): FlowEvent {
  return { type: 'batteryReset' };
}

/** What one explored state of the model holds: the flow so far and what it led to. */
export interface FlowState {
  readonly variant: Variant;
  readonly focus: Focus;
  readonly events: readonly FlowEvent[];
  readonly state: HmiState;
  /** The phase of the telematics unit's session (what the centre can do now). */
  readonly unitPhase: CallSessionPhase;
  readonly held: boolean;
  readonly faults: readonly Fault[];
  readonly link: LinkState;
  /** Machine states and transitions the flow took, `<machine>#<key>`. */
  readonly covered: readonly string[];
}

/**
 * Two explorations keep the graph small: `call` (the emergency call and its screens; the car stays
 * healthy but for the network and the unit itself) and `status` (ignition, faults, the vehicle link,
 * the malfunction message and diagnosis).
 */
export type Focus = 'call' | 'status';

const FAULTS: readonly Fault[] = ['microphone-fault', 'software-glitch', 'most-node-failure:satellite-radio'];
const WAITS = [1000, 5000, 20_000];
/** Phases of the unit's session with the centre on the line (it can hang up). */
const CENTRE_ON_LINE: readonly CallSessionPhase[] = ['connected', 'voice', 'callback'];
/** Phases of the unit's session with a call being set up or up (a fault can hit it). */
const CALL_UP: readonly CallSessionPhase[] = [
  'cancelWindow',
  'dialing',
  'connected',
  'voice',
  'redialWait',
  'callbackRinging',
  'callback',
];

/** Runs a flow from the start in Node and reads the result. */
export function replay(
  variant: Variant,
  events: readonly FlowEvent[],
  withSteps = true,
): {
  state: HmiState;
  unitPhase: CallSessionPhase;
  covered: string[];
  initial: StepExpectation;
  steps: StepExpectation[];
} {
  const { hmi, trace } = openHmi(variant);
  const initial = stepExpectation(hmi.state());
  const steps: StepExpectation[] = [];
  try {
    for (const event of events) {
      perform(hmi, event);
      if (withSteps) steps.push(stepExpectation(hmi.state()));
    }
    const report = trace.report();
    const covered = [
      ...Object.entries(report.states).flatMap(([m, keys]) => keys.map((k) => `${m}#${k}`)),
      ...Object.entries(report.transitions).flatMap(([m, keys]) => keys.map((k) => `${m}#${k}`)),
    ];
    return { state: hmi.state(), unitPhase: hmi.sim!.session.phase, covered, initial, steps };
  } finally {
    hmi.dispose();
  }
}

/** What the page must show after a step: machine states and the screen. */
export interface StepExpectation {
  readonly values: { readonly status: unknown; readonly malfunction: unknown; readonly call: unknown };
  readonly screen: ScreenExpectation;
}

export function stepExpectation(state: HmiState): StepExpectation {
  return {
    values: { status: state.status.value, malfunction: state.malfunction.value, call: state.call.value },
    screen: expectScreen(state),
  };
}

/** The events a person, the car or the centre can cause now, for this exploration. */
export function eventsFor(s: FlowState): FlowEvent[] {
  const out: FlowEvent[] = WAITS.map((ms) => ({ type: 'wait' as const, ms }));
  const { state } = s;
  const screen = expectScreen(state);
  for (const label of screen.actions) {
    if (label === BUTTON_LABELS.details || label === BUTTON_LABELS.exportJson) continue;
    // The test call belongs to the call exploration.
    if (label === BUTTON_LABELS.testCall && s.focus === 'status') continue;
    out.push({ type: 'press', label });
  }
  if (screen.details) out.push({ type: 'press', label: BUTTON_LABELS.guide });
  if (backEventFor(state)) out.push({ type: 'back' });
  if (s.focus === 'call') {
    out.push({ type: 'sos', action: s.held ? 'release' : 'press' }, { type: 'crash' });
    if (CENTRE_ON_LINE.includes(s.unitPhase)) out.push({ type: 'centre', action: 'endsCall' });
    if (s.unitPhase === 'ended' && state.call.kind !== 'test')
      out.push({ type: 'centre', action: 'callsBack' });
    // No network drops or fails the call; a hung unit falls silent. One at a time, each cleared again.
    for (const f of ['no-cellular', 'software-glitch'] as const) {
      if (s.faults.includes(f)) out.push({ type: 'fault', fault: f, on: false });
      else if (s.faults.length === 0 && CALL_UP.includes(s.unitPhase))
        out.push({ type: 'fault', fault: f, on: true });
    }
  } else {
    out.push({ type: 'ignition', state: state.status.level === 'off' ? 'on' : 'off' });
    for (const link of ['lost', 'connecting', 'connected'] as const)
      if (link !== s.link) out.push({ type: 'link', state: link });
    out.push({ type: 'batteryReset' });
    // One fault at a time keeps the graph small; each is cleared again.
    if (s.faults.length === 0) for (const f of FAULTS) out.push({ type: 'fault', fault: f, on: true });
    else for (const f of s.faults) out.push({ type: 'fault', fault: f, on: false });
  }
  return out;
}

function serialize(s: FlowState): string {
  const { state } = s;
  const base = [
    s.variant.name,
    s.focus,
    state.call.value,
    state.call.kind,
    s.unitPhase,
    s.held,
    state.call.holdProgress !== null,
    state.call.canCancel,
    state.call.screen,
    s.faults,
  ];
  if (s.focus === 'call') return JSON.stringify([...base, state.diagnostics.page?.screen ?? null]);
  return JSON.stringify([
    ...base,
    state.status.value,
    state.malfunction.value,
    state.diagnostics.page?.screen ?? null,
    s.link,
  ]);
}

/** The model as `xstate/graph` logic: a state is a flow; a transition replays the flow one event longer. */
export function flowModel(variant: Variant, focus: Focus, depth = Infinity) {
  const initial = (): FlowState => {
    const { state, unitPhase, covered } = replay(variant, [], false);
    return {
      variant,
      focus,
      events: [],
      state,
      unitPhase,
      held: false,
      faults: [],
      link: variant.link ?? 'connected',
      covered,
    };
  };
  const logic = {
    config: {},
    transition: (snapshot: { context: FlowState }, event: FlowEvent) => {
      const s = snapshot.context;
      const events = [...s.events, event];
      const { state, unitPhase, covered } = replay(variant, events, false);
      const held = event.type === 'sos' ? event.action === 'press' : s.held;
      const faults = nextFaults(s.faults, event);
      const link = event.type === 'link' ? event.state : s.link;
      return {
        ...snapshot,
        context: { variant, focus, events, state, unitPhase, held, faults, link, covered },
      };
    },
    getInitialSnapshot: () => ({
      status: 'active' as const,
      output: undefined,
      error: undefined,
      context: initial(),
    }),
    getPersistedSnapshot: (snapshot: unknown) => snapshot,
    restoreSnapshot: (snapshot: unknown) => snapshot,
  };
  return new TestModel(
    logic as never,
    {
      events: (snapshot: { context: FlowState }) =>
        snapshot.context.events.length >= depth ? [] : eventsFor(snapshot.context),
      serializeState: (snapshot: { context: FlowState }) => serialize(snapshot.context),
      serializeEvent: (event: FlowEvent) => JSON.stringify(event),
    } as never,
  );
}

/** The faults present after an event (a battery reset clears a software glitch, as in the car). */
export function nextFaults(faults: readonly Fault[], event: FlowEvent): readonly Fault[] {
  if (event.type === 'batteryReset') return faults.filter((f) => f !== 'software-glitch');
  if (event.type !== 'fault') return faults;
  return event.on ? [...faults, event.fault] : faults.filter((f) => f !== event.fault);
}

/** Every state node id and transition key of a machine, `<machine>#<key>`. */
export function allKeys(machineId: string): { states: string[]; transitions: string[] } {
  const machine = MACHINES[machineId]!;
  const states: string[] = [];
  const transitions: string[] = [];
  interface NodeLike {
    id: string;
    states: Record<string, NodeLike>;
    always?: unknown[];
    transitions: Map<string, unknown[]>;
  }
  const walk = (node: NodeLike): void => {
    states.push(`${machineId}#${node.id}`);
    for (const [type, candidates] of node.transitions)
      candidates.forEach((_, i) => transitions.push(`${machineId}#${node.id}|${type}|${i}`));
    (node.always ?? []).forEach((_, i) => transitions.push(`${machineId}#${node.id}|always|${i}`));
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as NodeLike);
  return { states, transitions };
}
