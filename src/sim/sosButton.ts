/**
 * The SOS button in the roof console. A press goes on the bus and straight to the telematics unit,
 * which reads the button itself (no HMI in between); so does the release, with how long it was held.
 * A faulty button publishes nothing; without power there is no bus.
 */
import type { SosButtonSignal } from '../bridge/signals.js';
import type { SimulatedClock } from '../time/simulatedClock.js';

export interface SosButtonOptions {
  readonly clock: SimulatedClock;
  readonly emit: (msg: SosButtonSignal) => void;
  /** The button is powered and not faulty. */
  readonly works: () => boolean;
  /** The telematics unit sees the button go down / come up. */
  readonly pressed: () => void;
  readonly released: () => void;
}

export class SosButton {
  private readonly options: SosButtonOptions;
  private pressedAt: number | null = null;
  private releaseTimer: number | undefined;

  constructor(options: SosButtonOptions) {
    this.options = options;
  }

  /** Presses the button and releases it after `holdMs`. */
  press(holdMs: number): void {
    if (!this.hold()) return;
    this.releaseTimer = this.options.clock.setTimeout(() => this.release(), Math.max(0, holdMs));
  }

  /** Presses and keeps holding until `release()`; false when nothing happened (held already, not working). */
  hold(): boolean {
    const { clock, emit, works, pressed } = this.options;
    if (!works() || this.pressedAt !== null) return false;
    this.pressedAt = clock.now();
    emit({ type: 'sosButton', ts: clock.now(), action: 'press' });
    pressed();
    return true;
  }

  release(): void {
    const { clock, emit, works, released } = this.options;
    if (this.pressedAt === null) return;
    const heldMs = clock.now() - this.pressedAt;
    this.reset();
    if (!works()) return;
    emit({ type: 'sosButton', ts: clock.now(), action: 'release', heldMs });
    released();
  }

  /** Forgets a press without a word (power lost): nothing is released on the bus. */
  reset(): void {
    if (this.releaseTimer !== undefined) this.options.clock.clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    this.pressedAt = null;
  }
}
