/**
 * Emergency call: manual (SOS button, cancel window) and automatic (crash) sessions, at most one at a
 * time; phases from the telematics unit, redial within the EN 16062 window, call-back window, audio
 * mute and the SOS LED. Commands go to the parent as `child.command` (and are emitted as `command`).
 */
import { and, assign, enqueueActions, setup } from 'xstate';
import type { CallKind, LedState, VehicleCommand } from '../bridge/commands.js';
import { DEFAULT_CONFIG, type SosConfig } from './config.js';
import type { BridgeMachineEvent, UserEvent } from './events.js';
import type { ChildCommandEvent, StatusChangedEvent } from './statusMachine.js';
import type { PointOfInterest, PointOfInterestKind } from '../bridge/signals.js';
import { nearestPoints } from './pointsOfInterest.js';
import type { CrashView, PositionView, SentDataView, SosLevel } from './views.js';

/** Self-rearming clocks of the call machine; each tick is a `call.tick` event with its clock name. */
export type CallClock = 'countdown' | 'attempt' | 'voice' | 'callback' | 'hold';

/** Events the call machine raises to itself (delayed), listed so tests can drive them too. */
export type CallInternalEvent =
  | { readonly type: 'call.tick'; readonly clock: CallClock }
  | { readonly type: 'call.redialIntervalElapsed' }
  | { readonly type: 'call.redialWindowOver' }
  | { readonly type: 'call.noVoice' }
  | { readonly type: 'call.holdComplete' }
  | { readonly type: 'call.callbackWindowOver' };

export type CallEvent = BridgeMachineEvent | UserEvent | StatusChangedEvent | CallInternalEvent;

/** What the LED should show, before the malfunction state resolves `idle` to off/red. */
type LedMode = 'idle' | 'green-blinking' | 'green-steady' | 'red';

export interface CallInput {
  readonly config?: Partial<SosConfig>;
}

export interface CallContext {
  readonly config: SosConfig;
  /** The session was joined in progress (the HMI restarted mid-call): its first attempt is not dialled again. */
  readonly adopted: boolean;
  /** Kind of the session (null before the first trigger). A crash upgrades a manual session. */
  readonly kind: CallKind | null;
  /** Vehicle time of the trigger (press or crash event `ts`). */
  readonly triggerTs: number | null;
  readonly crash: CrashView | null;
  /** Latest position known from GNSS (kept without a fix, marked untrusted). */
  readonly lastPosition: PositionView | null;
  /** What the latest attempt sent to the centre. */
  readonly sent: SentDataView | null;
  /** Cancel window: whole seconds left. */
  readonly countdownS: number;
  /** Attempts started in this session, 1-based once dialing. */
  readonly attempt: number;
  /** Whole seconds since the current attempt started (drives the redial countdown). */
  readonly attemptAgeS: number;
  /** `redialIntervalMs` has passed since the current attempt started. */
  readonly intervalElapsed: boolean;
  readonly connectedThisAttempt: boolean;
  /** The failed attempt had reached the centre: redial at once (EN 16062). */
  readonly lastAttemptConnected: boolean;
  /** Any attempt of this session reached the centre. */
  readonly everConnected: boolean;
  /** Voice was connected in this session (hold-to-end policy `untilConnected`). */
  readonly voiceReached: boolean;
  readonly redialWindowStarted: boolean;
  readonly redialWindowOver: boolean;
  readonly failureReason: string | null;
  /** Voice duration of the call or call-back, whole seconds. */
  readonly elapsedS: number;
  readonly noVoiceTimedOut: boolean;
  readonly microphoneFault: boolean;
  readonly speakerFault: boolean;
  /** The hands-free/Bluetooth module reports a fault: call audio goes through it. */
  readonly handsFreeFault: boolean;
  /** The MOST ring is open: the amplifier and hands-free audio path may be gone, the modem is not. */
  readonly ringOpen: boolean;
  readonly contactsNotified: boolean;
  /** The SOS button is being held to end the call. */
  readonly holding: boolean;
  readonly holdElapsedMs: number;
  readonly callbackRemainingS: number | null;
  readonly callbackWindowOver: boolean;
  readonly audioMuted: boolean;
  readonly led: LedState;
  readonly ledMode: LedMode;
  readonly status: { readonly level: SosLevel; readonly malfunction: boolean };
  /** Vehicle time of the latest GNSS signal. */
  readonly lastTs: number | null;
  /** Police stations and hospitals the vehicle side provided (latest list). */
  readonly pointsOfInterest: readonly PointOfInterest[];
  /** Directions handed to the navigation in this session. */
  readonly guidanceTo: PointOfInterestKind | null;
}

/** Progress reports that mean a call is up in the vehicle. */
const CALL_UP_PHASES = [
  'dialing',
  'ringing',
  'connected',
  'msdSent',
  'msdAcknowledged',
  'voiceConnected',
  'contactsNotified',
] as const;

/** The per-session fields, as a new session (and a fresh machine) starts them. */
const SESSION_RESET = {
  crash: null,
  sent: null,
  countdownS: 0,
  attempt: 0,
  attemptAgeS: 0,
  intervalElapsed: false,
  connectedThisAttempt: false,
  lastAttemptConnected: false,
  everConnected: false,
  voiceReached: false,
  redialWindowStarted: false,
  redialWindowOver: false,
  failureReason: null,
  elapsedS: 0,
  noVoiceTimedOut: false,
  contactsNotified: false,
  holding: false,
  holdElapsedMs: 0,
  callbackRemainingS: null,
  callbackWindowOver: false,
  guidanceTo: null,
} satisfies Partial<CallContext>;

function sessionReset(): Partial<CallContext> {
  return { ...SESSION_RESET };
}

/** Progress phases that end a call-back. */
const CALL_OVER: readonly string[] = ['endedByCentre', 'dropped', 'failed'];

const isPress = (event: CallEvent): boolean => event.type === 'bridge.sosButton' && event.action === 'press';
const isProgress = (event: CallEvent, ...phases: string[]): boolean =>
  event.type === 'bridge.callProgress' && phases.includes(event.phase);

export const emergencyCallMachine = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput | undefined,
    emitted: {} as { type: 'command'; command: VehicleCommand },
  },
  delays: {
    cancelWindow: ({ context }) => context.config.cancelWindowMs,
    triggerHold: ({ context }) => context.config.triggerHoldMs,
    holdToEnd: ({ context }) => context.config.holdToEndMs,
    redialWindow: ({ context }) => context.config.redialWindowMs,
    redialInterval: ({ context }) => context.config.redialIntervalMs,
    attemptTimeout: ({ context }) => context.config.attemptTimeoutMs,
    callbackWindow: ({ context }) => context.config.callbackWindowMs,
    noVoiceHint: ({ context }) => context.config.noVoiceHintMs,
    cancelledNotice: ({ context }) => context.config.cancelledNoticeMs,
    /** Countdowns and timers on screen move in whole seconds. */
    second: 1000,
    /** Hold-to-end progress bar resolution. */
    holdTick: 100,
  },
  actions: {
    sendCommand: enqueueActions(({ enqueue, self }, params: { command: VehicleCommand }) => {
      enqueue.emit({ type: 'command', command: params.command });
      if (self._parent)
        enqueue.sendParent({ type: 'child.command', command: params.command } satisfies ChildCommandEvent);
    }),
    /** (Re)starts a clock: its next tick comes one period from now. */
    startClock: enqueueActions(({ enqueue }, params: { clock: CallClock }) => {
      enqueue.cancel(params.clock);
      enqueue.raise(
        { type: 'call.tick', clock: params.clock },
        { id: params.clock, delay: params.clock === 'hold' ? 'holdTick' : 'second' },
      );
    }),
    stopClock: enqueueActions(({ enqueue }, params: { clock: CallClock }) => {
      enqueue.cancel(params.clock);
    }),
    /** Sets the LED for the phase; `idle` shows red while a malfunction is present. Sends only changes. */
    led: enqueueActions(({ context, enqueue, self }, params: { mode?: LedMode } | undefined) => {
      const mode = params?.mode ?? context.ledMode;
      const led: LedState = mode === 'idle' ? (context.status.malfunction ? 'red' : 'off') : mode;
      enqueue.assign({ ledMode: mode, led });
      if (led === context.led) return;
      enqueue.emit({ type: 'command', command: { type: 'setLed', led } });
      if (self._parent)
        enqueue.sendParent({
          type: 'child.command',
          command: { type: 'setLed', led },
        } satisfies ChildCommandEvent);
    }),
    /** Entertainment audio is muted for the call; sends only changes. */
    mute: enqueueActions(({ context, enqueue, self }, params: { muted: boolean }) => {
      if (context.audioMuted === params.muted) return;
      enqueue.assign({ audioMuted: params.muted });
      const command: VehicleCommand = { type: 'muteAudio', muted: params.muted };
      enqueue.emit({ type: 'command', command });
      if (self._parent) enqueue.sendParent({ type: 'child.command', command } satisfies ChildCommandEvent);
    }),
    takeStatus: assign(({ event }) =>
      event.type === 'status.changed'
        ? { status: { level: event.level, malfunction: event.malfunction } }
        : {},
    ),
    takePosition: assign(({ context, event }) => {
      if (event.type !== 'bridge.gnss') return {};
      if (event.latitude !== null && event.longitude !== null) {
        return {
          lastPosition: {
            latitude: event.latitude,
            longitude: event.longitude,
            headingDeg: event.headingDeg,
            trusted: event.trusted && event.fix !== 'none',
            fix: event.fix,
          },
        };
      }
      // No fix: keep the last known coordinates, but they can no longer be trusted.
      return context.lastPosition
        ? { lastPosition: { ...context.lastPosition, trusted: false, fix: event.fix } }
        : {};
    }),
    /** EN 15722: the MSD is built when the call connects, with the position known at that moment. */
    sealMsdPosition: assign(({ context }) =>
      context.sent ? { sent: { ...context.sent, position: context.lastPosition } } : {},
    ),
    takeUnitHealth: assign(({ event }) => {
      if (event.type !== 'bridge.unitHealth') return {};
      if (event.unit === 'microphone') return { microphoneFault: event.status === 'fault' };
      if (event.unit === 'amplifier') return { speakerFault: event.status === 'fault' };
      if (event.unit === 'hands-free') return { handsFreeFault: event.status === 'fault' };
      return {};
    }),
    /** A ring break does not end a call (the modem is in the telematics unit), but its audio may go. */
    takeRing: assign(({ event }) => (event.type === 'bridge.mostRing' ? { ringOpen: !event.closed } : {})),
    /**
     * The vehicle reports a call in progress the HMI knows nothing of (the page was reloaded or the HMI
     * restarted mid-call): join it, then replay the report so the attempt lands on its phase. An
     * unknown kind is taken as automatic: only the centre ends it, nobody is offered a hang-up.
     */
    adoptCall: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'bridge.callProgress') return;
      enqueue.assign({
        ...sessionReset(),
        adopted: true,
        kind: event.kind ?? 'automatic',
        triggerTs: event.ts,
      });
      // Contacts are told once the centre has the data: at least "received".
      const phase = event.phase === 'contactsNotified' ? 'msdAcknowledged' : event.phase;
      enqueue.raise({ ...event, phase });
      if (event.phase === 'contactsNotified') enqueue.assign({ contactsNotified: true });
    }),
    beginManual: assign(({ event }) => ({
      ...sessionReset(),
      kind: 'manual' as const,
      triggerTs: event.type === 'bridge.sosButton' ? event.ts : null,
    })),
    beginAutomatic: assign(({ event }) => {
      if (event.type !== 'bridge.crash') return {};
      return {
        ...sessionReset(),
        kind: 'automatic' as const,
        triggerTs: event.ts,
        crash: {
          severity: event.severity,
          airbagDeployed: event.airbagDeployed,
          rollover: event.rollover,
          occupants: event.occupants,
        },
      };
    }),
    /** A crash during a manual call: the session becomes automatic (no cancel, no hold-to-end). */
    upgradeToAutomatic: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'bridge.crash') return;
      enqueue.cancel('hold');
      enqueue.cancel('holdComplete');
      enqueue.assign({
        kind: 'automatic',
        holding: false,
        holdElapsedMs: 0,
        crash: {
          severity: event.severity,
          airbagDeployed: event.airbagDeployed,
          rollover: event.rollover,
          occupants: event.occupants,
        },
      });
    }),
    /** eCall TEST session: to the test number, flagged as a test in the call data; never cancelled by a crash timer. */
    beginTest: assign(({ context }) => ({
      ...sessionReset(),
      kind: 'test' as const,
      triggerTs: context.lastTs,
    })),
    /** Vehicle time of the latest cyclic signal (a test call has no trigger event of its own). */
    takeTime: assign(({ event }) =>
      'ts' in event && typeof event.ts === 'number' ? { lastTs: event.ts } : {},
    ),
    takePointsOfInterest: assign(({ event }) =>
      event.type === 'bridge.pointsOfInterest' ? { pointsOfInterest: [...event.points] } : {},
    ),
    /** Directions to the nearest place of the kind asked for, handed to the navigation. */
    startGuidance: enqueueActions(({ context, event, enqueue, self }) => {
      if (event.type !== 'user.startGuidance') return;
      const target = nearestPoints(context.pointsOfInterest, context.lastPosition).find(
        (p) => p.kind === event.kind,
      );
      if (!target) return;
      const command: VehicleCommand = {
        type: 'startGuidance',
        name: target.name,
        latitude: target.latitude,
        longitude: target.longitude,
      };
      enqueue.assign({ guidanceTo: event.kind });
      enqueue.emit({ type: 'command', command });
      if (self._parent) enqueue.sendParent({ type: 'child.command', command } satisfies ChildCommandEvent);
    }),
    initCountdown: assign(({ context }) => ({ countdownS: Math.ceil(context.config.cancelWindowMs / 1000) })),
    countdownTick: assign(({ context }) => ({ countdownS: Math.max(0, context.countdownS - 1) })),
    /** Starts a dial attempt: startCall, the interval timer from its start, the attempt clock. */
    startAttempt: enqueueActions(({ context, enqueue, self }) => {
      const kind = context.kind ?? 'manual';
      const adopted = context.adopted;
      // A drop before voice must not carry its "no voice" hint into the next attempt.
      enqueue.cancel('noVoice');
      enqueue.assign({
        adopted: false,
        noVoiceTimedOut: false,
        attempt: context.attempt + 1,
        attemptAgeS: 0,
        intervalElapsed: false,
        connectedThisAttempt: false,
        sent: {
          kind,
          position: context.lastPosition,
          time: context.triggerTs ?? 0,
          occupants: context.crash?.occupants ?? null,
        },
      });
      const command: VehicleCommand = { type: 'startCall', kind };
      // A call the vehicle already has up (joined after a restart) is never dialled a second time.
      if (!adopted) {
        enqueue.emit({ type: 'command', command });
        if (self._parent) enqueue.sendParent({ type: 'child.command', command } satisfies ChildCommandEvent);
      }
      enqueue.cancel('redialInterval');
      enqueue.raise(
        { type: 'call.redialIntervalElapsed' },
        { id: 'redialInterval', delay: 'redialInterval' },
      );
      enqueue.cancel('attempt');
      enqueue.raise({ type: 'call.tick', clock: 'attempt' }, { id: 'attempt', delay: 'second' });
    }),
    attemptTick: assign(({ context }) => ({ attemptAgeS: context.attemptAgeS + 1 })),
    markConnected: assign({ connectedThisAttempt: true, everConnected: true }),
    recordFailure: assign(({ context, event }) => {
      let reason = 'timeout';
      if (event.type === 'bridge.callProgress') reason = event.reason ?? event.phase;
      if (event.type === 'bridge.commandAck') reason = event.error ?? 'rejected';
      return { failureReason: reason, lastAttemptConnected: context.connectedThisAttempt };
    }),
    /** EN 16062: the redial window starts at the first failure, and again after a connected call drops. */
    startRedialWindow: enqueueActions(({ context, enqueue }) => {
      if (context.redialWindowStarted && !context.lastAttemptConnected) return;
      enqueue.cancel('redialWindow');
      enqueue.raise({ type: 'call.redialWindowOver' }, { id: 'redialWindow', delay: 'redialWindow' });
      enqueue.assign({ redialWindowStarted: true, redialWindowOver: false });
    }),
    startNoVoiceTimer: enqueueActions(({ enqueue }) => {
      enqueue.cancel('noVoice');
      enqueue.raise({ type: 'call.noVoice' }, { id: 'noVoice', delay: 'noVoiceHint' });
    }),
    voiceStarted: enqueueActions(({ enqueue }) => {
      enqueue.cancel('noVoice');
      enqueue.assign({ voiceReached: true, noVoiceTimedOut: false, elapsedS: 0 });
    }),
    elapsedTick: assign(({ context }) => ({ elapsedS: context.elapsedS + 1 })),
    startHold: enqueueActions(({ enqueue }) => {
      enqueue.assign({ holding: true, holdElapsedMs: 0 });
      enqueue.cancel('holdComplete');
      enqueue.raise({ type: 'call.holdComplete' }, { id: 'holdComplete', delay: 'holdToEnd' });
      enqueue.cancel('hold');
      enqueue.raise({ type: 'call.tick', clock: 'hold' }, { id: 'hold', delay: 'holdTick' });
    }),
    holdTick: assign(({ context }) => ({
      holdElapsedMs: Math.min(context.config.holdToEndMs, context.holdElapsedMs + 100),
    })),
    stopHold: enqueueActions(({ enqueue }) => {
      enqueue.cancel('hold');
      enqueue.cancel('holdComplete');
      enqueue.assign({ holding: false, holdElapsedMs: 0 });
    }),
    /** Session timers that must not outlive the session. */
    stopSessionTimers: enqueueActions(({ enqueue }) => {
      for (const id of [
        'attempt',
        'redialInterval',
        'redialWindow',
        'noVoice',
        'hold',
        'holdComplete',
        'voice',
      ]) {
        enqueue.cancel(id);
      }
      enqueue.assign({ holding: false, holdElapsedMs: 0 });
    }),
    startCallbackWindow: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({
        callbackRemainingS: Math.ceil(context.config.callbackWindowMs / 1000),
        callbackWindowOver: false,
      });
      enqueue.cancel('callbackWindow');
      enqueue.raise({ type: 'call.callbackWindowOver' }, { id: 'callbackWindow', delay: 'callbackWindow' });
    }),
    stopCallbackWindow: enqueueActions(({ enqueue }) => {
      enqueue.cancel('callbackWindow');
      enqueue.cancel('callback');
      enqueue.assign({ callbackRemainingS: null });
    }),
    callbackTick: assign(({ context }) => ({
      callbackRemainingS: Math.max(0, (context.callbackRemainingS ?? 0) - 1),
    })),
  },
  guards: {
    isPress: ({ event }) => isPress(event),
    isRelease: ({ event }) => event.type === 'bridge.sosButton' && event.action === 'release',
    pressNeedsHold: ({ context, event }) => isPress(event) && context.config.triggerHoldMs > 0,
    pressOpensCancelWindow: ({ context, event }) => isPress(event) && context.config.cancelWindowMs > 0,
    hasCancelWindow: ({ context }) => context.config.cancelWindowMs > 0,
    clockIs: ({ event }, params: { clock: CallClock }) =>
      event.type === 'call.tick' && event.clock === params.clock,
    progressIs: ({ event }, params: { phases: readonly string[] }) => isProgress(event, ...params.phases),
    startCallRejected: ({ event }) =>
      event.type === 'bridge.commandAck' && event.command === 'startCall' && !event.ok,
    isManual: ({ context }) => context.kind === 'manual',
    isTest: ({ context }) => context.kind === 'test',
    redialWindowOver: ({ context }) => context.redialWindowOver,
    /** EN 16062: next attempt not earlier than the interval after the previous start, at once if it had connected. */
    mayRedialNow: ({ context }) => context.lastAttemptConnected || context.intervalElapsed,
    /** Hold-to-end: manual calls only; policy `untilConnected` stops it once voice is up. */
    canEndByHold: ({ context }) =>
      context.kind === 'manual' && (context.config.holdToEndPolicy === 'always' || !context.voiceReached),
    pressCanEndByHold: ({ context, event }) =>
      isPress(event) &&
      context.kind === 'manual' &&
      (context.config.holdToEndPolicy === 'always' || !context.voiceReached),
    holdEndsConnectedCall: ({ context }) => context.holding && context.everConnected,
    holdEndsUnconnectedCall: ({ context }) => context.holding,
    /** With a 0 s cancel window a manual call may be cancelled until it is connected. */
    canCancelDialing: ({ context }) =>
      context.kind === 'manual' && context.config.cancelWindowMs === 0 && !context.everConnected,
    callbackWindowOver: ({ context }) => context.callbackWindowOver,
  },
}).createMachine({
  id: 'call',
  context: ({ input }) => ({
    config: { ...DEFAULT_CONFIG, ...input?.config },
    adopted: false,
    kind: null,
    triggerTs: null,
    lastPosition: null,
    // A fresh machine starts from the same session fields every new session resets to.
    ...SESSION_RESET,
    microphoneFault: false,
    speakerFault: false,
    handsFreeFault: false,
    ringOpen: false,
    pointsOfInterest: [],
    lastTs: null,
    audioMuted: false,
    led: 'off',
    ledMode: 'idle',
    status: { level: 'unknown', malfunction: false },
  }),
  initial: 'idle',
  on: {
    'status.changed': { actions: ['takeStatus', 'led'] },
    'bridge.gnss': { actions: ['takePosition', 'takeTime'] },
    'bridge.unitHealth': { actions: 'takeUnitHealth' },
    'bridge.mostRing': { actions: 'takeRing' },
    'bridge.pointsOfInterest': { actions: 'takePointsOfInterest' },
    'user.startGuidance': { actions: 'startGuidance' },
  },
  states: {
    idle: {
      entry: [
        { type: 'mute', params: { muted: false } },
        { type: 'led', params: { mode: 'idle' } },
      ],
      on: {
        'bridge.sosButton': [
          { guard: 'pressNeedsHold', target: 'arming', actions: 'beginManual' },
          { guard: 'pressOpensCancelWindow', target: 'cancelWindow', actions: 'beginManual' },
          { guard: 'isPress', target: 'session', actions: 'beginManual' },
        ],
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
        'user.testCall': { target: 'session', actions: 'beginTest' },
        // A call already up in the vehicle (reported again after a reload or a restart): show it.
        'bridge.callProgress': {
          guard: { type: 'progressIs', params: { phases: CALL_UP_PHASES } },
          target: 'session',
          actions: 'adoptCall',
        },
      },
    },
    /** Hold protection: the button must stay pressed `triggerHoldMs` before anything happens. */
    arming: {
      after: {
        triggerHold: [{ guard: 'hasCancelWindow', target: 'cancelWindow' }, { target: 'session' }],
      },
      on: {
        'bridge.sosButton': { guard: 'isRelease', target: 'idle' },
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
      },
    },
    /** Manual call: a visible countdown; cancel or call now. No call has been started yet. */
    cancelWindow: {
      entry: [
        'initCountdown',
        { type: 'startClock', params: { clock: 'countdown' } },
        { type: 'led', params: { mode: 'green-blinking' } },
      ],
      exit: { type: 'stopClock', params: { clock: 'countdown' } },
      after: { cancelWindow: 'session' },
      on: {
        'call.tick': {
          guard: { type: 'clockIs', params: { clock: 'countdown' } },
          actions: ['countdownTick', { type: 'startClock', params: { clock: 'countdown' } }],
        },
        'user.cancel': 'cancelled',
        'user.callNow': 'session',
        // A crash never waits for a countdown: dial at once as an automatic call.
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
      },
    },
    /** "Call cancelled" notice, then idle. */
    cancelled: {
      entry: [
        { type: 'mute', params: { muted: false } },
        { type: 'led', params: { mode: 'idle' } },
      ],
      after: { cancelledNotice: 'idle' },
      on: {
        'user.dismiss': 'idle',
        'bridge.sosButton': [
          { guard: 'pressNeedsHold', target: 'arming', actions: 'beginManual' },
          { guard: 'pressOpensCancelWindow', target: 'cancelWindow', actions: 'beginManual' },
          { guard: 'isPress', target: 'session', actions: 'beginManual' },
        ],
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
      },
    },
    /** One emergency call session, with its redials. Ignition off never ends it. */
    session: {
      entry: { type: 'mute', params: { muted: true } },
      exit: 'stopSessionTimers',
      initial: 'attempt',
      on: {
        'call.tick': [
          {
            guard: { type: 'clockIs', params: { clock: 'attempt' } },
            actions: ['attemptTick', { type: 'startClock', params: { clock: 'attempt' } }],
          },
          {
            guard: { type: 'clockIs', params: { clock: 'hold' } },
            actions: ['holdTick', { type: 'startClock', params: { clock: 'hold' } }],
          },
        ],
        'call.redialIntervalElapsed': { actions: assign({ intervalElapsed: true }) },
        'call.redialWindowOver': { actions: assign({ redialWindowOver: true }) },
        'call.noVoice': { actions: assign({ noVoiceTimedOut: true }) },
        'bridge.callProgress': {
          guard: { type: 'progressIs', params: { phases: ['contactsNotified'] } },
          actions: assign({ contactsNotified: true }),
        },
        // A second press is no second call: during a manual call it starts hold-to-end.
        'bridge.sosButton': [
          { guard: 'pressCanEndByHold', actions: 'startHold' },
          { guard: 'isRelease', actions: 'stopHold' },
        ],
        'call.holdComplete': [
          {
            guard: 'holdEndsConnectedCall',
            target: 'callbackWindow',
            actions: { type: 'sendCommand', params: { command: { type: 'endCall' } } },
          },
          {
            guard: 'holdEndsUnconnectedCall',
            target: 'cancelled',
            actions: { type: 'sendCommand', params: { command: { type: 'endCall' } } },
          },
        ],
        'user.cancel': {
          guard: 'canCancelDialing',
          target: 'cancelled',
          actions: { type: 'sendCommand', params: { command: { type: 'endCall' } } },
        },
        'bridge.crash': [
          { guard: 'isManual', actions: 'upgradeToAutomatic' },
          // A crash during a test call is a real emergency: the test ends and the automatic call starts.
          {
            guard: 'isTest',
            target: '#call.session',
            reenter: true,
            actions: [{ type: 'sendCommand', params: { command: { type: 'endCall' } } }, 'beginAutomatic'],
          },
        ],
        'user.endTestCall': {
          guard: 'isTest',
          target: 'testEnded',
          actions: { type: 'sendCommand', params: { command: { type: 'endCall' } } },
        },
      },
      states: {
        attempt: {
          entry: 'startAttempt',
          initial: 'connecting',
          on: {
            'bridge.callProgress': [
              // A test call is never redialled and opens no call-back window: it just reports.
              {
                guard: and([{ type: 'progressIs', params: { phases: ['dropped', 'failed'] } }, 'isTest']),
                target: '#call.testEnded',
                actions: 'recordFailure',
              },
              {
                guard: { type: 'progressIs', params: { phases: ['dropped', 'failed'] } },
                target: 'redialing',
                actions: 'recordFailure',
              },
              {
                guard: and([{ type: 'progressIs', params: { phases: ['endedByCentre'] } }, 'isTest']),
                target: '#call.testEnded',
              },
              {
                guard: { type: 'progressIs', params: { phases: ['endedByCentre'] } },
                target: '#call.callbackWindow',
              },
            ],
          },
          states: {
            connecting: {
              entry: { type: 'led', params: { mode: 'green-blinking' } },
              after: {
                // EN 16062: an attempt that timed out is cleared down before the redial, so a late answer
                // cannot leave the centre on a line the screen calls failed.
                attemptTimeout: [
                  {
                    guard: 'isTest',
                    target: '#call.testEnded',
                    actions: [
                      'recordFailure',
                      { type: 'sendCommand', params: { command: { type: 'endCall' } } },
                    ],
                  },
                  {
                    target: '#call.session.redialing',
                    actions: [
                      'recordFailure',
                      { type: 'sendCommand', params: { command: { type: 'endCall' } } },
                    ],
                  },
                ],
              },
              on: {
                'bridge.callProgress': [
                  {
                    guard: { type: 'progressIs', params: { phases: ['connected', 'msdSent'] } },
                    target: 'dataSent',
                  },
                  {
                    guard: { type: 'progressIs', params: { phases: ['msdAcknowledged'] } },
                    target: 'acknowledged',
                  },
                  { guard: { type: 'progressIs', params: { phases: ['voiceConnected'] } }, target: 'voice' },
                ],
                'bridge.commandAck': [
                  {
                    guard: and(['startCallRejected', 'isTest']),
                    target: '#call.testEnded',
                    actions: 'recordFailure',
                  },
                  {
                    guard: 'startCallRejected',
                    target: '#call.session.redialing',
                    actions: 'recordFailure',
                  },
                ],
              },
            },
            dataSent: {
              entry: [
                'markConnected',
                'sealMsdPosition',
                { type: 'led', params: { mode: 'green-blinking' } },
              ],
              on: {
                'bridge.callProgress': [
                  {
                    guard: { type: 'progressIs', params: { phases: ['msdAcknowledged'] } },
                    target: 'acknowledged',
                  },
                  { guard: { type: 'progressIs', params: { phases: ['voiceConnected'] } }, target: 'voice' },
                ],
              },
            },
            acknowledged: {
              entry: [
                'markConnected',
                'startNoVoiceTimer',
                { type: 'led', params: { mode: 'green-blinking' } },
              ],
              on: {
                'bridge.callProgress': {
                  guard: { type: 'progressIs', params: { phases: ['voiceConnected'] } },
                  target: 'voice',
                },
              },
            },
            voice: {
              entry: [
                'markConnected',
                'voiceStarted',
                { type: 'startClock', params: { clock: 'voice' } },
                { type: 'led', params: { mode: 'green-steady' } },
              ],
              exit: { type: 'stopClock', params: { clock: 'voice' } },
              on: {
                'call.tick': {
                  guard: { type: 'clockIs', params: { clock: 'voice' } },
                  actions: ['elapsedTick', { type: 'startClock', params: { clock: 'voice' } }],
                },
              },
            },
          },
        },
        /** Waiting for the next attempt inside the EN 16062 redial window. */
        redialing: {
          entry: ['startRedialWindow', { type: 'led', params: { mode: 'green-blinking' } }],
          always: [
            { guard: 'redialWindowOver', target: '#call.failed' },
            { guard: 'mayRedialNow', target: 'attempt' },
          ],
        },
      },
    },
    /** The eCall TEST session is over: passed (the centre got and acknowledged the data) or failed. */
    testEnded: {
      entry: [
        { type: 'mute', params: { muted: false } },
        { type: 'led', params: { mode: 'idle' } },
      ],
      on: {
        'user.dismiss': 'idle',
        'user.testCall': { target: 'session', actions: 'beginTest' },
        'bridge.sosButton': [
          { guard: 'pressNeedsHold', target: 'arming', actions: 'beginManual' },
          { guard: 'pressOpensCancelWindow', target: 'cancelWindow', actions: 'beginManual' },
          { guard: 'isPress', target: 'session', actions: 'beginManual' },
        ],
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
      },
    },
    /** The call could not be made: tell the occupants to call 112/911 and show the position. */
    failed: {
      entry: [
        { type: 'mute', params: { muted: false } },
        { type: 'led', params: { mode: 'red' } },
      ],
      on: {
        'user.dismiss': 'idle',
        'bridge.sosButton': [
          { guard: 'pressNeedsHold', target: 'arming', actions: 'beginManual' },
          { guard: 'pressOpensCancelWindow', target: 'cancelWindow', actions: 'beginManual' },
          { guard: 'isPress', target: 'session', actions: 'beginManual' },
        ],
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
      },
    },
    /** After clear-down the centre may call back (EN 16062 T9); call-backs are answered automatically. */
    callbackWindow: {
      entry: [
        { type: 'mute', params: { muted: false } },
        'startCallbackWindow',
        { type: 'startClock', params: { clock: 'callback' } },
      ],
      exit: 'stopCallbackWindow',
      initial: 'summary',
      on: {
        'call.tick': {
          guard: { type: 'clockIs', params: { clock: 'callback' } },
          actions: ['callbackTick', { type: 'startClock', params: { clock: 'callback' } }],
        },
        'call.callbackWindowOver': 'idle',
        'bridge.callProgress': {
          guard: { type: 'progressIs', params: { phases: ['callbackIncoming'] } },
          target: '.callback',
        },
        'bridge.sosButton': [
          { guard: 'pressNeedsHold', target: 'arming', actions: 'beginManual' },
          { guard: 'pressOpensCancelWindow', target: 'cancelWindow', actions: 'beginManual' },
          { guard: 'isPress', target: 'session', actions: 'beginManual' },
        ],
        'bridge.crash': { target: 'session', actions: 'beginAutomatic' },
      },
      states: {
        /** The "call ended" summary. */
        summary: {
          entry: { type: 'led', params: { mode: 'idle' } },
          on: { 'user.dismiss': 'waiting' },
        },
        /** Summary closed: the call-back screen says the centre may call back. */
        waiting: {
          entry: { type: 'led', params: { mode: 'idle' } },
          on: { 'user.dismiss': 'background' },
        },
        /** Call-back screen closed too: the status screen is back; a call-back still gets answered. */
        background: {},
        /** The centre called back: answered automatically, audio muted, voice timer running. */
        callback: {
          entry: [
            { type: 'sendCommand', params: { command: { type: 'answerCallback' } } },
            { type: 'mute', params: { muted: true } },
            assign({ elapsedS: 0 }),
            { type: 'startClock', params: { clock: 'voice' } },
            { type: 'led', params: { mode: 'green-steady' } },
          ],
          exit: [
            { type: 'stopClock', params: { clock: 'voice' } },
            { type: 'mute', params: { muted: false } },
          ],
          on: {
            'call.tick': {
              guard: { type: 'clockIs', params: { clock: 'voice' } },
              actions: ['elapsedTick', { type: 'startClock', params: { clock: 'voice' } }],
            },
            // The window closing does not cut a call-back in progress.
            'call.callbackWindowOver': { actions: assign({ callbackWindowOver: true }) },
            'bridge.callProgress': [
              { guard: { type: 'progressIs', params: { phases: ['callbackIncoming'] } } },
              {
                guard: and([{ type: 'progressIs', params: { phases: CALL_OVER } }, 'callbackWindowOver']),
                target: '#call.idle',
              },
              { guard: { type: 'progressIs', params: { phases: CALL_OVER } }, target: 'waiting' },
            ],
            // One call at a time: a press during the call-back starts nothing.
            'bridge.sosButton': {},
          },
        },
      },
    },
  },
});
