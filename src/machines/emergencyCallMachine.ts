/**
 * Emergency call, as the telematics unit runs it. The unit owns the session (it dials on a crash or
 * an SOS press, redials, keeps the call-back window); this machine mirrors its session report
 * (`bridge.callSession`) and forwards what the occupants ask as requests. It sends nothing that
 * starts a call on a crash or a press, and runs no session timer: countdowns are drawn from the
 * report's deadlines. Parallel regions:
 * - `screen`: which call screen is up, following the report (screens are tags);
 * - `clock`: presentation time between reports, ticking when a countdown or timer is on screen;
 * - `request`: an occupant's request on its way, and a refusal shown with the unit's reason;
 * - `crashWatch`: a crash on the bus that no emergency call follows within `unconfirmedMs`;
 * - `unitWatch`: the unit's reports stopping mid-call;
 * - `text`: the conversation panel (preset phrases, keyboard) for occupants who cannot speak or hear;
 * - `safety`: the post-crash guidance card, offered once an automatic call has connected;
 * - `hazards`: the hazard lights asked for, until the car reports them on.
 * Messages from the centre are read aloud through the car (`speak`) as they arrive.
 * Requests go to the parent as `child.command` (and are emitted as `command`).
 */
import { and, assign, enqueueActions, not, or, raise, setup, stateIn } from 'xstate';
import { CALL_REQUEST_TYPES, type VehicleCommand } from '../bridge/commands.js';
import {
  CALL_UP_PHASES,
  MAX_TEXT_LENGTH,
  OUTCOME_PHASES,
  SESSION_PHASES,
  TALKING_PHASES,
  type ConversationLine,
  type CrashData,
  type LedState,
  type PointOfInterest,
} from '../bridge/signals.js';
import { DEFAULT_CONFIG, type SosConfig } from './config.js';
import { queueCommand, type BridgeMachineEvent, type CommandEmitted, type UserEvent } from './events.js';
import { nearestPoints } from './model/pointsOfInterest.js';
import { positionOf, type PositionView } from './model/position.js';
import type { SafetyFacts } from './model/safetyGuidance.js';
import {
  isOlderReport,
  nextTick,
  reportOf,
  reportScreen,
  type ReportScreen,
  type Sequenced,
  type SessionReport,
} from './model/sessionReport.js';

/** Events the call machine raises to itself, listed so tests can drive them too. */
export type CallInternalEvent =
  /** A crash was seen and no emergency call followed within `unconfirmedMs`. */
  | { readonly type: 'call.crashUnconfirmed' }
  /** The unit's reports stopped for `unconfirmedMs`. */
  | { readonly type: 'call.unitSilent' };

export type CallEvent = BridgeMachineEvent | UserEvent | CallInternalEvent;

export interface CallInput {
  readonly config?: Partial<SosConfig>;
}

export interface CallContext {
  readonly config: SosConfig;
  /** The latest session report; null before the first and after the unit fell silent. */
  readonly report: SessionReport | null;
  /**
   * Presentation time in vehicle ms: the latest report's `ts`, moved on by the clock region's ticks
   * until the next report. Countdowns and timers on screen are drawn from it.
   */
  readonly now: number;
  /** Voice time of the call that ended last, whole seconds (the "call ended" summary). */
  readonly lastCallS: number;
  /** The newest vehicle time of the car's cyclic messages (ignition, health, ring, position, network, LED). */
  readonly heardAt: number;
  /** The latest crash seen on the bus, and when (shown while the unit has not confirmed a call). */
  readonly crash: CrashData | null;
  readonly crashTs: number | null;
  /** Latest position known from GNSS (kept without a fix, marked untrusted). */
  readonly lastPosition: PositionView | null;
  /** EN 15722: the position the emergency data carried (taken when the data was sent). */
  readonly sentPosition: PositionView | null;
  /** What the SOS LED above the mirror shows, as the car reports it. */
  readonly led: LedState;
  /** The unit's reason for refusing the latest request. */
  readonly refusal: string | null;
  /** Police stations and hospitals the vehicle side provided (latest list). */
  readonly pointsOfInterest: readonly PointOfInterest[];
  /** Directions handed to the navigation in this session. */
  readonly guidanceTo: PointOfInterest['kind'] | null;
  /** The unit's text conversation of the session (oldest first), and the report it came in. */
  readonly conversation: readonly ConversationLine[];
  readonly conversationAt: Sequenced | null;
  /** The newest centre line read aloud; null before the first conversation (a reload reads nothing again). */
  readonly spokenUpTo: number | null;
  /** The hazard lights as the car reports them; null: not reported. */
  readonly hazardLightsOn: boolean | null;
  /** The car's powertrain and door release (post-crash guidance); null: not reported. */
  readonly vehicle: SafetyFacts | null;
}

/** The `reportIs` guard for these screens. */
const reportIs = (...screens: ReportScreen[]) => ({ type: 'reportIs' as const, params: { screens } });

export const emergencyCallMachine = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput | undefined,
    emitted: {} as CommandEmitted,
    tags: {} as
      | 'cancelWindow'
      | 'active'
      | 'redialing'
      | 'failed'
      | 'cancelled'
      | 'ended'
      | 'callbackWaiting'
      | 'callback'
      | 'testEnded'
      | 'unconfirmed',
  },
  delays: {
    /** Until something on screen changes (capped: nothing timed means the clock stops); a report re-arms it. */
    tick: ({ context }) => Math.min(nextTick(context), 60_000),
    noVoiceHint: ({ context }) => context.config.noVoiceHintMs,
    cancelledNotice: ({ context }) => context.config.cancelledNoticeMs,
    unconfirmed: ({ context }) => context.config.unconfirmedMs,
    refusalNotice: ({ context }) => context.config.refusalNoticeMs,
  },
  actions: {
    /** Forwards an occupant's request to the telematics unit. */
    request: enqueueActions(({ enqueue, self }, params: { command: VehicleCommand }) =>
      queueCommand(enqueue, self, params.command),
    ),
    takeReport: assign(({ context, event }) => {
      const report = reportOf(event);
      if (!report) return {};
      const old = context.report;
      // The "call ended" summary shows how long the voice call lasted.
      const lastCallS =
        old?.voiceSince != null && report.voiceSince === null
          ? Math.max(0, Math.round((report.ts - old.voiceSince) / 1000))
          : context.lastCallS;
      return { report, now: Math.max(context.now, report.ts), lastCallS };
    }),
    /** The unit fell silent (or lost the session) mid-call: what it said last is no longer known to be true. */
    forgetReport: assign({ report: null }),
    tick: assign(({ context }) => {
      const step = nextTick(context);
      return Number.isFinite(step) ? { now: context.now + step } : {};
    }),
    takeCrash: assign(({ event }) => {
      if (event.type !== 'bridge.crash') return {};
      return {
        crash: {
          severity: event.severity,
          airbagDeployed: event.airbagDeployed,
          rollover: event.rollover,
          occupants: event.occupants,
        },
        crashTs: event.ts,
      };
    }),
    takeLed: assign(({ event }) => (event.type === 'bridge.sosLed' ? { led: event.led } : {})),
    /** The car's clock, as its cyclic messages tell it (a unit's silence is judged on it). */
    takeVehicleTime: assign(({ context, event }) =>
      'ts' in event && typeof event.ts === 'number' && event.ts > context.heardAt
        ? { heardAt: event.ts }
        : {},
    ),
    takePosition: assign(({ context, event }) => {
      if (event.type !== 'bridge.gnss') return {};
      const position = positionOf(event);
      if (position) return { lastPosition: position };
      // No fix: keep the last known coordinates, but they can no longer be trusted.
      return context.lastPosition
        ? { lastPosition: { ...context.lastPosition, trusted: false, fix: event.fix } }
        : {};
    }),
    /** EN 15722: the MSD carries the position known when it is built, at connection. */
    sealSentPosition: assign(({ context }) => ({ sentPosition: context.lastPosition })),
    clearSession: assign({ sentPosition: null, guidanceTo: null }),
    takePointsOfInterest: assign(({ event }) =>
      event.type === 'bridge.pointsOfInterest' ? { pointsOfInterest: [...event.points] } : {},
    ),
    takeConversation: assign(({ event }) =>
      event.type === 'bridge.conversation'
        ? { conversation: event.lines, conversationAt: { ts: event.ts, seq: event.seq } }
        : {},
    ),
    /** New lines from the centre are read aloud (RFC 8147 msg-*: the driver's eyes stay on the road). */
    speakCentreLines: enqueueActions(({ context, event, enqueue, self }) => {
      if (event.type !== 'bridge.conversation') return;
      const centre = event.lines.filter((l) => l.from === 'centre');
      const newest = centre.reduce((max, l) => Math.max(max, l.id), context.spokenUpTo ?? -1);
      // The first conversation after a (re)load is already on screen: nothing is read twice.
      if (context.spokenUpTo !== null) {
        for (const line of centre) {
          if (line.id <= context.spokenUpTo || line.text === null) continue;
          queueCommand(enqueue, self, { type: 'speak', text: line.text, lang: null });
        }
      }
      enqueue.assign({ spokenUpTo: newest });
    }),
    takeHazardLights: assign(({ event }) =>
      event.type === 'bridge.hazardLights' ? { hazardLightsOn: event.on } : {},
    ),
    takeVehicleConfig: assign(({ event }) =>
      event.type === 'bridge.vehicleConfig'
        ? { vehicle: { powertrain: event.powertrain, doorRelease: event.doorRelease } }
        : {},
    ),
    /** A preset phrase, or typed text cut to what the text channel carries; blank text is not sent. */
    sendText: enqueueActions(({ event, enqueue, self }) => {
      let command: VehicleCommand | null = null;
      if (event.type === 'user.sendPhrase') command = { type: 'sendText', phrase: event.phrase, text: null };
      if (event.type === 'user.sendText') {
        const text = event.text.trim().slice(0, MAX_TEXT_LENGTH);
        if (text) command = { type: 'sendText', phrase: null, text };
      }
      if (command) queueCommand(enqueue, self, command);
    }),
    takeRefusal: assign(({ event }) =>
      event.type === 'bridge.commandAck' ? { refusal: event.error ?? 'refused' } : {},
    ),
    clearRefusal: assign({ refusal: null }),
    /** Directions to the nearest place of the kind asked for, handed to the navigation. */
    startGuidance: enqueueActions(({ context, event, enqueue, self }) => {
      if (event.type !== 'user.startGuidance') return;
      const target = nearestPoints(context.pointsOfInterest, context.lastPosition).find(
        (p) => p.kind === event.kind,
      );
      if (!target) return;
      enqueue.assign({ guidanceTo: event.kind });
      queueCommand(enqueue, self, {
        type: 'startGuidance',
        name: target.name,
        latitude: target.latitude,
        longitude: target.longitude,
      });
    }),
  },
  guards: {
    conversationIsOlder: ({ context, event }) =>
      event.type === 'bridge.conversation' &&
      context.conversationAt !== null &&
      isOlderReport(event, context.conversationAt),
    /** The centre is on the line and the unit's text channel can carry a line to it. */
    textAvailable: ({ context }) => context.report !== null && TALKING_PHASES.includes(context.report.phase),
    /** The report (this one, or the one kept) leaves no call a text could go to. */
    textGone: ({ context, event }) => {
      const report = reportOf(event) ?? context.report;
      return report === null || !TALKING_PHASES.includes(report.phase);
    },
    /** Something to send: a phrase, or text that is not blank. */
    hasText: ({ event }) =>
      event.type === 'user.sendPhrase' || (event.type === 'user.sendText' && event.text.trim() !== ''),
    /** An automatic session whose call has connected (or could not be made): the guidance applies. */
    safetyApplies: ({ context, event }) => {
      const report = reportOf(event) ?? context.report;
      return report !== null && report.kind === 'automatic' && OUTCOME_PHASES.includes(report.phase);
    },
    hazardLightsOn: ({ context, event }) =>
      event.type === 'bridge.hazardLights' ? event.on : context.hazardLightsOn === true,
    callOver: ({ event }) => {
      const report = reportOf(event);
      return report !== null && (report.phase === 'ended' || report.phase === 'failed');
    },
    toKeyboard: ({ event }) => event.type === 'user.textMode' && event.mode === 'keyboard',
    toPhrases: ({ event }) => event.type === 'user.textMode' && event.mode === 'phrases',
    hazardsAnswered: ({ event }) => event.type === 'bridge.commandAck' && event.command === 'setHazardLights',
    reportIsOlder: ({ context, event }) => {
      const report = reportOf(event);
      return report !== null && context.report !== null && isOlderReport(report, context.report);
    },
    /** The report puts the screen where it is already (a cyclic repeat, or a change of detail only). */
    reportStays: ({ context, event }) => {
      const report = reportOf(event);
      return (
        report !== null && context.report !== null && reportScreen(report) === reportScreen(context.report)
      );
    },
    reportIs: ({ event }, params: { screens: readonly ReportScreen[] }) => {
      const report = reportOf(event);
      return report !== null && params.screens.includes(reportScreen(report));
    },
    /** The call-back is over and the window still open: back to the call-back screen, not the summary. */
    wasCallback: ({ context }) => context.report !== null && reportScreen(context.report) === 'callback',
    /** Something on screen is timed now. */
    timed: ({ context }) => Number.isFinite(nextTick(context)),
    /** A report that shows time moving on screen (a countdown, the voice timer, a hold). */
    reportHasTime: ({ event }) => {
      const report = reportOf(event);
      return report !== null && Number.isFinite(nextTick({ report, now: report.ts }));
    },
    /** The crash is already part of an automatic call the unit reports. */
    automaticCallUp: ({ context }) =>
      context.report !== null &&
      context.report.kind === 'automatic' &&
      CALL_UP_PHASES.includes(context.report.phase),
    /** The unit reports an automatic session for the crash seen (a new one, or a manual one upgraded). */
    unitConfirmsCrash: ({ context, event }) => {
      const report = reportOf(event);
      if (!report || report.kind !== 'automatic') return false;
      if (CALL_UP_PHASES.includes(report.phase)) return true;
      return report.triggeredAt !== null && context.crashTs !== null && report.triggeredAt >= context.crashTs;
    },
    cancellable: ({ context }) => context.report?.cancellable === true,
    inCancelWindow: ({ context }) => context.report?.phase === 'cancelWindow',
    testCallUp: ({ context }) =>
      context.report?.kind === 'test' && CALL_UP_PHASES.includes(context.report.phase),
    /** A new session may be asked for: none is being set up or up. */
    noCallUp: ({ context }) => context.report === null || !SESSION_PHASES.includes(context.report.phase),
    /** The vehicle's answer to a request of the occupants. */
    requestAnswered: ({ event }) =>
      event.type === 'bridge.commandAck' && (CALL_REQUEST_TYPES as readonly string[]).includes(event.command),
    refused: ({ event }) => event.type === 'bridge.commandAck' && !event.ok,
    linkLost: ({ event }) => event.type === 'bridge.connection' && event.state === 'lost',
    /** The car's clock has passed the crash by `unconfirmedMs` with no call from the unit. */
    crashOverdue: ({ context }) =>
      context.crashTs !== null && context.heardAt - context.crashTs >= context.config.unconfirmedMs,
    /** The car's clock has passed the unit's last report by `unconfirmedMs`. */
    unitOverdue: ({ context }) =>
      context.report === null || context.heardAt - context.report.ts >= context.config.unconfirmedMs,
    linkUp: ({ event }) => event.type === 'bridge.connection' && event.state === 'connected',
  },
}).createMachine({
  id: 'call',
  type: 'parallel',
  context: ({ input }) => ({
    config: { ...DEFAULT_CONFIG, ...input?.config },
    report: null,
    now: 0,
    lastCallS: 0,
    heardAt: 0,
    crash: null,
    crashTs: null,
    lastPosition: null,
    sentPosition: null,
    led: 'off',
    refusal: null,
    pointsOfInterest: [],
    guidanceTo: null,
    conversation: [],
    conversationAt: null,
    spokenUpTo: null,
    hazardLightsOn: null,
    vehicle: null,
  }),
  on: {
    'bridge.ignition': { actions: 'takeVehicleTime' },
    'bridge.cellular': { actions: 'takeVehicleTime' },
    'bridge.gnss': { actions: ['takePosition', 'takeVehicleTime'] },
    'bridge.unitHealth': { actions: 'takeVehicleTime' },
    'bridge.mostRing': { actions: 'takeVehicleTime' },
    'bridge.sosLed': { actions: ['takeLed', 'takeVehicleTime'] },
    'bridge.pointsOfInterest': { actions: 'takePointsOfInterest' },
    'user.startGuidance': { actions: 'startGuidance' },
    'bridge.conversation': [
      // A conversation older than the one kept (a replay on subscribe, overtaken on the way) changes nothing.
      { guard: 'conversationIsOlder' },
      { actions: ['takeConversation', 'speakCentreLines'] },
    ],
    'bridge.vehicleConfig': { actions: 'takeVehicleConfig' },
  },
  states: {
    /** Which call screen is up: the unit's report decides, the occupants dismiss what is over. */
    screen: {
      initial: 'idle',
      on: {
        // Over anything but a call being set up or up (which the unit does confirm).
        'call.crashUnconfirmed': {
          guard: not(
            or([
              stateIn('#call.screen.cancelWindow'),
              stateIn('#call.screen.active'),
              stateIn('#call.screen.redialing'),
              stateIn('#call.screen.callback'),
            ]),
          ),
          target: '.unconfirmed.crash',
        },
        'bridge.callSession': [
          // A report older than the one shown (a replay, a message overtaken on the way) changes nothing.
          { guard: 'reportIsOlder' },
          { guard: 'reportStays', actions: 'takeReport' },
          // A session that vanishes without an end (a unit restarted mid-call) is never lost silently.
          {
            guard: and([
              reportIs('idle'),
              or([
                stateIn('#call.screen.cancelWindow'),
                stateIn('#call.screen.active'),
                stateIn('#call.screen.redialing'),
              ]),
            ]),
            target: '.unconfirmed.unitSilent',
            actions: ['takeReport', 'forgetReport'],
          },
          // An outcome the occupants have not seen yet stays until they dismiss it.
          {
            guard: and([
              reportIs('idle'),
              or([
                stateIn('#call.screen.failed'),
                stateIn('#call.screen.testEnded'),
                stateIn('#call.screen.unconfirmed'),
              ]),
            ]),
            actions: 'takeReport',
          },
          {
            guard: reportIs('idle'),
            target: '.idle',
            actions: 'takeReport',
          },
          {
            guard: reportIs('cancelWindow'),
            target: '.cancelWindow',
            actions: 'takeReport',
          },
          {
            guard: reportIs('connecting'),
            target: '.active.connecting',
            actions: 'takeReport',
          },
          {
            guard: reportIs('dataSent'),
            target: '.active.dataSent',
            actions: 'takeReport',
          },
          {
            guard: reportIs('acknowledged'),
            target: '.active.acknowledged',
            actions: 'takeReport',
          },
          {
            guard: reportIs('voice'),
            target: '.active.voice',
            actions: 'takeReport',
          },
          {
            guard: reportIs('redialing'),
            target: '.redialing',
            actions: 'takeReport',
          },
          {
            guard: reportIs('failed'),
            target: '.failed',
            actions: 'takeReport',
          },
          {
            guard: reportIs('cancelled'),
            target: '.cancelled',
            actions: 'takeReport',
          },
          {
            guard: and([reportIs('ended'), 'wasCallback']),
            target: '.ended.waiting',
            actions: 'takeReport',
          },
          {
            guard: reportIs('ended'),
            target: '.ended',
            actions: 'takeReport',
          },
          {
            guard: reportIs('callback'),
            target: '.callback',
            actions: 'takeReport',
          },
          {
            guard: reportIs('testEnded'),
            target: '.testEnded',
            actions: 'takeReport',
          },
        ],
      },
      states: {
        idle: { entry: 'clearSession' },
        /** Manual call: the unit counts down; the occupants may cancel or call now. */
        cancelWindow: {
          tags: 'cancelWindow',
          on: {
            'call.unitSilent': { target: '#call.screen.unconfirmed.unitSilent', actions: 'forgetReport' },
          },
        },
        /** An attempt is being made or the call is up (steps as the stepper shows them). */
        active: {
          tags: 'active',
          initial: 'connecting',
          on: {
            'call.unitSilent': { target: '#call.screen.unconfirmed.unitSilent', actions: 'forgetReport' },
          },
          states: {
            connecting: {},
            dataSent: { entry: 'sealSentPosition' },
            acknowledged: {
              initial: 'waitingForVoice',
              states: {
                waitingForVoice: { after: { noVoiceHint: 'noVoice' } },
                /** Still no voice: the centre has the data, help is on the way anyway. */
                noVoice: {},
              },
            },
            voice: {},
          },
        },
        /** Between attempts inside the EN 16062 redial window (the unit redials). */
        redialing: {
          tags: 'redialing',
          on: {
            'call.unitSilent': { target: '#call.screen.unconfirmed.unitSilent', actions: 'forgetReport' },
          },
        },
        /** The call could not be made: tell the occupants to call 112/911 and show the position. */
        failed: { tags: 'failed', on: { 'user.dismiss': 'idle' } },
        /** "Call cancelled" notice, then idle. */
        cancelled: {
          tags: 'cancelled',
          after: { cancelledNotice: 'idle' },
          on: { 'user.dismiss': 'idle' },
        },
        /** The call is over; the centre may call back until the window ends (EN 16062 T9). */
        ended: {
          initial: 'summary',
          states: {
            /** The "call ended" summary. */
            summary: { tags: 'ended', on: { 'user.dismiss': 'waiting' } },
            /** Summary closed: the call-back screen says the centre may call back. */
            waiting: { tags: 'callbackWaiting', on: { 'user.dismiss': 'background' } },
            /** Call-back screen closed too: the status screen is back; a call-back still gets answered. */
            background: {},
          },
        },
        /** The centre called back; the unit answered it. */
        callback: {
          tags: 'callback',
          on: {
            'call.unitSilent': { target: '#call.screen.unconfirmed.unitSilent', actions: 'forgetReport' },
          },
        },
        /** The eCall TEST session is over: passed (the centre acknowledged the data) or failed. */
        testEnded: { tags: 'testEnded', on: { 'user.dismiss': 'idle' } },
        /** No emergency call the car confirms: call 112/911 from a phone, with the position. */
        unconfirmed: {
          tags: 'unconfirmed',
          initial: 'crash',
          on: { 'user.dismiss': 'idle' },
          states: {
            /** A crash on the bus, and no emergency call from the unit within `unconfirmedMs`. */
            crash: {},
            /** The unit stopped reporting (or lost the session) while a call was shown. */
            unitSilent: {},
          },
        },
      },
    },
    /** Presentation time between reports; a report re-aligns it. */
    clock: {
      initial: 'stopped',
      states: {
        stopped: { on: { 'bridge.callSession': { guard: 'reportHasTime', target: 'running' } } },
        running: {
          after: {
            tick: [
              { guard: 'timed', target: 'running', reenter: true, actions: 'tick' },
              { target: 'stopped' },
            ],
          },
          on: {
            // Re-entered on every report (not from the region: that would conflict with the other regions).
            'bridge.callSession': [
              { guard: 'reportHasTime', target: 'running', reenter: true },
              { target: 'stopped' },
            ],
          },
        },
      },
    },
    /** What the occupants asked, until the unit answers; a refusal is shown with its reason. */
    request: {
      initial: 'idle',
      on: {
        'user.cancel': {
          guard: 'cancellable',
          target: '.waiting',
          actions: { type: 'request', params: { command: { type: 'cancelCall' } } },
        },
        'user.callNow': {
          guard: 'inCancelWindow',
          target: '.waiting',
          actions: { type: 'request', params: { command: { type: 'callNow' } } },
        },
        'user.endTestCall': {
          guard: 'testCallUp',
          target: '.waiting',
          actions: { type: 'request', params: { command: { type: 'endCall' } } },
        },
        'user.testCall': {
          guard: 'noCallUp',
          target: '.waiting',
          actions: { type: 'request', params: { command: { type: 'startTestCall' } } },
        },
        'user.sendPhrase': {
          guard: and(['textAvailable', 'hasText']),
          target: '.waiting',
          actions: 'sendText',
        },
        'user.sendText': {
          guard: and(['textAvailable', 'hasText']),
          target: '.waiting',
          actions: 'sendText',
        },
        'bridge.commandAck': [
          { guard: and(['requestAnswered', 'refused']), target: '.refused', actions: 'takeRefusal' },
          { guard: 'requestAnswered', target: '.idle', actions: 'clearRefusal' },
        ],
      },
      states: {
        idle: {},
        /** Sent; the unit's answer (or the bridge's timeout) is on its way. */
        waiting: {},
        refused: { after: { refusalNotice: { target: 'idle', actions: 'clearRefusal' } } },
      },
    },
    /** A crash seen on the bus must be followed by an emergency call the unit reports. */
    crashWatch: {
      initial: 'quiet',
      on: {
        // Waiting or overdue: a second crash is taken, the unit's automatic call ends the watch.
        'bridge.crash': { actions: 'takeCrash' },
        'bridge.callSession': { guard: 'unitConfirmsCrash', target: '.quiet' },
      },
      states: {
        quiet: {
          on: {
            'bridge.crash': [
              { guard: not('automaticCallUp'), target: 'waiting', actions: 'takeCrash' },
              { actions: 'takeCrash' },
            ],
          },
        },
        waiting: { after: { unconfirmed: 'overdue' } },
        /**
         * Late by the page's clock; the car's own time must say so too: after a page that froze, the
         * reports queued meanwhile are handled before the car's clock is seen to have moved on.
         */
        overdue: {
          always: {
            guard: 'crashOverdue',
            target: 'quiet',
            actions: raise({ type: 'call.crashUnconfirmed' }),
          },
        },
      },
    },
    /**
     * The unit reports cyclically; reports that stop mid-call while the vehicle link is up are not
     * taken as "all is well". With the link lost nothing is heard from anyone: the status says so, and
     * the unit gets `unconfirmedMs` again once the link is back.
     */
    unitWatch: {
      initial: 'unheard',
      // Every report (re)starts the wait for the next one, from whatever state.
      on: { 'bridge.callSession': '.heard' },
      states: {
        unheard: {},
        heard: {
          after: { unconfirmed: 'overdue' },
          on: { 'bridge.connection': { guard: 'linkLost', target: 'linkLost' } },
        },
        /** Late by the page's clock; silent only once the car's own time has moved on too (see crashWatch). */
        overdue: {
          always: { guard: 'unitOverdue', target: 'unheard', actions: raise({ type: 'call.unitSilent' }) },
          on: { 'bridge.connection': { guard: 'linkLost', target: 'linkLost' } },
        },
        linkLost: {
          on: {
            // `connecting` is not back yet: nothing can be heard before the link is up.
            'bridge.connection': { guard: 'linkUp', target: 'heard' },
          },
        },
      },
    },
    /**
     * The conversation panel for occupants who cannot speak or hear (EECC art. 109): preset phrases
     * first, the keyboard on request. Open only while the centre is on the line; the call goes on.
     */
    text: {
      initial: 'closed',
      on: { 'bridge.callSession': { guard: 'textGone', target: '.closed' } },
      states: {
        closed: { on: { 'user.openText': { guard: 'textAvailable', target: 'open' } } },
        open: {
          initial: 'phrases',
          on: { 'user.closeText': 'closed' },
          states: {
            phrases: { on: { 'user.textMode': { guard: 'toKeyboard', target: 'keyboard' } } },
            keyboard: { on: { 'user.textMode': { guard: 'toPhrases', target: 'phrases' } } },
          },
        },
      },
    },
    /**
     * Post-crash guidance: offered once an automatic call reaches the centre (or cannot), until the
     * session is over.
     */
    safety: {
      initial: 'unavailable',
      on: { 'bridge.callSession': { guard: not('safetyApplies'), target: '.unavailable' } },
      states: {
        unavailable: {
          on: {
            // Offered, not opened: what was sent and who was told stay on screen until asked for.
            'bridge.callSession': { guard: 'safetyApplies', target: 'closed' },
          },
        },
        // When the call is over the summary and its Close come first; the card stays one press away.
        open: {
          on: { 'user.closeSafety': 'closed', 'bridge.callSession': { guard: 'callOver', target: 'closed' } },
        },
        closed: { on: { 'user.openSafety': 'open' } },
      },
    },
    /** The hazard lights asked for, until the car reports them on (or refuses). */
    hazards: {
      initial: 'idle',
      // On the region, not the machine: a parallel machine's own handlers run only when no region takes the event.
      on: { 'bridge.hazardLights': { actions: 'takeHazardLights' } },
      states: {
        idle: {
          on: {
            'user.hazardLights': {
              guard: not('hazardLightsOn'),
              target: 'requested',
              actions: { type: 'request', params: { command: { type: 'setHazardLights', on: true } } },
            },
          },
        },
        requested: {
          // Accepted but never reported on: offer the button again rather than pretend.
          after: { unconfirmed: 'idle' },
          on: {
            'bridge.hazardLights': [
              { guard: 'hazardLightsOn', target: 'idle', actions: 'takeHazardLights' },
              { actions: 'takeHazardLights' },
            ],
            'bridge.commandAck': { guard: and(['hazardsAnswered', 'refused']), target: 'idle' },
          },
        },
      },
    },
  },
});
