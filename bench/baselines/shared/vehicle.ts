/**
 * What both baseline pages share: the very same vehicle link the HMI uses (a `MockBridge` over the
 * `VehicleSimulator` on a manual `SimulatedClock`), and the smallest store that turns its signals
 * into what the benchmark looks at. No state machine: a crash shows the call screen, an SOS press
 * the countdown, a ring break or a failed unit crosses the telltale out — the floor for the same
 * visible change on the same bridge event.
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
  /** Crossed out while any unit reports a fault or the MOST ring is open. */
  readonly malfunction: boolean;
  /** Seconds left in the cancel window. */
  readonly countdownS: number;
  readonly automatic: boolean;
}

/** Cancel window before a manual call dials (the HMI's default). */
const CANCEL_WINDOW_S = 10;

/** A minimal external store (the shape of zustand's vanilla store): get, set, subscribe. */
export interface Store {
  get(): BaselineState;
  set(patch: Partial<BaselineState>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(): Store {
  let state: BaselineState = { screen: 'status', malfunction: false, countdownS: 0, automatic: false };
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
        store.set({ screen: 'call', countdownS: 0, automatic: false });
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
        store.set({ screen: 'call', automatic: true });
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
      store.set({ screen: 'status', countdownS: 0, automatic: false });
    },
  };
}

/** The texts the HMI shows for the same states (src/screens/texts.ts), kept literal here. */
export const TEXT = {
  ready: 'SOS ready',
  malfunction: 'SOS malfunction',
  connecting: 'Connecting…',
  automatic: 'Automatic emergency call',
  cancelTitle: (s: number) => `Emergency call in ${s} s`,
  cancel: 'Cancel call',
  callNow: 'Call now',
} as const;

/** Shared page CSS: the same dark theme colours and layout weight as the HMI, roughly. */
export const CSS = `
html,body{margin:0;height:100%;background:#04070d;color:#eef3fb;font-family:system-ui,sans-serif;overflow:hidden}
header{display:flex;align-items:center;gap:16px;padding:8px 24px;background:#0c1524}
.telltale{width:36px;height:36px;color:#3ddc84}
.telltale.malfunction{color:#ff4338}
main{padding:32px 56px;display:grid;gap:16px}
h1{font-size:54px;margin:0;font-variant-numeric:tabular-nums}
.ring{width:240px;height:240px}
button{height:84px;min-width:280px;font-size:24px;border-radius:12px;border:2px solid #34507a;background:#1a2942;color:inherit}
`;

/** The telltale drawing (handset + SOS) with the crossing bar on malfunction, as SVG markup. */
export function telltaleSvg(malfunction: boolean): string {
  return `<svg viewBox="0 0 64 64" role="img" aria-label="${malfunction ? 'SOS malfunction' : 'SOS ready'}">
<rect x="3" y="3" width="58" height="58" rx="12" fill="none" stroke="currentColor" stroke-width="3.5"/>
<text x="32" y="53" text-anchor="middle" fill="currentColor" font-weight="900" font-size="19">SOS</text>
${malfunction ? '<g data-part="cross"><line x1="6" y1="58" x2="58" y2="6" stroke="currentColor" stroke-width="5.5"/></g>' : ''}
</svg>`;
}
