/**
 * No user-visible text is inserted as HTML: nothing in the shipped code (screens, components, app,
 * bridge) uses an HTML sink. Lit's `html` templates escape every interpolated value, so a vehicle
 * string (a failure reason, a unit code, a place name) is always text. The end-to-end test
 * (test/e2e/reliability.spec.ts) shows an `<img onerror>` reason rendered as text in the built page.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every way to turn a string into markup or code. */
const SINKS: readonly [RegExp, string][] = [
  [/\binnerHTML\b/, 'innerHTML'],
  [/\bouterHTML\b/, 'outerHTML'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML'],
  [/\bdocument\.write(ln)?\b/, 'document.write'],
  [/\bunsafeHTML\b/, 'unsafeHTML'],
  [/\bunsafeSVG\b/, 'unsafeSVG'],
  [/\bunsafeStatic\b/, 'unsafeStatic'],
  [/\bcreateContextualFragment\b/, 'createContextualFragment'],
  [/\bparseFromString\b/, 'DOMParser.parseFromString'],
  [/\bnew Function\s*\(/, 'new Function'],
  [/(^|[^.\w])eval\s*\(/, 'eval'],
  [/\bsrcdoc\b/, 'srcdoc'],
];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.(ts|js|mjs|html)$/.test(name)) out.push(path);
  }
  return out;
}

describe('no user-visible text is inserted as HTML', () => {
  const shipped = [...files(join(ROOT, 'src')), join(ROOT, 'index.html')];

  it(`no HTML or code sink in src/ and index.html (${shipped.length} files)`, () => {
    const hits: string[] = [];
    for (const file of shipped) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        for (const [pattern, name] of SINKS)
          if (pattern.test(code)) hits.push(`${relative(ROOT, file)}:${i + 1} ${name}`);
      });
    }
    assert.deepEqual(hits, []);
  });

  it('index.html has no inline script and no inline event handler', () => {
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc=/, tag);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
  });
});
