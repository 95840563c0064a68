/**
 * Fake services for screen tests: each source's snapshot already is a view object, and the
 * selectors are identities. `push()` emits a new snapshot like an actor would.
 */
import { MAX_TEXT_LENGTH, PRESET_PHRASES } from '../../src/bridge/signals.js';
import type { UserEvent } from '../../src/machines/events.js';
import { safetySteps } from '../../src/machines/model/safetyGuidance.js';
import type {
  CallView,
  ConversationLineView,
  ConversationView,
  MalfunctionView,
  SafetyGuidanceView,
  SosStatusView,
} from '../../src/machines/views.js';
import type { HmiServices, SnapshotSource } from '../../src/screens/hmiContext.js';

export class FakeSource<S> implements SnapshotSource<S> {
  private observers = new Set<(snapshot: S) => void>();
  constructor(private snapshot: S) {}

  getSnapshot(): S {
    return this.snapshot;
  }

  subscribe(observer: (snapshot: S) => void): { unsubscribe(): void } {
    this.observers.add(observer);
    return { unsubscribe: () => this.observers.delete(observer) };
  }

  /** Emits a new snapshot (partial updates are merged into the last one). */
  push(next: Partial<S>): void {
    this.snapshot = { ...this.snapshot, ...next };
    for (const observer of [...this.observers]) observer(this.snapshot);
  }

  get subscriberCount(): number {
    return this.observers.size;
  }
}

export const READY_STATUS: SosStatusView = {
  level: 'ready',
  telltale: 'ready',
  causes: [],
  staleSignals: [],
  ring: null,
  position: { latitude: 48.177432, longitude: 11.556341, headingDeg: 90, trusted: true, fix: '3d' },
  cellularBars: 4,
  connection: 'connected',
  linkProblem: null,
  ignitionCycle: 1,
};

export const RING_BREAK_STATUS: SosStatusView = {
  ...READY_STATUS,
  level: 'unavailable',
  telltale: 'malfunction',
  causes: [{ id: 'ringBreak', severity: 'unavailable', warn: true, units: ['satellite-radio'] }],
  ring: {
    nodes: ['head-unit', 'amplifier', 'telematics', 'satellite-radio', 'hands-free'],
    closed: false,
    silent: ['amplifier', 'telematics', 'satellite-radio', 'hands-free'],
    breakBetween: ['satellite-radio', 'hands-free'],
    suspect: 'satellite-radio',
  },
};

export const NO_MALFUNCTION: MalfunctionView = { present: false, visible: false, message: null };

export const RING_BREAK_MALFUNCTION: MalfunctionView = {
  present: true,
  visible: true,
  message: {
    primary: 'ringBreak',
    causes: ['ringBreak'],
    advice: ['seeDealer', 'checkFuses', 'bypassTest', 'callFromPhone'],
    effects: ['noCallPossible', 'idriveMayNotRespond', 'chimesMayBeSilent', 'audioSourcesAffected'],
    ring: RING_BREAK_STATUS.ring,
  },
};

export const NO_CALL: CallView = {
  screen: 'none',
  kind: null,
  phase: null,
  countdownS: null,
  countdownTotalS: null,
  canCancel: false,
  canCallNow: false,
  canEndByHold: false,
  holdProgress: null,
  holdToEndS: 2,
  elapsedS: 0,
  attempt: 1,
  redialInS: null,
  sent: null,
  crash: null,
  noVoiceHint: false,
  audioMayBeLost: false,
  contactsNotified: false,
  failureReason: null,
  callEnd: null,
  msd: 'none',
  refusal: null,
  callbackRemainingS: null,
  emergencyNumber: '112',
  led: 'off',
  audioMuted: false,
  position: null,
  testOutcome: null,
  pointsOfInterest: [],
  guidanceTo: null,
  transport: null,
  dataUpdatedAt: null,
  conversation: {
    available: false,
    panel: null,
    lines: [],
    latestFromCentre: null,
    phrases: PRESET_PHRASES,
    maxLength: MAX_TEXT_LENGTH,
  },
  safety: {
    available: false,
    open: false,
    steps: [],
    hazardLightsOn: null,
    hazardLightsRequested: false,
    doorRelease: null,
  },
};

export const CANCEL_WINDOW: CallView = {
  ...NO_CALL,
  screen: 'cancelWindow',
  kind: 'manual',
  countdownS: 7,
  countdownTotalS: 10,
  canCancel: true,
  canCallNow: true,
  led: 'green-blinking',
};

const SENT_AT = Date.UTC(2025, 5, 14, 12, 31, 7);

export const AUTOMATIC_VOICE: CallView = {
  ...NO_CALL,
  screen: 'active',
  kind: 'automatic',
  phase: 'voice',
  elapsedS: 83,
  sent: { kind: 'automatic', position: READY_STATUS.position, time: SENT_AT, occupants: 2 },
  crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 },
  noVoiceHint: true,
  led: 'green-steady',
  audioMuted: true,
};

export const MANUAL_VOICE: CallView = {
  ...AUTOMATIC_VOICE,
  kind: 'manual',
  crash: null,
  noVoiceHint: false,
  canEndByHold: true,
  sent: { kind: 'manual', position: READY_STATUS.position, time: SENT_AT, occupants: 1 },
};

export const CALL_FAILED: CallView = {
  ...NO_CALL,
  screen: 'failed',
  kind: 'manual',
  attempt: 4,
  failureReason: 'no network',
  position: { latitude: 48.181234, longitude: 11.561987, headingDeg: null, trusted: true, fix: '3d' },
  sent: { kind: 'manual', position: READY_STATUS.position, time: SENT_AT, occupants: 1 },
  led: 'red',
};

/** A crash on the bus that the car's telematics unit has not confirmed as an emergency call. */
export const CALL_UNCONFIRMED: CallView = {
  ...NO_CALL,
  screen: 'unconfirmed',
  kind: 'automatic',
  attempt: 0,
  crash: { severity: 4, airbagDeployed: true, rollover: null, occupants: null },
  position: { latitude: 48.181234, longitude: 11.561987, headingDeg: null, trusted: true, fix: '3d' },
  led: 'off',
};

const LINE_AT = Date.UTC(2025, 5, 14, 12, 33, 0);

/** A conversation in progress: phrases and text both ways, every delivery state. */
export const CONVERSATION_LINES: readonly ConversationLineView[] = [
  { id: 1, from: 'occupants', at: LINE_AT, phrase: 'cannotSpeak', text: null, delivery: 'delivered' },
  {
    id: 2,
    from: 'centre',
    at: LINE_AT + 20_000,
    phrase: null,
    text: 'Help is on the way. Is anyone injured?',
    delivery: 'delivered',
  },
  { id: 3, from: 'occupants', at: LINE_AT + 30_000, phrase: 'injured', text: null, delivery: 'sent' },
  {
    id: 4,
    from: 'occupants',
    at: LINE_AT + 40_000,
    phrase: null,
    text: 'Two people, one trapped',
    delivery: 'sending',
  },
  { id: 5, from: 'occupants', at: LINE_AT + 41_000, phrase: 'fireSmoke', text: null, delivery: 'failed' },
];

/** The text channel is up, the panel closed, the centre's question on the call screen. */
export const CONVERSATION: ConversationView = {
  ...NO_CALL.conversation,
  available: true,
  lines: CONVERSATION_LINES,
  latestFromCentre: CONVERSATION_LINES[1]!,
};

/** The post-crash card of an electric car whose rear doors open by a cable. */
export const SAFETY_ELECTRIC: SafetyGuidanceView = {
  available: true,
  open: true,
  steps: safetySteps({ powertrain: 'electric', doorRelease: 'cableInDoorPocket' }),
  hazardLightsOn: false,
  hazardLightsRequested: false,
  doorRelease: 'cableInDoorPocket',
};

export interface FakeHmi {
  readonly services: HmiServices;
  readonly status: FakeSource<SosStatusView>;
  readonly malfunction: FakeSource<MalfunctionView>;
  readonly call: FakeSource<CallView>;
  /** Every event the screens sent, in order. */
  readonly sent: UserEvent[];
}

export function fakeHmi(
  init: { status?: SosStatusView; malfunction?: MalfunctionView; call?: CallView; now?: number } = {},
): FakeHmi {
  const status = new FakeSource(init.status ?? READY_STATUS);
  const malfunction = new FakeSource(init.malfunction ?? NO_MALFUNCTION);
  const call = new FakeSource(init.call ?? NO_CALL);
  const sent: UserEvent[] = [];
  const now = init.now ?? new Date(2025, 5, 14, 14, 5, 0).getTime();
  const services: HmiServices = {
    status,
    malfunction,
    call,
    emergencyNumber: init.call?.emergencyNumber ?? '112',
    send: (event) => sent.push(event),
    clockNow: () => now,
  };
  return { services, status, malfunction, call, sent };
}
