/**
 * The translators' files (`xliff/<lang>.xlf`, XLIFF 1.2 as `lit-localize extract` writes them) as the
 * workbench reads and writes them: each unit's id, English source, target and note, with the
 * template's expressions as placeholders (`<x id="0" equiv-text="${…}"/>`). A wording a designer
 * tries is shown and typed with the placeholders as `{0}`, `{1}` …, and exported as an XLIFF file of
 * the changed units in the same shape, which `npm run localize:build` takes unchanged (it matches a
 * target's placeholders to the source's by their `equiv-text`). Pure string functions (no DOM), so
 * the storyboard script and the unit tests use them too.
 */

/** A template expression inside a message (`${this.remaining}`), by its position in the source. */
export interface Placeholder {
  /** Its index in the source template (the `{n}` a designer types). */
  readonly index: number;
  /** The source expression, as the XLIFF file carries it (`${this.remaining}`). */
  readonly equiv: string;
}

/** A message as text and placeholders, in order. */
export type Segments = readonly (string | Placeholder)[];

/** One `<trans-unit>`. */
export interface XliffUnit {
  readonly id: string;
  readonly source: Segments;
  /** Null when the unit has no target yet. */
  readonly target: Segments | null;
  /** The unit's `<note>` (a hint for translators), if any. */
  readonly note: string | null;
}

/** A whole XLIFF file. */
export interface XliffFile {
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  readonly units: readonly XliffUnit[];
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** XML text with its entities resolved. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Text for an XML element's content or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

const attribute = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1] ?? '') : null;
};

/** The content of a `<source>` or `<target>` element as segments. */
export function parseSegments(xml: string): Segments {
  const out: (string | Placeholder)[] = [];
  const re = /<x\b[^>]*\/>/g;
  let last = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m.index > last) out.push(unescapeXml(xml.slice(last, m.index)));
    out.push({ index: Number(attribute(m[0], 'id') ?? 0), equiv: attribute(m[0], 'equiv-text') ?? '' });
    last = m.index + m[0].length;
  }
  if (last < xml.length) out.push(unescapeXml(xml.slice(last)));
  return out;
}

/** Parses an XLIFF 1.2 file as lit-localize writes it. Throws on anything else. */
export function parseXliff(xml: string): XliffFile {
  const file = /<file\b[^>]*>/.exec(xml)?.[0];
  if (!file || !/<xliff\b[^>]*version="1\.2"/.test(xml)) throw new Error('not an XLIFF 1.2 file');
  const units: XliffUnit[] = [];
  const re = /<trans-unit\b([^>]*)>([\s\S]*?)<\/trans-unit>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const id = attribute(m[1] ?? '', 'id');
    if (!id) throw new Error('a <trans-unit> without an id');
    const body = m[2] ?? '';
    const source = /<source>([\s\S]*?)<\/source>/.exec(body);
    if (!source) throw new Error(`unit ${id} has no <source>`);
    const target = /<target>([\s\S]*?)<\/target>/.exec(body);
    const note = /<note\b[^>]*>([\s\S]*?)<\/note>/.exec(body);
    units.push({
      id,
      source: parseSegments(source[1] ?? ''),
      target: target ? parseSegments(target[1] ?? '') : null,
      note: note ? unescapeXml(note[1] ?? '') : null,
    });
  }
  return {
    sourceLanguage: attribute(file, 'source-language') ?? 'en',
    targetLanguage: attribute(file, 'target-language') ?? '',
    units,
  };
}

/** A message as a designer reads and types it: placeholders as `{0}`, `{1}` … */
export function segmentsToText(segments: Segments): string {
  return segments.map((s) => (typeof s === 'string' ? s : `{${s.index}}`)).join('');
}

/**
 * A wording typed by a designer as segments, its `{n}` turned back into the source's placeholders.
 * Throws when it names a placeholder the source does not have, or leaves one out (the screen would
 * lose a value, such as the seconds left).
 */
export function textToSegments(text: string, source: Segments): Segments {
  const placeholders = source.filter((s): s is Placeholder => typeof s !== 'string');
  const out: (string | Placeholder)[] = [];
  const used = new Set<number>();
  const re = /\{(\d+)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const index = Number(m[1]);
    const placeholder = placeholders.find((p) => p.index === index);
    if (!placeholder) throw new Error(`{${index}} is not a value of this text`);
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(placeholder);
    used.add(index);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  const missing = placeholders.filter((p) => !used.has(p.index)).map((p) => `{${p.index}}`);
  if (missing.length) throw new Error(`the text must keep ${missing.join(', ')}`);
  return out;
}

function segmentsToXml(segments: Segments): string {
  return segments
    .map((s) =>
      typeof s === 'string' ? escapeXml(s) : `<x id="${s.index}" equiv-text="${escapeXml(s.equiv)}"/>`,
    )
    .join('');
}

/**
 * An XLIFF 1.2 file in the shape of `xliff/<lang>.xlf` (what `lit-localize extract` writes and
 * `lit-localize build` reads), with the given units.
 */
export function serializeXliff(file: XliffFile): string {
  const units = file.units.map(
    (u) =>
      `<trans-unit id="${escapeXml(u.id)}">\n  <source>${segmentsToXml(u.source)}</source>\n${
        u.target ? `  <target>${segmentsToXml(u.target)}</target>\n` : ''
      }${u.note ? `  <note from="lit-localize">${escapeXml(u.note)}</note>\n` : ''}</trans-unit>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file target-language="${escapeXml(file.targetLanguage)}" source-language="${escapeXml(file.sourceLanguage)}" original="lit-localize-inputs" datatype="plaintext">
<body>
${units.join('')}</body>
</file>
</xliff>
`;
}

/**
 * `base` with the targets of `changes` (id → new target) put in: the whole file as the translators
 * keep it, every other unit as it was. Throws on an id the file does not have.
 */
export function withTargets(base: XliffFile, changes: ReadonlyMap<string, Segments>): XliffFile {
  for (const id of changes.keys())
    if (!base.units.some((u) => u.id === id)) throw new Error(`no unit ${id} in ${base.targetLanguage}`);
  return { ...base, units: base.units.map((u) => ({ ...u, target: changes.get(u.id) ?? u.target })) };
}

/** Only the changed units of `base`, with their new targets (the workbench's export). */
export function changedUnits(base: XliffFile, changes: ReadonlyMap<string, Segments>): XliffFile {
  const all = withTargets(base, changes);
  return { ...all, units: all.units.filter((u) => changes.has(u.id)) };
}
