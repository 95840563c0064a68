/**
 * Checks every screen state must pass: axe-core (no serious or critical violations), glanceability
 * (main status in one line of at most five words, at least 40 px, at most three actions) and touch
 * targets of at least 15 mm on emergency actions at the display's density.
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { cssPxToMm, DEFAULT_DENSITY, EMERGENCY_TARGET_MM } from '../../../src/app/display.js';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** axe-core on the page now; only violations of serious or critical impact. */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const options = only
      ? { runOnly: { type: 'rule', values: only } }
      : { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
    const result = (await axe.run(document, options)) as {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[] }>;
      }>;
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
  }, rules ?? null);
}

export interface Glance {
  readonly text: string;
  readonly words: number;
  readonly fontSizePx: number;
  /** Rendered lines of the h1 (height / line height). */
  readonly lines: number;
  readonly actions: number;
}

/** How the screen on top presents its main status (its h1) and how many actions it offers. */
export async function glance(page: Page): Promise<Glance> {
  return page
    .locator('sos-app main > *')
    .first()
    .evaluate((el) => {
      const root = el.shadowRoot!;
      const h1 = root.querySelector('h1')!;
      const style = getComputedStyle(h1);
      const fontSizePx = parseFloat(style.fontSize);
      const lineHeight = style.lineHeight === 'normal' ? fontSizePx * 1.2 : parseFloat(style.lineHeight);
      // The text nodes of the h1 itself (a timer or hint beside it is not the status line).
      const range = document.createRange();
      range.selectNodeContents(h1);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      const tops = new Set(rects.map((r) => Math.round(r.top / (lineHeight / 2))));
      const text = (h1.textContent ?? '').replace(/\s+/g, ' ').trim();
      const actions = root.querySelectorAll(
        'sos-action-button:not([hidden]):not([disabled]), [data-idrive-action]',
      ).length;
      return {
        text,
        words: text.split(' ').filter((w) => /\w/.test(w)).length,
        fontSizePx,
        lines: Math.max(1, Math.round(h1.getBoundingClientRect().height / lineHeight), tops.size > 2 ? 2 : 1),
        actions,
      };
    });
}

/** Size on the glass of every emergency action (`data-emergency`) on the screen, in mm. */
export async function emergencyTargetsMm(
  page: Page,
  density = DEFAULT_DENSITY,
): Promise<Array<{ label: string; widthMm: number; heightMm: number }>> {
  const boxes = await page
    .locator('sos-app main > *')
    .first()
    .evaluate((el) =>
      Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[data-emergency]:not([hidden])')).map((b) => {
        const r = b.getBoundingClientRect();
        return { label: b.getAttribute('label') ?? '', width: r.width, height: r.height };
      }),
    );
  const dpr = await page.evaluate(() => window.devicePixelRatio || 1);
  return boxes.map((b) => ({
    label: b.label,
    widthMm: cssPxToMm(b.width, density, dpr),
    heightMm: cssPxToMm(b.height, density, dpr),
  }));
}

export { EMERGENCY_TARGET_MM };
