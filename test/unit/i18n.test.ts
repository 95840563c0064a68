/**
 * Localisation: every user-visible string goes through `msg()` (none hard-coded in a screen or
 * component template), every language has every string with the same placeholders, the generated
 * locale modules match the XLIFF, and English stays the automation contract.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as t from '../../src/screens/texts.js';

const root = join(import.meta.dirname, '..', '..');
const LANGS = ['de', 'fr', 'it', 'es'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Visible text an `html`/`svg` template hard-codes: text between tags and literal label attributes. */
export function hardCodedTexts(source: string, fileName = 'x.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ['html', 'svg'].includes(node.tag.getText(sf))) {
      const tpl = node.template;
      const statics = ts.isNoSubstitutionTemplateLiteral(tpl)
        ? [tpl.text]
        : [tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text)];
      const markup = statics.join('\u241E');
      for (const m of markup.matchAll(
        /\b(aria-label|title|alt|placeholder|label|heading)="([^"\u241E]*)"/g,
      )) {
        if (/[A-Za-z]{2,}/.test(m[2]!)) found.push(`${m[1]}="${m[2]}"`);
      }
      const text = markup.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' ');
      for (const chunk of text.split('\u241E')) {
        const words = chunk.replace(/&[a-z]+;/g, ' ').trim();
        if (/[A-Za-z]{2,}/.test(words)) found.push(words);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The telltale's lettering is the UN R121 symbol, not a word to translate. */
const SYMBOLS = new Set(['SOS']);

describe('localisation', () => {
  it('no screen or component template hard-codes a visible string', () => {
    const offenders: string[] = [];
    for (const file of [...files(join(root, 'src/screens')), ...files(join(root, 'src/components'))]) {
      if (file.endsWith('texts.ts') || file.endsWith('harness.ts')) continue;
      for (const text of hardCodedTexts(readFileSync(file, 'utf8'), file)) {
        if (!SYMBOLS.has(text)) offenders.push(`${file.slice(root.length + 1)}: ${text}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the check finds a hard-coded string', () => {
    const found = hardCodedTexts('const a = html`<p>Call time</p><span aria-label="Call time">${x}</span>`;');
    assert.deepEqual(found.sort(), ['Call time', 'aria-label="Call time"']);
    assert.deepEqual(hardCodedTexts('const a = html`<p>${t.X}</p>`;'), []);
  });

  for (const lang of LANGS) {
    it(`xliff/${lang}.xlf translates every string with the same placeholders`, () => {
      const xlf = readFileSync(join(root, 'xliff', `${lang}.xlf`), 'utf8');
      const units = [...xlf.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)];
      assert.ok(units.length > 300, `${units.length} strings`);
      const problems: string[] = [];
      for (const [, id, body] of units) {
        const source = /<source>([\s\S]*?)<\/source>/.exec(body!)?.[1] ?? '';
        const target = /<target>([\s\S]*?)<\/target>/.exec(body!)?.[1];
        const ph = (s: string) =>
          [...s.matchAll(/<x id="(\d+)"/g)]
            .map((m) => m[1])
            .sort()
            .join();
        if (target === undefined || target.trim() === '')
          problems.push(`${id}: no translation of "${source}"`);
        else if (ph(target) !== ph(source)) problems.push(`${id}: placeholders differ in "${target}"`);
      }
      assert.deepEqual(problems, []);
      // The generated module (npm run localize:build) has them all.
      const generated = readFileSync(join(root, 'src/i18n/locales', `${lang}.ts`), 'utf8');
      for (const [, id] of units)
        assert.match(generated, new RegExp(`\\b${id}'?:`), `${id} missing in src/i18n/locales/${lang}.ts`);
    });
  }

  it('English is the source language and the contract strings are unchanged', () => {
    assert.equal(t.statusLine('ready'), 'SOS ready');
    assert.equal(t.MALFUNCTION_TITLE, 'SOS malfunction');
    assert.equal(t.BUTTON.cancelCall, 'Cancel call');
    assert.equal(t.cancelTitle(7), 'Emergency call in 7 s');
    assert.equal(t.phaseTitle('connecting', 2), 'Redialling…');
    assert.equal(t.holdToEndText(2), 'Hold SOS button for 2 s to end call');
    assert.equal(t.CALLBACK_WAITING_TITLE, 'Emergency centre may call back');
    assert.equal(t.callFromPhoneText('911'), 'Call 911 from a phone');
  });
});
