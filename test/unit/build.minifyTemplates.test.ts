import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

  it('never touches CSS strings or url(): spaces, commas, colons and comment marks inside them stay', () => {
    const inside = [
      "content: ' …';",
      'content: "Note: a, b";',
      "content: '/* not a comment */';",
      'background: url(data:image/svg+xml;utf8,<svg a="1, 2"/>);',
    ];
    const code = `const s = css\`\n  a {\n    ${inside.join('\n    ')}\n  }\n\`;`;
    const out = minifyLitTemplates(code, 'x.ts')!;
    assert.equal(
      out,
      'const s = css`\na{\ncontent:\' …\';\ncontent:"Note: a, b";\ncontent:\'/* not a comment */\';\nbackground:url(data:image/svg+xml;utf8,<svg a="1, 2"/>);\n}\n`;',
    );
  });

  it('leaves other templates, strings and the code inside ${} alone', () => {
    const code =
      'const a = `\n    kept`;\nconst b = html`<i>${`\n    kept too`}</i>`;\nconst c = "\\n    x";\n';
    assert.equal(minifyLitTemplates(code, 'x.ts'), null);
  });

  it('changes nothing in any file of src/ but white space and comments; quoted strings stay exact', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('src', f));
    let changed = 0;
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const out = minifyLitTemplates(code, file);
      if (out === null) continue;
      changed++;
      const norm = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');
      assert.equal(norm(out), norm(code), file);
      // Quotes inside comments go with the comment; every other quoted string must stay as it was.
      const strings = (s: string) =>
        s.replace(/\/\*[\s\S]*?\*\//g, '').match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g) ?? [];
      assert.deepEqual(strings(out), strings(code), `${file}: a quoted string changed`);
      assert.equal(out.split('\n').length, code.split('\n').length, `${file}: lines kept`);
    }
    assert.ok(changed > 20, `templates found in ${changed} files`);
  });
});
