/**
 * The built app starts in a real Chromium with no errors and no network, the production bundle
 * holds nothing an older head-unit engine cannot parse, and both themes apply.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HmiHarness } from '../flows/harness/hmi.js';
import { StatusScreenHarness } from '../flows/harness/screens.js';
import { expect, expectHeading, openHmi, snapshot, test } from './hmi.js';

test('the app starts with default settings: real time, mock bridge, a status line', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function');
  // Any one of the status lines: with real time the self-test may already be over.
  await expectHeading(new HmiHarness(page), /^\s*SOS /);
  const s = await page.evaluate(() => window.sosHmi.state());
  expect(s.bridge.kind).toBe('mock');
  await snapshot(page, testInfo, 'start-default');
});

test('the built bundle has no class static blocks and no un-lowered decorators', async () => {
  const assets = join(process.cwd(), 'dist', 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const name of scripts) {
    const code = readFileSync(join(assets, name), 'utf8');
    // WPE WebKit 2.38 has no `static {}`: one kills the whole module without a visible error.
    expect(code, `${name}: class static block`).not.toMatch(/\bstatic\s*\{/);
    // Un-lowered decorators are "Invalid or unexpected token" in browsers.
    expect(code, `${name}: raw decorator`).not.toMatch(
      /@(customElement|property|state|query|consume|provide)\s*\(/,
    );
  }
});

/** The background colour actually painted in the middle of the screen. */
async function paintedBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    while (el) {
      const colour = getComputedStyle(el).backgroundColor;
      if (colour && colour !== 'transparent' && colour !== 'rgba(0, 0, 0, 0)') return colour;
      el = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null;
    }
    return getComputedStyle(document.documentElement).backgroundColor;
  });
}

test('day and night themes: data-theme on <html> and a different background', async ({ page }, testInfo) => {
  const dayHmi = await openHmi(page, { scenario: 'ready', theme: 'day' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'day');
  await dayHmi.advance(4000);
  await expectHeading(await dayHmi.as(StatusScreenHarness), 'SOS ready');
  const day = await paintedBackground(page);
  await snapshot(page, testInfo, 'theme-day');

  const nightHmi = await openHmi(page, { scenario: 'ready', theme: 'night' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  await nightHmi.advance(4000);
  await expectHeading(await nightHmi.as(StatusScreenHarness), 'SOS ready');
  const night = await paintedBackground(page);
  await snapshot(page, testInfo, 'theme-night');

  expect(night).not.toBe(day);
});
