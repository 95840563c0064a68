/**
 * The start-up rehearsal (src/app/rehearsal.ts): after start the HMI renders each emergency screen
 * once, hidden, so the first crash of a drive finds its code and styles ready. What the occupants and
 * the vehicle must never notice of it: no request to the car, no call, no fault written, nothing on
 * screen or to a screen reader, no focus taken, and a real crash — just before it or in the middle of
 * it — shows the call screen in the very next frame.
 */
import type { Page } from '@playwright/test';
import { expect, openHmi, test } from './hmi.js';

/** What the page saw, frame by frame, while the rehearsal ran (collected by `watch`). */
interface Watch {
  /** Every frame (a requestAnimationFrame turn: what is about to be painted). */
  frames: {
    at: number;
    apps: number;
    heading: string | null;
    live: string;
    theme: string | null;
  }[];
  /** Every element added to `<body>` that holds an `sos-app`, as it was when added. */
  added: { inert: boolean; ariaHidden: string | null; visibility: string }[];
  /** When the crash was fired from inside the rehearsal (`crashDuring`), or null. */
  crashAt: number | null;
  /** Calls of `speechSynthesis.speak`. */
  spoken: number;
  /** Focus that landed inside an inert subtree (the rehearsal's). */
  focusIntoHidden: number;
}

/** The rehearsal's report (`sos-hmi:rehearsal` performance mark), once it has finished. */
interface Report {
  scenes: { scene: string; screen: string | null; skipped: boolean }[];
}

/**
 * Installed before the page's own scripts: samples every frame, records what is added to `<body>`,
 * counts speech; with `crashDuring`, fires a crash from inside the first rehearsal scene (in a
 * microtask of the scene's task, right after its hidden `sos-app` was attached).
 */
function watch({ crashDuring }: { crashDuring: boolean }): void {
  const w: Watch = { frames: [], added: [], crashAt: null, spoken: 0, focusIntoHidden: 0 };
  (window as unknown as { __watch: Watch }).__watch = w;
  const apps = () => document.querySelectorAll('sos-app');
  const screen = () => apps()[0]?.shadowRoot?.querySelector('main')?.firstElementChild ?? null;
  const frame = () => {
    const app = apps()[0];
    const live = [...(app?.shadowRoot?.querySelectorAll('.live') ?? [])]
      .map((el) => el.textContent?.trim() ?? '')
      .join('|');
    w.frames.push({
      at: performance.now(),
      apps: apps().length,
      heading: screen()?.shadowRoot?.querySelector('h1')?.textContent?.trim() ?? null,
      live,
      theme: document.documentElement.getAttribute('data-theme'),
    });
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (
          !(node instanceof HTMLElement) ||
          record.target !== document.body ||
          !node.querySelector('sos-app')
        )
          continue;
        w.added.push({
          inert: node.inert,
          ariaHidden: node.getAttribute('aria-hidden'),
          visibility: getComputedStyle(node).visibility,
        });
        if (crashDuring && w.crashAt === null) {
          w.crashAt = performance.now();
          (window as unknown as { sosHmi: { sim: { crash(c: object): void } } }).sosHmi.sim.crash({
            severity: 3,
          });
        }
      }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener(
    'focusin',
    (event) => {
      if (event.composedPath().some((n) => n instanceof HTMLElement && n.inert)) w.focusIntoHidden++;
    },
    true,
  );
  if ('speechSynthesis' in window) {
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (utterance) => {
      w.spoken++;
      speak(utterance);
    };
  }
}

/** Waits for the rehearsal's report, then a few more frames; returns both. */
async function afterRehearsal(page: Page): Promise<{ report: Report; watch: Watch }> {
  const report = (await (
    await page.waitForFunction(
      () => (performance.getEntriesByName('sos-hmi:rehearsal')[0] as PerformanceMark | undefined)?.detail,
      null,
      { timeout: 15_000 },
    )
  ).jsonValue()) as Report;
  await page.evaluate(async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  });
  const w = await page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);
  return { report, watch: w };
}

test('the rehearsal asks nothing of the car, starts no call and writes no fault', async ({ page }) => {
  await page.addInitScript(watch, { crashDuring: false });
  const hmi = await openHmi(page, { scenario: 'ready' });
  await hmi.advance(4000);
  const { report } = await afterRehearsal(page);

  // It did rehearse all three screens (a crash, an SOS press, a ring break)…
  expect(report.scenes.map((s) => [s.scene, s.screen])).toEqual([
    ['crash', 'sos-active-call'],
    ['press', 'sos-cancel-flow'],
    ['malfunction', 'sos-malfunction-warning'],
  ]);
  // …and the car and the HMI know nothing of it.
  const after = await page.evaluate(() => ({
    commands: window.sosHmi.sim.commands.length,
    session: window.sosHmi.sim.session?.phase ?? 'idle',
    faults: window.sosHmi.faultLog(),
    storage: { ...localStorage },
    status: window.sosHmi.state().status.level,
    callScreen: window.sosHmi.state().call.screen,
    malfunction: window.sosHmi.state().malfunction.visible,
  }));
  expect(after.commands, 'requests sent to the vehicle').toBe(0);
  expect(after.session, "the telematics unit's session").toBe('idle');
  // The fault memory holds this drive's ignition only: no ring break, no second ignition.
  expect(after.faults.map((e) => [e.kind, e.cycle])).toEqual([['ignition', 1]]);
  expect(after.storage, 'what the page keeps across reloads: that fault memory').toEqual({
    'sos-hmi.faultMemory.v1': JSON.stringify(after.faults),
  });
  // The HMI's own machines saw no crash, press or ring break either.
  expect([after.status, after.callScreen, after.malfunction]).toEqual(['ready', 'none', false]);
});

test('with the SOS status unknown, the rehearsal never shows "SOS ready", announces nothing, takes no focus', async ({
  page,
}) => {
  await page.addInitScript(watch, { crashDuring: false });
  await page.goto('/?clock=manual&bridge=mock&scenario=ready&link=lost&theme=day');
  await page.waitForFunction(() => !!window.sosHmi);
  const { report, watch: w } = await afterRehearsal(page);

  expect(report.scenes.every((s) => s.screen !== null)).toBe(true);
  // Its hidden shell was attached (one per scene), inert, hidden and out of the accessibility tree…
  expect(w.added).toHaveLength(3);
  for (const added of w.added)
    expect(added).toEqual({ inert: true, ariaHidden: 'true', visibility: 'hidden' });
  // …and gone again before any frame: every frame had one shell, the real one, on "unknown".
  expect(w.frames.length).toBeGreaterThan(3);
  for (const f of w.frames) {
    expect(f.apps, 'shells on the page in a frame').toBeLessThanOrEqual(1);
    expect(f.heading ?? '').not.toMatch(/SOS ready/);
  }
  // The day theme, once the HMI set it, stays: the hidden shell never repaints the page in its own.
  const day = w.frames.findIndex((f) => f.theme === 'day');
  expect(day).toBeGreaterThanOrEqual(0);
  expect(w.frames.slice(day).every((f) => f.theme === 'day')).toBe(true);
  expect(w.frames.at(-1)?.heading).toMatch(/unknown/i);
  // The live regions a screen reader follows said one thing only: the status is unknown.
  const said = new Set(w.frames.map((f) => f.live.replace(/\|/g, ' ').trim()).filter(Boolean));
  expect([...said]).toHaveLength(1);
  expect([...said][0]).toMatch(/unknown/i);
  expect(w.focusIntoHidden, 'focus moved into the hidden shell').toBe(0);
  expect(w.spoken, 'texts read aloud').toBe(0);
});

test('a crash in the middle of the rehearsal shows the call screen in the next frame', async ({ page }) => {
  await page.addInitScript(watch, { crashDuring: true });
  // The clock stands still: the call stays at "Connecting…", so every later frame must show it.
  await openHmi(page, { scenario: 'ready' });
  const { report, watch: w } = await afterRehearsal(page);

  expect(w.crashAt, 'the crash was fired inside a rehearsal scene').not.toBeNull();
  const next = w.frames.find((f) => f.at > (w.crashAt ?? 0));
  expect(next?.heading, 'the first frame after the crash').toBe('Connecting…');
  expect(next?.apps).toBe(1);
  // The scenes after it stand aside while the call is on screen; the call screen stays.
  expect(report.scenes.slice(1).every((s) => s.skipped)).toBe(true);
  for (const f of w.frames.filter((g) => g.at > (w.crashAt ?? 0))) expect(f.heading).toBe('Connecting…');
  expect(await page.evaluate(() => window.sosHmi.sim.session?.phase)).toBe('dialing');
});

test('a crash the moment the HMI is up shows the call screen at once; the rehearsal stands aside', async ({
  page,
}) => {
  await page.addInitScript(watch, { crashDuring: false });
  // Fired in the task that exposes `window.sosHmi`, before the rehearsal's first idle moment.
  await page.addInitScript(() => {
    let value: unknown;
    Object.defineProperty(window, 'sosHmi', {
      configurable: true,
      get: () => value,
      set(v: { sim: { crash(c: object): void } }) {
        value = v;
        (window as unknown as { __watch: Watch }).__watch.crashAt = performance.now();
        queueMicrotask(() => v.sim.crash({ severity: 3 }));
      },
    });
  });
  await page.goto('/?clock=manual&bridge=mock&scenario=ready');
  const { report, watch: w } = await afterRehearsal(page);

  const next = w.frames.find((f) => f.at > (w.crashAt ?? 0));
  expect(next?.heading, 'the first frame after the crash').toBe('Connecting…');
  expect(report.scenes.map((s) => s.skipped)).toEqual([true, true, true]);
  expect(w.added, 'no hidden shell was attached').toHaveLength(0);
  for (const f of w.frames.filter((g) => g.at > (w.crashAt ?? 0))) expect(f.heading).toBe('Connecting…');
});
