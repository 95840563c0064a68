/**
 * Each malfunction of the product description: Check Control "SOS malfunction" with the crossed-out
 * telltale; acknowledged with OK; shown again at the next ignition; a battery reset clears a
 * software glitch. No GPS only limits the system and raises no warning.
 */
import type { Fault } from '../../src/sim/faults.js';
import { MalfunctionHarness, StatusScreenHarness } from '../flows/harness/screens.js';
import {
  advance,
  advanceUntil,
  expect,
  expectHeading,
  openReady,
  sim,
  snapshot,
  state,
  summary,
  test,
} from './hmi.js';

/** Causes from the product description, as the simulator injects them. */
const MALFUNCTIONS: readonly Fault[] = [
  'software-glitch',
  'control-module-failure',
  'bluetooth-fault',
  'no-cellular',
  'most-node-failure:satellite-radio',
  'most-node-failure:amplifier',
  'most-node-failure:telematics',
  'most-node-failure:hands-free',
  'fibre-damage:telematics',
  'fibre-damage:amplifier',
  'blown-fuse:amplifier',
  'blown-fuse:telematics',
  // The head unit itself stays up and reports its blown MOST fuse.
  'blown-fuse:head-unit',
];

/** Single-unit faults (UN R144 cases): a call still works with limits, but the driver is warned. */
const LIMITING_WARNINGS: readonly Fault[] = [
  'microphone-fault',
  'speaker-fault',
  'sos-button-fault',
  'crash-sensor-fault',
  'backup-battery-low',
];

for (const fault of MALFUNCTIONS) {
  test(`${fault}: SOS malfunction warning, SOS unavailable, crossed-out telltale`, async ({
    page,
  }, testInfo) => {
    const hmi = await openReady(page);
    await sim.inject(page, fault);
    await advance(page, 4000);
    const warning = await hmi.as(MalfunctionHarness);
    await expectHeading(warning, 'SOS malfunction');
    const s = await state(page);
    expect(s.status.level, JSON.stringify(summary(s))).toBe('unavailable');
    expect(s.status.telltale).toBe('malfunction');
    expect(s.malfunction.present).toBe(true);
    expect(s.malfunction.visible).toBe(true);
    expect(s.status.causes.length).toBeGreaterThan(0);
    await expect.poll(() => warning.visibleActions()).toEqual(['OK', 'Details']);
    await snapshot(page, testInfo, `malfunction-${fault.replace(':', '-')}`);
  });
}

for (const fault of LIMITING_WARNINGS) {
  test(`${fault}: SOS malfunction warning, SOS limited`, async ({ page }) => {
    const hmi = await openReady(page);
    await sim.inject(page, fault);
    await advance(page, 4000);
    await expectHeading(await hmi.as(MalfunctionHarness), 'SOS malfunction');
    const s = await state(page);
    expect(s.status.level, JSON.stringify(summary(s))).toBe('limited');
    expect(s.malfunction.present).toBe(true);
  });
}

test('no GPS: SOS limited, no malfunction warning', async ({ page }, testInfo) => {
  const hmi = await openReady(page);
  await sim.inject(page, 'no-gps');
  await advance(page, 4000);
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS limited');
  await expect(hmi.heading()).not.toContainText('SOS malfunction');
  const s = await state(page);
  expect(s.status.level, JSON.stringify(summary(s))).toBe('limited');
  expect(s.malfunction.visible).toBe(false);
  await snapshot(page, testInfo, 'status-limited-no-gps');
});

test('OK acknowledges the warning; it comes back at the next ignition', async ({ page }, testInfo) => {
  const hmi = await openReady(page);
  await sim.inject(page, 'control-module-failure');
  await advance(page, 4000);
  const warning = await hmi.as(MalfunctionHarness);
  await expectHeading(warning, 'SOS malfunction');

  // OK is the selection the warning opens with: one press of the controller acknowledges it.
  await expect.poll(() => warning.focusedAction()).toBe('OK');
  await warning.press();
  await hmi.as(StatusScreenHarness);
  await expect(hmi.heading()).not.toContainText('SOS malfunction');
  let s = await state(page);
  expect(s.malfunction.visible).toBe(false);
  // Acknowledged, not repaired: the telltale stays crossed out.
  expect(s.malfunction.present).toBe(true);
  expect(s.status.telltale).toBe('malfunction');
  await snapshot(page, testInfo, 'malfunction-acknowledged');

  await sim.ignition(page, 'off');
  await advance(page, 2000);
  await sim.ignition(page, 'on');
  await advance(page, 4000);
  await expectHeading(await hmi.as(MalfunctionHarness), 'SOS malfunction');
  s = await state(page);
  expect(s.malfunction.visible).toBe(true);
});

test('a battery reset clears a software glitch', async ({ page }, testInfo) => {
  const hmi = await openReady(page);
  await sim.inject(page, 'software-glitch');
  await advance(page, 4000);
  await expectHeading(await hmi.as(MalfunctionHarness), 'SOS malfunction');

  await sim.batteryReset(page);
  await advanceUntil(page, (s) => s.status.level === 'ready', {
    stepMs: 500,
    maxMs: 20_000,
    what: 'SOS ready',
  });
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS ready');
  const s = await state(page);
  expect(s.malfunction.present).toBe(false);
  await expect(hmi.heading()).not.toContainText('SOS malfunction');
  await snapshot(page, testInfo, 'battery-reset-ready');
});
