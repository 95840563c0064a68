/**
 * View models from machine snapshots: the only way screens see machine state. Every function is
 * pure and returns plain, JSON-able data.
 */
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { hasWarning } from './assess.js';
import { emergencyNumber } from './config.js';
import type { emergencyCallMachine } from './emergencyCallMachine.js';
import type { malfunctionMachine } from './malfunctionMachine.js';
import type { statusMachine } from './statusMachine.js';
import type {
  CallPhaseView,
  CallScreen,
  CallView,
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
      (context.microphoneFault || context.speakerFault || context.noVoiceTimedOut),
    contactsNotified: context.contactsNotified,
    failureReason: context.failureReason,
    callbackRemainingS: snapshot.matches('callbackWindow') ? context.callbackRemainingS : null,
    emergencyNumber: emergencyNumber(config.region),
    led: context.led,
    audioMuted: context.audioMuted,
    position: context.lastPosition,
  };
}

/**
 * The machines' part of `window.sosHmi.state()`: plain JSON. Takes the root actor and reads its
 * children through the system ids `status`, `malfunction` and `call`.
 */
export function selectHmiState(root: AnyActorRef): HmiMachinesState {
  const status = root.system.get('status')?.getSnapshot() as StatusSnapshot | undefined;
  const malfunction = root.system.get('malfunction')?.getSnapshot() as MalfunctionSnapshot | undefined;
  const call = root.system.get('call')?.getSnapshot() as CallSnapshot | undefined;
  if (!status || !malfunction || !call)
    throw new Error('selectHmiState: the root actor has not started its children');
  const callView = selectCallView(call);
  return plain({
    status: { value: status.value, ...selectStatusView(status) },
    malfunction: { value: malfunction.value, ...selectMalfunctionView(malfunction) },
    call: { value: call.value, ...callView },
    led: callView.led,
  });
}

/** Deep copy through JSON: the state handed out can never alias machine context. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
