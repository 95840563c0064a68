/**
 * View models from machine snapshots: the only way screens see machine state. Every function is
 * pure and returns plain, JSON-able data.
 */
import type { ActorSystem, AnyActorRef, SnapshotFrom } from 'xstate';
import { hasWarning } from './assess.js';
import { nearestPoints } from './pointsOfInterest.js';
import type { diagnosticsMachine } from './diagnosticsMachine.js';
import type { faultMemoryMachine } from './faultMemoryMachine.js';
import { guide, guideForCause, guidesForCauses, type GuideId } from './guides.js';
import { diagnoseRing, suspectUnit, type RingDiagnosis } from './ringDiagnosis.js';
import { selfTestRows } from './selfTestResults.js';
import { emergencyNumber } from './config.js';
import type { emergencyCallMachine } from './emergencyCallMachine.js';
import type { malfunctionMachine } from './malfunctionMachine.js';
import type { statusMachine } from './statusMachine.js';
import type {
  CallPhaseView,
  CallScreen,
  CallView,
  DiagnosisView,
  DiagnosticsView,
  FaultMemoryView,
  GuideView,
  SelfTestView,
  HmiMachinesState,
  MalfunctionView,
  PositionView,
  SosLevel,
  SosStatusView,
  TelltaleState,
} from './views.js';

export type StatusSnapshot = SnapshotFrom<typeof statusMachine>;
export type MalfunctionSnapshot = SnapshotFrom<typeof malfunctionMachine>;
export type CallSnapshot = SnapshotFrom<typeof emergencyCallMachine>;

/** The shown SOS level of a status snapshot. */
export function statusLevel(snapshot: StatusSnapshot): SosLevel {
  if (snapshot.matches('off')) return 'off';
  if (snapshot.matches('selfTest')) return 'selfTest';
  if (snapshot.matches({ operating: 'ready' })) return 'ready';
  if (snapshot.matches({ operating: 'limited' })) return 'limited';
  if (snapshot.matches({ operating: 'unavailable' })) return 'unavailable';
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
  const position: PositionView | null =
    gnss && gnss.latitude !== null && gnss.longitude !== null
      ? {
          latitude: gnss.latitude,
          longitude: gnss.longitude,
          headingDeg: gnss.headingDeg,
          trusted: gnss.trusted && gnss.fix !== 'none',
          fix: gnss.fix,
        }
      : null;
  return {
    level,
    telltale,
    causes: context.assessment.causes,
    staleSignals: context.assessment.staleSignals,
    ring: context.assessment.ring,
    position,
    cellularBars: stale.has('cellular') ? null : (context.facts.cellular?.value.signalBars ?? null),
    connection: context.connection,
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

function callScreen(snapshot: CallSnapshot): CallScreen {
  if (snapshot.matches('cancelWindow')) return 'cancelWindow';
  if (snapshot.matches({ session: 'attempt' })) return 'active';
  if (snapshot.matches({ session: 'redialing' })) return 'redialing';
  if (snapshot.matches('failed')) return 'failed';
  if (snapshot.matches('cancelled')) return 'cancelled';
  if (snapshot.matches({ callbackWindow: 'summary' })) return 'ended';
  if (snapshot.matches({ callbackWindow: 'waiting' })) return 'callbackWaiting';
  // callbackWindow.background: no call screen; the status screen is back.
  if (snapshot.matches({ callbackWindow: 'callback' })) return 'callback';
  if (snapshot.matches('testEnded')) return 'testEnded';
  return 'none';
}

function callPhase(snapshot: CallSnapshot): CallPhaseView | null {
  if (snapshot.matches({ session: { attempt: 'connecting' } })) return 'connecting';
  if (snapshot.matches({ session: { attempt: 'dataSent' } })) return 'dataSent';
  if (snapshot.matches({ session: { attempt: 'acknowledged' } })) return 'acknowledged';
  if (snapshot.matches({ session: { attempt: 'voice' } })) return 'voice';
  if (snapshot.matches({ callbackWindow: 'callback' })) return 'voice';
  return null;
}

/** A ring break or hands-free fault while a call is up: the call goes on, its audio may not. */
function audioMayBeLost(snapshot: CallSnapshot): boolean {
  const { context } = snapshot;
  const callUp = snapshot.matches({ session: 'attempt' }) || snapshot.matches({ callbackWindow: 'callback' });
  return callUp && (context.ringOpen || context.handsFreeFault);
}

export function selectCallView(snapshot: CallSnapshot): CallView {
  const { context } = snapshot;
  const { config } = context;
  const inCancelWindow = snapshot.matches('cancelWindow');
  const inSession = snapshot.matches('session');
  const manual = context.kind === 'manual';
  const canEndByHold = inSession && manual && (config.holdToEndPolicy === 'always' || !context.voiceReached);
  const redialing = snapshot.matches({ session: 'redialing' });
  const intervalS = Math.ceil(config.redialIntervalMs / 1000);
  return {
    screen: callScreen(snapshot),
    kind: context.kind,
    phase: callPhase(snapshot),
    countdownS: inCancelWindow ? context.countdownS : null,
    countdownTotalS: inCancelWindow ? Math.ceil(config.cancelWindowMs / 1000) : null,
    canCancel:
      inCancelWindow || (inSession && manual && config.cancelWindowMs === 0 && !context.everConnected),
    canCallNow: inCancelWindow,
    canEndByHold,
    holdToEndPolicy: config.holdToEndPolicy,
    holdProgress:
      context.holding && canEndByHold ? Math.min(1, context.holdElapsedMs / config.holdToEndMs) : null,
    holdToEndS: config.holdToEndMs / 1000,
    elapsedS: context.elapsedS,
    attempt: context.attempt,
    redialInS: redialing
      ? context.lastAttemptConnected || context.intervalElapsed
        ? 0
        : Math.max(0, intervalS - context.attemptAgeS)
      : null,
    sent: context.sent,
    crash: context.crash,
    noVoiceHint:
      snapshot.matches({ session: 'attempt' }) &&
      (context.microphoneFault ||
        context.speakerFault ||
        context.noVoiceTimedOut ||
        audioMayBeLost(snapshot)),
    audioMayBeLost: audioMayBeLost(snapshot),
    contactsNotified: context.contactsNotified,
    failureReason: context.failureReason,
    callbackRemainingS: snapshot.matches('callbackWindow') ? context.callbackRemainingS : null,
    emergencyNumber: emergencyNumber(config.region),
    led: context.led,
    audioMuted: context.audioMuted,
    position: context.lastPosition,
    testOutcome: snapshot.matches('testEnded')
      ? context.everConnected && context.failureReason === null
        ? 'passed'
        : 'failed'
      : null,
    pointsOfInterest: nearestPoints(context.pointsOfInterest, context.lastPosition),
    guidanceTo: context.guidanceTo,
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
  const callView = selectCallView(call);
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
    guide: guide(id),
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
