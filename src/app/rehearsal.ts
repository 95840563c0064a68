/**
 * The rehearsal (docs/performance.md, round 5): right after start, each emergency screen is rendered
 * once — the call screen after a crash, the countdown after an SOS press, the Check Control message
 * after a ring break — so that the first real one of a drive finds its code compiled, its templates
 * prepared, its stylesheets parsed and its texts shaped. A car has no warm-up: without this, the
 * first crash after start took 3–5× as long as later ones.
 *
 * Nothing of the running HMI is touched. Each scene has machines of its own (the same definitions, a
 * clock of their own, an empty fault memory, no bridge: commands go nowhere) fed with vehicle
 * messages through the bridge's own validation, and a `sos-app` of its own, hidden and inert, that
 * is attached, rendered, laid out and removed again within one task: no other code — no test, no
 * screen reader, no focus — can ever see it. A real event waits at most for one scene.
 */
import { createActor, type AnyActorRef } from 'xstate';
import { CHAIN_UNITS, MOST_NODES, NO_CALL_SESSION } from '../bridge/signals.js';
import { validateSignal } from '../bridge/validation.js';
import { emergencyNumber, type SosConfig } from '../machines/config.js';
import { toMachineEvent } from '../machines/events.js';
import { sosHmiMachine } from '../machines/sosHmiMachine.js';
import { SimulatedClock } from '../time/simulatedClock.js';
import type { Theme } from '../styles/theme.js';
import { hmiServices, type HmiParts } from './services.js';

/** What a rehearsal did: each scene's screen, or why it did not show (logged as well). */
export interface RehearsalReport {
  readonly scenes: readonly RehearsalScene[];
}

/** One scene: the screen it showed (null when it failed or was skipped) and its main-thread time. */
export interface RehearsalScene {
  readonly scene: string;
  readonly screen: string | null;
  readonly ms: number;
  /** Not run: the real HMI had an emergency on screen. */
  readonly skipped: boolean;
}

/** The performance mark a finished rehearsal leaves, with the report as its detail. */
export const REHEARSAL_MARK = 'sos-hmi:rehearsal';

type Raw = Record<string, unknown>;

/** The telematics unit's session report (the bridge's message format): idle unless `patch` says more. */
function session(ts: number, patch: Raw = {}): Raw {
  return { type: 'callSession', ts, seq: 0, ...NO_CALL_SESSION, ...patch };
}

/** A car at "SOS ready": what a healthy vehicle reports, every second, from the start. */
function readyMessages(ts: number): Raw[] {
  return [
    { type: 'ignition', ts, state: 'on' },
    ...CHAIN_UNITS.map((unit) => ({ type: 'unitHealth', ts, unit, status: 'ok' })),
    { type: 'mostRing', ts, nodes: MOST_NODES, closed: true, silent: [] },
    { type: 'gnss', ts, fix: '3d', latitude: 48.1424, longitude: 11.5775, headingDeg: 72, trusted: true },
    { type: 'cellular', ts, registered: true, signalBars: 4, ecall: 'ngECall' },
    session(ts),
    { type: 'sosLed', ts, led: 'off' },
  ];
}

/**
 * The three scenes — the first event of each kind a drive can bring, as the vehicle reports it — and
 * the screen each shows.
 */
const SCENES: readonly { readonly scene: string; readonly screen: string; messages(ts: number): Raw[] }[] = [
  {
    scene: 'crash',
    screen: 'sos-active-call',
    messages(ts) {
      const crash = { severity: 3, airbagDeployed: true, rollover: false, occupants: 1 };
      return [
        { type: 'crash', ts, ...crash },
        session(ts, {
          seq: 1,
          phase: 'dialing',
          kind: 'automatic',
          attempt: 1,
          triggeredAt: ts,
          crash,
          audioMuted: true,
          transport: 'ngECall',
        }),
        { type: 'sosLed', ts, led: 'green-blinking' },
      ];
    },
  },
  {
    scene: 'press',
    screen: 'sos-cancel-flow',
    messages: (ts) => [
      { type: 'sosButton', ts, action: 'press' },
      session(ts, {
        seq: 1,
        phase: 'cancelWindow',
        kind: 'manual',
        triggeredAt: ts,
        cancelWindowEndsAt: ts + 10_000,
        cancellable: true,
      }),
      { type: 'sosLed', ts, led: 'green-blinking' },
    ],
  },
  {
    scene: 'malfunction',
    screen: 'sos-malfunction-warning',
    messages: (ts) => [
      {
        type: 'mostRing',
        ts,
        nodes: MOST_NODES,
        closed: false,
        silent: ['amplifier', 'telematics', 'satellite-radio', 'hands-free'],
        breakBetween: ['telematics', 'satellite-radio'],
      },
    ],
  },
];

/** Lets microtasks run (Lit renders there); never a new task, so the scene stays within one. */
async function settle(root: ParentNode): Promise<void> {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if ('updateComplete' in el) await (el as { updateComplete: Promise<unknown> }).updateComplete;
    if (el.shadowRoot) await settle(el.shadowRoot);
  }
}

/** One scene, start to end within the task it runs in; resolves with the screen it showed. */
async function scene(
  messages: (ts: number) => Raw[],
  config: Partial<SosConfig>,
  theme: Theme,
): Promise<string | null> {
  const clock = new SimulatedClock(Date.now());
  const actor = createActor(sosHmiMachine, { clock, input: { config, faultLog: [] } });
  actor.start();
  const feed = (raw: Raw): void => {
    const checked = validateSignal(raw);
    if (!checked.ok) throw new Error(`rehearsal message refused: ${checked.error}`);
    actor.send(toMachineEvent({ kind: 'signal', signal: checked.signal }));
  };
  const system = actor.system;
  const child = (id: string): AnyActorRef => system.get(id) as AnyActorRef;
  const box = document.createElement('div');
  try {
    actor.send(toMachineEvent({ kind: 'connection', state: 'connected' }));
    readyMessages(clock.now()).forEach(feed);
    // The telltale's bulb check, then "SOS ready".
    clock.advance(4000);
    readyMessages(clock.now()).forEach(feed);
    const hmi: HmiParts = {
      status: child('status'),
      malfunction: child('malfunction'),
      call: child('call'),
      diagnostics: child('diagnostics'),
      faultMemory: child('faultMemory'),
      emergencyNumber: emergencyNumber(config.region ?? 'eu'),
      send: () => {},
      clock,
      sim: null,
    };
    box.inert = true;
    box.setAttribute('aria-hidden', 'true');
    box.style.cssText =
      'position:fixed;inset:0;display:grid;visibility:hidden;pointer-events:none;z-index:-1;contain:strict';
    const app = document.createElement('sos-app');
    app.theme = theme;
    box.append(app);
    app.services = hmiServices(hmi);
    document.body.append(box);
    // "SOS ready" first, then the event: the same update the real screen goes through.
    await app.updateComplete;
    await settle(app.renderRoot);
    box.getBoundingClientRect();
    messages(clock.now()).forEach(feed);
    await app.updateComplete;
    await settle(app.renderRoot);
    // Style and layout now, inside this task: stylesheets, rule sets, fonts and text shaping.
    box.getBoundingClientRect();
    return app.renderRoot.querySelector('main')?.firstElementChild?.localName ?? null;
  } finally {
    box.remove();
    actor.stop();
  }
}

/** When to rehearse, and whether the real HMI still lets it. */
export interface RehearsalOptions {
  /**
   * False while the real HMI shows an emergency of its own (a call on screen): then the remaining
   * scenes are skipped, since each would only hold up the real screen's next frame.
   */
  atRest(): boolean;
  /** Waits before each scene; by default until the page is idle after its next frame (≤ 500 ms). */
  idle?(): Promise<void>;
}

/** Resolves after the next frame, when the page is idle (at the latest 500 ms later). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(() => resolve(), { timeout: 500 })
        : setTimeout(resolve, 0);
    // The rAF's task may never come in a hidden tab: then the timeout starts the wait.
    const fallback = setTimeout(idle, 100);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(idle, 0);
    });
  });
}

/**
 * Rehearses every scene, each in an idle task of its own (a real event in between waits for one
 * scene at most), unless the real HMI is no longer at rest; leaves the `REHEARSAL_MARK` performance
 * mark with the report. Never throws: a scene that fails is logged and the next one runs.
 */
export async function rehearse(
  config: Partial<SosConfig>,
  theme: () => Theme,
  options: RehearsalOptions,
): Promise<RehearsalReport> {
  const scenes: RehearsalScene[] = [];
  for (const s of SCENES) {
    await (options.idle ?? whenIdle)();
    if (!options.atRest()) {
      scenes.push({ scene: s.scene, screen: null, ms: 0, skipped: true });
      continue;
    }
    const started = performance.now();
    let screen: string | null = null;
    try {
      screen = await scene(s.messages, config, theme());
      if (screen !== s.screen)
        console.warn(`[sos-hmi] rehearsal: the ${s.scene} showed ${screen ?? 'nothing'}, not ${s.screen}`);
    } catch (error) {
      console.warn(`[sos-hmi] rehearsal: the ${s.scene} failed:`, error);
    }
    scenes.push({
      scene: s.scene,
      screen,
      ms: Math.round((performance.now() - started) * 10) / 10,
      skipped: false,
    });
  }
  const report = { scenes };
  performance.mark(REHEARSAL_MARK, { detail: report });
  return report;
}
