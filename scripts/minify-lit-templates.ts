/**
 * Vite plugin: drops the indentation and comments inside Lit's `css`, `html` and `svg` tagged
 * templates of `src/` before they are bundled. The minifier leaves template literals alone, so every
 * line of a component's CSS kept its indentation in the shipped JavaScript (docs/performance.md).
 *
 * Safe by construction: only runs of spaces/tabs that follow a line break are removed (HTML and CSS
 * treat a line break and the indentation after it alike, and no template uses `<pre>` or
 * `white-space: pre`); in CSS also comments (down to their line breaks) and the spaces around
 * `{ } ; ,` and after `:`, outside strings and `url(…)`. Line breaks are kept, so source maps still
 * point at the right lines.
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

const TAGS = new Set(['css', 'html', 'svg']);

/** A CSS string or `url(…)`: copied as it is, never minified. */
const STRING_OR_URL = /('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|url\([^)]*\))/;
const COMMENT_OUTSIDE_STRINGS = new RegExp(`${STRING_OR_URL.source}|\\/\\*[\\s\\S]*?\\*\\/`, 'g');

/** The minified text of one template chunk (the raw text between backtick/`${`/`}`). */
export function minifyTemplateText(text: string, tag: string): string {
  const out = text.replace(/\n[ \t]+/g, '\n');
  if (tag !== 'css') return out;
  return (
    out
      // A comment keeps only its line breaks; a string or url() that looks like one is left alone.
      .replace(COMMENT_OUTSIDE_STRINGS, (match, kept?: string) => kept ?? match.replace(/[^\n]/g, ''))
      .split(STRING_OR_URL)
      // Odd parts are the strings and url()s. `a { b: c; }` → `a{b:c;}`; a space before `:` may be
      // a descendant combinator, so it stays.
      .map((part, i) => (i % 2 ? part : part.replace(/[ \t]*([{};,])[ \t]*/g, '$1').replace(/:[ \t]+/g, ':')))
      .join('')
  );
}

/** Rewrites every `css`/`html`/`svg` template of a TypeScript module; null when nothing changed. */
export function minifyLitTemplates(code: string, fileName: string): string | null {
  if (!/\b(css|html|svg)`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const tag = node.tag.text;
      const template = node.template;
      // Each literal part without its delimiters: `…`, `…${, }…${, }…`.
      const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((s) => s.literal)];
      for (const part of parts) {
        const start = part.getStart(source) + 1;
        const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
        const raw = code.slice(start, end);
        const text = minifyTemplateText(raw, tag);
        if (text !== raw) edits.push({ start, end, text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export function minifyLitTemplatesPlugin(): Plugin {
  return {
    name: 'sos-hmi-minify-lit-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const out = minifyLitTemplates(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}
