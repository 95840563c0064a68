/**
 * The pre-rendered first frame (scripts/first-frame.mjs, docs/performance.md): `index.html` paints
 * "SOS status unknown — connecting to vehicle" before any JavaScript runs, it never says more than
 * that, it is what the shell's code renders, and the code takes it over without doubling it.
 */
import { readFileSync } from 'node:fs';
import { FIRST_FRAME_FILE, fragmentOf, renderFirstFrameInPage } from '../../scripts/first-frame.mjs';
import { StatusScreenHarness } from '../flows/harness/screens.js';
import { advance, expect, expectHeading, openHmi, test } from './hmi.js';

test('with no JavaScript at all the page shows "SOS status unknown — connecting to vehicle", never ready', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 480 },
  });
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'SOS status unknown — connecting to vehicle',
    );
    await expect(page.getByText('Connecting to vehicle…')).toBeVisible();
    // The telltale in the bar and on the screen: the "unknown" symbol, not the ready one.
    const telltales = page.locator('sos-telltale');
    await expect(telltales).toHaveCount(2);
    for (const telltale of await telltales.all()) await expect(telltale).toHaveAttribute('state', 'unknown');
    await expect(page.getByText(/SOS ready/)).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('the pre-rendered frame is what the shell renders today (else: npm run first-frame)', async ({
  page,
}) => {
  await openHmi(page);
  const rendered = await page.evaluate(renderFirstFrameInPage);
  const served = await (await page.request.get('/')).text();
  const committed = fragmentOf(readFileSync(FIRST_FRAME_FILE, 'utf8'));
  expect(served, 'the built index.html carries src/first-frame.html').toContain(committed);
  expect(
    rendered,
    `${FIRST_FRAME_FILE} no longer matches the shell's first render: run \`npm run first-frame\``,
  ).toBe(committed);
});

test('the shell takes the pre-rendered frame over: one bar, one screen, then the vehicle status', async ({
  page,
}) => {
  const hmi = await openHmi(page, { scenario: 'ready' });
  const parts = await page.evaluate(() => {
    const root = document.querySelector('sos-app')?.shadowRoot;
    return {
      apps: document.querySelectorAll('sos-app').length,
      bars: root?.querySelectorAll('sos-status-bar').length ?? 0,
      mains: root?.querySelectorAll('main').length ?? 0,
      screens: root?.querySelector('main')?.children.length ?? 0,
    };
  });
  expect(parts).toEqual({ apps: 1, bars: 1, mains: 1, screens: 1 });
  await advance(page, 4000);
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS ready');
});
