import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { minifyLitTemplates } from '../../scripts/minify-lit-templates.js';

describe('Lit template minifier (build)', () => {
  it('drops indentation and CSS comments inside css/html templates, keeping every line break', () => {
    const code = [
      'const styles = css`',
      '  :host, main > * {',
      '    /* why: a comment',
      '       over two lines */',
      '    display: block;',
      '  }',
      '`;',
      'const view = html`<p>',
      '    Call ${number}',
      '    <b>now</b>',
      '  </p>`;',
    ].join('\n');
    const out = minifyLitTemplates(code, 'x.ts');
    assert.equal(
      out,
      [
        'const styles = css`',
        ':host,main > *{',
        '',
        '',
        'display:block;',
        '}',
        '`;',
        'const view = html`<p>',
        'Call ${number}',
        '<b>now</b>',
        '</p>`;',
      ].join('\n'),
    );
    assert.equal(out?.split('\n').length, code.split('\n').length, 'source maps keep their lines');
  });

  it('leaves other templates, strings and the code inside ${} alone', () => {
    const code =
      'const a = `\n    kept`;\nconst b = html`<i>${`\n    kept too`}</i>`;\nconst c = "\\n    x";\n';
    assert.equal(minifyLitTemplates(code, 'x.ts'), null);
  });

  it('changes nothing in a real screen but white space and comments', () => {
    const file = 'src/screens/active-call.ts';
    const code = readFileSync(file, 'utf8');
    const out = minifyLitTemplates(code, file);
    assert.ok(out !== null && out.length < code.length);
    const norm = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');
    assert.equal(norm(out), norm(code));
  });
});
