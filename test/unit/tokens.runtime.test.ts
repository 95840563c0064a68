/**
 * The workbench's token API (src/styles/tokens.ts): the live resolution gives what style-dictionary
 * generated, an override carries along the tokens that alias it, links and exports round-trip, and
 * what cannot apply (an unknown token, a value of the wrong type, CSS in a link) is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeExport, ROOT } from '../../scripts/tokens.js';
import { THEMES } from '../../src/styles/theme.js';
import {
  contrastReport,
  decodeTokenOverrides,
  encodeTokenOverrides,
  exportTokenOverrides,
  invalidOverride,
  overrideDeclarations,
  resolveTokens,
  targetReport,
  themeTokens,
  TOKENS_PARAM,
  type TokenOverride,
} from '../../src/styles/tokens.js';
import { contrastRatio, cssValue, formatColor, parseColor } from '../../src/styles/token-values.js';

describe('token values', () => {
  it('colours read as Tokens Studio and DTCG 2025 write them, and become the CSS the theme always had', () => {
    assert.equal(cssValue('color', '#FF4338'), '#ff4338');
    assert.equal(cssValue('color', '#ff433824'), 'rgba(255, 67, 56, 0.14)');
    assert.equal(cssValue('color', 'rgba(255, 67, 56, 0.14)'), 'rgba(255, 67, 56, 0.14)');
    assert.equal(
      cssValue('color', { colorSpace: 'srgb', components: [1, 0, 0], alpha: 0.5 }),
      'rgba(255, 0, 0, 0.5)',
    );
    assert.equal(cssValue('dimension', { value: 12, unit: 'px' }), '12px');
    assert.equal(cssValue('duration', '1s'), '1s');
    assert.equal(cssValue('cubicBezier', [0.25, 0.1, 0.25, 1]), 'cubic-bezier(0.25, 0.1, 0.25, 1)');
    assert.equal(
      cssValue('fontFamily', ['system-ui', 'Segoe UI', 'sans-serif']),
      "system-ui, 'Segoe UI', sans-serif",
    );
    assert.equal(
      cssValue('shadow', {
        color: '#0000008c',
        offsetX: '0px',
        offsetY: '12px',
        blur: '40px',
        spread: '0px',
      }),
      '0 12px 40px rgba(0, 0, 0, 0.55)',
    );
    assert.equal(
      cssValue('shadow', { color: '#00000000', offsetX: '0px', offsetY: '0px', blur: '0px' }),
      'none',
    );
    assert.equal(
      cssValue(
        'gradient',
        [
          { color: '#000000', position: 0 },
          { color: '#000', position: 1 },
        ],
        {},
      ),
      '#000000',
    );
    for (const [type, value] of [
      ['color', 'red'],
      ['color', '#12345'],
      ['dimension', '12'],
      ['dimension', '12pt'],
      ['duration', '-1s'],
      ['cubicBezier', [2, 0, 1, 1]],
      ['fontFamily', ["Arial'; } body { display: none"]],
    ] as const)
      assert.throws(() => cssValue(type, value), Error, `${type} ${JSON.stringify(value)}`);
  });

  it('contrast ratios are WCAG 2', () => {
    assert.equal(contrastRatio(parseColor('#000000'), parseColor('#ffffff')), 21);
    assert.equal(Math.round(contrastRatio(parseColor('#ffffff'), parseColor('#1b72d1')) * 100) / 100, 4.8);
    assert.equal(formatColor(parseColor('#4fa8ff8c')), 'rgba(79, 168, 255, 0.55)');
  });
});

describe('live tokens for the workbench', () => {
  it('resolving the committed tokens gives exactly what style-dictionary generated, in every theme', () => {
    for (const theme of THEMES) {
      const live = resolveTokens(theme);
      const generated = themeTokens(theme);
      assert.equal(live.length, generated.length);
      live.forEach((t, i) => {
        assert.deepEqual(t.value, generated[i]!.value, `${theme} ${t.path}`);
        assert.equal(t.css, generated[i]!.css, `${theme} ${t.path}`);
      });
    }
  });

  it('an override changes its token and every token that aliases it, in its own theme only', () => {
    const accent: TokenOverride = { set: 'day', path: 'color.accent', value: '#ff6a00' };
    const day = overrideDeclarations([accent]);
    assert.deepEqual(day, [
      {
        set: 'day',
        selector: ":root:root[data-theme='day']",
        properties: [
          ['--sos-accent', '#ff6a00'],
          ['--sos-accent-strong', '#ff6a00'],
          ['--sos-focus', '#ff6a00'],
        ],
      },
    ]);
    const black = overrideDeclarations([{ set: 'contrast', path: 'color.bg', value: '#101010' }]);
    assert.ok(
      black[0]!.properties.some(([name, value]) => name === '--sos-bg-gradient' && value === '#101010'),
    );
    const radius = overrideDeclarations([{ set: 'base', path: 'radius.pill', value: '20px' }]);
    assert.deepEqual(radius[0]!.properties, [
      ['--sos-radius-pill', '20px'],
      ['--sos-radius-round', '20px'],
    ]);
    assert.equal(radius[0]!.selector, ':root:root:root');
  });

  it('the checks run on the tokens as edited', () => {
    const before = contrastReport('night').find(
      (c) => c.fg === 'color.text-faint' && c.bg === 'color.surface',
    )!;
    const after = contrastReport('night', [
      { set: 'night', path: 'color.text-faint', value: '#3a4250' },
    ]).find((c) => c.fg === 'color.text-faint' && c.bg === 'color.surface')!;
    assert.equal(before.pass, true);
    assert.equal(after.pass, false);
    const bigger = targetReport([{ set: 'base', path: 'emergency-target.mm', value: 18 }]);
    assert.deepEqual(
      bigger.map((c) => [c.display, c.neededPx, c.tokenPx]),
      [
        ['1280x480', 95, 95],
        ['1440x540', 95, 95],
        ['1920x720', 79, 79],
        ['2560x960', 79, 79],
      ],
    );
    assert.equal(targetReport([{ set: 'base', path: 'emergency-target.mm', value: 9 }])[0]!.pass, false);
  });

  it('refuses what cannot apply', () => {
    assert.match(invalidOverride({ set: 'night', path: 'color.nope', value: '#fff' })!, /no token/);
    assert.match(invalidOverride({ set: 'base', path: 'color.accent', value: '#fff' })!, /no token/);
    assert.match(invalidOverride({ set: 'day', path: 'color.accent', value: '12px' })!, /not a colour/);
    assert.match(
      invalidOverride({ set: 'base', path: 'emergency-target.1280x480', value: '60px' })!,
      /follows/,
    );
    assert.equal(invalidOverride({ set: 'base', path: 'duration.press', value: '100ms' }), null);
  });
});

describe('links and exports', () => {
  const overrides: TokenOverride[] = [
    { set: 'day', path: 'color.accent', value: '#ff6a00' },
    { set: 'base', path: 'radius.md', value: '14px' },
    { set: 'base', path: 'easing.standard', value: [0.2, 0, 0, 1] },
    { set: 'base', path: 'font', value: ['-apple-system', 'Inter', 'sans-serif'] },
    {
      set: 'night',
      path: 'shadow',
      value: { color: '#000000aa', offsetX: '0px', offsetY: '4px', blur: '8px' },
    },
    { set: 'base', path: 'emergency-target.mm', value: 16 },
  ];

  it('a link carries the overrides and brings them back', () => {
    const param = encodeTokenOverrides(overrides);
    assert.match(param, /^day:color\.accent=#ff6a00;base:radius\.md=14px;/);
    const url = new URL('http://127.0.0.1:5173/?designer');
    url.searchParams.set(TOKENS_PARAM, param);
    const back = decodeTokenOverrides(new URL(url.href).searchParams.get(TOKENS_PARAM));
    assert.deepEqual(back, { overrides, warnings: [] });
  });

  it('a link with something else in it applies the rest and says what it left out', () => {
    const { overrides: kept, warnings } = decodeTokenOverrides(
      "day:color.text=#000;night:color.accent=red;base:radius.md=1px} body{display:none;nonsense;x:color.text=#fff;night:color.bg=url('x')",
    );
    assert.deepEqual(kept, [{ set: 'day', path: 'color.text', value: '#000' }]);
    assert.equal(warnings.length, 5, warnings.join('\n'));
    assert.deepEqual(decodeTokenOverrides(null), { overrides: [], warnings: [] });
  });

  it('the export is DTCG JSON of the changed tokens, one group per set, and merges back into tokens/', async () => {
    const json = JSON.parse(exportTokenOverrides(overrides)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['base.tokens', 'night.tokens', 'day.tokens', '$metadata']);
    assert.deepEqual((json['day.tokens'] as { color: unknown }).color, {
      accent: { $type: 'color', $value: '#ff6a00', $description: 'Information, the current step, links.' },
    });
    const files = await mergeExport(json as never);
    assert.deepEqual([...files.keys()].sort(), [
      'tokens/base.tokens.json',
      'tokens/day.tokens.json',
      'tokens/night.tokens.json',
    ]);
    // The value changes; everything else in the file stays as it was.
    type DayFile = { color: { accent: { $value: string } } };
    const day = JSON.parse(files.get('tokens/day.tokens.json')!) as DayFile;
    const before = JSON.parse(readFileSync(join(ROOT, 'tokens/day.tokens.json'), 'utf8')) as DayFile;
    before.color.accent.$value = '#ff6a00';
    assert.deepEqual(day, before);
    await assert.rejects(
      mergeExport({ 'day.tokens': { color: { accent: { $value: '12px' } } } }),
      /not a colour/,
    );
    await assert.rejects(mergeExport({ 'day.tokens': { color: { brand: { $value: '#fff' } } } }), /no token/);
  });
});
