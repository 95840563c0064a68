/**
 * Baseline 2 — React 19 with an external store read through `useSyncExternalStore` (how zustand and
 * most React stores connect): what most teams would pick instead of Lit + XState.
 */
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import {
  CSS,
  TEXT,
  connectVehicle,
  createStore,
  telltaleSvg,
  type BaselineState,
} from '../shared/vehicle.js';

const store = createStore();
const RING = 2 * Math.PI * 110;

function useStore<T>(select: (state: BaselineState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

function Telltale() {
  const malfunction = useStore((s) => s.malfunction);
  return (
    <div
      className={malfunction ? 'telltale malfunction' : 'telltale'}
      dangerouslySetInnerHTML={{ __html: telltaleSvg(malfunction) }}
    />
  );
}

function StatusScreen() {
  const malfunction = useStore((s) => s.malfunction);
  return <h1>{malfunction ? TEXT.malfunction : TEXT.ready}</h1>;
}

function CancelScreen() {
  const countdownS = useStore((s) => s.countdownS);
  return (
    <>
      <svg viewBox="0 0 240 240" className="ring">
        <circle cx="120" cy="120" r="110" fill="none" stroke="#22344f" strokeWidth="12" />
        <circle
          cx="120"
          cy="120"
          r="110"
          fill="none"
          stroke="#ff4338"
          strokeWidth="12"
          strokeDasharray={RING}
          strokeDashoffset={RING * (1 - countdownS / 10)}
        />
      </svg>
      <h1>{TEXT.cancelTitle(countdownS)}</h1>
      <button>{TEXT.cancel}</button>
      <button>{TEXT.callNow}</button>
    </>
  );
}

function CallScreen() {
  const automatic = useStore((s) => s.automatic);
  return (
    <>
      <h1>{TEXT.connecting}</h1>
      <p>{automatic ? TEXT.automatic : ''}</p>
    </>
  );
}

function App() {
  const screen = useStore((s) => s.screen);
  return (
    <>
      <style>{CSS}</style>
      <header>
        <Telltale />
        <span>SOS</span>
      </header>
      <main>
        {screen === 'status' ? <StatusScreen /> : screen === 'cancel' ? <CancelScreen /> : <CallScreen />}
      </main>
    </>
  );
}

const root = document.createElement('div');
root.id = 'root';
document.body.append(root);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
window.benchTarget = connectVehicle('react', store);
