/**
 * Body and cabin functions on CAN, beside the SOS chain: the hazard lights (body controller), the
 * car's build facts (`vehicleConfig`: powertrain, door release), the display's day/night mode when
 * the car reports one, and the speech output that reads texts aloud. They work on a broken ring and
 * with the ignition off (terminal 30), like the hazard switch itself.
 */
import type { DayNightMode, DoorRelease, Powertrain, VehicleSignal } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { SIM_TIMING } from './timing.js';
import type { VehicleConfigInput } from './types.js';

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

/** How many spoken texts `spoken` keeps. */
const SPOKEN_KEPT = 20;

export interface CabinOptions {
  readonly clock: SimulatedClock;
  readonly emit: (msg: VehicleSignal) => void;
  /** The car has power: a change goes on the bus at once, the lights can flash. */
  readonly powered: () => boolean;
  /** The display's day/night mode as the car reports it; absent: the car does not report one. */
  readonly dayNight?: DayNightMode;
  /** The car's build facts; missing fields from `DEFAULT_VEHICLE_CONFIG`. */
  readonly vehicleConfig?: VehicleConfigInput;
}

export class Cabin {
  private readonly clock: SimulatedClock;
  private readonly emit: (msg: VehicleSignal) => void;
  private readonly powered: () => boolean;
  private displayMode: DayNightMode | null;
  private build: SimulatorVehicleConfig;
  private hazardOn = false;
  private hazardTimer: number | undefined;
  private readonly spokenTexts: SpokenText[] = [];

  constructor(options: CabinOptions) {
    this.clock = options.clock;
    this.emit = options.emit;
    this.powered = options.powered;
    this.displayMode = options.dayNight ?? null;
    this.build = mergeConfig(DEFAULT_VEHICLE_CONFIG, options.vehicleConfig ?? {});
  }

  /** The hazard warning lights are flashing. */
  get hazardLightsOn(): boolean {
    return this.hazardOn;
  }
  /** The car's build facts as it reports them. */
  get config(): SimulatorVehicleConfig {
    return { ...this.build };
  }
  /** The texts the car read aloud, newest last, at most 20. */
  get spoken(): readonly SpokenText[] {
    return this.spokenTexts.map((s) => ({ ...s }));
  }

  /** The cyclic part: the display mode (if the car reports one), the hazard lights, the build facts. */
  publish(): void {
    if (this.displayMode) this.emit({ type: 'dayNight', ts: this.clock.now(), mode: this.displayMode });
    this.publishHazards();
    this.publishVehicleConfig();
  }

  /** The car switches the display to day or night (light sensor, headlights): published at once. */
  dayNight(mode: DayNightMode): void {
    this.displayMode = mode;
    if (this.powered()) this.emit({ type: 'dayNight', ts: this.clock.now(), mode });
  }

  /** The car's powertrain and door release change (a partial update), published at once. */
  vehicleConfig(config: VehicleConfigInput): void {
    this.build = mergeConfig(this.build, config);
    if (this.powered()) this.publishVehicleConfig();
  }

  /**
   * The driver presses the hazard-light switch (or switches them off): the body controller flashes
   * them at once and says so. Without power nothing flashes.
   */
  hazardSwitch(on: boolean): void {
    if (!this.powered()) return;
    this.cancelHazardRequest();
    this.setHazards(on);
  }

  /** `setHazardLights` accepted: the body controller has the lights follow a moment later. */
  requestHazards(on: boolean): void {
    this.cancelHazardRequest();
    this.hazardTimer = this.clock.setTimeout(() => {
      this.hazardTimer = undefined;
      if (this.powered()) this.setHazards(on);
    }, SIM_TIMING.hazardLightsMs);
  }

  /** The body controller lost power: it boots with the hazard lights off (they need the switch again). */
  powerLost(): void {
    this.cancelHazardRequest();
    this.hazardOn = false;
  }

  /** The speech output reads `text` aloud (the centre's message). */
  speak(text: string, lang: string | null): void {
    this.spokenTexts.push({ at: this.clock.now(), text, lang });
    if (this.spokenTexts.length > SPOKEN_KEPT) this.spokenTexts.shift();
  }

  dispose(): void {
    this.cancelHazardRequest();
  }

  private setHazards(on: boolean): void {
    if (on === this.hazardOn) return;
    this.hazardOn = on;
    // A change is on the bus at once, like the display mode (the body controller is on CAN).
    this.publishHazards();
  }

  private cancelHazardRequest(): void {
    if (this.hazardTimer !== undefined) this.clock.clearTimeout(this.hazardTimer);
    this.hazardTimer = undefined;
  }

  private publishHazards(): void {
    this.emit({ type: 'hazardLights', ts: this.clock.now(), on: this.hazardOn });
  }

  private publishVehicleConfig(): void {
    const { powertrain, doorRelease } = this.build;
    this.emit({ type: 'vehicleConfig', ts: this.clock.now(), powertrain, doorRelease });
  }
}

/** A partial update of the build facts: a field given (null too) replaces the current one. */
function mergeConfig(current: SimulatorVehicleConfig, input: VehicleConfigInput): SimulatorVehicleConfig {
  return {
    powertrain: input.powertrain !== undefined ? input.powertrain : current.powertrain,
    doorRelease: input.doorRelease !== undefined ? input.doorRelease : current.doorRelease,
  };
}
