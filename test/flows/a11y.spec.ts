/**
 * Accessibility beyond the per-state axe runs of the flows: live regions announce call phases and
 * malfunctions (their text changes as the phase does), every control has a role and a name, and
 * text contrast meets WCAG AA in the day and the night theme on every emergency screen.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/hmi.js';
import { axeViolations } from './harness/checks.js';
import { HmiHarness } from './harness/hmi.js';
import { BOOT_MS, CRASH } from './model.js';

/**
 * Opens the page past boot. The telematics unit runs every call on short timers (an attempt gives up
 * after 8 s, redials 5 s after the last began, for 20 s); the centre keeps its own timing: it answers
 * 4 s after dialling, has the data 0.5 s and acknowledges it 1.5 s after answering, voice 2 s after.
 */
async function open(page: Page, theme: 'day' | 'night'): Promise<HmiHarness> {
  const hmi = new HmiHarness(page);
  await hmi.open(
    `clock=manual&bridge=mock&theme=${theme}&attemptTimeoutMs=8000&redialIntervalMs=5000&redialWindowMs=20000`,
  );
  await hmi.advance(BOOT_MS);
  return hmi;
}

/** The unit's answer to a request arrives (the bridge's transport latency). */
const ANSWER_MS = 100;

test('live regions announce every call phase and the malfunction', async ({ page }) => {
  const hmi = await open(page, 'night');
  const heard: string[] = [];
  const listen = async (): Promise<void> => {
    const { polite, assertive } = await hmi.announcements();
    heard.push(assertive || polite);
  };
  await listen();
  await page.evaluate(() => window.sosHmi.sim.pressSos());
  await listen();
  expect(heard.at(-1), 'cancel window is announced assertively').toMatch(/emergency call/i);
  await (await hmi.screen()).choose('Call now', 'touch');
  await hmi.advance(ANSWER_MS);
  await listen();
  // The centre answers, has the data, acknowledges it, and voice opens (advanced to each in turn).
  for (const ms of [4500, 1000, 500]) {
    await hmi.advance(ms);
    await listen();
  }
  expect((await hmi.state()).call.phase, 'voice on the timing of the centre').toBe('voice');
  await page.evaluate(() => window.sosHmi.sim.centreEndsCall());
  await listen();
  // Each phase says something new.
  expect(new Set(heard).size, `announcements: ${heard.join(' | ')}`).toBe(heard.length);
  await (await hmi.screen()).choose('Close', 'touch');
  await (await hmi.screen()).choose('Close', 'touch');
  await page.evaluate(() => window.sosHmi.sim.inject('microphone-fault'));
  await hmi.advance(1000);
  const { assertive } = await hmi.announcements();
  expect(assertive, 'the malfunction is announced assertively').toMatch(/malfunction/i);
});

for (const theme of ['day', 'night'] as const) {
  test(`roles, names and WCAG AA contrast on every emergency screen (${theme})`, async ({ page }) => {
    const hmi = await open(page, theme);
    const check = async (what: string): Promise<void> => {
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(
        await axeViolations(page, [
          'color-contrast',
          'button-name',
          'aria-allowed-role',
          'aria-required-attr',
        ]),
        `${what} (${theme})`,
      ).toEqual([]);
      // Every control on screen has a role a screen reader knows and a name.
      const unnamed = await page.evaluate(() => {
        const out: string[] = [];
        const visit = (root: Document | ShadowRoot): void => {
          for (const el of Array.from(
            root.querySelectorAll<HTMLElement>('button, [role="button"], a[href]'),
          )) {
            const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
            if (!name && !el.getAttribute('aria-labelledby')) out.push(el.outerHTML.slice(0, 80));
          }
          for (const host of Array.from(root.querySelectorAll('*')))
            if (host.shadowRoot) visit(host.shadowRoot);
        };
        visit(document);
        return out;
      });
      expect(unnamed, `${what}: controls without a name`).toEqual([]);
    };
    await check('status screen');
    await page.evaluate(() => window.sosHmi.sim.pressSos());
    await check('cancel flow');
    await (await hmi.screen()).choose('Call now', 'touch');
    await hmi.advance(ANSWER_MS);
    await check('active call, connecting');
    await hmi.advance(6000);
    await check('active call, connected');
    // The network goes: the call drops, the redial fails at once; the unit waits for the next attempt.
    await page.evaluate(() => window.sosHmi.sim.inject('no-cellular'));
    await hmi.advance(1100);
    await expect(page.locator('sos-app main > sos-call-redialing')).toHaveCount(1);
    await check('redialling');
    await page.evaluate(() => window.sosHmi.sim.clear('no-cellular'));
    await hmi.advance(5000 + 6100);
    expect((await hmi.state()).call.phase, 'the redial connected').toBe('voice');
    await page.evaluate(() => window.sosHmi.sim.centreEndsCall());
    await check('call ended');
    await (await hmi.screen()).choose('Close', 'touch');
    await check('call-back waiting');
    await page.evaluate(() => window.sosHmi.sim.centreCallsBack());
    await hmi.advance(600);
    await check('call-back');
    await page.evaluate(() => window.sosHmi.sim.centreEndsCall());
    await (await hmi.screen()).choose('Close', 'touch');
    // The centre never answers: every attempt times out until the redial window closes.
    await page.evaluate(() => window.sosHmi.sim.callCentre({ noAnswer: true }));
    await page.evaluate((crash) => window.sosHmi.sim.crash(crash), CRASH);
    for (let i = 0; i < 10 && (await hmi.state()).call.screen !== 'failed'; i++) await hmi.advance(5000);
    await check('call failed');
    await (await hmi.screen()).choose('Close', 'touch');
    await page.evaluate(() => window.sosHmi.sim.callCentre({ noAnswer: false }));
    // A crash with a dead telematics unit: nobody confirms an emergency call.
    await page.evaluate(() => window.sosHmi.sim.inject('control-module-failure'));
    await page.evaluate((crash) => window.sosHmi.sim.crash(crash), CRASH);
    // 5 s, judged on the car's clock too: by the first cyclic message after them.
    await hmi.advance(6000);
    await expect(page.locator('sos-app main > sos-call-failed h1')).toHaveText(
      /Emergency call not confirmed/,
    );
    await check('call not confirmed');
    await (await hmi.screen()).choose('Close', 'touch');
    await page.evaluate(() => window.sosHmi.sim.clear('control-module-failure'));
    await hmi.advance(1000);
    await page.evaluate(() => window.sosHmi.sim.pressSos());
    await (await hmi.screen()).choose('Cancel call', 'touch');
    await hmi.advance(ANSWER_MS);
    await check('call cancelled');
    await (await hmi.screen()).choose('Close', 'touch');
    // A test call asked for the moment a crash starts an emergency call: refused, in the status bar.
    await (await hmi.screen()).choose('Diagnosis', 'touch');
    await expect(page.locator('sos-app main > sos-self-test-results')).toHaveCount(1);
    await (await hmi.screen()).choose('Test call', 'touch');
    await page.evaluate((crash) => window.sosHmi.sim.crash(crash), CRASH);
    await hmi.advance(ANSWER_MS);
    await expect(hmi.notice()).toHaveText('A call is already in progress');
    await check('refusal in the status bar');
    await hmi.advance(6000);
    await page.evaluate(() => window.sosHmi.sim.centreEndsCall());
    await (await hmi.screen()).choose('Close', 'touch');
    await (await hmi.screen()).choose('Close', 'touch');
    await page.evaluate(() => window.sosHmi.sim.inject('most-node-failure:satellite-radio'));
    await hmi.advance(1000);
    await check('malfunction message');
  });
}
