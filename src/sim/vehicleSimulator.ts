/**
 * A deterministic model of the vehicle side of the SOS chain: the bus, the units on it, the MOST ring,
 * faults and power. The telematics unit's emergency-call session lives in `TelematicsUnit`, the far
 * end in `EmergencyCentre`; this class wires them to the bus.
 *
 * Pure TypeScript on the injected `SimulatedClock` (no DOM, no xstate), so the same model runs in the
 * browser behind `MockBridge` and in a Node gateway. Everything it says leaves through `onMessage`
 * as a plain, JSON-able object shaped like a `VehicleSignal` (`ts` = clock time); the bridge
 * validates it like any other vehicle message. The telematics unit dials by itself (crash, SOS
 * button); the HMI only forwards the occupants' requests.
 *
 * What the bus carries, and when:
 * - Cyclic, every `cycleMs` (1 s) like a real bus: `ignition`, `unitHealth` of every unit that can
 *   talk, `mostRing` (from the head unit, the network master), `gnss`, `cellular` (with what the
 *   network offers for eCall), `dayNight` (when the car reports it), `hazardLights`, `vehicleConfig`,
 *   the telematics unit's `callSession` report and `conversation` (while it is alive) and the
 *   `sosLed`. A change (fault, ignition, ring, a body signal) is also sent at once; a session or
 *   conversation change is sent at once by the unit (with a new `seq`). A cyclic repeat is what a
 *   new subscriber gets first.
 * - Ignition off (KL15 off, KL30 on): the bus goes to sleep. Only the terminal status (`ignition`)
 *   stays on the bus, plus events that wake it (SOS button, crash, a session change). An active
 *   session keeps the telematics unit and the bus awake, so everything keeps publishing until it
 *   ends (Toyota/EU: a call continues when the ignition is switched off).
 * - Battery reset: nothing at all for `batteryResetMs`, then the terminal status, and after
 *   `unitBootMs` more, everything again. The telematics unit is dead meanwhile; its session resumes.
 * - Ring open: MOST nodes other than the master cannot talk, so their `unitHealth` stops (it goes
 *   stale → unknown, never "fault" without evidence); units on CAN keep reporting. The session report
 *   and the occupants' requests travel on the unit's CAN link (like the LED), so they still pass.
 */
import type { SentCommand } from '../bridge/commands.js';
import type {
  CallSessionSignal,
  ChainUnit,
  ConversationSignal,
  CrashData,
  DayNightMode,
  DoorRelease,
  EcallService,
  IgnitionState,
  LedState,
  MostNode,
  Powertrain,
  SelfTestItem,
  UnitStatus,
  VehicleSignal,
} from '../bridge/signals.js';
import { CHAIN_UNITS, MOST_NODES, SELF_TEST_ITEMS } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { EmergencyCentre } from './emergencyCentre.js';
import { isFault, type Fault, type RingUnit } from './faults.js';
import { sosLedFor } from './sosLed.js';
import { TelematicsUnit } from './telematicsUnit.js';
import { SIM_TIMING } from './timing.js';
import type {
  CallCentreOptions,
  CentreInboxEntry,
  CrashInput,
  SimulatorControls,
  TelematicsSettings,
  VehicleConfigInput,
} from './types.js';

export { SIM_TIMING } from './timing.js';
export { MOCK_POINTS_OF_INTEREST } from './emergencyCentre.js';

/** Default ring (E90-like): head unit → amplifier → telematics → satellite radio → hands-free → head unit. */
export const DEFAULT_RING_ORDER: readonly MostNode[] = [
  'head-unit',
  'amplifier',
  'telematics',
  'satellite-radio',
  'hands-free',
];

/** Munich, Odeonsplatz, heading east-north-east: a fixed, plausible position. */
export const DEFAULT_POSITION = { latitude: 48.1424, longitude: 11.5775, headingDeg: 72 } as const;

/** The car's build facts as the simulator reports them (`vehicleConfig`). */
export interface SimulatorVehicleConfig {
  readonly powertrain: Powertrain | null;
  readonly doorRelease: DoorRelease | null;
}

/** A combustion car whose doors open from the inner handle: the default build. */
export const DEFAULT_VEHICLE_CONFIG: SimulatorVehicleConfig = {
  powertrain: 'combustion',
  doorRelease: 'innerHandle',
};

/** A text the car read aloud (`speak`), as `sim.spoken` keeps it. */
export interface SpokenText {
  /** Vehicle time the request arrived. */
  readonly at: number;
  readonly text: string;
  readonly lang: string | null;
}

export interface SimulatorPosition {
  readonly latitude: number;
  readonly longitude: number;
  readonly headingDeg: number | null;
}

export interface VehicleSimulatorOptions {
  readonly clock: SimulatedClock;
  /** MOST ring in light direction, starting at the network master (the head unit). */
  readonly ringOrder?: readonly MostNode[];
  readonly vin?: string;
  readonly position?: SimulatorPosition;
  /** Terminal state at start. Default 'on'. */
  readonly ignition?: IgnitionState;
  readonly callCentre?: CallCentreOptions;
  /** The telematics unit's calibration (cancel window, hold times, redial); defaults `DEFAULT_TELEMATICS`. */
  readonly telematics?: Partial<TelematicsSettings>;
  /** Cyclic publishing period. Default 1000 ms. */
  readonly cycleMs?: number;
  /** The display's day/night mode as the car reports it; absent: the car does not report one. */
  readonly dayNight?: DayNightMode;
  /**
   * What the network here offers for eCall (`cellular.ecall`). Default `ngECall`; the fault
   * `network-without-ecall` makes it `none`.
   */
  readonly ecall?: EcallService;
  /** The car's build facts; missing fields from `DEFAULT_VEHICLE_CONFIG`. */
  readonly vehicleConfig?: VehicleConfigInput;
}

/** Read-only ring state, as a designer or test sees it. */
export interface SimulatorRingState {
  readonly nodes: readonly MostNode[];
  readonly closed: boolean;
  readonly silent: readonly MostNode[];
  readonly breakBetween: readonly [MostNode, MostNode] | null;
  /** Units bridged with a fibre-optic bypass loop. */
  readonly bypassed: readonly MostNode[];
}

type Listener = (msg: unknown) => void;

const RING_FAULT = /^(most-node-failure|fibre-damage|blown-fuse):(.+)$/;

/** How many received commands `commands` keeps. */
const RECEIVED_KEPT = 200;
/** How many spoken texts `spoken` keeps. */
const SPOKEN_KEPT = 20;

/** Faults that stop the telematics unit: it neither calls nor answers nor reports. */
const UNIT_KILLING_FAULTS: readonly Fault[] = [
  'control-module-failure',
  'software-glitch',
  'blown-fuse:telematics',
];

/** The simulated vehicle (bus, units, faults, power) with its telematics unit and the emergency centre. */
export class VehicleSimulator implements SimulatorControls {
  readonly vin: string;
  private readonly clock: SimulatedClock;
  private readonly ringOrder: readonly MostNode[];
  private readonly position: SimulatorPosition;
  private readonly cycleMs: number;
  private readonly listeners = new Set<Listener>();
  private readonly activeFaults: Fault[] = [];
  /** Ring units bridged with a fibre-optic bypass loop (bypass test). */
  private readonly bypassLoops = new Set<MostNode>();
  private readonly centre: EmergencyCentre;
  private readonly unit: TelematicsUnit;
  private selfTestTimer: number | undefined;
  private readonly received: SentCommand[] = [];
  private terminal: IgnitionState;
  private powered = true;
  /** After a battery reset, until the units have booted. */
  private booting = false;
  /** The LED value last put on the bus (a change is sent at once). */
  private ledOnBus: LedState | null = null;
  private buttonPressedAt: number | null = null;
  private buttonReleaseTimer: number | undefined;
  private cycleTimer: number | undefined;
  private powerTimer: number | undefined;
  private disposed = false;
  private displayMode: DayNightMode | null;
  private readonly networkEcall: EcallService;
  private hazardOn = false;
  private hazardTimer: number | undefined;
  private build: SimulatorVehicleConfig;
  private readonly spokenTexts: SpokenText[] = [];

  constructor(options: VehicleSimulatorOptions) {
    this.clock = options.clock;
    this.ringOrder = [...(options.ringOrder ?? DEFAULT_RING_ORDER)];
    checkRingOrder(this.ringOrder);
    this.vin = options.vin ?? 'WBA3A5C51DF000001';
    this.position = options.position ?? DEFAULT_POSITION;
    this.terminal = options.ignition ?? 'on';
    this.cycleMs = options.cycleMs ?? SIM_TIMING.cycleMs;
    this.displayMode = options.dayNight ?? null;
    this.networkEcall = options.ecall ?? 'ngECall';
    this.build = mergeConfig(DEFAULT_VEHICLE_CONFIG, options.vehicleConfig ?? {});
    this.centre = new EmergencyCentre({
      clock: this.clock,
      ...(options.callCentre ? { behaviour: options.callCentre } : {}),
      callCar: () => this.unit.incomingCallback(),
    });
    this.unit = new TelematicsUnit({
      clock: this.clock,
      centre: this.centre,
      ...(options.telematics ? { settings: options.telematics } : {}),
      emit: (msg) => this.emit(msg),
      registered: () => !this.has('no-cellular'),
      ringBroken: () => this.ringOrder.includes('telematics') && !this.ring.closed,
      ecallService: () => this.ecallService(),
      onChange: () => this.sessionChanged(),
    });
    // First publication at time 0 of the first advance, so a scenario applied right after
    // construction is already in the first messages and every listener is attached.
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), 0);
  }

  // ---------------------------------------------------------------- output

  /** Registers a listener for every raw message the vehicle puts on the bus; returns an unsubscribe. */
  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------- read-only

  get faults(): readonly Fault[] {
    return [...this.activeFaults];
  }
  get ignitionState(): IgnitionState {
    return this.terminal;
  }
  /** What the SOS LED shows now (red while the telematics unit is dead or unpowered). */
  get led(): LedState {
    return sosLedFor(this.unit.alive, this.unit.phase, this.activeFaults);
  }
  /** The telematics unit has entertainment audio muted (an attempt or a call-back is up, or a redial pending). */
  get audioMuted(): boolean {
    return this.unit.audioMuted;
  }
  /** A call (an attempt or a call-back) is up on the telematics unit's modem. */
  get callActive(): boolean {
    return this.unit.callUp;
  }
  /** The latest session report of the telematics unit (the one last put on the bus). */
  get session(): CallSessionSignal {
    return this.unit.report;
  }
  /** The latest conversation of the telematics unit (the one last put on the bus). */
  get conversation(): ConversationSignal {
    return this.unit.conversation;
  }
  /** What the centre received over the text channel, oldest first (copies). */
  get centreInbox(): readonly CentreInboxEntry[] {
    return this.centre.inbox;
  }
  /** The texts the car read aloud (`speak`), newest last, at most 20. */
  get spoken(): readonly SpokenText[] {
    return this.spokenTexts.map((s) => ({ ...s }));
  }
  /** The hazard warning lights are flashing. */
  get hazardLightsOn(): boolean {
    return this.hazardOn;
  }
  /** The car's build facts as it reports them. */
  get config(): SimulatorVehicleConfig {
    return { ...this.build };
  }
  /** The telematics unit's calibration in use. */
  get telematics(): TelematicsSettings {
    return { ...this.unit.settings };
  }
  /** The centre is calling back and the unit is answering (it answers by itself). */
  get callbackWaiting(): boolean {
    return this.unit.alive && this.unit.phase === 'callbackRinging';
  }
  /** The last commands that reached the vehicle (up to 200), in order (whether or not it could act on them). */
  get commands(): readonly SentCommand[] {
    return [...this.received];
  }
  /** Current centre behaviour (defaults merged with `callCentre()` options). */
  get centreOptions(): Required<CallCentreOptions> {
    return this.centre.options;
  }
  /** Units powered (false during a battery reset). */
  get isPowered(): boolean {
    return this.powered;
  }
  get ring(): SimulatorRingState {
    const breakAt = this.ringBreak();
    const closed = breakAt === null;
    const bypassed = this.ringOrder.filter((n) => this.bypassLoops.has(n));
    return {
      nodes: [...this.ringOrder],
      closed,
      // A bypassed unit is out of the ring: it never answers the master.
      silent: this.ringOrder.filter((n) => n !== 'head-unit' && (!closed || this.bypassLoops.has(n))),
      breakBetween: breakAt,
      bypassed,
    };
  }

  // --------------------------------------------------------------- controls

  ignition(state: IgnitionState): void {
    if (state === this.terminal) return;
    this.terminal = state;
    // A change of terminal state is sent at once; switching on wakes the bus, which sends everything.
    this.publishNow();
  }

  pressSos(holdMs: number = SIM_TIMING.shortPressMs): void {
    if (!this.buttonWorks() || this.buttonPressedAt !== null) return;
    this.press();
    this.buttonReleaseTimer = this.clock.setTimeout(() => this.releaseSos(), Math.max(0, holdMs));
  }

  holdSos(): void {
    if (!this.buttonWorks() || this.buttonPressedAt !== null) return;
    this.press();
  }

  releaseSos(): void {
    if (this.buttonPressedAt === null) return;
    if (this.buttonReleaseTimer !== undefined) this.clock.clearTimeout(this.buttonReleaseTimer);
    this.buttonReleaseTimer = undefined;
    const heldMs = this.clock.now() - this.buttonPressedAt;
    this.buttonPressedAt = null;
    if (!this.buttonWorks()) return;
    this.emit({ type: 'sosButton', ts: this.clock.now(), action: 'release', heldMs });
    this.unit.buttonReleased();
  }

  crash(input: CrashInput = {}): void {
    // Many cars switch the hazard lights on by themselves after a crash; this one deliberately does
    // not: the post-crash guidance has the occupants ask for them (`setHazardLights`), explicitly.
    // A faulty airbag/crash unit cannot report the crash; without power nothing is on the bus.
    if (!this.powered || this.has('crash-sensor-fault')) return;
    // As given: an out-of-range field goes on the bus (and into the session report) unchanged.
    const crash: CrashData = {
      severity: input.severity ?? 3,
      airbagDeployed: input.airbagDeployed ?? true,
      rollover: input.rollover ?? false,
      occupants: input.occupants ?? 1,
    };
    this.emit({ type: 'crash', ts: this.clock.now(), ...crash });
    // The telematics unit takes the crash from the airbag unit directly and dials.
    this.unit.crash(crash);
  }

  /**
   * Bypass test: bridges a ring unit with a fibre-optic bypass loop (or removes the loop). Light
   * then passes the unit's connector: the unit's own failure or missing power no longer opens the
   * ring, a broken fibre into the connector still does. The head unit (master) cannot be bypassed.
   */
  bypass(unit: MostNode, on: boolean): void {
    if (unit === 'head-unit' || !this.ringOrder.includes(unit)) return;
    if (on === this.bypassLoops.has(unit)) return;
    if (on) this.bypassLoops.add(unit);
    else this.bypassLoops.delete(unit);
    this.publishNow();
  }

  /** The car switches the display to day or night (light sensor, headlights): published at once. */
  dayNight(mode: DayNightMode): void {
    this.displayMode = mode;
    if (this.powered && !this.disposed) this.emit({ type: 'dayNight', ts: this.clock.now(), mode });
  }

  /**
   * The driver presses the hazard-light switch (or switches them off): the body controller flashes
   * them at once and says so. Without power nothing flashes.
   */
  hazards(on: boolean): void {
    if (!this.powered || this.disposed) return;
    if (this.hazardTimer !== undefined) this.clock.clearTimeout(this.hazardTimer);
    this.hazardTimer = undefined;
    this.setHazards(on);
  }

  /** The car's powertrain and door release change (a partial update), published at once. */
  vehicleConfig(config: VehicleConfigInput): void {
    this.build = mergeConfig(this.build, config);
    if (this.powered && !this.disposed) this.publishVehicleConfig();
  }

  /** The centre sends a text now (RFC 8148 msg-dynamic); the unit shows it only during a call. */
  centreSends(text: string): void {
    this.centre.sendText(text);
  }

  /** The centre asks for fresh data now (SIP INFO); the unit sends it only on a call that carries data. */
  centreRequestsData(): void {
    this.centre.requestData();
  }

  inject(fault: Fault): void {
    if (!isFault(fault)) throw new Error(`unknown fault "${String(fault)}"`);
    if (this.has(fault)) return;
    this.activeFaults.push(fault);
    // A dead unit's session falls silent; a lost network drops the call. A ring break does not
    // end a call: the modem is in the telematics unit.
    this.syncUnitPower();
    if (fault === 'no-cellular') this.unit.networkLost();
    this.publishNow();
  }

  clear(fault: Fault): void {
    if (!isFault(fault)) throw new Error(`unknown fault "${String(fault)}"`);
    const i = this.activeFaults.indexOf(fault);
    if (i < 0) return;
    this.activeFaults.splice(i, 1);
    this.syncUnitPower();
    this.publishNow();
  }

  /** Removes every fault (designer convenience). */
  clearAll(): void {
    this.activeFaults.length = 0;
    this.syncUnitPower();
    this.publishNow();
  }

  batteryReset(): void {
    if (!this.powered) return;
    if (this.powerTimer !== undefined) this.clock.clearTimeout(this.powerTimer);
    this.booting = false;
    this.releaseButtonSilently();
    this.powered = false;
    // The telematics unit dies silently; its session survives in memory and resumes after booting.
    this.syncUnitPower();
    // Only a power cycle clears a hung telematics software; hardware faults stay.
    this.removeFault('software-glitch');
    // The body controller boots with the hazard lights off (they need the switch again).
    if (this.hazardTimer !== undefined) this.clock.clearTimeout(this.hazardTimer);
    this.hazardTimer = undefined;
    this.hazardOn = false;
    this.powerTimer = this.clock.setTimeout(() => {
      // Power is back: the terminal status is on the bus at once, the units only once booted.
      this.powered = true;
      this.booting = true;
      this.publishNow();
      this.restartCycle();
      this.powerTimer = this.clock.setTimeout(() => {
        this.powerTimer = undefined;
        this.booting = false;
        this.syncUnitPower();
        this.publishNow();
      }, SIM_TIMING.unitBootMs);
    }, SIM_TIMING.batteryResetMs);
  }

  callCentre(options: CallCentreOptions): void {
    this.centre.configure(options);
  }

  centreEndsCall(): void {
    this.centre.endCall();
  }

  centreCallsBack(): void {
    this.centre.callBack();
  }

  /** Moves the shared clock (designer convenience: `sim.advance(ms)`). */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Stops every timer; the simulator says nothing afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const t of [
      this.cycleTimer,
      this.powerTimer,
      this.buttonReleaseTimer,
      this.selfTestTimer,
      this.hazardTimer,
    ]) {
      if (t !== undefined) this.clock.clearTimeout(t);
    }
    this.unit.dispose();
    this.centre.dispose();
    this.listeners.clear();
  }

  // --------------------------------------------------------------- commands

  /**
   * A command arrives at the vehicle. Every known command is acknowledged at once (`commandAck`), unless
   * the vehicle has no power (battery reset) or, for a call request (a text for the centre too), the
   * telematics unit is dead: then nothing answers and the bridge times out. Hazard lights and speech
   * work with the ignition off (terminal 30), like the hazard switch itself.
   */
  receive(sent: SentCommand): void {
    if (this.disposed) return;
    this.received.push(sent);
    // The last 200, like the bridge's history: a simulator left running must not grow without bound.
    if (this.received.length > RECEIVED_KEPT) this.received.shift();
    if (!this.powered) return;
    const { command } = sent;
    switch (command.type) {
      case 'cancelCall':
      case 'callNow':
      case 'endCall':
      case 'answerCallback':
      case 'startTestCall':
      case 'sendText':
        // The occupants' requests go to the unit that owns the session (and its text channel).
        return this.unit.request(sent);
      case 'requestSelfTest': {
        // The telematics unit runs the test: it must be reachable over the ring and working.
        const refusal = this.selfTestRefusal();
        if (refusal) {
          this.ack(sent, false, refusal);
          this.publishHealth();
          this.publishRing();
          return;
        }
        this.ack(sent, true);
        this.publishHealth();
        this.publishRing();
        if (this.selfTestTimer !== undefined) this.clock.clearTimeout(this.selfTestTimer);
        this.selfTestTimer = this.clock.setTimeout(() => {
          this.selfTestTimer = undefined;
          this.publishSelfTest();
        }, SIM_TIMING.selfTestMs);
        return;
      }
      case 'setRingBypass':
        this.ack(sent, true);
        this.bypass(command.unit, command.bypassed);
        return;
      case 'startGuidance':
        // The navigation takes the destination (the head unit is on CAN: works on a broken ring).
        return this.ack(sent, true);
      case 'setHazardLights': {
        // The body controller takes the request; the lights follow a moment later.
        this.ack(sent, true);
        const { on } = command;
        if (this.hazardTimer !== undefined) this.clock.clearTimeout(this.hazardTimer);
        this.hazardTimer = this.clock.setTimeout(() => {
          this.hazardTimer = undefined;
          if (this.powered) this.setHazards(on);
        }, SIM_TIMING.hazardLightsMs);
        return;
      }
      case 'speak':
        // The car's speech output reads the centre's message aloud.
        this.spokenTexts.push({ at: this.clock.now(), text: command.text, lang: command.lang });
        if (this.spokenTexts.length > SPOKEN_KEPT) this.spokenTexts.shift();
        return this.ack(sent, true);
      default:
        // A request the car does not know has no answer on the bus (its ack names known commands only):
        // the bridge's tracker times it out.
        return;
    }
  }

  /** Why the telematics unit cannot run its self-test now, or null if it can. */
  private selfTestRefusal(): string | null {
    if (this.ringOrder.includes('telematics') && !this.ring.closed) return 'ring break';
    if (this.has('control-module-failure') || this.has('blown-fuse:telematics'))
      return 'control module failure';
    if (this.has('software-glitch')) return 'software fault';
    return null;
  }

  /** One result per item, all at the same time: what the telematics unit finds on its periphery. */
  private publishSelfTest(): void {
    if (!this.powered || this.disposed || this.selfTestRefusal()) return;
    const ts = this.clock.now();
    const fail: Partial<Record<SelfTestItem, string>> = {};
    if (this.has('no-cellular')) fail['cellular-antenna'] = 'no network';
    if (this.has('no-gps')) fail['gnss-antenna'] = 'no satellites';
    if (this.has('microphone-fault')) fail.microphone = 'open circuit';
    if (this.has('speaker-fault')) fail.loudspeaker = 'open circuit';
    if (this.has('bluetooth-fault')) fail['hands-free'] = 'no response';
    if (this.has('sos-button-fault')) fail['sos-button'] = 'no response';
    if (this.has('crash-sensor-fault')) fail['crash-sensor'] = 'no response';
    if (this.has('backup-battery-low')) fail['backup-battery'] = 'low';
    for (const item of SELF_TEST_ITEMS) {
      const code = fail[item];
      this.emit({
        type: 'selfTestResult',
        ts,
        item,
        result: code ? 'fail' : 'pass',
        ...(code ? { code } : {}),
      });
    }
  }

  private ack(sent: SentCommand, ok: boolean, error?: string): void {
    this.emit({
      type: 'commandAck',
      ts: this.clock.now(),
      commandId: sent.id,
      command: sent.command.type,
      ok,
      ...(error !== undefined ? { error } : {}),
    });
  }

  // ------------------------------------------------------------ publishing

  private cycle(): void {
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), this.cycleMs);
    this.publishNow();
  }

  private restartCycle(): void {
    if (this.cycleTimer !== undefined) this.clock.clearTimeout(this.cycleTimer);
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), this.cycleMs);
  }

  /** Sends what the bus carries right now (see the header comment for what that is). */
  private publishNow(): void {
    if (!this.powered || this.disposed) return;
    this.emit({ type: 'ignition', ts: this.clock.now(), state: this.terminal });
    if (!this.busAwake()) return;
    this.publishHealth();
    this.publishRing();
    this.publishGnss();
    this.publishCellular();
    if (this.displayMode) this.emit({ type: 'dayNight', ts: this.clock.now(), mode: this.displayMode });
    this.publishHazards();
    this.publishVehicleConfig();
    this.unit.publish();
    this.publishLed();
  }

  /** The bus is up: ignition on or accessory, or an active session keeps it awake (a call outlives KL15). */
  private busAwake(): boolean {
    return this.powered && !this.booting && (this.terminal !== 'off' || this.unit.active);
  }

  /** The session changed: its report is out; the LED follows at once (the change wakes the bus). */
  private sessionChanged(): void {
    if (!this.powered || this.booting || this.disposed) return;
    if (this.led !== this.ledOnBus) this.publishLed();
  }

  /** The roof function centre's LED state, on CAN (works on a broken ring, and for a dead unit). */
  private publishLed(): void {
    const led = this.led;
    this.ledOnBus = led;
    this.emit({ type: 'sosLed', ts: this.clock.now(), led });
  }

  /** Tells the telematics unit whether it has power, has booted and runs. */
  private syncUnitPower(): void {
    this.unit.setAlive(
      this.powered && !this.booting && !UNIT_KILLING_FAULTS.some((fault) => this.has(fault)),
    );
  }

  private publishHealth(): void {
    if (!this.powered) return;
    const ts = this.clock.now();
    for (const unit of CHAIN_UNITS) {
      if (!this.unitCanTalk(unit)) continue;
      const { status, code } = this.unitHealth(unit);
      this.emit({ type: 'unitHealth', ts, unit, status, ...(code !== undefined ? { code } : {}) });
    }
  }

  private publishRing(): void {
    if (!this.powered) return;
    const ring = this.ring;
    this.emit({
      type: 'mostRing',
      ts: this.clock.now(),
      nodes: [...ring.nodes],
      closed: ring.closed,
      silent: [...ring.silent],
      ...(ring.breakBetween ? { breakBetween: [ring.breakBetween[0], ring.breakBetween[1]] } : {}),
      ...(ring.bypassed.length ? { bypassed: [...ring.bypassed] } : {}),
    });
  }

  private publishGnss(): void {
    const ts = this.clock.now();
    if (this.has('no-gps')) {
      this.emit({
        type: 'gnss',
        ts,
        fix: 'none',
        latitude: null,
        longitude: null,
        headingDeg: null,
        trusted: false,
      });
      return;
    }
    const p = this.position;
    this.emit({
      type: 'gnss',
      ts,
      fix: '3d',
      latitude: p.latitude,
      longitude: p.longitude,
      headingDeg: p.headingDeg,
      trusted: true,
    });
  }

  private publishCellular(): void {
    const ts = this.clock.now();
    // Not registered: no network offers anything (the HMI reads "no network" from `registered`).
    if (this.has('no-cellular'))
      this.emit({ type: 'cellular', ts, registered: false, signalBars: 0, ecall: 'none' });
    else
      this.emit({
        type: 'cellular',
        ts,
        registered: true,
        signalBars: this.has('weak-cellular') ? 1 : 4,
        ecall: this.ecallService(),
      });
  }

  /**
   * What the network here offers for eCall; the unit reads it from the cell even unregistered.
   * `network-without-ecall`: 112 yes, eCall no (2G/3G switched off, Del. Reg. (EU) 2025/1871).
   */
  private ecallService(): EcallService {
    return this.has('network-without-ecall') ? 'none' : this.networkEcall;
  }

  private setHazards(on: boolean): void {
    if (on === this.hazardOn) return;
    this.hazardOn = on;
    // A change is on the bus at once, like the display mode (the body controller is on CAN).
    this.publishHazards();
  }

  private publishHazards(): void {
    this.emit({ type: 'hazardLights', ts: this.clock.now(), on: this.hazardOn });
  }

  private publishVehicleConfig(): void {
    const { powertrain, doorRelease } = this.build;
    this.emit({ type: 'vehicleConfig', ts: this.clock.now(), powertrain, doorRelease });
  }

  /** A MOST node other than the master cannot talk while the ring is open; CAN units always can. */
  private unitCanTalk(unit: ChainUnit): boolean {
    if (unit === 'head-unit') return true;
    if (!(MOST_NODES as readonly string[]).includes(unit)) return true;
    if (!this.ringOrder.includes(unit as MostNode)) return true;
    // A bypassed unit is out of the ring: it cannot talk to the master.
    if (this.bypassLoops.has(unit as MostNode)) return false;
    return this.ring.closed;
  }

  private unitHealth(unit: ChainUnit): { status: UnitStatus; code?: string } {
    switch (unit) {
      case 'telematics':
        if (this.has('control-module-failure')) return { status: 'fault', code: 'module' };
        if (this.has('software-glitch')) return { status: 'fault', code: 'software' };
        break;
      case 'hands-free':
        if (this.has('bluetooth-fault')) return { status: 'fault', code: 'bluetooth' };
        break;
      case 'amplifier':
        if (this.has('speaker-fault')) return { status: 'fault', code: 'speaker' };
        break;
      case 'microphone':
        if (this.has('microphone-fault')) return { status: 'fault', code: 'microphone' };
        break;
      case 'backup-battery':
        if (this.has('backup-battery-low')) return { status: 'degraded', code: 'low' };
        break;
      case 'crash-sensor':
        if (this.has('crash-sensor-fault')) return { status: 'fault', code: 'crash-sensor' };
        break;
      case 'sos-button':
        if (this.has('sos-button-fault')) return { status: 'fault', code: 'sos-button' };
        break;
      case 'head-unit':
        // The master knows its own MOST interface has no power (CAN side still up): evidence, so "fault".
        if (this.has('blown-fuse:head-unit')) return { status: 'fault', code: 'fuse' };
        break;
      case 'gnss':
      case 'cellular':
        // No fix / no network is carried by the gnss/cellular signals themselves, not as a unit fault.
        break;
    }
    return { status: 'ok' };
  }

  /**
   * Ring-break diagnosis by the network master. Each ring fault loses the light on one link
   * (link k runs from nodes[k-1] to nodes[k]; the last link closes the ring back to the master):
   * - `most-node-failure:X` — X itself has failed (like the failed satellite tuner of the E90 case):
   *   it neither answers nor passes light on, so the diagnosis sees light up to X's input → [previous(X), X].
   * - `fibre-damage:X` — the fibre into X is broken: light is lost before X → [previous(X), X].
   * - `blown-fuse:X` — X has no power and is dark; the diagnosis sees light up to X's input but
   *   nothing from X on → [previous(X), X] (X is the suspect).
   * With several breaks the master can only locate the one nearest upstream of itself (the node
   * after it is the first to send light round to the master), i.e. the break on the highest link.
   * Faults naming a node that is not on this ring (e.g. no satellite radio fitted) have no effect.
   */
  private ringBreak(): readonly [MostNode, MostNode] | null {
    const nodes = this.ringOrder;
    const n = nodes.length;
    let link = -1;
    for (const fault of this.activeFaults) {
      const m = RING_FAULT.exec(fault);
      if (!m) continue;
      const i = nodes.indexOf(m[2] as RingUnit);
      if (i < 0) continue;
      // A bypass loop carries the light past a dead or unpowered unit, not past a broken fibre.
      if (m[1] !== 'fibre-damage' && this.bypassLoops.has(m[2] as MostNode)) continue;
      const k = i === 0 ? n : i;
      link = Math.max(link, k);
    }
    if (link < 0) return null;
    return [nodes[link - 1]!, nodes[link % n]!];
  }

  // ---------------------------------------------------------------- helpers

  private has(fault: Fault): boolean {
    return this.activeFaults.includes(fault);
  }

  private removeFault(fault: Fault): void {
    const i = this.activeFaults.indexOf(fault);
    if (i >= 0) this.activeFaults.splice(i, 1);
  }

  /** A faulty button publishes nothing; without power there is no bus. */
  private buttonWorks(): boolean {
    return this.powered && !this.has('sos-button-fault');
  }

  private press(): void {
    this.buttonPressedAt = this.clock.now();
    this.emit({ type: 'sosButton', ts: this.clock.now(), action: 'press' });
    // The telematics unit reads the button itself (no HMI in between).
    this.unit.buttonPressed();
  }

  private releaseButtonSilently(): void {
    if (this.buttonReleaseTimer !== undefined) this.clock.clearTimeout(this.buttonReleaseTimer);
    this.buttonReleaseTimer = undefined;
    this.buttonPressedAt = null;
  }

  private emit(msg: VehicleSignal): void {
    if (this.disposed) return;
    for (const listener of [...this.listeners]) listener(msg);
  }
}

/** A partial update of the build facts: a field given (null too) replaces the current one. */
function mergeConfig(current: SimulatorVehicleConfig, input: VehicleConfigInput): SimulatorVehicleConfig {
  return {
    powertrain: input.powertrain !== undefined ? input.powertrain : current.powertrain,
    doorRelease: input.doorRelease !== undefined ? input.doorRelease : current.doorRelease,
  };
}

function checkRingOrder(order: readonly MostNode[]): void {
  if (order[0] !== 'head-unit') throw new Error('MOST ring must start at the network master, head-unit');
  if (new Set(order).size !== order.length) throw new Error('MOST ring lists a node twice');
  for (const node of order) {
    if (!(MOST_NODES as readonly string[]).includes(node)) throw new Error(`unknown MOST node "${node}"`);
  }
}
