/**
 * In-page benchmark probe, added to every page before its own scripts (Playwright `addInitScript`).
 * It drives the page through its vehicle link (`window.sosHmi.sim` on the HMI, `window.benchTarget`
 * on the baselines — the same simulator and mock bridge in all three) and times, inside the page,
 * from the bridge event to the frame that shows the change:
 *   t0   in a requestAnimationFrame turn (a frame begins), just before the simulator emits;
 *   then microtasks run (Lit and React's sync lane render there) until the DOM shows the change;
 *   t1   the first task after that frame's style, layout and paint (a MessageChannel message).
 * If the change shows up only in a later task, t1 is taken after the next frame instead.
 * Plain JavaScript on purpose: it must not depend on the build it measures.
 */
(() => {
  const now = () => performance.now();
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  /** Resolves in a new task (after any rendering already due), with its time. */
  const task = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(now());
      channel.port2.postMessage(0);
    });

  // Every page shows the HMI's own `<sos-app>`: the HMI renders it, the baselines show the same DOM
  // captured from it (bench/lib/capture.mjs). So one way to read the screen serves all three.
  const app = () => document.querySelector('sos-app');
  const isBaseline = () => !!window.benchTarget;
  /** The screen element inside `sos-app` (its <main> holds exactly one). */
  const screen = () => app()?.shadowRoot?.querySelector('main')?.firstElementChild ?? null;

  /** Text of the visible level-1 heading. */
  function heading() {
    return screen()?.shadowRoot?.querySelector('h1')?.textContent?.trim() ?? null;
  }

  /** The telltale shows its crossing bar. */
  function telltaleCrossed() {
    const bar = app()?.shadowRoot?.querySelector('sos-status-bar');
    const telltale = bar?.shadowRoot?.querySelector('sos-telltale');
    return !!telltale?.shadowRoot?.querySelector('[data-part="cross"]');
  }

  const sim = () => window.sosHmi?.sim ?? window.benchTarget?.sim;
  const advance = (ms) => (window.sosHmi ? window.sosHmi.sim.advance(ms) : window.benchTarget.advance(ms));

  /** Clicks the HMI's action button with this label. */
  function press(label) {
    const host = [...(screen()?.shadowRoot?.querySelectorAll('sos-action-button') ?? [])].find(
      (b) => b.getAttribute('label') === label,
    );
    const button = host?.shadowRoot?.querySelector('button');
    if (!button) throw new Error(`no "${label}" button on screen "${heading()}"`);
    button.click();
  }

  /** Lets microtasks and one task run (Lit's updates land in microtasks). */
  const settle = async () => {
    await task();
  };

  const RING_FAULT = 'most-node-failure:satellite-radio';

  const TRANSITIONS = {
    crash: {
      act: () => sim().crash({ severity: 3 }),
      shown: () => heading() === 'Connecting…',
      async reset() {
        if (isBaseline()) return window.benchTarget.reset();
        // Dropped by the network, redials fail for the EN 16062 window, then "Call failed" → Close.
        sim().inject('no-cellular');
        advance(125_000);
        sim().clear('no-cellular');
        advance(1000);
        await settle();
        press('Close');
      },
    },
    press: {
      act: () => sim().pressSos(),
      shown: () => heading()?.startsWith('Emergency call in ') ?? false,
      async reset() {
        advance(300);
        if (isBaseline()) return window.benchTarget.reset();
        await settle();
        press('Cancel call');
        await settle();
        advance(3500);
      },
    },
    malfunction: {
      act: () => sim().inject(RING_FAULT),
      shown: telltaleCrossed,
      async reset() {
        sim().clear(RING_FAULT);
        advance(1000);
        if (isBaseline()) window.benchTarget.reset();
      },
    },
  };

  async function ready() {
    await settle();
    const h = heading();
    if (h !== 'SOS ready' || telltaleCrossed()) throw new Error(`not back at "SOS ready" (shows "${h}")`);
  }

  /** Times one transition; resolves with { ms, shownMs, sameFrame }. */
  async function measure(name) {
    const transition = TRANSITIONS[name];
    await frame();
    const t0 = now();
    transition.act();
    let shownAt = null;
    for (let i = 0; i < 500; i++) {
      if (transition.shown()) {
        shownAt = now();
        break;
      }
      await null;
    }
    let t1;
    const sameFrame = shownAt !== null;
    if (sameFrame) {
      t1 = await task();
    } else {
      while (!transition.shown()) {
        if (now() - t0 > 10_000) throw new Error(`${name}: the change never showed (heading "${heading()}")`);
        await task();
      }
      shownAt = now();
      await frame();
      t1 = await task();
    }
    return { ms: t1 - t0, shownMs: shownAt - t0, sameFrame };
  }

  async function reset(name) {
    await TRANSITIONS[name].reset();
    await ready();
  }

  /** From "SOS ready": opens the cancel window, then `ticks` one-second ticks, each painted. */
  async function countdown(ticks) {
    for (let k = 1; k <= ticks; k++) {
      await frame();
      advance(1000);
      const want = `Emergency call in ${10 - k} s`;
      while (heading() !== want) {
        await null;
        if (heading() !== want) await task();
      }
      await task();
    }
  }

  /** One full call cycle: crash → voice → centre ends → Close → SOS press → Cancel → back to ready. */
  async function callCycle() {
    const s = sim();
    if (isBaseline()) {
      s.crash();
      await settle();
      window.benchTarget.reset();
      s.pressSos();
      await settle();
      advance(300);
      window.benchTarget.reset();
      advance(3500);
      await settle();
      return;
    }
    s.crash();
    await settle();
    advance(10_000);
    await settle();
    s.centreEndsCall();
    advance(1000);
    await settle();
    press('Close');
    await settle();
    s.pressSos();
    await settle();
    advance(300);
    await settle();
    press('Cancel call');
    await settle();
    advance(3500);
    await settle();
  }

  async function cycles(n) {
    for (let i = 0; i < n; i++) await callCycle();
    await ready();
  }

  /** Cold start: the first frame that shows an "SOS …" status heading, timed from navigation start. */
  const cold = { statusPaintedMs: null };
  (function watchColdStart() {
    const started = now();
    const check = () => {
      const h = heading();
      if (h && h.startsWith('SOS ')) {
        // This rAF turn's frame paints it; the next task runs after that paint.
        void task().then((t) => {
          cold.statusPaintedMs = t;
        });
        return;
      }
      if (now() - started < 60_000) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();

  /**
   * Time to interactive, on a page opened with `window.__benchTti` set (an init script before this
   * one): the moment the page's vehicle handle exists — `window.sosHmi` on the HMI, `window.benchTarget`
   * on a baseline — a crash is fired (in a microtask of the task that set it); `paintedMs` is the first
   * task after the frame that shows the call screen's "Connecting…", from navigation start.
   */
  const tti = { handleMs: null, paintedMs: null };
  function watchTti() {
    const check = () => {
      if (heading() === 'Connecting…') {
        void task().then((t) => {
          tti.paintedMs = t;
        });
        return;
      }
      if (now() - tti.handleMs < 60_000) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }
  if (window.__benchTti) {
    for (const name of ['sosHmi', 'benchTarget']) {
      let value;
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: true,
        get: () => value,
        set(v) {
          value = v;
          if (tti.handleMs !== null || !v?.sim) return;
          tti.handleMs = now();
          queueMicrotask(() => {
            v.sim.crash({ severity: 3 });
            watchTti();
          });
        },
      });
    }
  }

  window.__bench = {
    heading,
    telltaleCrossed,
    advance,
    ready,
    measure,
    reset,
    countdown,
    cycles,
    cold,
    tti,
    kind: () => (window.sosHmi ? 'hmi' : (window.benchTarget?.kind ?? null)),
  };
})();
