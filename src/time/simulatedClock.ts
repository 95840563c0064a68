/**
 * A deterministic clock shared by the vehicle simulator, the bridge and the XState actors.
 *
 * It implements XState's `Clock` interface (`setTimeout`/`clearTimeout`), so actors created with
 * `createActor(machine, { clock })` schedule their delayed transitions on it. Unlike XState's own
 * `SimulatedClock`, `advance(ms)` walks time forward timer by timer: a timer scheduled while another
 * fires (a 1 s countdown tick that re-arms itself) fires again within the same advance, exactly as it
 * would in real time. Time only moves through `advance()`; `RealTimeDriver` calls it from wall time.
 */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number;
  clearTimeout(id: number): void;
}

interface Timer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

export type ClockListener = (now: number) => void;

export class SimulatedClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();
  private readonly listeners = new Set<ClockListener>();

  /** @param start the epoch time (ms) the clock starts at; real Unix ms by default so timestamps read true. */
  constructor(start = 0) {
    this.current = start;
  }

  /** Current simulated time in ms. */
  now(): number {
    return this.current;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + Math.max(0, timeout), fn: () => fn() });
    return id;
  }

  clearTimeout(id: number): void {
    this.timers.delete(id);
  }

  /** Number of timers waiting; tests use it to prove nothing is left running. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in due order, at its due time. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      throw new RangeError(`SimulatedClock.advance needs a finite, non-negative ms (got ${ms})`);
    }
    const target = this.current + ms;
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.timers.delete(next.id);
      this.current = next.due;
      next.fn();
    }
    this.current = target;
    for (const listener of this.listeners) listener(this.current);
  }

  /** Called after every `advance()`; returns an unsubscribe function. */
  onAdvance(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private earliestDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.due > limit) continue;
      // Ties fire in scheduling order (lower id first), like the browser's timer queue.
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
