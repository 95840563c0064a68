/**
 * Accessibility beyond the per-state axe runs of the flows: live regions announce call phases and
 * malfunctions (their text changes as the phase does), every control has a role and a name, and
 * text contrast meets WCAG AA in the day and the night theme on every emergency screen.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/hmi.js';
import { axeViolations } from './harness/checks.js';
import { HmiHarness } from './harness/hmi.js';
import { BOOT_MS, SILENT_CENTRE } from './model.js';

async function open(page: Page, theme: 'day' | 'night'): Promise<HmiHarness> {
  const hmi = new HmiHarness(page);
  await hmi.open(`clock=manual&bridge=mock&theme=${theme}`);
  await page.evaluate(
    ({ centre, boot }) => {
      window.sosHmi.sim.callCentre(centre);
      window.sosHmi.sim.advance(boot);
    },
    { centre: SILENT_CENTRE, boot: BOOT_MS },
  );
  return hmi;
}

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
  await listen();
  for (const phase of ['connected', 'msdAcknowledged', 'voiceConnected']) {
    await hmi.vehicleSays({ type: 'callProgress', phase });
    await listen();
  }
  await hmi.vehicleSays({ type: 'callProgress', phase: 'endedByCentre' });
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
    await check('active call, connecting');
    await hmi.vehicleSays({ type: 'callProgress', phase: 'voiceConnected' });
    await check('active call, connected');
    await hmi.vehicleSays({ type: 'callProgress', phase: 'dropped', reason: 'network lost' });
    await check('redialling');
    await hmi.vehicleSays({ type: 'callProgress', phase: 'voiceConnected' });
    await hmi.vehicleSays({ type: 'callProgress', phase: 'endedByCentre' });
    await check('call ended');
    await (await hmi.screen()).choose('Close', 'touch');
    await check('call-back waiting');
    await hmi.vehicleSays({ type: 'callProgress', phase: 'callbackIncoming' });
    await check('call-back');
    await hmi.vehicleSays({ type: 'callProgress', phase: 'endedByCentre' });
    await (await hmi.screen()).choose('Close', 'touch');
    await page.evaluate(() => window.sosHmi.sim.crash({}));
    await hmi.vehicleSays({ type: 'callProgress', phase: 'failed', reason: 'no answer' });
    await hmi.advance(21_000);
    for (let i = 0; i < 10 && (await hmi.state()).call.screen !== 'failed'; i++) {
      await hmi.vehicleSays({ type: 'callProgress', phase: 'failed', reason: 'no answer' });
      await hmi.advance(31_000);
    }
    await check('call failed');
    await (await hmi.screen()).choose('Close', 'touch');
    await page.evaluate(() => window.sosHmi.sim.pressSos());
    await (await hmi.screen()).choose('Cancel call', 'touch');
    await check('call cancelled');
    await (await hmi.screen()).choose('Close', 'touch');
    await page.evaluate(() => window.sosHmi.sim.inject('most-node-failure:satellite-radio'));
    await hmi.advance(1000);
    await check('malfunction message');
  });
}
