import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  changedUnits,
  parseXliff,
  segmentsToText,
  serializeXliff,
  textToSegments,
  type Segments,
} from '../../src/designer/xliff.js';
import { matchMessage, messagesOf, toTemplate } from '../../src/designer/wording.js';

const root = join(import.meta.dirname, '..', '..');
const read = (lang: string): string => readFileSync(join(root, 'xliff', `${lang}.xlf`), 'utf8');

for (const lang of ['de', 'fr', 'it', 'es']) {
  test(`xliff/${lang}.xlf reads and writes back byte for byte (the shape lit-localize writes)`, () => {
    const text = read(lang);
    const file = parseXliff(text);
    assert.equal(file.targetLanguage, lang);
    assert.ok(file.units.length > 100);
    assert.equal(serializeXliff(file), text);
  });
}

test('a wording keeps its placeholders as {n} and back', () => {
  const file = parseXliff(read('de'));
  const unit = file.units.find((u) => u.id === 'sbf78bb8eba0bc1d9')!;
  assert.equal(segmentsToText(unit.target!), 'Noch {0} Sekunden');
  const wording = textToSegments('Nur noch {0} s', unit.source);
  assert.deepEqual(wording, ['Nur noch ', { index: 0, equiv: '${this.remaining}' }, ' s']);
  assert.throws(() => textToSegments('Nur noch', unit.source), /must keep \{0\}/);
  assert.throws(() => textToSegments('{1} s', unit.source), /\{1\} is not a value/);
});

test('the export holds only the changed units, with source and new target', () => {
  const file = parseXliff(read('de'));
  const changes = new Map<string, Segments>([['s30886b3935c62e53', ['SOS startklar & bereit']]]);
  const xml = serializeXliff(changedUnits(file, changes));
  assert.match(xml, /<file target-language="de" source-language="en" original="lit-localize-inputs"/);
  assert.match(
    xml,
    /<trans-unit id="s30886b3935c62e53">\n {2}<source>SOS ready<\/source>\n {2}<target>SOS startklar &amp; bereit<\/target>\n<\/trans-unit>/,
  );
  assert.equal(parseXliff(xml).units.length, 1);
  assert.throws(() => changedUnits(file, new Map([['nope', ['x']]])), /no unit nope/);
});

test('texts on screen are matched to their messages, values filled in', () => {
  const messages = messagesOf(parseXliff(read('de')), new Map());
  assert.equal(matchMessage('SOS bereit', messages)?.id, 's30886b3935c62e53');
  assert.equal(matchMessage('Noch  42 Sekunden', messages)?.id, 'sbf78bb8eba0bc1d9');
  assert.equal(matchMessage('48.14240° N', messages), null);
});

test('a wording becomes a runtime template (str with value order for placeholders)', () => {
  assert.equal(toTemplate(['SOS bereit']), 'SOS bereit');
  const t = toTemplate(['Noch ', { index: 0, equiv: '${x}' }, ' s']);
  assert.ok(typeof t === 'object' && 'strTag' in t);
  assert.deepEqual([...t.strings], ['Noch ', ' s']);
  assert.deepEqual(t.values, [0]);
});
