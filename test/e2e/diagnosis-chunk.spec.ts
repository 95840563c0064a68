/**
 * The diagnosis pages are a chunk of their own: a head unit does not download them at start-up, the
 * shell loads them when the driver opens diagnosis, and a chunk that cannot load leaves the status
 * screen up (logged, never a blank screen).
 */
import { test as base } from '@playwright/test';
import { HmiHarness } from '../flows/harness/hmi.js';
import { SelfTestResultsHarness, StatusScreenHarness } from '../flows/harness/screens.js';
import { expect, expectHeading, openReady, scriptRequests, test } from './hmi.js';

const DIAGNOSIS_CHUNK = /\/assets\/diagnosis-[\w-]+\.js$/;

// The head-unit page with a vehicle link that never answers: the bench's `headUnit` page. The link's
// connection errors are expected here, so this uses Playwright's own `test`, not the strict one.
base('a head unit does not download the diagnosis pages at start-up', async ({ page }) => {
  const scripts = scriptRequests(page);
  await page.goto('/?bridge=ws&url=ws://127.0.0.1:9');
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function');
  await expect(page.locator('sos-app')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.some((url) => url.includes('/assets/system-'))).toBe(true);
  expect(scripts.filter((url) => DIAGNOSIS_CHUNK.test(url))).toEqual([]);
  // Neither preloaded nor prefetched: it is loaded on demand.
  await expect(page.locator('link[href*="/assets/diagnosis-"]')).toHaveCount(0);
  expect(await page.evaluate(() => customElements.get('sos-self-test-results'))).toBeUndefined();
});

test('opening diagnosis loads the diagnosis pages and shows the self-test results', async ({ page }) => {
  const scripts = scriptRequests(page);
  const hmi = await openReady(page);
  expect(scripts.filter((url) => DIAGNOSIS_CHUNK.test(url))).toEqual([]);

  await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
  await expectHeading(await hmi.as(SelfTestResultsHarness), 'Self-test results');
  expect(scripts.filter((url) => DIAGNOSIS_CHUNK.test(url))).toHaveLength(1);
});

test('a diagnosis chunk that cannot load leaves the status screen up, and the next try opens it', async ({
  page,
  problems,
}) => {
  let blocked = true;
  await page.route(DIAGNOSIS_CHUNK, (route) => (blocked ? route.abort('failed') : route.continue()));
  const hmi = await openReady(page);
  const status = await hmi.as(StatusScreenHarness);
  const logged = page.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes('[sos-hmi]'));

  await status.openDiagnosis('touch');
  expect((await logged).text()).toContain('the diagnosis pages could not load');
  // Diagnosis is closed again: the status screen with its own bar title, not a blank page.
  await expect
    .poll(async () => (await page.evaluate(() => window.sosHmi.state())).diagnostics.page)
    .toBe(null);
  await expectHeading(await new HmiHarness(page).as(StatusScreenHarness), 'SOS ready');
  await expect(page.locator('sos-app').locator('sos-self-test-results')).toHaveCount(0);

  // The expected failure, and only it, is what the page reported.
  expect(problems.messages).toContainEqual(
    expect.stringMatching(/^console error: \[sos-hmi\] the diagnosis pages could not load/),
  );
  const expected = [
    /^request failed: .*\/assets\/diagnosis-/,
    /^console error: Failed to load resource: net::ERR_FAILED$/,
    /^console error: \[sos-hmi\] the diagnosis pages could not load/,
  ];
  expect(problems.messages.filter((m) => !expected.some((e) => e.test(m)))).toEqual([]);
  problems.messages.length = 0;

  blocked = false;
  await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
  await expectHeading(await hmi.as(SelfTestResultsHarness), 'Self-test results');
});
