/**
 * The designer workbench's Tokens section and the wording section's overflow flag, on the designer
 * build (`npm run build:designer`, served on :4174): a colour edited in the panel shows on the frame
 * at once, the live contrast check flags a pair it breaks, the link carries the change through a
 * reload, and the export is DTCG JSON that `npm run tokens -- --merge` takes; a wording too long for
 * its box is flagged on the frame.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { mergeExport, setFile } from '../../scripts/tokens.js';
import { advance, expect, heading, test } from './hmi.js';

test.use({ baseURL: 'http://127.0.0.1:4174', viewport: { width: 1600, height: 900 } });

async function openLink(page: Page, search: string): Promise<void> {
  await page.goto(`/${search}`);
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function' && !!window.sosHmi.sim);
  await expect(page.locator('sos-workbench')).toBeAttached();
}

const panel = (page: Page): Locator => page.locator('sos-workbench');
const tokens = (page: Page): Locator => panel(page).locator('wb-tokens-section');
/** The colour the user sees a text in. */
const colourOf = (locator: Locator): Promise<string> => locator.evaluate((el) => getComputedStyle(el).color);

test.describe('design tokens in the workbench', () => {
  test('a colour edited in the panel changes the frame, is checked live, survives the link and exports as DTCG', async ({
    page,
  }) => {
    await openLink(page, '?designer&clock=manual&scenario=ready&theme=night');
    await advance(page, 5000);
    const status = heading(page, 'SOS ready');
    await expect(status).toBeVisible();
    const before = await colourOf(status);
    await expect(tokens(page).locator('[data-part="contrast-verdict"]')).toContainText('all');

    // The status line's text colour, still fine for text (4.5:1) but too dim for emergency text (7:1).
    await tokens(page).locator('details[data-group="color"] > summary').click();
    const text = tokens(page).getByRole('textbox', { name: 'color.text', exact: true });
    await text.fill('#8a96aa');
    await expect.poll(() => colourOf(status)).toBe('rgb(138, 150, 170)');
    expect(before).not.toBe('rgb(138, 150, 170)');
    await expect(tokens(page).locator('[data-part="contrast-verdict"]')).toContainText('below target');
    await expect(
      tokens(page).locator(
        '[data-part="contrast-miss"][data-fg="color.text"][data-bg="color.bg"][data-min="7"]',
      ),
    ).toBeVisible();
    await expect(tokens(page).locator('[data-part="token"][data-path="color.text"]')).toHaveAttribute(
      'data-changed',
      '',
    );
    expect(new URL(page.url()).searchParams.get('tokens')).toBe('night:color.text=#8a96aa');

    // A fresh page from the link alone shows the same colour.
    const link = await panel(page).locator('#link').inputValue();
    await page.goto('about:blank');
    await openLink(page, new URL(link).search);
    await advance(page, 5000);
    await expect.poll(() => colourOf(heading(page, 'SOS ready'))).toBe('rgb(138, 150, 170)');
    await expect(tokens(page).getByRole('button', { name: 'Export JSON (1)' })).toBeEnabled();

    // The export: one group per changed set, named like the files in tokens/, each token typed.
    const download = page.waitForEvent('download');
    await tokens(page).getByRole('button', { name: 'Export JSON (1)' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('token-changes.json');
    const exported = JSON.parse(readFileSync(await d.path(), 'utf8')) as Record<string, unknown>;
    expect(exported).toEqual({
      'night.tokens': {
        color: {
          text: { $type: 'color', $value: '#8a96aa', $description: expect.any(String) as unknown },
        },
      },
      $metadata: { tokenSetOrder: ['night.tokens'] },
    });
    // `npm run tokens -- --merge` takes it as it is: the night set with the new value, nothing else.
    const merged = await mergeExport(exported as Parameters<typeof mergeExport>[0]);
    expect([...merged.keys()]).toEqual([setFile('night')]);
    expect(JSON.parse(merged.get(setFile('night'))!)).toMatchObject({
      color: { text: { $value: '#8a96aa' } },
    });

    // Reset all: the frame is back to the colours of tokens/, and so is the link.
    await tokens(page).getByRole('button', { name: 'Reset all' }).click();
    await expect.poll(() => colourOf(heading(page, 'SOS ready'))).toBe(before);
    await expect(tokens(page).locator('[data-part="contrast-verdict"]')).toContainText('all');
    expect(new URL(page.url()).searchParams.has('tokens')).toBe(false);
  });

  test('a step of the type scale edited as a number changes the frame; one token resets alone', async ({
    page,
  }) => {
    await openLink(page, '?designer&clock=manual&scenario=ready&theme=day');
    await advance(page, 5000);
    const status = heading(page, 'SOS ready');
    const size = (): Promise<string> => status.evaluate((el) => getComputedStyle(el).fontSize);
    const before = await size();
    // The step of the scale the status line is set in, found by its size as a designer would.
    await tokens(page).getByRole('searchbox', { name: 'Find a token' }).fill('font-size.scale');
    const steps = tokens(page).getByRole('spinbutton');
    const values = await steps.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const step = steps.nth(values.indexOf(String(parseFloat(before))));
    const name = await step.getAttribute('aria-label');
    await step.fill('40');
    await expect.poll(size).toBe('40px');
    expect(new URL(page.url()).searchParams.get('tokens')).toBe(`base:${name}=40px`);
    await tokens(page)
      .getByRole('button', { name: `Reset ${name}` })
      .click();
    await expect.poll(size).toBe(before);
  });
});

test('the wording section flags a text that no longer fits its box on the frame', async ({ page }) => {
  await openLink(page, '?designer&clock=manual&scenario=ready&lang=de');
  await advance(page, 5000);
  const wording = panel(page).locator('wb-wording-section');
  await wording.getByRole('checkbox', { name: 'Show ids' }).check();
  await heading(page, 'SOS bereit').click();
  await expect(panel(page).locator('[data-part="overflow-mark"]')).toHaveCount(0);

  // One German compound far too long for the status line.
  const long = 'SOS-Notrufbereitschaftsbestätigungsanzeigeüberwachungsfunktionsprüfungsergebnis';
  await wording.getByRole('textbox', { name: 'Wording' }).fill(long);
  await expect(heading(page, long)).toBeVisible();
  const mark = panel(page).locator('[data-part="overflow-mark"][data-id="s30886b3935c62e53"]');
  await expect(mark).toBeVisible();
  await expect(wording.locator('[data-part="overflows"] li[data-id="s30886b3935c62e53"]')).toContainText(
    /de · s30886b3935c62e53[\s\S]*\+\d+ px wide/,
  );

  // The translation again: nothing flagged.
  await wording.getByRole('button', { name: 'Reset wording' }).click();
  await expect(heading(page, 'SOS bereit')).toBeVisible();
  await expect(panel(page).locator('[data-part="overflow-mark"]')).toHaveCount(0);
});
