/**
 * The workbench's Tokens section without a browser (src/designer/tokenEdit.ts): every token of a
 * theme is listed once by group with its live value, a designer's input becomes a DTCG value of the
 * token's type or is refused with a reason, a picked colour keeps a tint's alpha, one change per
 * token, and the changes travel in the workbench's link.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDesignerState, writeDesignerState } from '../../src/designer/deepLink.js';
import {
  numberOf,
  parseInput,
  pickerColor,
  tokenGroups,
  valueText,
  withOverride,
  withoutOverride,
  withPickedColor,
} from '../../src/designer/tokenEdit.js';
import { contrastReport, findToken, themeTokens, type TokenOverride } from '../../src/styles/tokens.js';

const token = (set: 'base' | 'night' | 'day', path: string) => {
  const t = findToken(set, path);
  assert.ok(t, `${set}:${path}`);
  return t;
};

describe('the Tokens section', () => {
  it('lists every token of the theme once, colours first, with the value the frame shows', () => {
    const groups = tokenGroups('day', []);
    assert.equal(groups[0]!.name, 'color');
    const listed = groups.flatMap((g) => g.rows.map((r) => `${r.token.set}:${r.token.path}`));
    assert.deepEqual(
      listed.slice().sort(),
      themeTokens('day')
        .map((t) => `${t.set}:${t.path}`)
        .sort(),
    );
    assert.ok(groups.some((g) => g.name === 'font-size'));
    // The emergency-target px per display follow from the mm: shown, not edited.
    const derived = groups.find((g) => g.name === 'emergency-target')!.rows.filter((r) => r.readOnly);
    assert.equal(derived.length, 4);
  });

  it('an alias follows the token it names; the changed token is marked, not its followers', () => {
    const overrides: TokenOverride[] = [{ set: 'day', path: 'color.accent', value: '#123456' }];
    const rows = tokenGroups('day', overrides).find((g) => g.name === 'color')!.rows;
    const row = (path: string) => rows.find((r) => r.token.path === path)!;
    assert.equal(row('color.accent').changed, true);
    assert.equal(row('color.accent-strong').value, '#123456');
    assert.equal(row('color.accent-strong').changed, false);
  });

  it('turns input into DTCG values of the token’s type', () => {
    assert.deepEqual(parseInput(token('night', 'color.danger'), ' #FF0000 ', 'text'), { value: '#FF0000' });
    assert.deepEqual(parseInput(token('base', 'radius.md'), '14', 'number'), { value: '14px' });
    assert.deepEqual(parseInput(token('base', 'duration.press'), '120', 'number'), { value: '120ms' });
    assert.deepEqual(parseInput(token('base', 'emergency-target.mm'), '18', 'number'), { value: 18 });
    assert.deepEqual(parseInput(token('base', 'font-weight.status'), '800', 'number'), { value: 800 });
    assert.deepEqual(parseInput(token('base', 'easing.standard'), '0.2, 0, 0, 1', 'text'), {
      value: [0.2, 0, 0, 1],
    });
    assert.deepEqual(parseInput(token('base', 'font'), "Inter, 'Noto Sans', sans-serif", 'text'), {
      value: ['Inter', 'Noto Sans', 'sans-serif'],
    });
  });

  it('refuses what is not a value of the token’s type, saying why', () => {
    for (const [t, raw, as] of [
      [token('night', 'color.danger'), 'red; } body { display: none', 'text'],
      [token('night', 'color.danger'), '#12345', 'text'],
      [token('base', 'radius.md'), 'wide', 'number'],
      [token('base', 'duration.press'), '', 'number'],
      [token('night', 'color.bg-gradient'), '[{"color": "#000"', 'text'],
    ] as const) {
      const result = parseInput(t, raw, as);
      assert.ok('error' in result && result.error.length > 0, `${t.path} "${raw}"`);
    }
  });

  it('the picker shows the colour without alpha and keeps a tint translucent', () => {
    assert.equal(pickerColor('#ff433824'), '#ff4338');
    assert.equal(withPickedColor('#ff433824', '#00ff00'), '#00ff0024');
    assert.equal(withPickedColor('#eef3fb', '#00ff00'), '#00ff00');
    assert.equal(numberOf('duration', '1s'), 1000);
    assert.equal(numberOf('dimension', '84px'), 84);
    assert.equal(valueText('cubicBezier', [0.25, 0.1, 0.25, 1]), '0.25, 0.1, 0.25, 1');
  });

  it('keeps one change per token; setting the committed value again is no change', () => {
    let o = withOverride([], { set: 'night', path: 'color.danger', value: '#ff0000' });
    o = withOverride(o, { set: 'night', path: 'color.danger', value: '#ee0000' });
    o = withOverride(o, { set: 'base', path: 'radius.md', value: '14px' });
    assert.deepEqual(
      o.map((x) => `${x.set}:${x.path}=${String(x.value)}`),
      ['night:color.danger=#ee0000', 'base:radius.md=14px'],
    );
    o = withOverride(o, { set: 'base', path: 'radius.md', value: token('base', 'radius.md').source });
    assert.equal(o.length, 1);
    assert.deepEqual(withoutOverride(o, 'night', 'color.danger'), []);
  });

  it('a colour edited below its target is what the live check flags', () => {
    const dark: TokenOverride = { set: 'night', path: 'color.ready', value: '#1a3a2a' };
    const misses = contrastReport('night', [dark]).filter((c) => !c.pass);
    assert.ok(misses.some((c) => c.fg === 'color.ready' && c.min === 7));
    assert.deepEqual(
      contrastReport('night', []).filter((c) => !c.pass),
      [],
    );
  });

  it('the changes travel in the workbench link and come back from it', () => {
    const tokens: TokenOverride[] = [
      { set: 'night', path: 'color.danger', value: '#ff0000' },
      { set: 'base', path: 'font-size.status', value: '52px' },
    ];
    const search = writeDesignerState('?clock=manual', { ...readDesignerState(''), tokens });
    assert.match(search, /[?&]tokens=/);
    assert.deepEqual(readDesignerState(search).tokens, tokens);
    // No changes: no parameter.
    assert.doesNotMatch(writeDesignerState('?tokens=x', readDesignerState('')), /tokens=/);
    // What cannot apply is dropped when the link is read.
    assert.deepEqual(readDesignerState('?tokens=night:color.nope=%23fff').tokens, []);
  });
});
