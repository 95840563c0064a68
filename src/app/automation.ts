/**
 * `window.sosHmi`: the automation contract for designers' scenarios and automated screen-flow
 * tests. Everything goes through the simulator (vehicle events) or the simulated clock; nothing
 * reaches into the machines except `state()`, which reads them.
 */
import type { SentCommand } from '../bridge/commands.js';
import type {
  CallSessionSignal,
  ConversationSignal,
  DayNightMode,
  IgnitionState,
  MostNode,
} from '../bridge/signals.js';
import type { FaultLogEntry } from '../machines/model/faultLog.js';
import type { HmiState } from '../machines/views.js';
import type { Fault } from '../sim/faults.js';
import type { CallCentreOptions, CentreInboxEntry, CrashInput, VehicleConfigInput } from '../sim/types.js';
import type { Hmi } from './assembleHmi.js';
import type { TransitionTraceReport, TransitionTrace } from './transitionTrace.js';

export interface SosHmiAutomation {
  /** The simulator's controls; absent with `?bridge=ws` (the vehicle is real, only `state()` reads it). */
  readonly sim?: {
    ignition(state: IgnitionState): void;
    pressSos(holdMs?: number): void;
    holdSos(): void;
    releaseSos(): void;
    crash(crash?: CrashInput): void;
    inject(fault: Fault): void;
    clear(fault: Fault): void;
    batteryReset(): void;
    callCentre(options: CallCentreOptions): void;
    centreEndsCall(): void;
    centreCallsBack(): void;
    /** Moves the simulated clock (works in real-time mode too: it jumps ahead). */
    advance(ms: number): void;
    /** Requests the HMI sent to the vehicle, oldest first (never one that starts a call on a crash or a press). */
    readonly commands: SentCommand[];
    /** The telematics unit's latest session report (what the call screens mirror); null before the first. */
    readonly session: CallSessionSignal | null;
    /** The telematics unit's latest conversation (lines to and from the centre). */
    readonly conversation: ConversationSignal;
    readonly faults: readonly Fault[];
    /** Malformed input, as if from the vehicle: rejected at the bridge, never shown as ready. */
    injectRaw(raw: unknown): void;
    /** Bypass test: bridge a MOST ring unit with a fibre-optic bypass loop (`on`), or remove it. */
    bypass(unit: MostNode, on: boolean): void;
    /** The car switches the display to day or night (the HMI's theme follows). */
    dayNight(mode: DayNightMode): void;
    /** The vehicle link drops (`lost`), is being re-established (`connecting`) or is back (`connected`). */
    link(state: 'lost' | 'connecting' | 'connected'): void;
    /** The vehicle link refuses this display (`unauthorized`, its token) or serves it again (null). */
    linkProblem(problem: 'unauthorized' | null): void;
    /** The centre sends a text now (RFC 8147 msg-dynamic; during a call). */
    centreSends(text: string): void;
    /** The centre asks for fresh data now (NG-eCall SIP INFO; during a connected call). */
    centreRequestsData(): void;
    /** What the centre received over the text channel, oldest first. */
    readonly centreInbox: CentreInboxEntry[];
    /** The driver presses the hazard-light switch, or switches them off. */
    hazards(on: boolean): void;
    /** The car's powertrain and door release (what the post-crash guidance reads). */
    vehicleConfig(config: VehicleConfigInput): void;
  };
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
