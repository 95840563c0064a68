/**
 * The screen-flow model: the machines themselves, run in Node exactly as the page runs them
 * (`createHmi` on a manual clock with the simulator behind the mock bridge), explored with
 * `xstate/graph`. A model event is something a person or the vehicle does — press a screen action,
 * press the SOS button, a crash, a fault, a call-progress message from the telematics unit, time
 * passing — supplied per state (only the actions the screen offers, only the progress messages a
 * call can get). Every explored edge carries the transitions and states the machines took on the
 * way, so paths can be chosen until every state and transition of every machine is covered.
 */
import type { AnyStateMachine } from 'xstate';
import { TestModel } from 'xstate/graph';
import type { CallProgressPhase, IgnitionState, PointOfInterest } from '../../src/bridge/signals.js';
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
import { MOCK_POINTS_OF_INTEREST } from '../../src/sim/vehicleSimulator.js';
import { BUTTON_LABELS, expectScreen, type ScreenExpectation } from './expectations.js';

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

/** What a person or the vehicle does in one step of a flow. */
export type FlowEvent =
  | { readonly type: 'wait'; readonly ms: number }
  | { readonly type: 'sos'; readonly action: 'press' | 'release' }
  | { readonly type: 'crash' }
  | { readonly type: 'ignition'; readonly state: IgnitionState }
  | { readonly type: 'fault'; readonly fault: Fault; readonly on: boolean }
  | { readonly type: 'link'; readonly state: LinkState }
  /** A call-progress message from the telematics unit (`sim.injectRaw`). */
  | { readonly type: 'progress'; readonly phase: CallProgressPhase; readonly reason?: string }
  /** An action on the screen, chosen with the controller or by touch. */
  | { readonly type: 'press'; readonly label: string }
  /** The controller's Back key. */
  | { readonly type: 'back' }
  /** The centre hands over the nearest police stations and hospitals (`pointsOfInterest`). */
  | { readonly type: 'pointsOfInterest'; readonly points: readonly PointOfInterest[] }
  /** Battery reset: every unit without power for a few seconds. */
  | { readonly type: 'batteryReset' };

/** Settings a flow runs with; each is also the page's URL (`?cancelWindowMs=0…`). */
export interface Variant {
  readonly name: string;
  readonly config: Partial<Omit<SosConfig, 'region'>>;
  /** Start situation (`?scenario=`); `ready` when absent. */
  readonly scenario?: string;
  /** Simulated ms before the first step; `BOOT_MS` (SOS ready) when absent, 0 for a cold start. */
  readonly bootMs?: number;
  /** The vehicle link at start (`?link=`); `connected` when absent. */
  readonly link?: 'connected' | 'lost';
}

/**
 * Shorter timers than the defaults so flows can wait them out in a few simulated seconds (the rules
 * are the same; the default timings are covered by the end-to-end tests).
 */
const BASE: Partial<SosConfig> = {
  cancelWindowMs: 5000,
  attemptTimeoutMs: 8000,
  redialIntervalMs: 5000,
  redialWindowMs: 20_000,
  callbackWindowMs: 20_000,
  noVoiceHintMs: 4000,
};

export const VARIANTS: readonly Variant[] = [
  { name: 'default', config: BASE },
  /** No cancel window: dial at once, cancel allowed until connected. */
  { name: 'no-cancel-window', config: { ...BASE, cancelWindowMs: 0 } },
  /** Hold protection: the button must be held 1 s. */
  { name: 'hold-to-trigger', config: { ...BASE, triggerHoldMs: 1000 } },
  { name: 'hold-no-window', config: { ...BASE, triggerHoldMs: 1000, cancelWindowMs: 0 } },
  /** A parked car, the page just opened: nothing has arrived from the vehicle yet. */
  { name: 'cold-parked', config: BASE, scenario: 'ignition-off', bootMs: 0 },
  /** The page just opened, nothing has arrived yet, the car is on. */
  { name: 'cold', config: BASE, bootMs: 0 },
  /** The page opens with the vehicle link down: the car has never answered. */
  { name: 'link-lost', config: BASE, bootMs: 0, link: 'lost' },
];

/** The page query for a variant (what the browser opens). */
export function variantQuery(variant: Variant): string {
  const params = new URLSearchParams({ clock: 'manual', bridge: 'mock', trace: 'transitions' });
  if (variant.scenario) params.set('scenario', variant.scenario);
  if (variant.link) params.set('link', variant.link);
  for (const [key, value] of Object.entries(variant.config)) params.set(key, String(value));
  return params.toString();
}

/** Time from opening the page to `SOS ready` (first cycle at 0, self-test 3 s). */
export const BOOT_MS = 4000;

/** The simulated centre never answers by itself: every call phase comes from the flow. */
export const SILENT_CENTRE = { answerDelayMs: 86_400_000, notifyContacts: false } as const;

/** Opens the HMI as the page does for a variant, past boot. */
export function openHmi(variant: Variant): { hmi: Hmi; trace: ReturnType<typeof createTransitionTrace> } {
  const trace = createTransitionTrace();
  const hmi = createHmi({
    clock: 'manual',
    scenario: variant.scenario ?? 'ready',
    config: variant.config,
    link: variant.link ?? 'connected',
    startAt: 1_700_000_000_000,
    faultMemory: { load: () => [], save: () => {}, clear: () => {} },
    inspect: trace.inspect,
  });
  hmi.sim!.callCentre(SILENT_CENTRE);
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

/** Performs a flow event on a running HMI in Node (the browser does the same through the page). */
export function perform(hmi: Hmi, event: FlowEvent): void {
  const sim = hmi.sim!;
  const now = hmi.clock.now();
  switch (event.type) {
    case 'wait':
      return hmi.clock.advance(event.ms);
    case 'sos':
      return event.action === 'press' ? sim.holdSos() : sim.releaseSos();
    case 'crash':
      return sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    case 'ignition':
      return sim.ignition(event.state);
    case 'fault':
      return event.on ? sim.inject(event.fault) : sim.clear(event.fault);
    case 'link':
      return (hmi.bridge as { setConnection(s: LinkState): void }).setConnection(event.state);
    case 'progress':
      return hmi.bridge.injectRaw(progressSignal(event, now));
    case 'pointsOfInterest':
      return hmi.bridge.injectRaw({ type: 'pointsOfInterest', ts: now, points: [...event.points] });
    case 'batteryReset':
      return sim.batteryReset();
    case 'press': {
      // Details only unfolds the message on screen; the machines do not know about it.
      if (event.label === BUTTON_LABELS.details) return;
      const user = userEventFor(event.label, hmi.state());
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

export function progressSignal(
  event: Extract<FlowEvent, { type: 'progress' }>,
  ts: number,
): Record<string, unknown> {
  return { type: 'callProgress', ts, phase: event.phase, ...(event.reason ? { reason: event.reason } : {}) };
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
    case 'progress':
      return `call progress ${event.phase}`;
    case 'press':
      return `press "${event.label}"`;
    case 'back':
      return 'Back';
    case 'pointsOfInterest':
      return 'places handed over';
    case 'batteryReset':
      return 'battery reset';
  }
}

const press = (label: string): FlowEvent => ({ type: 'press', label });
const wait = (ms: number): FlowEvent => ({ type: 'wait', ms });
const progress = (phase: CallProgressPhase): FlowEvent => ({ type: 'progress', phase });

/**
 * Flows written out for the few transitions that need more steps than the breadth-first
 * exploration goes deep (they are replayed and checked exactly like the generated ones).
 */
export const SEED_FLOWS: readonly { readonly variant: string; readonly events: readonly FlowEvent[] }[] = [
  // Hold-to-end of a connected manual call, then of one not yet connected.
  {
    variant: 'default',
    events: [
      { type: 'sos', action: 'press' },
      { type: 'sos', action: 'release' },
      press('Call now'),
      progress('voiceConnected'),
      { type: 'sos', action: 'press' },
      wait(1000),
      wait(1000),
    ],
  },
  {
    variant: 'default',
    events: [
      { type: 'sos', action: 'press' },
      { type: 'sos', action: 'release' },
      press('Call now'),
      { type: 'sos', action: 'press' },
      wait(5000),
    ],
  },
  // Directions after the call: places handed over, the call ends, the occupant asks for directions.
  {
    variant: 'default',
    events: [
      { type: 'crash' },
      progress('msdAcknowledged'),
      { type: 'pointsOfInterest', points: MOCK_POINTS_OF_INTEREST },
      progress('voiceConnected'),
      progress('endedByCentre'),
      press('Police station'),
      press('Hospital'),
    ],
  },
  // A call-back still running when the window closes: its end goes straight to idle.
  {
    variant: 'default',
    events: [
      { type: 'crash' },
      progress('voiceConnected'),
      progress('endedByCentre'),
      progress('callbackIncoming'),
      wait(20_000),
      progress('endedByCentre'),
    ],
  },
  // Hold protection again from the cancelled notice.
  {
    variant: 'hold-to-trigger',
    events: [
      { type: 'sos', action: 'press' },
      wait(1000),
      press('Cancel call'),
      { type: 'sos', action: 'release' },
      { type: 'sos', action: 'press' },
    ],
  },
  // A test call the telematics unit refuses (software hangs): the test ends at once.
  {
    variant: 'default',
    events: [
      { type: 'fault', fault: 'software-glitch', on: true },
      wait(1000),
      press('OK'),
      press('Diagnosis'),
      press('Self-test'),
      press('Test call'),
      wait(1000),
    ],
  },
  // The page opens before anything arrived: the link drops, then the parked car reports in.
  {
    variant: 'cold-parked',
    events: [
      { type: 'link', state: 'lost' },
      { type: 'link', state: 'connected' },
      wait(1000),
      { type: 'link', state: 'lost' },
      { type: 'link', state: 'connected' },
    ],
  },
  // The link drops before the car has said anything, then comes back in two steps.
  {
    variant: 'cold',
    events: [
      { type: 'link', state: 'lost' },
      { type: 'link', state: 'connecting' },
      { type: 'link', state: 'connected' },
      wait(5000),
    ],
  },
  // The page opens while the vehicle link is down; the car answers when it comes up.
  {
    variant: 'link-lost',
    events: [wait(1000), { type: 'link', state: 'connected' }, wait(5000)],
  },
  // Bypass test from the ring diagram of a ring break.
  {
    variant: 'default',
    events: [
      { type: 'fault', fault: 'most-node-failure:satellite-radio', on: true },
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
      { type: 'fault', fault: 'microphone-fault', on: true },
      wait(1000),
      press('OK'),
      { type: 'ignition', state: 'off' },
      wait(1000),
      { type: 'ignition', state: 'on' },
      wait(5000),
    ],
  },
  // Pressing SOS again from the cancelled, test-ended and failed screens, in both trigger settings.
  ...(['no-cancel-window', 'hold-to-trigger'] as const).flatMap((variant) => [
    {
      variant,
      events: [
        { type: 'sos', action: 'press' },
        ...(variant === 'hold-to-trigger' ? [wait(1000)] : []),
        press('Cancel call'),
        { type: 'sos', action: 'release' },
        { type: 'sos', action: 'press' },
      ] satisfies FlowEvent[],
    },
    {
      variant,
      events: [
        press('Diagnosis'),
        press('Test call'),
        press('End test call'),
        { type: 'sos', action: 'press' },
      ] satisfies FlowEvent[],
    },
    {
      variant,
      events: [
        { type: 'crash' },
        progress('failed'),
        wait(20_000),
        wait(20_000),
        { type: 'sos', action: 'press' },
      ] satisfies FlowEvent[],
    },
  ]),
  // Units without power: every signal goes stale, the status is unknown while operating.
  { variant: 'default', events: [{ type: 'batteryReset' }, wait(5000), wait(5000)] },
];

/** What one explored state of the model holds: the flow so far and what it led to. */
export interface FlowState {
  readonly variant: Variant;
  readonly focus: Focus;
  readonly events: readonly FlowEvent[];
  readonly state: HmiState;
  readonly held: boolean;
  readonly faults: readonly Fault[];
  readonly link: LinkState;
  /** Machine states and transitions the flow took, `<machine>#<key>`. */
  readonly covered: readonly string[];
}

/**
 * Two explorations keep the graph small: `call` (the emergency call and its screens; the car stays
 * healthy) and `status` (ignition, faults, the vehicle link, the malfunction message and diagnosis).
 */
export type Focus = 'call' | 'status';

const FAULTS: readonly Fault[] = ['microphone-fault', 'software-glitch', 'most-node-failure:satellite-radio'];
const WAITS = [1000, 5000, 20_000];

/** Runs a flow from the start in Node and reads the result. */
export function replay(
  variant: Variant,
  events: readonly FlowEvent[],
  withSteps = true,
): {
  state: HmiState;
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
    return { state: hmi.state(), covered, initial, steps };
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

/** The events a person or the vehicle can cause now, for this exploration. */
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
  const callValue = JSON.stringify(state.call.value);
  if (s.focus === 'call') {
    out.push({ type: 'sos', action: s.held ? 'release' : 'press' }, { type: 'crash' });
    if (callValue.includes('session')) {
      for (const phase of [
        'connected',
        'msdAcknowledged',
        'voiceConnected',
        'contactsNotified',
        'endedByCentre',
      ] as const)
        out.push({ type: 'progress', phase });
      out.push({ type: 'progress', phase: 'dropped', reason: 'network lost' });
      out.push({ type: 'progress', phase: 'failed', reason: 'no answer' });
    }
    if (callValue.includes('session'))
      out.push({ type: 'pointsOfInterest', points: MOCK_POINTS_OF_INTEREST });
    // A call the vehicle reports that the HMI does not know of (page reloaded mid-call).
    if (callValue === '"idle"') out.push({ type: 'progress', phase: 'voiceConnected' });
    if (callValue.includes('callbackWindow')) {
      out.push({ type: 'progress', phase: 'callbackIncoming' });
      out.push({ type: 'progress', phase: 'endedByCentre' });
    }
    // Faults the call notices (audio path) and ignition off during a call.
    if (callValue.includes('session') || callValue.includes('callback')) {
      out.push({ type: 'fault', fault: 'microphone-fault', on: !s.faults.includes('microphone-fault') });
    }
  } else {
    out.push({ type: 'ignition', state: state.status.level === 'off' ? 'on' : 'off' });
    for (const link of ['lost', 'connecting', 'connected'] as const)
      if (link !== s.link) out.push({ type: 'link', state: link });
    out.push({ type: 'batteryReset' });
    // One fault at a time keeps the graph small; each is cleared again.
    if (s.faults.length === 0) for (const fault of FAULTS) out.push({ type: 'fault', fault, on: true });
    else for (const fault of s.faults) out.push({ type: 'fault', fault, on: false });
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
    s.held,
    state.call.holdProgress !== null,
    state.call.canCancel,
    state.call.screen,
  ];
  if (s.focus === 'call') return JSON.stringify([...base, state.diagnostics.page?.screen ?? null]);
  return JSON.stringify([
    ...base,
    state.status.value,
    state.malfunction.value,
    state.diagnostics.page?.screen ?? null,
    s.faults,
    s.link,
  ]);
}

/** The model as `xstate/graph` logic: a state is a flow; a transition replays the flow one event longer. */
export function flowModel(variant: Variant, focus: Focus, depth = Infinity) {
  const initial = (): FlowState => {
    const { state, covered } = replay(variant, [], false);
    return {
      variant,
      focus,
      events: [],
      state,
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
      const { state, covered } = replay(variant, events, false);
      const held = event.type === 'sos' ? event.action === 'press' : s.held;
      const faults =
        event.type === 'fault'
          ? event.on
            ? [...s.faults, event.fault]
            : s.faults.filter((f) => f !== event.fault)
          : s.faults;
      const link = event.type === 'link' ? event.state : s.link;
      return { ...snapshot, context: { variant, focus, events, state, held, faults, link, covered } };
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
