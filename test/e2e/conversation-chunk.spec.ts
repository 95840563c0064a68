/**
 * The text conversation panel (phrases, on-screen keyboard) is a chunk of its own: a head unit does
 * not download it at start-up, the call screen loads it when the occupants open it, and a chunk that
 * cannot load leaves the call screen up (logged, the panel closed again, the next `Text` opens it).
 * The call itself never waits for it: the call screens are in the start-up chunks.
 */
import { test as base, type Page } from '@playwright/test';
import type { HmiHarness } from '../flows/harness/hmi.js';
import { ActiveCallHarness } from '../flows/harness/screens.js';
import { advanceUntil, expect, expectHeading, openHmi, scriptRequests, session, test } from './hmi.js';

const CONVERSATION_CHUNK = /\/assets\/call-conversation-[\w-]+\.js$/;

/** Opens a crash and waits until the voice channel is up (the unit's text channel is up with it). */
async function toVoice(page: Page): Promise<{ hmi: HmiHarness; call: ActiveCallHarness }> {
  const hmi = await openHmi(page, { scenario: 'crash' });
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected' });
  return { hmi, call: await hmi.as(ActiveCallHarness) };
}

// The head-unit page with a vehicle link that never answers: the bench's `headUnit` page. The link's
// connection errors are expected here, so this uses Playwright's own `test`, not the strict one.
base('a head unit does not download the text conversation at start-up', async ({ page }) => {
  const scripts = scriptRequests(page);
  await page.goto('/?bridge=ws&url=ws://127.0.0.1:9');
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function');
  await expect(page.locator('sos-app')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.some((url) => url.includes('/assets/screens-'))).toBe(true);
  expect(scripts.filter((url) => CONVERSATION_CHUNK.test(url))).toEqual([]);
  // Neither preloaded nor prefetched: it is loaded on demand.
  await expect(page.locator('link[href*="/assets/call-conversation-"]')).toHaveCount(0);
  expect(await page.evaluate(() => customElements.get('sos-call-conversation'))).toBeUndefined();
  expect(await page.evaluate(() => customElements.get('sos-text-keyboard'))).toBeUndefined();
  // The call screens are there at once.
  expect(await page.evaluate(() => customElements.get('sos-active-call') !== undefined)).toBe(true);
});

test('a call does not load the conversation; opening it does, once', async ({ page }) => {
  const scripts = scriptRequests(page);
  const { hmi, call } = await toVoice(page);
  expect(scripts.filter((url) => CONVERSATION_CHUNK.test(url))).toEqual([]);

  await call.choose('Text', 'touch');
  const panel = await hmi.panel();
  await expect(panel.root.locator('[data-phrase]').first()).toBeVisible();
  expect(scripts.filter((url) => CONVERSATION_CHUNK.test(url))).toHaveLength(1);

  // Closed and opened again: no second download.
  await panel.back();
  await expect(hmi.panels()).toHaveCount(0);
  await (await hmi.as(ActiveCallHarness)).choose('Text', 'touch');
  await hmi.panel();
  expect(scripts.filter((url) => CONVERSATION_CHUNK.test(url))).toHaveLength(1);
});

test('a conversation chunk that cannot load leaves the call screen up, and the next try opens it', async ({
  page,
  problems,
}) => {
  let blocked = true;
  await page.route(CONVERSATION_CHUNK, (route) => (blocked ? route.abort('failed') : route.continue()));
  const { hmi, call } = await toVoice(page);
  const logged = page.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes('[sos-hmi]'));

  await call.choose('Text', 'touch');
  expect((await logged).text()).toContain('the text conversation could not load');
  // The panel is closed again: the call screen as it was, the call going on.
  await expect
    .poll(async () => (await page.evaluate(() => window.sosHmi.state())).call.conversation.panel)
    .toBe(null);
  await expectHeading(await hmi.as(ActiveCallHarness), /^\s*Connected/);
  await expect(hmi.panels()).toHaveCount(0);
  expect((await session(page)).phase).toBe('voice');

  // The expected failure, and only it, is what the page reported.
  const expected = [
    /^request failed: .*\/assets\/call-conversation-/,
    /^console error: Failed to load resource: net::ERR_FAILED$/,
    /^console error: \[sos-hmi\] the text conversation could not load/,
  ];
  expect(problems.messages).toContainEqual(expect.stringMatching(expected[2]!));
  expect(problems.messages.filter((m) => !expected.some((e) => e.test(m)))).toEqual([]);
  problems.messages.length = 0;

  blocked = false;
  await (await hmi.as(ActiveCallHarness)).choose('Text', 'touch');
  const panel = await hmi.panel();
  await expect(panel.root.locator('[data-phrase]').first()).toBeVisible();
});
