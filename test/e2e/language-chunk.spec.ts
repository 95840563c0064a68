/**
 * Languages other than English are chunks of their own. One that cannot load must not leave the
 * machines running without screens: the HMI starts in English and says why in the log.
 */
import { HmiHarness } from '../flows/harness/hmi.js';
import { ActiveCallHarness, StatusScreenHarness } from '../flows/harness/screens.js';
import { advance, expect, expectHeading, test } from './hmi.js';

const LANGUAGE_CHUNKS = /\/assets\/(localization|de)-[\w-]+\.js$/;

test('a language that cannot load: the HMI starts in English, reports it, and a crash still shows the call', async ({
  page,
  problems,
}) => {
  await page.route(LANGUAGE_CHUNKS, (route) => route.abort('failed'));
  const logged = page.waitForEvent('console', (m) => m.type() === 'error' && m.text().includes('[sos-hmi]'));
  const hmi = new HmiHarness(page);
  await hmi.open('clock=manual&bridge=mock&scenario=ready&lang=de');
  expect((await logged).text()).toContain('the "de" texts could not load; showing English');
  await advance(page, 4000);
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS ready');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

  await page.evaluate(() => window.sosHmi.sim.crash({ severity: 3, airbagDeployed: true }));
  await hmi.as(ActiveCallHarness);

  const expected = [
    /^request failed: .*\/assets\/(localization|de)-/,
    /^console error: Failed to load resource: net::ERR_FAILED$/,
    /^console error: \[sos-hmi\] the "de" texts could not load/,
  ];
  expect(problems.messages.filter((m) => !expected.some((e) => e.test(m)))).toEqual([]);
  problems.messages.length = 0;
});
