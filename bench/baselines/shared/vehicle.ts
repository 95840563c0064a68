/**
 * What both baseline pages share: the very same vehicle link the HMI uses (a `MockBridge` over the
 * `VehicleSimulator` on a manual `SimulatedClock`), and the smallest store that turns its signals
 * into which of the HMI's screens to show. No state machine: a crash shows the call screen, an SOS
 * press the countdown, a ring break or a failed unit the Check Control message — the floor for the
 * same visible change on the same bridge event. The screens themselves are the HMI's, captured from
 * its rendered DOM at bench time (`bench/lib/capture.mjs`).
 */
import { MockBridge } from '../../../src/bridge/mockBridge.js';
import type { VehicleSignal } from '../../../src/bridge/signals.js';
import { applyScenario } from '../../../src/sim/scenarios.js';
import type { VehicleSimulator } from '../../../src/sim/vehicleSimulator.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';

/** Which screen the baseline shows. */
export type BaselineScreen = 'status' | 'cancel' | 'call';

export interface BaselineState {
  readonly screen: BaselineScreen;
  /** While any unit reports a fault or the MOST ring is open: the Check Control message. */
  readonly malfunction: boolean;
  /** Seconds left in the cancel window. */
  readonly countdownS: number;
}

/** Cancel window before a manual call dials (the HMI's default). */
const CANCEL_WINDOW_S = 10;

/** The captured HMI state that shows this baseline state (`STATE_NAMES` in bench/lib/capture.mjs). */
export function stateName(state: BaselineState): string {
  if (state.screen === 'call') return 'call';
  if (state.screen === 'cancel') return `cancel-${Math.max(1, state.countdownS)}`;
  return state.malfunction ? 'malfunction' : 'ready';
}

/** A minimal external store (the shape of zustand's vanilla store): get, set, subscribe. */
export interface Store {
  get(): BaselineState;
  set(patch: Partial<BaselineState>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(): Store {
  let state: BaselineState = { screen: 'status', malfunction: false, countdownS: 0 };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's handle for the benchmark probe (`window.benchTarget`). */
export interface BenchTarget {
  readonly kind: 'raw' | 'react';
  readonly sim: VehicleSimulator;
  advance(ms: number): void;
  /** Back to the status screen with no countdown running (the bench's reset between events). */
  reset(): void;
}

declare global {
  interface Window {
    benchTarget?: BenchTarget;
  }
}

/** Wires bridge → store exactly once; returns the page's bench handle. */
export function connectVehicle(kind: BenchTarget['kind'], store: Store): BenchTarget {
  const clock = new SimulatedClock(Date.now());
  const bridge = new MockBridge({ clock });
  const sim = bridge.sim;
  if (!sim) throw new Error('baseline: the mock bridge has no simulator');
  const faulty = new Set<string>();
  let ringOpen = false;
  let tick: number | undefined;

  const stopTicks = () => {
    if (tick !== undefined) clock.clearTimeout(tick);
    tick = undefined;
  };
  const scheduleTick = () => {
    tick = clock.setTimeout(() => {
      const left = store.get().countdownS - 1;
      if (left <= 0) {
        tick = undefined;
        store.set({ screen: 'call', countdownS: 0 });
      } else {
        store.set({ countdownS: left });
        scheduleTick();
      }
    }, 1000);
  };

  const onSignal = (signal: VehicleSignal) => {
    switch (signal.type) {
      case 'crash':
        stopTicks();
        store.set({ screen: 'call' });
        return;
      case 'sosButton':
        if (signal.action === 'press' && store.get().screen === 'status') {
          store.set({ screen: 'cancel', countdownS: CANCEL_WINDOW_S });
          scheduleTick();
        }
        return;
      case 'unitHealth':
        if (signal.status === 'fault') faulty.add(signal.unit);
        else faulty.delete(signal.unit);
        break;
      case 'mostRing':
        ringOpen = !signal.closed;
        break;
      default:
        return;
    }
    const malfunction = ringOpen || faulty.size > 0;
    if (malfunction !== store.get().malfunction) store.set({ malfunction });
  };
  bridge.subscribe((event) => {
    if (event.kind === 'signal') onSignal(event.signal);
  });
  applyScenario(sim, 'ready');
  clock.advance(0);

  return {
    kind,
    sim,
    advance: (ms) => clock.advance(ms),
    reset() {
      stopTicks();
      store.set({ screen: 'status', countdownS: 0 });
    },
  };
}
