/**
 * The design tokens in tokens/ are W3C DTCG, and the modules generated from them are up to date:
 * regenerating them with style-dictionary (scripts/tokens.ts) gives the committed bytes (fix:
 * `npm run tokens`). Every `var(--sos-…)` in src/ names a token or a property a component declares.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, setFile, staleFiles, THEME_SETS, TOKENS_DIR } from '../../scripts/tokens.js';
import { THEMES } from '../../src/styles/theme.js';
import { TOKENS } from '../../src/styles/token-list.generated.js';
import { isTokenType, TOKEN_SETS } from '../../src/styles/token-values.js';

/** Names of the token groups: a var() of one of these that is not a token is a typo. */
const TOKEN_LIKE = /^--sos-(font|space|radius|focus-ring|duration|easing|emergency-target)-/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

describe('design tokens', () => {
  it('the generated modules match tokens/ (else: npm run tokens)', async () => {
    assert.deepEqual(await staleFiles(), [], 'run `npm run tokens` and commit the result');
  });

  it('every set file is DTCG: each token has a known $type and a $value, nothing else but $description and $extensions', () => {
    const problems: string[] = [];
    const sets = readdirSync(join(ROOT, TOKENS_DIR)).filter((f) => f.endsWith('.tokens.json'));
    assert.deepEqual(sets.sort(), TOKEN_SETS.map((s) => `${s}.tokens.json`).sort(), 'one file per set');
    for (const set of TOKEN_SETS) {
      const file = setFile(set);
      const walk = (node: Json, path: string[]) => {
        if (typeof node !== 'object' || node === null || Array.isArray(node)) {
          problems.push(`${file}: ${path.join('.')} is neither a token nor a group`);
          return;
        }
        if ('$value' in node) {
          if (!isTokenType(node['$type']))
            problems.push(`${file}: ${path.join('.')} has $type ${String(node['$type'])}`);
          for (const k of Object.keys(node))
            if (!['$value', '$type', '$description', '$extensions'].includes(k))
              problems.push(`${file}: ${path.join('.')} has "${k}"`);
          return;
        }
        for (const [name, child] of Object.entries(node)) {
          if (name === '$description' || name === '$extensions') continue;
          if (name.startsWith('$') || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
            problems.push(
              `${file}: "${[...path, name].join('.')}": names are lower-case words joined by "-"`,
            );
          else walk(child, [...path, name]);
        }
      };
      walk(JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Json, []);
    }
    assert.deepEqual(problems, []);
  });

  it('the themes of the app are the theme sets, and each defines the same tokens', () => {
    assert.deepEqual(THEME_SETS.map((t) => t.set).sort(), [...THEMES].sort());
    const paths = (set: string) =>
      TOKENS.filter((t) => t.set === set)
        .map((t) => t.path)
        .sort();
    for (const { set } of THEME_SETS) assert.deepEqual(paths(set), paths('night'), set);
    assert.ok(paths('night').includes('color.text'));
  });

  it('every var(--sos-…) in src/ names a token, a property a component declares or the page sets, or has a fallback', () => {
    const tokens = new Set(TOKENS.map((t) => t.name).filter(Boolean));
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const sources = walk(join(ROOT, 'src'))
      .filter((f) => !/\.generated\.ts$/.test(f))
      .map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
    const declared = new Set(
      sources.flatMap(({ text }) =>
        [...text.matchAll(/(--sos-[\w-]+)\s*:|['"`](--sos-[\w-]+)['"`]/g)].map((m) => m[1] ?? m[2]!),
      ),
    );
    const unknown = sources.flatMap(({ file, text }) =>
      // A var() with a fallback and no token of its name is a component's own hook (`--sos-key-gap`),
      // unless its name looks like a token's (a typo).
      [...text.matchAll(/var\(\s*(--sos-[\w-]+)\s*([,)])/g)]
        .filter(([, name]) => !tokens.has(name!) && !declared.has(name!))
        .filter(([, name, next]) => next === ')' || TOKEN_LIKE.test(name!))
        .map((m) => m[1]!)
        .map((name) => `${file}: ${name}`),
    );
    assert.deepEqual(unknown, []);
  });
});
