/**
 * Diagnosis end to end: inject each fault with window.sosHmi.sim, open the malfunction warning,
 * follow Details → Guide to the right guide, and on to the ring diagram showing the right unit.
 * Also: the fault memory survives a reload, the test call looks like a test, and after a call the
 * contacts notice and directions to the nearest police station and hospital.
 */
import type { Fault } from '../../src/sim/faults.js';
import type { GuideId } from '../../src/machines/guides.js';
import type { FaultLogEntry } from '../../src/machines/faultLog.js';
import {
  advance,
  button,
  commandsOfType,
  expect,
  heading,
  openReady,
  sim,
  snapshot,
  state,
  test,
} from './hmi.js';

const RING_GUIDE: Record<string, { guide: GuideId; title: string }> = {
  'satellite-radio': { guide: 'satelliteRadio', title: 'Satellite radio tuner' },
  amplifier: { guide: 'amplifier', title: 'Audio amplifier' },
  telematics: { guide: 'controlModule', title: 'SOS control module' },
  'hands-free': { guide: 'bluetoothModule', title: 'Bluetooth hands-free module' },
  'head-unit': { guide: 'headUnit', title: 'iDrive head unit' },
};

const RING_FAULTS: Fault[] = (['most-node-failure', 'fibre-damage', 'blown-fuse'] as const).flatMap((kind) =>
  Object.keys(RING_GUIDE).map((unit) => `${kind}:${unit}` as Fault),
);

const OTHER_FAULTS: [Fault, GuideId, string][] = [
  ['software-glitch', 'softwareGlitch', 'SOS software not responding'],
  ['control-module-failure', 'controlModule', 'SOS control module'],
  ['bluetooth-fault', 'bluetoothModule', 'Bluetooth hands-free module'],
  ['no-cellular', 'noNetwork', 'No mobile network'],
  ['microphone-fault', 'microphone', 'Microphone'],
  ['speaker-fault', 'loudspeaker', 'Loudspeakers'],
  ['sos-button-fault', 'sosButton', 'SOS button'],
  ['crash-sensor-fault', 'crashSensor', 'Crash sensor'],
  ['backup-battery-low', 'backupBattery', 'SOS backup battery'],
];

for (const fault of RING_FAULTS) {
  const unit = fault.split(':')[1]!;
  const { guide, title } = RING_GUIDE[unit]!;
  test(`${fault}: warning → Details → guide "${title}" → ring diagram with the ${unit} suspected`, async ({
    page,
  }) => {
    await openReady(page);
    await sim.inject(page, fault);
    await advance(page, 2000);
    await expect(heading(page, 'SOS malfunction')).toBeVisible();
    await button(page, 'Details').click();
    await button(page, 'Guide').click();
    await expect(heading(page, title)).toBeVisible();
    await expect(page.locator('sos-guide [data-part="no-substitute"]')).toContainText('112');
    let s = await state(page);
    expect(s.diagnostics.page).toEqual({ screen: 'guide', guide });
    // Opening the guide acknowledged the Check Control message; the fault stays present.
    expect(s.malfunction.visible).toBe(false);
    expect(s.malfunction.present).toBe(true);

    await button(page, 'Ring diagram').click();
    await expect(heading(page, 'Fibre-optic ring (MOST)')).toBeVisible();
    const node = page.locator(`sos-ring-diagram [data-node="${unit}"]`);
    await expect(node).toHaveAttribute('data-state', 'suspect');
    // Nothing behind the break is called faulty.
    await expect(page.locator('sos-ring-diagram g.node[data-state="fault"]')).toHaveCount(0);
    s = await state(page);
    expect(s.diagnostics.ring.suspects[0]).toEqual({ kind: 'unit', unit });
  });
}

for (const [fault, guide, title] of OTHER_FAULTS) {
  test(`${fault}: warning → Details → guide "${title}"`, async ({ page }) => {
    await openReady(page);
    await sim.inject(page, fault);
    await advance(page, 2000);
    await expect(heading(page, 'SOS malfunction')).toBeVisible();
    await button(page, 'Details').click();
    await button(page, 'Guide').click();
    await expect(heading(page, title)).toBeVisible();
    expect((await state(page)).diagnostics.page).toEqual({ screen: 'guide', guide });
  });
}

test('bypass test with the iDrive controller: the ring closes with the satellite radio bypassed', async ({
  page,
}, testInfo) => {
  await openReady(page);
  await sim.inject(page, 'most-node-failure:satellite-radio');
  await advance(page, 2000);
  // Controller only: Details (rotate), Guide, then the ring diagram from the guide.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Satellite radio tuner')).toBeVisible();
  await button(page, 'Ring diagram').focus();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Fibre-optic ring (MOST)')).toBeVisible();
  // The bypass action is the default selection on the ring diagram.
  await expect(button(page, 'Bypass Satellite radio')).toBeFocused();
  await page.keyboard.press('Enter');
  await advance(page, 1000);
  await expect(page.locator('sos-ring-diagram [data-part="verdict"]')).toHaveAttribute(
    'data-verdict',
    'closedWithBypass',
  );
  const bypass = await commandsOfType(page, 'setRingBypass');
  expect(bypass.map((c) => c.command)).toEqual([
    { type: 'setRingBypass', unit: 'satellite-radio', bypassed: true },
  ]);
  await snapshot(page, testInfo, 'ring-bypassed');
  // Back goes back through the pages, then out of diagnosis.
  await page.keyboard.press('Escape');
  await expect(heading(page, 'Satellite radio tuner')).toBeVisible();
});

test('self-test results list the UN R144 cases, with results and time', async ({ page }) => {
  await openReady(page);
  await button(page, 'Diagnosis').click();
  await expect(heading(page, 'Self-test results')).toBeVisible();
  for (const item of ['cellular-antenna', 'gnss-antenna', 'microphone', 'loudspeaker', 'hmi-link']) {
    await expect(page.locator(`sos-self-test-results [data-item="${item}"] .r144`)).toBeVisible();
  }
  await sim.inject(page, 'speaker-fault');
  await advance(page, 1500);
  await button(page, 'OK').click();
  await button(page, 'Run self-test').click();
  await advance(page, 2000);
  await expect(page.locator('sos-self-test-results [data-item="loudspeaker"]')).toHaveAttribute(
    'data-result',
    'fault',
  );
  await expect(page.locator('sos-self-test-results [data-item="microphone"]')).toHaveAttribute(
    'data-result',
    'ok',
  );
  const s = await state(page);
  expect(s.diagnostics.selfTest.rows.find((r) => r.item === 'loudspeaker')?.checkedAt).toBeGreaterThan(0);
});

test('fault memory is kept across a reload and exports JSON', async ({ page }) => {
  await openReady(page);
  await sim.inject(page, 'most-node-failure:amplifier');
  await advance(page, 2000);
  const before = await page.evaluate(() => window.sosHmi.faultLog());
  expect(before.some((e: FaultLogEntry) => e.kind === 'fault' && e.cause === 'ringBreak')).toBe(true);

  await page.reload();
  await page.waitForFunction(() => typeof window.sosHmi?.faultLog === 'function');
  await advance(page, 4000);
  const after = await page.evaluate(() => window.sosHmi.faultLog());
  expect(after.slice(0, before.length)).toEqual(before);
  await button(page, 'Diagnosis').click();
  await page.getByRole('button', { name: 'Fault memory', exact: true }).click();
  await expect(heading(page, 'Fault memory')).toBeVisible();
  await expect(page.locator('sos-fault-memory .entry[data-kind="fault"]').first()).toContainText(
    'Fibre-optic ring interrupted',
  );
  const download = page.waitForEvent('download');
  await button(page, 'Export JSON').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('sos-fault-memory.json');
});

test('test call: its own screens, flagged as a test, no emergency services', async ({ page }, testInfo) => {
  await openReady(page);
  await button(page, 'Diagnosis').click();
  await button(page, 'Test call').click();
  await advance(page, 5000);
  await expect(page.getByText('TEST CALL — no emergency services')).toBeVisible();
  expect((await state(page)).call.kind).toBe('test');
  expect((await commandsOfType(page, 'startCall')).map((c) => c.command.kind)).toEqual(['test']);
  await snapshot(page, testInfo, 'test-call-active');
  await advance(page, 10_000);
  await expect(heading(page, 'Test call passed')).toBeVisible();
  await button(page, 'Close').click();
  await expect(heading(page, 'Self-test results')).toBeVisible();
});

test('after the call: contacts notified and directions to the nearest hospital', async ({
  page,
}, testInfo) => {
  await openReady(page);
  await sim.pressSos(page);
  await advance(page, 11_000);
  await advance(page, 6000);
  await expect(page.locator('sos-active-call [data-part="contacts-notified"]')).toBeVisible();
  await sim.centreEndsCall(page);
  await advance(page, 500);
  await expect(heading(page, 'Call ended')).toBeVisible();
  await expect(page.getByText('Emergency contacts notified')).toBeVisible();
  await expect(page.locator('sos-call-ended [data-poi="police"]')).toContainText('Nearest police station');
  await button(page, 'Hospital').click();
  const guidance = await commandsOfType(page, 'startGuidance');
  expect(guidance).toHaveLength(1);
  expect(guidance[0]!.command.name).toContain('Klinikum');
  await snapshot(page, testInfo, 'call-ended-directions');
});
