import type { SimulatedClock } from './simulatedClock.js';

/**
 * Drives a `SimulatedClock` from wall time, so the app runs in real time by default while every
 * timer still lives on the one simulated clock (`?clock=manual` simply never starts a driver).
 * `speed` lets the designer workbench run time faster (10×, 60×) or pause it (0).
 */
export class RealTimeDriver {
  private handle: ReturnType<typeof setInterval> | undefined;
  private last = 0;

  constructor(
    private readonly clock: SimulatedClock,
    /** Simulated ms per wall ms; 0 pauses. */
    public speed = 1,
    private readonly tickMs = 50,
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  start(): void {
    if (this.handle !== undefined) return;
    this.last = performance.now();
    this.handle = setInterval(() => {
      const now = performance.now();
      const elapsed = (now - this.last) * this.speed;
      this.last = now;
      if (elapsed > 0) this.clock.advance(elapsed);
    }, this.tickMs);
  }

  stop(): void {
    if (this.handle === undefined) return;
    clearInterval(this.handle);
    this.handle = undefined;
  }
}
