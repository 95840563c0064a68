/** SOS status line: self-test at ignition on, ready, standby, and never "ready" without fresh data. */
import { StatusScreenHarness } from '../flows/harness/screens.js';
import {
  advance,
  expect,
  expectHeading,
  openHmi,
  openReady,
  sim,
  snapshot,
  state,
  summary,
  test,
} from './hmi.js';

test('ready scenario: after the self-test the status line says SOS ready', async ({ page }, testInfo) => {
  const hmi = await openHmi(page, { scenario: 'ready' });
  await advance(page, 4000);
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS ready');
  const s = await state(page);
  expect(s.status.level, JSON.stringify(summary(s))).toBe('ready');
  expect(s.status.telltale).toBe('ready');
  expect(await hmi.telltale()).toBe('ready');
  expect(s.malfunction.visible).toBe(false);
  await snapshot(page, testInfo, 'status-ready');
});

test('ignition off shows standby; ignition on runs the 3 s bulb check before ready', async ({
  page,
}, testInfo) => {
  const hmi = await openReady(page);
  const status = await hmi.as(StatusScreenHarness);
  await sim.ignition(page, 'off');
  await advance(page, 500);
  await expectHeading(status, 'SOS standby');

  await sim.ignition(page, 'on');
  await advance(page, 1000);
  await expectHeading(status, 'SOS self-test');
  expect((await state(page)).status.telltale).toBe('bulbCheck');
  await snapshot(page, testInfo, 'status-self-test');

  await advance(page, 2500);
  await expectHeading(status, 'SOS ready');
});

test('vehicle data goes silent (battery reset): the status is not "SOS ready"', async ({
  page,
}, testInfo) => {
  const hmi = await openReady(page);
  await sim.batteryReset(page);
  await advance(page, 3500);
  const s = await state(page);
  expect(s.status.level, JSON.stringify(summary(s))).not.toBe('ready');
  await expect(hmi.heading()).not.toContainText('SOS ready');
  await snapshot(page, testInfo, 'status-no-data');
});
