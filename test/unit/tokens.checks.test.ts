/**
 * Checks generated from the design tokens, on every theme (src/styles/token-checks.ts): text contrast
 * ≥ 4.5:1 for every text colour on every background it is drawn on, ≥ 7:1 for emergency text (the
 * status line, the emergency buttons' labels), and emergency targets ≥ 15 mm at each display's
 * density. Pure: no browser.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DISPLAY_PRESETS, EMERGENCY_TARGET_MM } from '../../src/app/display.js';
import { THEMES, type Theme } from '../../src/styles/theme.js';
import {
  CONTRAST_PAIRS,
  contrastChecks,
  EMERGENCY_TARGET_FLOOR_MM,
  emergencyTargetChecks,
  tokenDisplays,
  type ContrastCheck,
} from '../../src/styles/token-checks.js';
import { TOKENS } from '../../src/styles/token-list.generated.js';

/**
 * Pairs the committed colours miss, with the ratio measured when this list was made (the lowest over
 * a gradient's stops). They are the colours the visual baselines show: changing one is the lead's
 * and the designers' decision, so each is reported as a TODO, not changed here. The test fails when
 * one of them passes (remove it) and when a pair not listed here misses.
 */
const KNOWN_MISSES: Readonly<Record<string, number>> = {
  'night: color.danger on color.danger-soft over color.bg-gradient ≥ 4.5': 4.32,
  'night: color.unknown on color.unknown-soft over color.bg-gradient ≥ 4.5': 4.23,
  'night: color.danger on color.bg ≥ 7': 5.86,
  'night: color.danger on color.bg-gradient ≥ 7': 4.91,
  'night: color.unknown on color.bg ≥ 7': 6.4,
  'night: color.unknown on color.bg-gradient ≥ 7': 5.36,
  'night: color.danger on color.surface ≥ 7': 5.32,
  'night: color.danger on color.danger-soft over color.bg ≥ 7': 5.23,
  'night: color.danger on color.danger-soft over color.bg-gradient ≥ 7': 4.32,
  'night: color.on-accent on color.accent-strong ≥ 7': 4.8,
  'night: color.on-danger on color.danger-strong ≥ 7': 5.01,
  'day: color.unknown on color.bg-gradient ≥ 4.5': 4.28,
  'day: color.unknown on color.surface-sunken ≥ 4.5': 4.4,
  'day: color.danger on color.danger-soft over color.bg ≥ 4.5': 4.25,
  'day: color.danger on color.danger-soft over color.bg-gradient ≥ 4.5': 3.96,
  'day: color.ready on color.ready-soft over color.bg-gradient ≥ 4.5': 4.38,
  'day: color.limited on color.limited-soft over color.bg-gradient ≥ 4.5': 4.4,
  'day: color.unknown on color.unknown-soft over color.bg ≥ 4.5': 3.98,
  'day: color.unknown on color.unknown-soft over color.bg-gradient ≥ 4.5': 3.71,
  'day: color.danger on color.bg ≥ 7': 5.04,
  'day: color.danger on color.bg-gradient ≥ 7': 4.67,
  'day: color.limited on color.bg ≥ 7': 5.33,
  'day: color.limited on color.bg-gradient ≥ 7': 4.95,
  'day: color.unknown on color.bg ≥ 7': 4.61,
  'day: color.unknown on color.bg-gradient ≥ 7': 4.28,
  'day: color.ready on color.bg ≥ 7': 5.31,
  'day: color.ready on color.bg-gradient ≥ 7': 4.93,
  'day: color.danger on color.surface ≥ 7': 5.87,
  'day: color.danger on color.danger-soft over color.bg ≥ 7': 4.25,
  'day: color.danger on color.danger-soft over color.bg-gradient ≥ 7': 3.96,
  'day: color.on-accent on color.accent-strong ≥ 7': 6.07,
  'day: color.on-danger on color.danger-strong ≥ 7': 5.87,
  'contrast: color.danger on color.bg ≥ 7': 6.93,
  'contrast: color.danger on color.bg-gradient ≥ 7': 6.93,
  'contrast: color.danger on color.surface ≥ 7': 6.93,
  'contrast: color.danger on color.danger-soft over color.bg ≥ 7': 6.93,
  'contrast: color.danger on color.danger-soft over color.bg-gradient ≥ 7': 6.93,
  'contrast: color.on-danger on color.danger-strong ≥ 7': 5.46,
};

const tokensOf = (theme: Theme) => TOKENS.filter((t) => t.set === 'base' || t.set === theme);
const keyOf = (theme: Theme, c: ContrastCheck) => `${theme}: ${c.fg} on ${c.bg} ≥ ${c.min}`;
const checks = new Map(THEMES.map((theme) => [theme, contrastChecks(tokensOf(theme))]));

describe('text contrast, from the tokens, in every theme', () => {
  for (const theme of THEMES) {
    const list = checks.get(theme)!;
    it(`${theme}: ${list.length} pairs reach 4.5:1 (7:1 for emergency text), but for the known misses`, (t) => {
      const unexpected = list.filter((c) => !c.pass && !(keyOf(theme, c) in KNOWN_MISSES));
      assert.deepEqual(
        unexpected.map((c) => `${keyOf(theme, c)}: ${c.ratio}:1 at ${c.worst} (${c.role})`),
        [],
        'contrast below the minimum',
      );
      const known = list.filter((c) => !c.pass).length;
      if (known) t.diagnostic(`${known} known misses in ${theme}: see the TODO tests`);
    });
  }

  // Each known miss is a TODO: shown in every run with its ratio, never silently accepted.
  for (const theme of THEMES)
    for (const c of checks.get(theme)!.filter((c) => !c.pass && keyOf(theme, c) in KNOWN_MISSES))
      it(
        `${keyOf(theme, c)}:1 — ${c.role}`,
        { todo: `measures ${c.ratio}:1 at ${c.worst}: the lead decides` },
        () => assert.ok(c.pass, `${c.ratio}:1 < ${c.min}:1`),
      );

  it('every known miss is still one (remove the ones fixed)', () => {
    const misses = new Set(
      THEMES.flatMap((theme) =>
        checks
          .get(theme)!
          .filter((c) => !c.pass)
          .map((c) => keyOf(theme, c)),
      ),
    );
    assert.deepEqual(
      Object.keys(KNOWN_MISSES).filter((k) => !misses.has(k)),
      [],
    );
  });

  it('the pairs cover text, signal colours, fills, tints and emergency text', () => {
    const roles = new Set(CONTRAST_PAIRS.map((p) => p.role));
    assert.ok(roles.size >= 8, [...roles].join('; '));
    const night = checks.get('night')!;
    const find = (fg: string, bg: string, min: number) =>
      night.find((c) => c.fg === fg && c.bg === bg && c.min === min);
    // The theme's own claim (tokens/night.tokens.json): text-faint is AA on the raised panels too.
    assert.equal(find('color.text-faint', 'color.surface-raised', 4.5)?.pass, true);
    assert.equal(find('color.on-accent', 'color.accent-strong', 4.5)?.ratio, 4.8);
    assert.ok(find('color.text', 'color.bg-gradient', 7)?.pass);
  });
});

describe('emergency targets, from the tokens', () => {
  const tokens = tokensOf('night');
  const mm = TOKENS.find((t) => t.path === 'emergency-target.mm')!.value as number;

  it(`are at least ${EMERGENCY_TARGET_FLOOR_MM} mm (the token says ${mm} mm), as src/app/display.ts draws them`, () => {
    assert.ok(mm >= EMERGENCY_TARGET_FLOOR_MM, `emergency-target.mm is ${mm}`);
    // Until src/app/display.ts reads the token, the two must agree.
    assert.equal(EMERGENCY_TARGET_MM, mm, 'EMERGENCY_TARGET_MM in src/app/display.ts');
  });

  it('the tokens carry every display preset, at its density and scale', () => {
    assert.deepEqual(
      tokenDisplays(tokens),
      DISPLAY_PRESETS.map((p) => ({ name: p.name, density: p.density, dpr: p.dpr })),
    );
  });

  for (const check of emergencyTargetChecks(tokens)) {
    it(`${check.display}: ${check.renderedPx} CSS px = ${check.mm} mm on the glass; the token's ${check.tokenPx} px is 15 mm`, () => {
      assert.ok(check.pass, `${check.mm} mm < ${EMERGENCY_TARGET_FLOOR_MM} mm`);
      assert.ok(check.tokenCurrent, `emergency-target.${check.display} should be ${check.neededPx}px`);
    });
  }

  it('hold on any panel: 4–12 px/mm at scale 1–2', () => {
    const failing = [];
    for (let density = 4; density <= 12; density += 0.25)
      for (const dpr of [1, 1.125, 1.25, 1.5, 1.75, 2])
        for (const c of emergencyTargetChecks(tokens, [{ name: `${density}@${dpr}`, density, dpr }]))
          if (!c.pass) failing.push(`${c.display}: ${c.mm} mm`);
    assert.deepEqual(failing, []);
  });
});
