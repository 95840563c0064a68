/** `?lang=`: the screens speak German, French, Italian or Spanish; English stays the default. */
import type { Page } from '@playwright/test';
import { HmiHarness } from '../flows/harness/hmi.js';
import {
  ActiveCallHarness,
  CancelFlowHarness,
  MalfunctionHarness,
  StatusScreenHarness,
} from '../flows/harness/screens.js';
import { advance, advanceUntil, expect, expectHeading, sim, test } from './hmi.js';

async function open(page: Page, search: string): Promise<HmiHarness> {
  const hmi = new HmiHarness(page);
  await hmi.open(`clock=manual&bridge=mock&${search}`);
  return hmi;
}

test('?lang=de shows German on the status screen and in a call', async ({ page }) => {
  const hmi = await open(page, 'lang=de&scenario=ready');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await advance(page, 5000);
  const status = await hmi.as(StatusScreenHarness);
  await expectHeading(status, 'SOS bereit');
  await expect(status.text('Im Notfall die Abdeckung über dem Innenspiegel öffnen')).toBeVisible();
  await sim.pressSos(page);
  await advance(page, 500);
  const cancel = await hmi.as(CancelFlowHarness);
  await expectHeading(cancel, /^Notruf in \d+ s$/);
  await expect.poll(() => cancel.visibleActions()).toContain('Notruf abbrechen');
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice', maxMs: 60_000 });
  const call = await hmi.as(ActiveCallHarness);
  await expectHeading(call, 'Verbunden');
  await expect(call.text('SOS-Taste 2 s halten, um den Anruf zu beenden')).toBeVisible();
});

test('?lang=de shows the malfunction in German', async ({ page }) => {
  const hmi = await open(page, 'lang=de&scenario=ring-break-satellite-radio');
  await advance(page, 5000);
  const warning = await hmi.as(MalfunctionHarness);
  await expectHeading(warning, 'SOS-Störung');
  await expect.poll(() => warning.visibleActions()).toContain('OK');
});

test('German Check Control with three faults: the phone line stays, no entry is cut in half', async ({
  page,
}) => {
  const hmi = await open(page, 'lang=de&scenario=ready&faults=no-gps,no-cellular,microphone-fault');
  await advance(page, 5000);
  const warning = await hmi.as(MalfunctionHarness);
  await expectHeading(warning, 'SOS-Störung');
  await expect(warning.phoneInstruction()).toHaveText('Im Notfall 112 mit einem Telefon anrufen.');
  await expect(warning.phoneInstruction()).toBeInViewport({ ratio: 1 });
  const lists = await warning.listEntries();
  expect(lists.cut, 'entries cut at the bottom of the card').toBe(0);
  expect(lists.shown).toBeGreaterThanOrEqual(3);
  // German needs more lines than the card has: what does not fit is hidden and marked "…".
  expect(lists.hidden).toBeGreaterThan(0);
  expect(lists.ellipsis).toBe(true);
});

for (const [lang, ready] of [
  ['fr', 'SOS prêt'],
  ['it', 'SOS pronto'],
  ['es', 'SOS listo'],
  ['en', 'SOS ready'],
] as const) {
  test(`?lang=${lang} status line`, async ({ page }) => {
    const hmi = await open(page, `lang=${lang}&scenario=ready`);
    await advance(page, 5000);
    await expectHeading(await hmi.as(StatusScreenHarness), ready);
  });
}

test('an unknown language falls back to English', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const hmi = await open(page, 'lang=xx&scenario=ready');
  await advance(page, 5000);
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS ready');
  expect(warnings.join('\n')).toContain('?lang=xx');
});
