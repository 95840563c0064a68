/**
 * Nothing in src/ hard-codes a value the design tokens name (issue #20 §1): the CSS of every
 * component and screen — `css` templates, `style="…"` attributes and SVG paint attributes — is
 * scanned, and a colour literal, a font size, a corner radius, a focus-ring size, a transition or
 * animation duration or easing, or an emergency-target size written as a number fails with file:line
 * and the token to use. The designer workbench (its own chrome), the generated token modules, the generated
 * first frame and the translations are not scanned. SVG geometry (paths, viewBox, stroke widths) and
 * alpha masks are not design tokens and pass.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TOKENS } from '../../src/styles/token-list.generated.js';
import { dimensionPx, formatColor, parseColor } from '../../src/styles/token-values.js';

const ROOT = join(fileURLToPath(import.meta.url), '../../..');

/** Not scanned: the workbench's own chrome, generated files, translations. */
const EXCLUDED = [
  /^src\/designer\//,
  /\.generated\.ts$/,
  /^src\/first-frame\.html$/,
  /^src\/i18n\/locales\//,
];

/**
 * Found in files this change may not edit (components whose logic others are changing): each is a
 * known debt with its fix, and the test fails when one is fixed and still listed, so the list only
 * shrinks. Format: `file rule: declaration`.
 */
const PENDING: readonly string[] = [];

// ── Where CSS is ──────────────────────────────────────────────────────────────────────────────

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|html)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

interface Region {
  /** Offset of the text in the file. */
  readonly at: number;
  readonly text: string;
  /** A bare declaration list (an attribute), or a stylesheet. */
  readonly kind: 'sheet' | 'declarations';
}

/** Keeps offsets and lines: what is not CSS becomes spaces. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** `css\`…\`` templates (interpolations blanked), `style="…"` and SVG paint attributes. */
function cssRegions(source: string): Region[] {
  const regions: Region[] = [];
  for (const m of source.matchAll(/\bcss`/g)) {
    const start = m.index + m[0].length;
    let i = start;
    let text = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source.startsWith('${', i)) {
        let depth = 0;
        const from = i;
        for (; i < source.length; i++) {
          if (source[i] === '{') depth++;
          else if (source[i] === '}' && --depth === 0) break;
        }
        i++;
        text += blank(source.slice(from, i));
      } else text += source[i++];
    }
    regions.push({ at: start, text, kind: 'sheet' });
  }
  for (const m of source.matchAll(/\sstyle="([^"]*)"/g))
    regions.push({ at: m.index + m[0].indexOf('"') + 1, text: m[1]!, kind: 'declarations' });
  for (const m of source.matchAll(/\s(fill|stroke|stop-color|flood-color|lighting-color)="([^"$]*)"/g))
    regions.push({
      at: m.index + m[0].indexOf('"') + 1 - m[1]!.length - 2,
      text: `${m[1]}: ${m[2]}`,
      kind: 'declarations',
    });
  return regions;
}

interface Declaration {
  readonly at: number;
  readonly selector: string;
  readonly prop: string;
  readonly value: string;
}

/** The declarations of a region, each with the selectors it is nested in (joined by ` / `). */
function declarations(region: Region): Declaration[] {
  const text = region.text.replace(/\/\*[\s\S]*?\*\//g, blank);
  const out: Declaration[] = [];
  const stack: string[] = region.kind === 'declarations' ? ['[style]'] : [];
  let from = 0;
  const flush = (to: number) => {
    const raw = text.slice(from, to);
    const colon = raw.indexOf(':');
    if (raw.trim() && colon > 0) {
      const lead = raw.length - raw.trimStart().length;
      out.push({
        at: region.at + from + lead,
        selector: stack.join(' / '),
        prop: raw.slice(0, colon).trim().toLowerCase(),
        value: raw
          .slice(colon + 1)
          .replace(/\s+/g, ' ')
          .trim(),
      });
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      stack.push(text.slice(from, i).replace(/\s+/g, ' ').trim());
      from = i + 1;
    } else if (c === ';' || c === '}') {
      flush(i);
      if (c === '}') stack.pop();
      from = i + 1;
    }
  }
  flush(text.length);
  return out;
}

// ── The rules ─────────────────────────────────────────────────────────────────────────────────

const NAMED_COLOURS =
  'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen';
const COLOUR = new RegExp(
  `#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\\b|\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\\(|(?<![\\w-])(?:${NAMED_COLOURS.split(' ').join('|')})(?![\\w-])`,
  'i',
);
const LENGTH = /(?<![\w-])(\d*\.?\d+)(px|%|r?em|vh|vw|vmin|vmax|ch|ex|mm|cm|in|pt)(?![\w-])/gi;
const TIME = /(?<![\w-])(\d*\.?\d+)(ms|s)(?![\w-])/gi;
const EASING = /(?<![\w-])(ease|ease-in|ease-out|ease-in-out|linear)(?![\w-(])|cubic-bezier\(/i;
const MASK = /^(-webkit-)?mask(-image|-border.*)?$/;

const nonZero = (value: string, re: RegExp) => [...value.matchAll(re)].some((m) => parseFloat(m[1]!) !== 0);
const px = (value: string) =>
  [...value.matchAll(LENGTH)].filter((m) => m[2] === 'px').map((m) => parseFloat(m[1]!));

const EMERGENCY_MIN_PX = dimensionPx(TOKENS.find((t) => t.path === 'emergency-target.min')!.value);

/** Tokens (by CSS name) whose value is `css`, for the hint. */
function tokensWith(filter: (path: string) => boolean, css: string): string[] {
  const names = TOKENS.filter((t) => t.name && filter(t.path) && t.css === css).map((t) => `var(${t.name})`);
  return [...new Set(names)];
}

function colourHint(value: string): string {
  const found = value.match(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)/gi) ?? [];
  const names = found.flatMap((c) => {
    try {
      return tokensWith((p) => p.startsWith('color.'), formatColor(parseColor(c)));
    } catch {
      return [];
    }
  });
  return names.length
    ? `use ${[...new Set(names)].join(' or ')}`
    : 'use a colour token (var(--sos-…)), or add one to tokens/';
}

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly rule: 'colour' | 'type' | 'radius' | 'focus ring' | 'motion' | 'emergency target';
  readonly declaration: string;
  readonly hint: string;
}

/** Font-size keywords: sizes the type scale names. */
const SIZE_KEYWORD =
  /(?<![\w-])(xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|smaller|larger)(?![\w-])/;
/** Lengths that do not scale with the text around them (em and % do: a part of a token's size). */
const FIXED_LENGTH = /(?<![\w-])(\d*\.?\d+)(px|rem|pt|pc|vh|vw|vmin|vmax|mm|cm|in|q)(?![\w-])/gi;

/** A value with every `var(…)` taken out (its fallback included: the token is what counts). */
function withoutVars(value: string): string {
  let out = value;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/var\([^()]*(\([^()]*\)[^()]*)*\)/g, '');
  }
  return out;
}

function typeHint(value: string): string {
  const names = [...value.matchAll(FIXED_LENGTH)].flatMap((m) =>
    m[2]!.toLowerCase() === 'px'
      ? tokensWith((p) => p.startsWith('font-size.scale.'), `${parseFloat(m[1]!)}px`)
      : [],
  );
  return names.length
    ? `use ${[...new Set(names)].join(' or ')}`
    : 'use a step of the type scale (var(--sos-font-size-scale-…)), or add one to tokens/';
}

function check(d: Declaration): Omit<Violation, 'file' | 'line' | 'declaration'>[] {
  const found: Omit<Violation, 'file' | 'line' | 'declaration'>[] = [];
  const { prop, value, selector } = d;
  if (!MASK.test(prop) && COLOUR.test(value)) found.push({ rule: 'colour', hint: colourHint(value) });
  if (prop === 'font-size' || prop === 'font') {
    const own = withoutVars(value);
    if (nonZero(own, FIXED_LENGTH) || (prop === 'font-size' && SIZE_KEYWORD.test(own)))
      found.push({ rule: 'type', hint: typeHint(own) });
  }
  if (/^border(-[a-z]+)*-radius$/.test(prop) && nonZero(value, LENGTH)) {
    const hint = tokensWith((p) => p.startsWith('radius.'), value);
    found.push({
      rule: 'radius',
      hint: hint.length ? `use ${hint.join(' or ')}` : 'use a radius token (var(--sos-radius-…))',
    });
  }
  const focus = /:focus/.test(selector);
  if ((/^outline(-width|-offset)?$/.test(prop) || (focus && prop === 'box-shadow')) && nonZero(value, LENGTH))
    found.push({
      rule: 'focus ring',
      hint: 'use the focus-ring tokens (or `focusRing` from src/styles/theme.ts)',
    });
  if (/^(transition|animation)(-duration|-delay|-timing-function)?$/.test(prop)) {
    const what = [nonZero(value, TIME) && 'duration', EASING.test(value) && 'easing'].filter(Boolean);
    if (what.length)
      found.push({
        rule: 'motion',
        hint: `use ${what.map((w) => `a ${w} token (var(--sos-${w}-…))`).join(' and ')}`,
      });
  }
  const emergencySelector = /\[data-emergency\]/.test(selector.replace(/:not\([^)]*\)/g, ''));
  if (
    ((prop === '--sos-action-height' && px(value).some((n) => n >= EMERGENCY_MIN_PX)) ||
      (emergencySelector && /(^|-)(height|block-size|inline-size|width)$/.test(prop) && px(value).length)) &&
    !found.some((f) => f.rule === 'emergency target')
  )
    found.push({
      rule: 'emergency target',
      hint: 'use var(--sos-emergency-target-min) / var(--sos-emergency-target)',
    });
  if (/(?<![\w-])\d*\.?\d+mm(?![\w-])/.test(value))
    found.push({
      rule: 'emergency target',
      hint: 'CSS mm are not mm on the glass: use the emergency-target tokens',
    });
  return found;
}

function scan(): { violations: Violation[]; scanned: number } {
  const violations: Violation[] = [];
  const all = files(join(ROOT, 'src'))
    .map((f) => relative(ROOT, f).replace(/\\/g, '/'))
    .filter((f) => !EXCLUDED.some((re) => re.test(f)));
  for (const file of all) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const region of cssRegions(source))
      for (const d of declarations(region))
        for (const v of check(d))
          violations.push({
            ...v,
            file,
            line: source.slice(0, d.at).split('\n').length,
            declaration: `${d.prop}: ${d.value}`,
          });
  }
  return { violations, scanned: all.length };
}

const key = (v: Violation) => `${v.file} ${v.rule}: ${v.declaration}`;

describe('no hard-coded design values in src/', () => {
  const { violations, scanned } = scan();

  it(`every colour, font size, radius, focus ring, motion and emergency size is a token (${scanned} files)`, () => {
    const pending = [...PENDING];
    const fresh = violations.filter((v) => {
      const i = pending.indexOf(key(v));
      if (i < 0) return true;
      pending.splice(i, 1);
      return false;
    });
    assert.deepEqual(
      fresh.map((v) => `${v.file}:${v.line}: ${v.rule}: \`${v.declaration}\` — ${v.hint}`),
      [],
      'hard-coded values (docs/design-tokens.md)',
    );
    assert.deepEqual(pending, [], 'fixed: remove these from PENDING in test/unit/tokens.hardcoded.test.ts');
  });

  it('the scan sees what it must: each rule fires on a sample', () => {
    const sample = (css: string) =>
      declarations({ at: 0, text: css, kind: 'sheet' })
        .flatMap(check)
        .map((v) => v.rule);
    assert.deepEqual(sample('a { color: #fff; background: rgba(0, 0, 0, 0.5); border-color: white; }'), [
      'colour',
      'colour',
      'colour',
    ]);
    assert.deepEqual(
      sample(
        'a { font-size: 17px; font: 600 20px/1 var(--sos-font); font-size: 1.2rem; font-size: large; font: 700 var(--sos-font-size-scale-9, 20px) / 1 var(--sos-font); }',
      ),
      ['type', 'type', 'type', 'type'],
    );
    assert.deepEqual(sample('a { border-radius: 12px; border-top-left-radius: 50%; border-radius: 0; }'), [
      'radius',
      'radius',
    ]);
    assert.deepEqual(
      sample('a { outline: 2px solid red; } a:focus { box-shadow: 0 0 0 4px var(--sos-focus); }'),
      ['colour', 'focus ring', 'focus ring'],
    );
    assert.deepEqual(
      sample(
        'a { transition: opacity 200ms ease-out; animation: x 0s steps(2) infinite; animation-duration: 2s; }',
      ),
      ['motion', 'motion'],
    );
    assert.deepEqual(
      sample('b[data-emergency] { block-size: 90px; } b { --sos-action-height: 84px; min-width: 15mm; }'),
      ['emergency target', 'emergency target', 'emergency target'],
    );
    // Not design values: tokens, masks, geometry, none, secondary targets, steps().
    assert.deepEqual(
      sample(
        `a { color: var(--sos-text); mask-image: linear-gradient(#000, transparent); border-radius: var(--sos-radius-md);
         outline: none; transition: none; animation: blink var(--sos-duration-blink) steps(1, end) infinite;
         --sos-action-height: 64px; stroke-width: 3; inline-size: 26px; white-space: nowrap;
         font-size: var(--sos-font-size-lead); font-size: 0.6em; font: 800 calc(var(--sos-countdown-size, 200px) * 0.42) / 1 var(--sos-font); }
         b:not([data-emergency]) { min-block-size: 64px; }`,
      ),
      [],
    );
    assert.deepEqual(
      cssRegions(
        'html`<i style="color: #f00"></i><circle fill="red" stroke="var(--sos-danger)"></circle>`',
      ).flatMap((r) => declarations(r).flatMap(check)).length,
      2,
    );
  });
});
