/**
 * A deterministic model of the vehicle side of the SOS chain, and the façade the bridge, the gateway
 * and the tests drive: it wires the parts to one bus and routes commands to them. The parts:
 * - `power.ts`: ignition, battery reset and boot, the bus cycle;
 * - `mostRing.ts`: the MOST ring, its bypass loops and the master's ring-break diagnosis;
 * - `unitHealth.ts`: what each unit reports about itself, the self-test, what stops the unit;
 * - `gnss.ts`, `cellular.ts`: position and network;
 * - `sosButton.ts`, `sosLed.ts`: the SOS button and the LED above the mirror;
 * - `cabin.ts`: hazard lights, build facts, day/night mode, speech;
 * - `telematicsUnit.ts`: the emergency-call session, with `emergencyCentre.ts` at the far end.
 *
 * Pure TypeScript on the injected `SimulatedClock` (no DOM, no xstate), so the same model runs in the
 * browser behind `MockBridge` and in the Node gateway. Everything it says leaves through `onMessage`
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
import { CALL_REQUEST_TYPES, type SentCommand } from '../bridge/commands.js';
import type {
  CallSessionSignal,
  ConversationSignal,
  CrashData,
  DayNightMode,
  EcallService,
  IgnitionState,
  LedState,
  MostNode,
} from '../bridge/signals.js';
import { CHAIN_UNITS } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { Bus, commandAck } from './bus.js';
import { Cabin, type SimulatorVehicleConfig, type SpokenText } from './cabin.js';
import { cellularSignal, ecallService, registered } from './cellular.js';
import { EmergencyCentre } from './emergencyCentre.js';
import { isFault, type Fault } from './faults.js';
import { DEFAULT_POSITION, gnssSignal, type SimulatorPosition } from './gnss.js';
import { MostRing, type SimulatorRingState } from './mostRing.js';
import { Power } from './power.js';
import { SosButton } from './sosButton.js';
import { SosLedOnBus, sosLedFor } from './sosLed.js';
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
import { selfTestRefusal, selfTestResults, telematicsRuns, unitHealth } from './unitHealth.js';

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

/** How many received commands `commands` keeps. */
const RECEIVED_KEPT = 200;

/** The simulated vehicle (bus, units, faults, power) with its telematics unit and the emergency centre. */
export class VehicleSimulator implements SimulatorControls {
  readonly vin: string;
  private readonly clock: SimulatedClock;
  private readonly position: SimulatorPosition;
  private readonly networkEcall: EcallService;
  private readonly bus = new Bus();
  private readonly activeFaults: Fault[] = [];
  private readonly mostRing: MostRing;
  private readonly power: Power;
  private readonly cabin: Cabin;
  private readonly button: SosButton;
  private readonly ledOnBus: SosLedOnBus;
  private readonly centre: EmergencyCentre;
  private readonly unit: TelematicsUnit;
  private selfTestTimer: number | undefined;
  private readonly received: SentCommand[] = [];
  private disposed = false;

  constructor(options: VehicleSimulatorOptions) {
    this.clock = options.clock;
    this.mostRing = new MostRing(options.ringOrder);
    this.vin = options.vin ?? 'WBA3A5C51DF000001';
    this.position = options.position ?? DEFAULT_POSITION;
    this.networkEcall = options.ecall ?? 'ngECall';
    const emit = this.bus.emit.bind(this.bus);
    this.cabin = new Cabin({
      clock: this.clock,
      emit,
      powered: () => this.power.powered && !this.disposed,
      ...(options.dayNight ? { dayNight: options.dayNight } : {}),
      ...(options.vehicleConfig ? { vehicleConfig: options.vehicleConfig } : {}),
    });
    this.centre = new EmergencyCentre({
      clock: this.clock,
      ...(options.callCentre ? { behaviour: options.callCentre } : {}),
      callCar: () => this.unit.incomingCallback(),
    });
    this.unit = new TelematicsUnit({
      clock: this.clock,
      centre: this.centre,
      ...(options.telematics ? { settings: options.telematics } : {}),
      emit,
      registered: () => registered(this.activeFaults),
      ringBroken: () => this.mostRing.cutsOff('telematics', this.activeFaults),
      ecallService: () => ecallService(this.activeFaults, this.networkEcall),
      onChange: () => this.sessionChanged(),
    });
    this.button = new SosButton({
      clock: this.clock,
      emit,
      // A faulty button publishes nothing; without power there is no bus.
      works: () => this.power.powered && !this.has('sos-button-fault'),
      pressed: () => this.unit.buttonPressed(),
      released: () => this.unit.buttonReleased(),
    });
    this.ledOnBus = new SosLedOnBus(this.clock, emit, () => this.led);
    this.power = new Power({
      clock: this.clock,
      ignition: options.ignition ?? 'on',
      cycleMs: options.cycleMs ?? SIM_TIMING.cycleMs,
      publish: () => this.publishNow(),
      lost: () => this.powerLost(),
      booted: () => {
        this.syncUnitPower();
        this.publishNow();
      },
    });
  }

  // ---------------------------------------------------------------- output

  /** Registers a listener for every raw message the vehicle puts on the bus; returns an unsubscribe. */
  onMessage(listener: (msg: unknown) => void): () => void {
    return this.bus.listen(listener);
  }

  // ------------------------------------------------------------- read-only

  get faults(): readonly Fault[] {
    return [...this.activeFaults];
  }
  get ignitionState(): IgnitionState {
    return this.power.terminal;
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
    return this.cabin.spoken;
  }
  /** The hazard warning lights are flashing. */
  get hazardLightsOn(): boolean {
    return this.cabin.hazardLightsOn;
  }
  /** The car's build facts as it reports them. */
  get config(): SimulatorVehicleConfig {
    return this.cabin.config;
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
    return this.power.powered;
  }
  get ring(): SimulatorRingState {
    return this.mostRing.state(this.activeFaults);
  }

  // --------------------------------------------------------------- controls

  ignition(state: IgnitionState): void {
    // A change of terminal state is sent at once; switching on wakes the bus, which sends everything.
    if (this.power.ignition(state)) this.publishNow();
  }

  pressSos(holdMs: number = SIM_TIMING.shortPressMs): void {
    this.button.press(holdMs);
  }

  holdSos(): void {
    this.button.hold();
  }

  releaseSos(): void {
    this.button.release();
  }

  crash(input: CrashInput = {}): void {
    // Many cars switch the hazard lights on by themselves after a crash; this one deliberately does
    // not: the post-crash guidance has the occupants ask for them (`setHazardLights`), explicitly.
    // A faulty airbag/crash unit cannot report the crash; without power nothing is on the bus.
    if (!this.power.powered || this.has('crash-sensor-fault')) return;
    // As given: an out-of-range field goes on the bus (and into the session report) unchanged.
    const crash: CrashData = {
      severity: input.severity ?? 3,
      airbagDeployed: input.airbagDeployed ?? true,
      rollover: input.rollover ?? false,
      occupants: input.occupants ?? 1,
    };
    this.bus.emit({ type: 'crash', ts: this.clock.now(), ...crash });
    // The telematics unit takes the crash from the airbag unit directly and dials.
    this.unit.crash(crash);
  }

  /** Bypass test: bridges a ring unit with a fibre-optic bypass loop, or removes it (`MostRing.bypass`). */
  bypass(unit: MostNode, on: boolean): void {
    if (this.mostRing.bypass(unit, on)) this.publishNow();
  }

  /** The car switches the display to day or night (light sensor, headlights): published at once. */
  dayNight(mode: DayNightMode): void {
    this.cabin.dayNight(mode);
  }

  /** The driver presses the hazard-light switch (or switches them off). */
  hazards(on: boolean): void {
    this.cabin.hazardSwitch(on);
  }

  /** The car's powertrain and door release change (a partial update), published at once. */
  vehicleConfig(config: VehicleConfigInput): void {
    this.cabin.vehicleConfig(config);
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
    if (!this.removeFault(fault)) return;
    this.syncUnitPower();
    this.publishNow();
  }

  /** Removes every fault (designer convenience). */
  clearAll(): void {
    this.activeFaults.length = 0;
    this.syncUnitPower();
    this.publishNow();
  }

  /** All units lose power for 3 s, then boot; only this clears a hung telematics software. */
  batteryReset(): void {
    this.power.batteryReset();
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
    this.bus.close();
    this.power.dispose();
    this.button.reset();
    this.cabin.dispose();
    if (this.selfTestTimer !== undefined) this.clock.clearTimeout(this.selfTestTimer);
    this.unit.dispose();
    this.centre.dispose();
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
    if (!this.power.powered) return;
    const { command } = sent;
    // The occupants' requests go to the unit that owns the session (and its text channel).
    if ((CALL_REQUEST_TYPES as readonly string[]).includes(command.type)) return this.unit.request(sent);
    switch (command.type) {
      case 'requestSelfTest':
        return this.startSelfTest(sent);
      case 'setRingBypass':
        this.ack(sent);
        this.bypass(command.unit, command.bypassed);
        return;
      case 'startGuidance':
        // The navigation takes the destination (the head unit is on CAN: works on a broken ring).
        return this.ack(sent);
      case 'setHazardLights':
        // The body controller takes the request; the lights follow a moment later.
        this.ack(sent);
        return this.cabin.requestHazards(command.on);
      case 'speak':
        // The car's speech output reads the centre's message aloud.
        this.cabin.speak(command.text, command.lang);
        return this.ack(sent);
      default:
        // A request the car does not know has no answer on the bus (its ack names known commands only):
        // the bridge's tracker times it out.
        return;
    }
  }

  /** The telematics unit runs its self-test: it must be reachable over the ring and working. */
  private startSelfTest(sent: SentCommand): void {
    const refusal = this.selfTestRefusal();
    this.ack(sent, refusal);
    this.publishHealth();
    this.publishRing();
    if (refusal) return;
    if (this.selfTestTimer !== undefined) this.clock.clearTimeout(this.selfTestTimer);
    this.selfTestTimer = this.clock.setTimeout(() => {
      this.selfTestTimer = undefined;
      // One result per item, all at the same time: what the telematics unit finds on its periphery.
      if (!this.power.powered || this.disposed || this.selfTestRefusal()) return;
      for (const result of selfTestResults(this.activeFaults, this.clock.now())) this.bus.emit(result);
    }, SIM_TIMING.selfTestMs);
  }

  private selfTestRefusal(): string | null {
    return selfTestRefusal(this.activeFaults, this.mostRing.cutsOff('telematics', this.activeFaults));
  }

  private ack(sent: SentCommand, error: string | null = null): void {
    this.bus.emit(commandAck(sent, this.clock.now(), error));
  }

  // ------------------------------------------------------------ publishing

  /** Sends what the bus carries right now (see the header comment for what that is). */
  private publishNow(): void {
    if (!this.power.powered || this.disposed) return;
    const ts = this.clock.now();
    this.bus.emit({ type: 'ignition', ts, state: this.power.terminal });
    if (!this.power.busAwake(this.unit.active)) return;
    this.publishHealth();
    this.publishRing();
    this.bus.emit(gnssSignal(this.position, !this.has('no-gps'), ts));
    this.bus.emit(cellularSignal(this.activeFaults, this.networkEcall, ts));
    this.cabin.publish();
    this.unit.publish();
    this.ledOnBus.publish();
  }

  /** Every unit that can talk says how it is. */
  private publishHealth(): void {
    if (!this.power.powered) return;
    const ts = this.clock.now();
    for (const unit of CHAIN_UNITS) {
      if (!this.mostRing.canTalk(unit, this.activeFaults)) continue;
      const { status, code } = unitHealth(unit, this.activeFaults);
      this.bus.emit({ type: 'unitHealth', ts, unit, status, ...(code !== undefined ? { code } : {}) });
    }
  }

  private publishRing(): void {
    if (this.power.powered) this.bus.emit(this.mostRing.signal(this.clock.now(), this.activeFaults));
  }

  /** The session changed: its report is out; the LED follows at once (the change wakes the bus). */
  private sessionChanged(): void {
    if (!this.power.unitsUp || this.disposed) return;
    this.ledOnBus.publishChange();
  }

  // ------------------------------------------------------------------ power

  /** Tells the telematics unit whether it has power, has booted and runs. */
  private syncUnitPower(): void {
    this.unit.setAlive(this.power.unitsUp && telematicsRuns(this.activeFaults));
  }

  /** The battery is disconnected: every unit dies at once. */
  private powerLost(): void {
    this.button.reset();
    // The telematics unit dies silently; its session survives in memory and resumes after booting.
    this.syncUnitPower();
    // Only a power cycle clears a hung telematics software; hardware faults stay.
    this.removeFault('software-glitch');
    this.cabin.powerLost();
  }

  // ---------------------------------------------------------------- helpers

  private has(fault: Fault): boolean {
    return this.activeFaults.includes(fault);
  }

  /** True when the fault was present. */
  private removeFault(fault: Fault): boolean {
    const i = this.activeFaults.indexOf(fault);
    if (i >= 0) this.activeFaults.splice(i, 1);
    return i >= 0;
  }
}
