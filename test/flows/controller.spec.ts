/**
 * Controller only: every screen is walked with nothing but rotate (wheel), push (arrows), press
 * (Enter) and Back (Escape). On each screen every offered action is reachable by rotating, the
 * focus is never lost (never on <body>), and the screen can be left by its actions or Back — except
 * the call screens that by rule only the centre ends.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/hmi.js';
import { HmiHarness } from './harness/hmi.js';
import type { ScreenHarness } from './harness/screens.js';
import { BOOT_MS, CRASH } from './model.js';

/** Opens the page past boot; the telematics unit's cancel window is 5 s, `unit` adds its other settings. */
async function open(page: Page, unit = ''): Promise<HmiHarness> {
  const hmi = new HmiHarness(page);
  await hmi.open(`clock=manual&bridge=mock&cancelWindowMs=5000${unit}`);
  await hmi.advance(BOOT_MS);
  return hmi;
}

/** The screen on top once it is `tag` (diagnosis pages load on first use, so they may take a moment). */
async function on(hmi: HmiHarness, tag: string): Promise<ScreenHarness> {
  await expect.poll(async () => (await hmi.screen()).tag(), { message: `${tag} on top` }).toBe(tag);
  return hmi.screen();
}

/** Lets simulated time pass in steps until `tag` is on top (the unit and the centre keep their own time). */
async function until(hmi: HmiHarness, tag: string, stepMs: number, steps: number): Promise<void> {
  for (let i = 0; i < steps && (await (await hmi.screen()).tag()) !== tag; i++) await hmi.advance(stepMs);
  expect(await (await hmi.screen()).tag(), `${tag} within ${(stepMs * steps) / 1000} s`).toBe(tag);
}

/** Rotates one full turn (wheel, then arrows back): every action gets selected; focus never lost. */
async function walk(hmi: HmiHarness, expectedTag: string): Promise<ScreenHarness> {
  const screen = await on(hmi, expectedTag);
  await expect
    .poll(async () => (await hmi.focus()).lost, { message: `${expectedTag}: focus on arrival` })
    .toBe(false);
  const offered = await screen.visibleActions();
  const seen = new Set<string>();
  for (let i = 0; i <= offered.length; i++) {
    const focused = await screen.focusedAction();
    if (focused) seen.add(focused);
    expect((await hmi.focus()).lost, `${expectedTag}: focus lost while rotating`).toBe(false);
    await screen.rotate(1);
  }
  for (let i = 0; i <= offered.length; i++) {
    await screen.push('previous');
    const focused = await screen.focusedAction();
    if (focused) seen.add(focused);
    expect((await hmi.focus()).lost, `${expectedTag}: focus lost while pushing`).toBe(false);
  }
  expect([...seen].sort(), `${expectedTag}: every action reachable by the controller`).toEqual(
    [...offered].sort(),
  );
  return screen;
}

/** Chooses an action with the controller only. */
async function choose(hmi: HmiHarness, name: string): Promise<void> {
  await (await hmi.screen()).choose(name, 'controller');
}

async function back(hmi: HmiHarness): Promise<void> {
  await (await hmi.screen()).back();
}

/** The unit's answer to a request arrives (the bridge's transport latency). */
const ANSWER_MS = 100;

test('status, diagnosis and the malfunction message by controller alone', async ({ page }) => {
  const hmi = await open(page);
  await walk(hmi, 'sos-status-screen');
  await choose(hmi, 'Diagnosis');
  await walk(hmi, 'sos-self-test-results');
  await choose(hmi, 'MOST ring');
  await walk(hmi, 'sos-ring-diagram');
  await choose(hmi, 'Fault memory');
  await walk(hmi, 'sos-fault-memory');
  await choose(hmi, 'Guide');
  await walk(hmi, 'sos-guide');
  // Back goes through the history, then out.
  for (let i = 0; i < 4; i++) await back(hmi);
  await walk(hmi, 'sos-status-screen');

  await page.evaluate(() => window.sosHmi.sim.inject('microphone-fault'));
  await hmi.advance(1000);
  await walk(hmi, 'sos-malfunction-warning');
  await choose(hmi, 'Details');
  await walk(hmi, 'sos-malfunction-warning');
  // Back folds the details first, then acknowledges the message.
  await back(hmi);
  await walk(hmi, 'sos-malfunction-warning');
  await back(hmi);
  await walk(hmi, 'sos-status-screen');
  await choose(hmi, 'Show malfunction');
  await walk(hmi, 'sos-malfunction-warning');
  await choose(hmi, 'Details');
  await choose(hmi, 'Guide');
  await walk(hmi, 'sos-guide');
  await choose(hmi, 'Close');
  await walk(hmi, 'sos-status-screen');
});

test('a manual call from cancel window to call-back by controller alone', async ({ page }) => {
  const hmi = await open(page);
  await page.evaluate(() => window.sosHmi.sim.pressSos());
  await hmi.advance(300);
  await walk(hmi, 'sos-cancel-flow');
  await choose(hmi, 'Cancel call');
  await hmi.advance(ANSWER_MS);
  await walk(hmi, 'sos-call-cancelled');
  await back(hmi);
  await walk(hmi, 'sos-status-screen');

  await page.evaluate(() => window.sosHmi.sim.pressSos());
  await hmi.advance(300);
  await choose(hmi, 'Call now');
  await hmi.advance(ANSWER_MS);
  // A manual call has no on-screen action (hold SOS to end): focus rests on the heading, never lost.
  await walk(hmi, 'sos-active-call');
  for (const key of ['ArrowDown', 'Enter', 'Escape']) {
    await page.keyboard.press(key);
    expect((await hmi.focus()).lost).toBe(false);
  }
  // The centre answers after 4 s; voice 2 s later; then the operator hangs up.
  await hmi.advance(6100);
  expect((await hmi.state()).call.phase).toBe('voice');
  await page.evaluate(() => window.sosHmi.sim.centreEndsCall());
  await walk(hmi, 'sos-call-ended');
  await back(hmi);
  await walk(hmi, 'sos-callback');
  await choose(hmi, 'Close');
  await walk(hmi, 'sos-status-screen');
});

test('automatic, failed, unconfirmed and test calls by controller alone', async ({ page }) => {
  // Short unit timers: an attempt gives up after 8 s, the next one 20 s after the last began, for 30 s.
  const hmi = await open(page, '&attemptTimeoutMs=8000&redialIntervalMs=20000&redialWindowMs=30000');
  await page.evaluate(() => window.sosHmi.sim.callCentre({ noAnswer: true }));
  await page.evaluate((crash) => window.sosHmi.sim.crash(crash), CRASH);
  const active = await walk(hmi, 'sos-active-call');
  // No cancel in an automatic call: only the centre ends it.
  expect(await active.visibleActions()).toEqual([]);
  await page.keyboard.press('Escape');
  expect(await (await hmi.screen()).tag()).toBe('sos-active-call');
  // The centre never answers: the attempt times out, the unit redials, then gives up.
  await until(hmi, 'sos-call-redialing', 1000, 10);
  await walk(hmi, 'sos-call-redialing');
  await until(hmi, 'sos-call-failed', 1000, 40);
  await walk(hmi, 'sos-call-failed');
  await choose(hmi, 'Close');
  await walk(hmi, 'sos-status-screen');

  // A crash with a dead telematics unit: no call confirmed within 5 s; Back dismisses the notice.
  await page.evaluate(() => window.sosHmi.sim.inject('control-module-failure'));
  await hmi.advance(1000);
  await page.evaluate((crash) => window.sosHmi.sim.crash(crash), CRASH);
  // 5 s, judged on the car's clock too: by the first cyclic message after them.
  await hmi.advance(6000);
  const unconfirmed = await walk(hmi, 'sos-call-failed');
  await expect(unconfirmed.heading()).toHaveText(/Emergency call not confirmed/);
  await back(hmi);
  await walk(hmi, 'sos-malfunction-warning');
  await page.evaluate(() => window.sosHmi.sim.clear('control-module-failure'));
  await hmi.advance(1000);
  await walk(hmi, 'sos-status-screen');

  await page.evaluate(() => window.sosHmi.sim.callCentre({ noAnswer: false }));
  await choose(hmi, 'Diagnosis');
  await on(hmi, 'sos-self-test-results');
  await choose(hmi, 'Test call');
  await hmi.advance(ANSWER_MS);
  await walk(hmi, 'sos-active-call');
  await choose(hmi, 'End test call');
  await hmi.advance(ANSWER_MS);
  await walk(hmi, 'sos-test-call-ended');
  await choose(hmi, 'Close');
  await walk(hmi, 'sos-self-test-results');
  await choose(hmi, 'Close');
  await walk(hmi, 'sos-status-screen');
});

test('a key with the focus nowhere brings it back to the screen', async ({ page }) => {
  const hmi = await open(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    (a as HTMLElement | null)?.blur();
  });
  await page.keyboard.press('ArrowDown');
  expect((await hmi.focus()).lost).toBe(false);
});
