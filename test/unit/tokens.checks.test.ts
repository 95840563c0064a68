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

const tokensOf = (theme: Theme) => TOKENS.filter((t) => t.set === 'base' || t.set === theme);
const keyOf = (theme: Theme, c: ContrastCheck) => `${theme}: ${c.fg} on ${c.bg} ≥ ${c.min}`;
const checks = new Map(THEMES.map((theme) => [theme, contrastChecks(tokensOf(theme))]));

describe('text contrast, from the tokens, in every theme', () => {
  for (const theme of THEMES) {
    const list = checks.get(theme)!;
    it(`${theme}: ${list.length} pairs reach 4.5:1 (7:1 for emergency text)`, () => {
      assert.deepEqual(
        list.filter((c) => !c.pass).map((c) => `${keyOf(theme, c)}: ${c.ratio}:1 at ${c.worst} (${c.role})`),
        [],
        'contrast below the minimum: change the colour tokens (docs/design-tokens.md)',
      );
    });
  }

  it('the pairs cover text, signal colours, fills, tints and emergency text', () => {
    const roles = new Set(CONTRAST_PAIRS.map((p) => p.role));
    assert.ok(roles.size >= 8, [...roles].join('; '));
    const night = checks.get('night')!;
    const find = (fg: string, bg: string, min: number) =>
      night.find((c) => c.fg === fg && c.bg === bg && c.min === min);
    // The theme's own claim (tokens/night.tokens.json): text-faint is AA on the raised panels too.
    assert.equal(find('color.text-faint', 'color.surface-raised', 4.5)?.pass, true);
    // Cancel call and Call now are emergency text: their fills carry white at AAA.
    assert.equal(find('color.on-accent', 'color.accent-strong', 7)?.pass, true);
    assert.equal(find('color.on-danger', 'color.danger-strong', 7)?.pass, true);
    assert.ok(find('color.text', 'color.bg-gradient', 7)?.pass);
  });
});

describe('emergency targets, from the tokens', () => {
  const tokens = tokensOf('night');
  const mm = TOKENS.find((t) => t.path === 'emergency-target.mm')!.value as number;

  it(`are at least ${EMERGENCY_TARGET_FLOOR_MM} mm (the token says ${mm} mm), as src/app/display.ts draws them`, () => {
    assert.ok(mm >= EMERGENCY_TARGET_FLOOR_MM, `emergency-target.mm is ${mm}`);
    // The page sizes emergency actions from the same token (src/app/display.ts).
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
