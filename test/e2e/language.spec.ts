/** `?lang=`: the screens speak German, French, Italian or Spanish; English stays the default. */
import type { Page } from '@playwright/test';
import { advance, advanceUntil, button, expect, heading, sim, test } from './hmi.js';

async function open(page: Page, search: string): Promise<void> {
  await page.goto(`/?clock=manual&bridge=mock&${search}`);
  await page.waitForFunction(() => !!window.sosHmi?.sim);
}

test('?lang=de shows German on the status screen and in a call', async ({ page }) => {
  await open(page, 'lang=de&scenario=ready');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await advance(page, 5000);
  await expect(heading(page, 'SOS bereit')).toBeVisible();
  await expect(page.getByText('Im Notfall die Abdeckung über dem Innenspiegel öffnen')).toBeVisible();
  await sim.pressSos(page);
  await advance(page, 500);
  await expect(heading(page, /^Notruf in \d+ s$/)).toBeVisible();
  await expect(button(page, 'Notruf abbrechen')).toBeVisible();
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice', maxMs: 60_000 });
  await expect(heading(page, 'Verbunden')).toBeVisible();
  await expect(page.getByText('SOS-Taste 2 s halten, um den Anruf zu beenden')).toBeVisible();
});

test('?lang=de shows the malfunction in German', async ({ page }) => {
  await open(page, 'lang=de&scenario=ring-break-satellite-radio');
  await advance(page, 5000);
  await expect(heading(page, 'SOS-Störung')).toBeVisible();
  await expect(button(page, 'OK')).toBeVisible();
});

for (const [lang, ready] of [
  ['fr', 'SOS prêt'],
  ['it', 'SOS pronto'],
  ['es', 'SOS listo'],
  ['en', 'SOS ready'],
] as const) {
  test(`?lang=${lang} status line`, async ({ page }) => {
    await open(page, `lang=${lang}&scenario=ready`);
    await advance(page, 5000);
    await expect(heading(page, ready)).toBeVisible();
  });
}

test('an unknown language falls back to English', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await open(page, 'lang=xx&scenario=ready');
  await advance(page, 5000);
  await expect(heading(page, 'SOS ready')).toBeVisible();
  expect(warnings.join('\n')).toContain('?lang=xx');
});
