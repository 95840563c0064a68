/**
 * Power and the bus cycle: the terminal state (KL15 off, accessory, on), the battery (KL30) with
 * its reset and the units' boot after it, and the cyclic publishing every `cycleMs`. It decides when
 * the units run and when the bus is awake; what the bus carries is the simulator's (`publish`).
 *
 * - Ignition off (KL15 off, KL30 on): the bus goes to sleep; only the terminal status stays on it,
 *   unless an active session keeps it awake (a call outlives KL15).
 * - Battery reset: nothing at all for `batteryResetMs`, then the terminal status, and after
 *   `unitBootMs` more, everything again.
 */
import type { IgnitionState } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import { SIM_TIMING } from './timing.js';

export interface PowerOptions {
  readonly clock: SimulatedClock;
  /** Terminal state at start. */
  readonly ignition: IgnitionState;
  /** Cyclic publishing period. */
  readonly cycleMs: number;
  /** Puts what the bus carries now on it: every cycle, and when power returns. */
  readonly publish: () => void;
  /** The battery was disconnected: every unit has lost power. */
  readonly lost: () => void;
  /** The units have booted after a battery reset. */
  readonly booted: () => void;
}

export class Power {
  private readonly clock: SimulatedClock;
  private readonly cycleMs: number;
  private readonly publish: () => void;
  private readonly lost: () => void;
  private readonly booted: () => void;
  private terminalState: IgnitionState;
  private battery = true;
  /** After a battery reset, until the units have booted. */
  private booting = false;
  private cycleTimer: number | undefined;
  private resetTimer: number | undefined;

  constructor(options: PowerOptions) {
    this.clock = options.clock;
    this.cycleMs = options.cycleMs;
    this.publish = options.publish;
    this.lost = options.lost;
    this.booted = options.booted;
    this.terminalState = options.ignition;
    // First publication at time 0 of the first advance, so a scenario applied right after
    // construction is already in the first messages and every listener is attached.
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), 0);
  }

  get terminal(): IgnitionState {
    return this.terminalState;
  }
  /** The battery is connected (false during a battery reset). */
  get powered(): boolean {
    return this.battery;
  }
  /** Powered and booted: the units run. */
  get unitsUp(): boolean {
    return this.battery && !this.booting;
  }

  /** The bus is up: ignition on or accessory, or an active session keeps it awake (a call outlives KL15). */
  busAwake(sessionActive: boolean): boolean {
    return this.unitsUp && (this.terminalState !== 'off' || sessionActive);
  }

  /** Switches the terminal; true when that changed it. */
  ignition(state: IgnitionState): boolean {
    if (state === this.terminalState) return false;
    this.terminalState = state;
    return true;
  }

  /** All units lose power for `batteryResetMs`, then boot for `unitBootMs`. */
  batteryReset(): void {
    if (!this.battery) return;
    if (this.resetTimer !== undefined) this.clock.clearTimeout(this.resetTimer);
    this.booting = false;
    this.battery = false;
    this.lost();
    this.resetTimer = this.clock.setTimeout(() => {
      // Power is back: the terminal status is on the bus at once, the units only once booted.
      this.battery = true;
      this.booting = true;
      this.publish();
      this.restartCycle();
      this.resetTimer = this.clock.setTimeout(() => {
        this.resetTimer = undefined;
        this.booting = false;
        this.booted();
      }, SIM_TIMING.unitBootMs);
    }, SIM_TIMING.batteryResetMs);
  }

  /** Stops the cycle and a reset in progress. */
  dispose(): void {
    for (const t of [this.cycleTimer, this.resetTimer]) if (t !== undefined) this.clock.clearTimeout(t);
    this.cycleTimer = this.resetTimer = undefined;
  }

  private cycle(): void {
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), this.cycleMs);
    this.publish();
  }

  private restartCycle(): void {
    if (this.cycleTimer !== undefined) this.clock.clearTimeout(this.cycleTimer);
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), this.cycleMs);
  }
}
