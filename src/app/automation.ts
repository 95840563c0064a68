/**
 * `window.sosHmi`: the automation contract for designers' scenarios and automated screen-flow
 * tests. Everything goes through the simulator (vehicle events) or the simulated clock; nothing
 * reaches into the machines except `state()`, which reads them.
 */
import type { SentCommand } from '../bridge/commands.js';
import type { CallSessionSignal, ConversationSignal } from '../bridge/signals.js';
import type { FaultLogEntry } from '../machines/model/faultLog.js';
import type { HmiState } from '../machines/views.js';
import type { CentreInboxEntry, SimulatorControls } from '../sim/types.js';
import type { Hmi } from './assembleHmi.js';
import type { TransitionTraceReport, TransitionTrace } from './transitionTrace.js';

/**
 * The simulator's controls as `window.sosHmi.sim` offers them: the simulator's own
 * (`SimulatorControls`, copies where it hands out lists), and what the page adds — the clock, the
 * bridge's record and raw input, and the vehicle link.
 */
export type SosHmiSimulator = Omit<SimulatorControls, 'centreInbox'> & {
  /** Moves the simulated clock (works in real-time mode too: it jumps ahead). */
  advance(ms: number): void;
  /** Requests the HMI sent to the vehicle, oldest first (never one that starts a call on a crash or a press). */
  readonly commands: SentCommand[];
  /** The telematics unit's latest session report (what the call screens mirror); null before the first. */
  readonly session: CallSessionSignal | null;
  /** The telematics unit's latest conversation (lines to and from the centre). */
  readonly conversation: ConversationSignal;
  /** Malformed input, as if from the vehicle: rejected at the bridge, never shown as ready. */
  injectRaw(raw: unknown): void;
  /** The vehicle link drops (`lost`), is being re-established (`connecting`) or is back (`connected`). */
  link(state: 'lost' | 'connecting' | 'connected'): void;
  /** The vehicle link refuses this display (`unauthorized`, its token) or serves it again (null). */
  linkProblem(problem: 'unauthorized' | null): void;
  /** What the centre received over the text channel, oldest first. */
  readonly centreInbox: CentreInboxEntry[];
};

export interface SosHmiAutomation {
  /** The simulator's controls; absent with `?bridge=ws` (the vehicle is real, only `state()` reads it). */
  readonly sim?: SosHmiSimulator;
  /** With `?trace=transitions`: the machine states entered and transitions taken so far; else null. */
  trace(): TransitionTraceReport | null;
  /** The fault memory, oldest first (what "Export JSON" writes). */
  faultLog(): FaultLogEntry[];
  /** The current machine states and view models, JSON-able. */
  state(): HmiState;
  readonly scenarios: readonly string[];
}

export function createAutomation(hmi: Hmi, trace: TransitionTrace | null = null): SosHmiAutomation {
  const { sim, clock } = hmi;
  const base = {
    trace: () => trace?.report() ?? null,
    faultLog: () => JSON.parse(JSON.stringify(hmi.faultLog())) as FaultLogEntry[],
    state: () => JSON.parse(JSON.stringify(hmi.state())) as HmiState,
    scenarios: hmi.scenarios,
  };
  if (!sim) return base;
  return {
    ...base,
    sim: {
      ignition: (state) => sim.ignition(state),
      pressSos: (holdMs) => sim.pressSos(holdMs),
      holdSos: () => sim.holdSos(),
      releaseSos: () => sim.releaseSos(),
      crash: (crash) => sim.crash(crash),
      inject: (fault) => sim.inject(fault),
      clear: (fault) => sim.clear(fault),
      batteryReset: () => sim.batteryReset(),
      callCentre: (options) => sim.callCentre(options),
      centreEndsCall: () => sim.centreEndsCall(),
      centreCallsBack: () => sim.centreCallsBack(),
      advance: (ms) => clock.advance(ms),
      get commands() {
        // What the HMI sent, as it left (the vehicle sees each one a transport latency later).
        return hmi.bridge.sent.map((c) => ({ id: c.id, at: c.at, command: { ...c.command } }));
      },
      get session() {
        const report = sim.session;
        return report ? (JSON.parse(JSON.stringify(report)) as CallSessionSignal) : null;
      },
      get conversation() {
        return JSON.parse(JSON.stringify(sim.conversation)) as ConversationSignal;
      },
      get faults() {
        return [...sim.faults];
      },
      injectRaw: (raw) => hmi.bridge.injectRaw(raw),
      bypass: (unit, on) => sim.bypass(unit, on),
      dayNight: (mode) => sim.dayNight(mode),
      link: (state) => {
        if (hmi.bridge.kind === 'mock') hmi.bridge.setConnection(state);
      },
      linkProblem: (problem) => {
        if (hmi.bridge.kind === 'mock') hmi.bridge.setLinkProblem(problem);
      },
      centreSends: (text) => sim.centreSends(text),
      centreRequestsData: () => sim.centreRequestsData(),
      get centreInbox() {
        return sim.centreInbox.map((entry) => ({ ...entry }));
      },
      hazards: (on) => sim.hazards(on),
      vehicleConfig: (config) => sim.vehicleConfig(config),
    },
  };
}

declare global {
  interface Window {
    sosHmi?: SosHmiAutomation;
  }
}
