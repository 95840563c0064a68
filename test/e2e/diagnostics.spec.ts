/**
 * Diagnosis end to end: inject each fault with window.sosHmi.sim, open the malfunction warning,
 * follow Details → Guide to the right guide, and on to the ring diagram showing the right unit.
 * Also: the fault memory survives a reload, the test call looks like a test, and after a call the
 * contacts notice and directions to the nearest police station and hospital.
 */
import type { Fault } from '../../src/sim/faults.js';
import type { GuideId } from '../../src/machines/model/guides.js';
import type { FaultLogEntry } from '../../src/machines/model/faultLog.js';
import type { MostNode } from '../../src/bridge/signals.js';
import {
  ActiveCallHarness,
  CallEndedHarness,
  FaultMemoryHarness,
  GuideHarness,
  MalfunctionHarness,
  RingDiagramHarness,
  SelfTestResultsHarness,
  StatusScreenHarness,
  TestCallEndedHarness,
} from '../flows/harness/screens.js';
import {
  advance,
  commandsOfType,
  expect,
  expectHeading,
  openReady,
  requestTypes,
  session,
  sim,
  snapshot,
  state,
  test,
} from './hmi.js';

const RING_GUIDE: Record<MostNode, { guide: GuideId; title: string }> = {
  'satellite-radio': { guide: 'satelliteRadio', title: 'Satellite radio tuner' },
  amplifier: { guide: 'amplifier', title: 'Audio amplifier' },
  telematics: { guide: 'controlModule', title: 'SOS control module' },
  'hands-free': { guide: 'bluetoothModule', title: 'Bluetooth hands-free module' },
  'head-unit': { guide: 'headUnit', title: 'iDrive head unit' },
};

const RING_FAULTS: Fault[] = (['most-node-failure', 'fibre-damage', 'blown-fuse'] as const).flatMap((kind) =>
  (Object.keys(RING_GUIDE) as MostNode[]).map((unit) => `${kind}:${unit}` as Fault),
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
  const unit = fault.split(':')[1] as MostNode;
  const { guide, title } = RING_GUIDE[unit];
  test(`${fault}: warning → Details → guide "${title}" → ring diagram with the ${unit} suspected`, async ({
    page,
  }) => {
    const hmi = await openReady(page);
    await sim.inject(page, fault);
    await advance(page, 2000);
    const warning = await hmi.as(MalfunctionHarness);
    await expectHeading(warning, 'SOS malfunction');
    await warning.details('touch');
    await warning.openGuide('touch');
    const guidePage = await hmi.as(GuideHarness);
    await expectHeading(guidePage, title);
    await expect(guidePage.notASubstitute()).toContainText('112');
    let s = await state(page);
    expect(s.diagnostics.page).toEqual({ screen: 'guide', guide });
    // Opening the guide acknowledged the Check Control message; the fault stays present.
    expect(s.malfunction.visible).toBe(false);
    expect(s.malfunction.present).toBe(true);

    await guidePage.ringDiagram('touch');
    const ring = await hmi.as(RingDiagramHarness);
    await expectHeading(ring, 'Fibre-optic ring (MOST)');
    await expect(ring.unit(unit)).toHaveAttribute('data-state', 'suspect');
    // Nothing behind the break is called faulty.
    await expect(ring.unitsIn('fault')).toHaveCount(0);
    s = await state(page);
    expect(s.diagnostics.ring.suspects[0]).toEqual({ kind: 'unit', unit });
  });
}

for (const [fault, guide, title] of OTHER_FAULTS) {
  test(`${fault}: warning → Details → guide "${title}"`, async ({ page }) => {
    const hmi = await openReady(page);
    await sim.inject(page, fault);
    await advance(page, 2000);
    const warning = await hmi.as(MalfunctionHarness);
    await expectHeading(warning, 'SOS malfunction');
    await warning.details('touch');
    await warning.openGuide('touch');
    await expectHeading(await hmi.as(GuideHarness), title);
    expect((await state(page)).diagnostics.page).toEqual({ screen: 'guide', guide });
  });
}

test('bypass test with the iDrive controller: the ring closes with the satellite radio bypassed', async ({
  page,
}, testInfo) => {
  const hmi = await openReady(page);
  await sim.inject(page, 'most-node-failure:satellite-radio');
  await advance(page, 2000);
  // Controller only: Details (one push from OK), Guide (one more), then the ring diagram from the guide.
  const warning = await hmi.as(MalfunctionHarness);
  await expect.poll(() => warning.focusedAction()).toBe('OK');
  await warning.push('next');
  await expect.poll(() => warning.focusedAction()).toBe('Details');
  await warning.press();
  await warning.push('next');
  await expect.poll(() => warning.focusedAction()).toBe('Guide');
  await warning.press();
  const guidePage = await hmi.as(GuideHarness);
  await expectHeading(guidePage, 'Satellite radio tuner');
  await guidePage.ringDiagram('controller');
  const ring = await hmi.as(RingDiagramHarness);
  await expectHeading(ring, 'Fibre-optic ring (MOST)');
  // The bypass action is the default selection on the ring diagram.
  await expect.poll(() => ring.focusedAction()).toBe('Bypass Satellite radio');
  await ring.press();
  await advance(page, 1000);
  await expect(ring.verdict()).toHaveAttribute('data-verdict', 'closedWithBypass');
  const bypass = await commandsOfType(page, 'setRingBypass');
  expect(bypass.map((c) => c.command)).toEqual([
    { type: 'setRingBypass', unit: 'satellite-radio', bypassed: true },
  ]);
  await snapshot(page, testInfo, 'ring-bypassed');
  // Back goes back through the pages, then out of diagnosis.
  await ring.back();
  await expectHeading(await hmi.as(GuideHarness), 'Satellite radio tuner');
});

test('self-test results list the UN R144 cases, with results and time', async ({ page }) => {
  const hmi = await openReady(page);
  await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
  const results = await hmi.as(SelfTestResultsHarness);
  await expectHeading(results, 'Self-test results');
  for (const item of ['cellular-antenna', 'gnss-antenna', 'microphone', 'loudspeaker', 'hmi-link'] as const) {
    await expect(results.r144Mark(item)).toBeVisible();
  }
  await sim.inject(page, 'speaker-fault');
  await advance(page, 1500);
  await (await hmi.as(MalfunctionHarness)).acknowledge('touch');
  await (await hmi.as(SelfTestResultsHarness)).runSelfTest('touch');
  await advance(page, 2000);
  await expect(results.row('loudspeaker')).toHaveAttribute('data-result', 'fault');
  await expect(results.row('microphone')).toHaveAttribute('data-result', 'ok');
  const s = await state(page);
  expect(s.diagnostics.selfTest.rows.find((r) => r.item === 'loudspeaker')?.checkedAt).toBeGreaterThan(0);
});

test('fault memory is kept across a reload and exports JSON', async ({ page }) => {
  const hmi = await openReady(page);
  await sim.inject(page, 'most-node-failure:amplifier');
  await advance(page, 2000);
  const before = await page.evaluate(() => window.sosHmi.faultLog());
  expect(before.some((e: FaultLogEntry) => e.kind === 'fault' && e.cause === 'ringBreak')).toBe(true);

  await page.reload();
  await page.waitForFunction(() => typeof window.sosHmi?.faultLog === 'function');
  await advance(page, 4000);
  const after = await page.evaluate(() => window.sosHmi.faultLog());
  expect(after.slice(0, before.length)).toEqual(before);
  await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
  // The reload started a fresh vehicle without the fault: the diagnosis opens on the self-test results.
  await (await hmi.as(SelfTestResultsHarness)).open('Fault memory', 'touch');
  const memory = await hmi.as(FaultMemoryHarness);
  await expectHeading(memory, 'Fault memory');
  await expect(memory.entries('fault').first()).toContainText('Fibre-optic ring interrupted');
  const download = page.waitForEvent('download');
  await memory.exportJson('touch');
  const file = await download;
  expect(file.suggestedFilename()).toBe('sos-fault-memory.json');
});

test('test call: its own screens, flagged as a test, no emergency services', async ({ page }, testInfo) => {
  const hmi = await openReady(page);
  await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
  await (await hmi.as(SelfTestResultsHarness)).testCall('touch');
  await advance(page, 5000);
  const call = await hmi.as(ActiveCallHarness);
  await expect(call.text('TEST CALL — no emergency services')).toBeVisible();
  expect((await state(page)).call.kind).toBe('test');
  // The occupant asked for a test session; the unit runs it (never an emergency).
  expect(await requestTypes(page)).toEqual(['startTestCall']);
  expect(await session(page)).toMatchObject({ kind: 'test', attempt: 1, crash: null });
  await snapshot(page, testInfo, 'test-call-active');
  await advance(page, 10_000);
  const ended = await hmi.as(TestCallEndedHarness);
  await expectHeading(ended, 'Test call passed');
  await ended.close('touch');
  await expectHeading(await hmi.as(SelfTestResultsHarness), 'Self-test results');
});

test('after the call: contacts notified and directions to the nearest hospital', async ({
  page,
}, testInfo) => {
  const hmi = await openReady(page);
  await sim.pressSos(page);
  await advance(page, 11_000);
  await advance(page, 6000);
  await expect((await hmi.as(ActiveCallHarness)).contactsNotified()).toBeVisible();
  await sim.centreEndsCall(page);
  await advance(page, 500);
  const ended = await hmi.as(CallEndedHarness);
  await expectHeading(ended, 'Call ended');
  await expect(ended.text('Emergency contacts notified')).toBeVisible();
  await expect(ended.place('police')).toContainText('Nearest police station');
  await ended.directionsTo('hospital', 'touch');
  const guidance = await commandsOfType(page, 'startGuidance');
  expect(guidance).toHaveLength(1);
  expect(guidance[0]!.command.name).toContain('Klinikum');
  await snapshot(page, testInfo, 'call-ended-directions');
});
