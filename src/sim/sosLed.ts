/**
 * What the SOS LED above the mirror shows. The roof function centre drives it for the telematics unit
 * (FCA/Ford/Mazda tables in domain/emergency-call.md): green blinking while a call is being set up,
 * green steady with voice, red for a failed call or a malfunction, off when ready.
 */
import type { CallSessionPhase, LedState, SosLedSignal } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';
import type { Fault } from './faults.js';

/** Faults that limit SOS without being a malfunction of the system (no position fix, one bar). */
const NOT_A_MALFUNCTION: readonly Fault[] = ['no-gps', 'weak-cellular'];

/**
 * The LED for the unit's state.
 * @param unitAlive the telematics unit has power, has booted and runs (a dead unit cannot call: red)
 * @param phase the phase of the unit's session
 * @param faults every fault present in the car
 */
export function sosLedFor(unitAlive: boolean, phase: CallSessionPhase, faults: readonly Fault[]): LedState {
  if (!unitAlive) return 'red';
  switch (phase) {
    case 'cancelWindow':
    case 'dialing':
    case 'connected':
    case 'redialWait':
      return 'green-blinking';
    case 'voice':
    case 'callbackRinging':
    case 'callback':
      return 'green-steady';
    case 'failed':
      return 'red';
    case 'idle':
    case 'cancelled':
    case 'ended':
      // UN R144: a malfunction is shown while the fault is present.
      return faults.some((f) => !NOT_A_MALFUNCTION.includes(f)) ? 'red' : 'off';
  }
}

/**
 * The LED on the bus (the roof function centre, on CAN: it works on a broken ring, and for a dead
 * unit): every cycle, and at once when what it shows changes.
 */
export class SosLedOnBus {
  private onBus: LedState | null = null;

  constructor(
    private readonly clock: SimulatedClock,
    private readonly emit: (msg: SosLedSignal) => void,
    /** What the LED shows now. */
    private readonly shows: () => LedState,
  ) {}

  publish(): void {
    const led = this.shows();
    this.onBus = led;
    this.emit({ type: 'sosLed', ts: this.clock.now(), led });
  }

  /** Publishes the LED if it shows something else than the bus last carried. */
  publishChange(): void {
    if (this.shows() !== this.onBus) this.publish();
  }
}
