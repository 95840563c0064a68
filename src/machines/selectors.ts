/**
 * View models from machine snapshots: the only way screens see machine state. Every function is
 * pure and returns plain, JSON-able data.
 */
import type { ActorSystem, AnyActorRef, SnapshotFrom } from 'xstate';
import { MAX_TEXT_LENGTH, PRESET_PHRASES, TALKING_PHASES, type ChainUnit } from '../bridge/signals.js';
import { emergencyNumber } from './config.js';
import type { diagnosticsMachine } from './diagnosticsMachine.js';
import type { emergencyCallMachine } from './emergencyCallMachine.js';
import type { faultMemoryMachine } from './faultMemoryMachine.js';
import type { malfunctionMachine } from './malfunctionMachine.js';
import { hasWarning } from './model/assess.js';
import { guideForCause, guidesForCauses, type GuideId } from './model/guides.js';
import { nearestPoints } from './model/pointsOfInterest.js';
import { positionOf } from './model/position.js';
import { diagnoseRing, suspectUnit, type RingDiagnosis } from './model/ringDiagnosis.js';
import { safetySteps } from './model/safetyGuidance.js';
import { selfTestRows } from './model/selfTestResults.js';
import { secondsLeft } from './model/sessionReport.js';
import type { statusMachine } from './statusMachine.js';
import type {
  CallPhaseView,
  CallScreen,
  CallView,
  ConversationView,
  DiagnosisView,
  DiagnosticsView,
  FaultMemoryView,
  GuideView,
  HmiMachinesState,
  MalfunctionView,
  SafetyGuidanceView,
  SelfTestView,
  SosLevel,
  SosStatusView,
  TelltaleState,
} from './views.js';

export type StatusSnapshot = SnapshotFrom<typeof statusMachine>;
export type MalfunctionSnapshot = SnapshotFrom<typeof malfunctionMachine>;
export type CallSnapshot = SnapshotFrom<typeof emergencyCallMachine>;

/**
 * The shown SOS level of a status snapshot. Operating, it is the assessed level (the `operating`
 * states follow it); before that, the state says it (off, bulb check, no data yet).
 */
export function statusLevel(snapshot: StatusSnapshot): SosLevel {
  if (snapshot.matches('off')) return 'off';
  if (snapshot.matches('selfTest')) return 'selfTest';
  if (snapshot.matches('operating')) return snapshot.context.assessment.level;
  return 'unknown';
}

export function selectStatusView(snapshot: StatusSnapshot): SosStatusView {
  const { context } = snapshot;
  const level = statusLevel(snapshot);
  const warn = hasWarning(context.assessment);
  const telltale: TelltaleState =
    level === 'off'
      ? 'off'
      : level === 'selfTest'
        ? 'bulbCheck'
        : level === 'unavailable' || (level === 'limited' && warn)
          ? 'malfunction'
          : level;
  // A stale fact is not shown as current: the position and bars disappear with the data.
  const stale = new Set(context.assessment.staleSignals);
  const gnss = stale.has('gnss') ? undefined : context.facts.gnss?.value;
  const position = gnss ? positionOf(gnss) : null;
  return {
    level,
    telltale,
    causes: context.assessment.causes,
    staleSignals: context.assessment.staleSignals,
    ring: context.assessment.ring,
    position,
    cellularBars: stale.has('cellular') ? null : (context.facts.cellular?.value.signalBars ?? null),
    connection: context.connection,
    linkProblem: context.linkProblem,
    ignitionCycle: context.ignitionCycle,
  };
}

export function selectMalfunctionView(snapshot: MalfunctionSnapshot): MalfunctionView {
  const present = snapshot.matches('present');
  return {
    present,
    visible: snapshot.matches({ present: 'shown' }),
    message: present ? snapshot.context.message : null,
  };
}

/** Call screens in the order they win (one state carries at most one of these tags). */
const CALL_SCREENS: readonly Exclude<CallScreen, 'none'>[] = [
  'cancelWindow',
  'active',
  'redialing',
  'failed',
  'cancelled',
  'ended',
  'callbackWaiting',
  'callback',
  'testEnded',
  'unconfirmed',
];

function callScreen(snapshot: CallSnapshot): CallScreen {
  return CALL_SCREENS.find((tag) => snapshot.hasTag(tag)) ?? 'none';
}

function callPhase(snapshot: CallSnapshot): CallPhaseView | null {
  const at = (step: 'connecting' | 'dataSent' | 'acknowledged' | 'voice'): boolean =>
    snapshot.matches({ screen: { active: step } });
  if (at('connecting')) return 'connecting';
  if (at('dataSent')) return 'dataSent';
  if (at('acknowledged')) return 'acknowledged';
  if (at('voice')) return 'voice';
  if (snapshot.hasTag('callback') && snapshot.context.report?.phase === 'callback') return 'voice';
  return null;
}

/** What the car reports of the call's audio path; the status machine keeps the facts, calls read them. */
export interface AudioPath {
  /** The microphone or the loudspeaker amplifier reports a fault: one side may not hear the other. */
  readonly voiceImpaired: boolean;
  /** The MOST ring is open or the hands-free module reports a fault: the modem is not on it, the audio is. */
  readonly pathBroken: boolean;
}

export function selectAudioPath(snapshot: StatusSnapshot): AudioPath {
  const { facts } = snapshot.context;
  const fault = (unit: ChainUnit): boolean => facts.unitHealth[unit]?.value.status === 'fault';
  return {
    voiceImpaired: fault('microphone') || fault('amplifier'),
    pathBroken: facts.mostRing?.value.closed === false || fault('hands-free'),
  };
}

/** A broken audio path while a call is up: the call goes on, its audio may not. */
function audioMayBeLost(snapshot: CallSnapshot, audio: AudioPath): boolean {
  const callUp = snapshot.hasTag('active') || snapshot.hasTag('callback');
  return callUp && audio.pathBroken;
}

export function selectCallView(snapshot: CallSnapshot, audio: AudioPath): CallView {
  const { context } = snapshot;
  const { report, now } = context;
  const screen = callScreen(snapshot);
  const inCancelWindow = screen === 'cancelWindow';
  const shownCall = screen !== 'none' && screen !== 'unconfirmed' && report !== null;
  const kind = shownCall ? report.kind : screen === 'unconfirmed' ? 'automatic' : null;
  const holdToEndMs = shownCall ? report.holdToEndMs : null;
  const holdEndsAt = shownCall ? report.holdEndsAt : null;
  const crash = (shownCall ? report.crash : null) ?? (screen === 'unconfirmed' ? context.crash : null);
  const voice = shownCall && report.voiceSince !== null;
  return {
    screen,
    kind,
    phase: callPhase(snapshot),
    countdownS: inCancelWindow ? secondsLeft(report?.cancelWindowEndsAt ?? null, now) : null,
    countdownTotalS:
      inCancelWindow && report?.cancelWindowEndsAt != null && report.triggeredAt !== null
        ? Math.ceil((report.cancelWindowEndsAt - report.triggeredAt) / 1000)
        : null,
    canCancel: shownCall && report.cancellable,
    canCallNow: inCancelWindow,
    canEndByHold: holdToEndMs !== null && snapshot.hasTag('active'),
    holdProgress:
      holdToEndMs && holdEndsAt !== null
        ? Math.min(1, Math.max(0, 1 - (holdEndsAt - now) / holdToEndMs))
        : null,
    holdToEndS: (holdToEndMs ?? 0) / 1000,
    elapsedS: voice ? Math.max(0, Math.floor((now - (report.voiceSince ?? now)) / 1000)) : context.lastCallS,
    attempt: shownCall ? report.attempt : 0,
    redialInS: screen === 'redialing' ? (secondsLeft(report?.nextAttemptAt ?? null, now) ?? 0) : null,
    // A plain 112 call carries no data from the car (TS 23.167): nothing is shown as sent.
    sent:
      shownCall && report.kind !== null && screen !== 'cancelWindow' && report.transport !== 'plain112'
        ? {
            kind: report.kind,
            position: context.sentPosition ?? context.lastPosition,
            time: report.triggeredAt ?? now,
            occupants: report.crash?.occupants ?? null,
          }
        : null,
    crash,
    // "The centre has your position" only once it has acknowledged it (EN 17184 positive acknowledgement).
    noVoiceHint:
      snapshot.hasTag('active') &&
      report?.msd === 'ackPositive' &&
      (audio.voiceImpaired ||
        snapshot.matches({ screen: { active: { acknowledged: 'noVoice' } } }) ||
        audioMayBeLost(snapshot, audio)),
    audioMayBeLost: audioMayBeLost(snapshot, audio),
    contactsNotified: shownCall && report.contactsNotified,
    failureReason: shownCall ? report.failureReason : null,
    callEnd: shownCall ? report.callEnd : null,
    msd: shownCall ? report.msd : 'none',
    refusal: snapshot.matches({ request: 'refused' }) ? context.refusal : null,
    callbackRemainingS:
      screen === 'ended' ||
      screen === 'callbackWaiting' ||
      screen === 'callback' ||
      snapshot.matches({ screen: { ended: 'background' } })
        ? secondsLeft(report?.callbackWindowEndsAt ?? null, now)
        : null,
    emergencyNumber: emergencyNumber(context.config.region),
    led: context.led,
    audioMuted: report?.audioMuted ?? false,
    position: context.lastPosition,
    testOutcome:
      screen === 'testEnded'
        ? report?.phase === 'ended' && report.msd === 'ackPositive'
          ? 'passed'
          : 'failed'
        : null,
    pointsOfInterest: nearestPoints(context.pointsOfInterest, context.lastPosition),
    guidanceTo: context.guidanceTo,
    transport: shownCall ? report.transport : null,
    dataUpdatedAt: shownCall ? report.msdUpdatedAt : null,
    conversation: selectConversationView(snapshot),
    safety: selectSafetyView(snapshot),
  };
}

/** The text conversation: offered while the centre is on the line, kept on screen for the session. */
function selectConversationView(snapshot: CallSnapshot): ConversationView {
  const { context } = snapshot;
  const lines = context.conversation;
  const latestFromCentre = [...lines].reverse().find((l) => l.from === 'centre') ?? null;
  return {
    available:
      (snapshot.hasTag('active') || snapshot.hasTag('callback')) &&
      context.report !== null &&
      TALKING_PHASES.includes(context.report.phase),
    panel: snapshot.matches({ text: { open: 'keyboard' } })
      ? 'keyboard'
      : snapshot.matches({ text: 'open' })
        ? 'phrases'
        : null,
    lines,
    latestFromCentre,
    phrases: PRESET_PHRASES,
    maxLength: MAX_TEXT_LENGTH,
  };
}

/** The post-crash guidance card: on the active-call and call-ended screens of an automatic call. */
function selectSafetyView(snapshot: CallSnapshot): SafetyGuidanceView {
  const { context } = snapshot;
  const onScreen = ['active', 'ended', 'callbackWaiting', 'callback', 'failed', 'redialing'].some((tag) =>
    snapshot.hasTag(tag as 'active'),
  );
  const available = onScreen && !snapshot.matches({ safety: 'unavailable' });
  return {
    available,
    open: available && snapshot.matches({ safety: 'open' }),
    steps: safetySteps(context.vehicle),
    hazardLightsOn: context.hazardLightsOn,
    hazardLightsRequested: snapshot.matches({ hazards: 'requested' }),
    doorRelease: context.vehicle?.doorRelease ?? null,
  };
}

/**
 * The machines' part of `window.sosHmi.state()`: plain JSON. Takes the root actor and reads its
 * children through the system ids `status`, `malfunction` and `call`.
 */
export function selectHmiState(root: AnyActorRef): HmiMachinesState {
  // xstate types `system.get()` as `any`; naming the system ids keeps every access checked.
  const system = root.system as ActorSystem<{
    actors: Record<'status' | 'malfunction' | 'call' | 'diagnostics' | 'faultMemory', AnyActorRef>;
  }>;
  const status = system.get('status')?.getSnapshot() as StatusSnapshot | undefined;
  const malfunction = system.get('malfunction')?.getSnapshot() as MalfunctionSnapshot | undefined;
  const call = system.get('call')?.getSnapshot() as CallSnapshot | undefined;
  const diagnostics = system.get('diagnostics')?.getSnapshot() as DiagnosticsSnapshot | undefined;
  const faultMemory = system.get('faultMemory')?.getSnapshot() as FaultMemorySnapshot | undefined;
  if (!status || !malfunction || !call || !diagnostics || !faultMemory)
    throw new Error('selectHmiState: the root actor has not started its children');
  const callView = selectCallView(call, selectAudioPath(status));
  return plain({
    status: { value: status.value, ...selectStatusView(status) },
    malfunction: { value: malfunction.value, ...selectMalfunctionView(malfunction) },
    call: { value: call.value, ...callView },
    diagnostics: { ...selectDiagnosticsView(diagnostics), ...selectDiagnosisView(status) },
    faultLog: faultMemory.context.log.entries,
    led: callView.led,
  });
}

export type DiagnosticsSnapshot = SnapshotFrom<typeof diagnosticsMachine>;
export type FaultMemorySnapshot = SnapshotFrom<typeof faultMemoryMachine>;

/** The diagnosis page on screen. */
export function selectDiagnosticsView(snapshot: DiagnosticsSnapshot): DiagnosticsView {
  const stack = snapshot.context.stack;
  return { page: stack.at(-1) ?? null, depth: stack.length };
}

/** Self-test rows with their results and times, and the state of the latest request. */
export function selectSelfTestView(snapshot: StatusSnapshot): SelfTestView {
  const { context } = snapshot;
  const { selfTest } = context;
  const rows = selfTestRows(selfTest.records, context.facts, context.assessment.staleSignals);
  const times = Object.values(selfTest.records).map((r) => r?.at ?? 0);
  return {
    rows,
    request: selfTest.request,
    requestedAt: selfTest.requestedAt,
    error: selfTest.error,
    lastResultAt: times.length ? Math.max(...times) : null,
  };
}

/** The ring-break localisation for the ring diagram (unknown when the ring fact is stale or the link is lost). */
export function selectRingDiagnosis(snapshot: StatusSnapshot): RingDiagnosis {
  const { context } = snapshot;
  const ring = context.facts.mostRing?.value ?? null;
  const stale =
    context.connection === 'lost' || context.assessment.staleSignals.includes('mostRing') || !ring;
  const master = context.facts.unitHealth['head-unit'];
  return diagnoseRing(ring, master ? { stale, masterHealth: master.value.status } : { stale });
}

/** Self-test, ring and the guides for the causes present now. */
export function selectDiagnosisView(snapshot: StatusSnapshot): DiagnosisView {
  const ring = selectRingDiagnosis(snapshot);
  const primary = snapshot.context.assessment.causes.find((c) => c.warn);
  return {
    selfTest: selectSelfTestView(snapshot),
    ring,
    guides: guidesForCauses(
      snapshot.context.assessment.causes.map((c) => c.id),
      ring,
    ),
    primaryGuide: primary ? guideForCause(primary.id, ring) : null,
  };
}

/** A guide with the causes present now that lead to it. */
export function selectGuideView(snapshot: StatusSnapshot, id: GuideId): GuideView {
  const ring = selectRingDiagnosis(snapshot);
  const causes = snapshot.context.assessment.causes.map((c) => c.id);
  return {
    id,
    causes: causes.filter((c) => guideForCause(c, ring) === id),
    current: guidesForCauses(causes, ring),
    ringSuspect: suspectUnit(ring),
  };
}

/** The fault memory, newest first. */
export function selectFaultMemoryView(snapshot: FaultMemorySnapshot): FaultMemoryView {
  return { entries: [...snapshot.context.log.entries].reverse() };
}

/** Deep copy through JSON: the state handed out can never alias machine context. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
