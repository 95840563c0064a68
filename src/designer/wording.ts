/**
 * Live wording for the workbench: the messages of the language on screen (id → text, from the
 * translators' XLIFF files, loaded into the designer chunk only), which text on the frame is which
 * message, which texts no longer fit their box, and a tried wording put live into the screens
 * (through the `activeTemplates()` / `relocalize()` hook of src/i18n/localization.ts). Reads the DOM of
 * the frame; never the machines.
 */
import type { StrResult, TemplateLike } from '@lit/localize';
import { activeTemplates, relocalize, type Language } from '../i18n/localization.js';
import {
  parseXliff,
  segmentsToText,
  type Placeholder,
  type Segments,
  type XliffFile,
  type XliffUnit,
} from './xliff.js';

/** A message of the language on screen. */
export interface Message {
  readonly id: string;
  /** The English source. */
  readonly source: Segments;
  /** What the screens show now (the translation, a wording being tried, or the source in English). */
  readonly text: Segments;
  /** The translators' note, if any. */
  readonly note: string | null;
}

const LOADERS: Readonly<Record<Exclude<Language, 'en'>, () => Promise<{ default: string }>>> = {
  de: () => import('../../xliff/de.xlf?raw'),
  fr: () => import('../../xliff/fr.xlf?raw'),
  it: () => import('../../xliff/it.xlf?raw'),
  es: () => import('../../xliff/es.xlf?raw'),
};

const files = new Map<Language, Promise<XliffFile>>();

/**
 * The XLIFF file of a language (English: the German file's sources, which are every message).
 * Loaded once per language.
 */
export function xliffFile(language: Language): Promise<XliffFile> {
  let file = files.get(language);
  if (!file) {
    const from = language === 'en' ? 'de' : language;
    file = LOADERS[from]().then((m) => {
      const parsed = parseXliff(m.default);
      return language === 'en'
        ? { ...parsed, targetLanguage: 'en', units: parsed.units.map((u) => ({ ...u, target: null })) }
        : parsed;
    });
    files.set(language, file);
  }
  return file;
}

/** The messages of a language as the screens show them, with `changes` (id → wording) in. */
export function messagesOf(file: XliffFile, changes: ReadonlyMap<string, Segments>): Message[] {
  return file.units.map((u: XliffUnit) => ({
    id: u.id,
    source: u.source,
    text: changes.get(u.id) ?? u.target ?? u.source,
    note: u.note,
  }));
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for a message's text on screen (its placeholders match any value). */
export function messagePattern(text: Segments): RegExp {
  const body = text
    .map((s) => (typeof s === 'string' ? s.split(/\s+/).map(escapeRegExp).join('\\s+') : '.+?'))
    .join('');
  return new RegExp(`^\\s*${body}\\s*$`);
}

/**
 * Which message a text on screen shows: an exact match first, then one with values filled in
 * (the longest fixed text wins, so "{0} seconds left" beats "{0}"). Null when none.
 */
export function matchMessage(text: string, messages: readonly Message[]): Message | null {
  const wanted = collapse(text);
  if (!wanted) return null;
  const exact = messages.find(
    (m) => m.text.every((s) => typeof s === 'string') && collapse(segmentsToText(m.text)) === wanted,
  );
  if (exact) return exact;
  let best: Message | null = null;
  let bestFixed = 0;
  for (const m of messages) {
    if (m.text.every((s) => typeof s === 'string')) continue;
    const fixed = m.text.reduce((n, s) => n + (typeof s === 'string' ? s.trim().length : 0), 0);
    if (fixed > bestFixed && messagePattern(m.text).test(wanted)) {
      best = m;
      bestFixed = fixed;
    }
  }
  return best;
}

/** A text element in the frame: its own text (not its children's), and its message if known. */
export interface TextOnScreen {
  readonly element: HTMLElement;
  readonly text: string;
  readonly message: Message | null;
  /** Its box is smaller than its text (scroll size beyond client size), in CSS px. */
  readonly overflow: { readonly width: number; readonly height: number } | null;
}

function ownText(el: Element): string {
  let text = '';
  for (const node of Array.from(el.childNodes))
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
  return collapse(text);
}

/** Every element under `root`, through open shadow roots, in document order. */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

/** How far glyphs may reach beyond a tight line box before a text counts as too tall, in CSS px. */
const TIGHT_LINE_PX = 4;

/** How far a text overflows the box that holds it (its own, or an inline text's block parent). */
function overflowOf(el: HTMLElement): TextOnScreen['overflow'] {
  let box: HTMLElement | null = el;
  if (getComputedStyle(el).display === 'inline') box = el.parentElement;
  if (!box || box.getClientRects().length === 0) return null;
  // Visually hidden text (a live region for screen readers) has a 1 px box on purpose.
  if (box.clientWidth <= 1 || box.clientHeight <= 1) return null;
  const width = box.scrollWidth - box.clientWidth;
  const height = box.scrollHeight - box.clientHeight;
  // Sub-pixel rounding is not overflow, nor glyphs reaching past a tight line height (a few px).
  return width > 1 || height > TIGHT_LINE_PX
    ? { width: Math.max(0, width), height: height > TIGHT_LINE_PX ? height : 0 }
    : null;
}

/**
 * How far a text reaches past the frame's sides: a box that grew with its text (a long word in a
 * grid) pushes it off the glass instead of overflowing. Below the frame is a scroll list's business.
 */
function beyondFrame(el: HTMLElement, frame: DOMRect, scale: number): TextOnScreen['overflow'] {
  const range = document.createRange();
  range.selectNodeContents(el);
  const r = range.getBoundingClientRect();
  const width = Math.max(0, r.right - frame.right, frame.left - r.left) / scale;
  return width > 1 ? { width: Math.round(width), height: 0 } : null;
}

/** The visible texts of the frame (the shell and every screen in it), each with its message. */
export function textsOnScreen(app: Element, messages: readonly Message[]): TextOnScreen[] {
  const out: TextOnScreen[] = [];
  const roots: ParentNode[] = app.shadowRoot ? [app.shadowRoot, app] : [app];
  const frame = app.getBoundingClientRect();
  // The frame may be shown scaled (zoom): overflow is said in the layout's CSS px.
  const scale = app instanceof HTMLElement && app.offsetWidth ? frame.width / app.offsetWidth : 1;
  for (const root of roots)
    for (const el of deepElements(root)) {
      if (!(el instanceof HTMLElement) || el.localName === 'style' || el.localName === 'script') continue;
      const text = ownText(el);
      if (!text || el.getClientRects().length === 0) continue;
      // Visually hidden text (a live region for screen readers) sits in a 1 px box on purpose.
      const hidden = el.clientWidth <= 1 && el.clientHeight <= 1 && getComputedStyle(el).display !== 'inline';
      out.push({
        element: el,
        text,
        message: matchMessage(text, messages),
        overflow: hidden ? null : (overflowOf(el) ?? beyondFrame(el, frame, scale)),
      });
    }
  return out;
}

/** A message's wording as the runtime templates hold it: plain text, or `str` with value indices. */
export function toTemplate(text: Segments): TemplateLike {
  if (text.every((s) => typeof s === 'string')) return text.join('');
  const strings: string[] = [''];
  const values: number[] = [];
  for (const s of text) {
    if (typeof s === 'string') strings[strings.length - 1] += s;
    else {
      values.push((s as Placeholder).index);
      strings.push('');
    }
  }
  const result: StrResult = {
    strTag: true,
    strings: Object.assign([...strings], { raw: [...strings] }),
    values,
  };
  return result;
}

/**
 * Puts a wording on screen for the language showing now (null: back to `original`) and re-renders
 * the screens. English is the source, compiled in: its wording changes in the code, so this throws.
 */
export function applyWording(id: string, wording: Segments | null, original: Segments): void {
  const templates = activeTemplates();
  if (!templates) throw new Error('English is the source: change its wording in src/screens/texts.ts');
  templates[id] = toTemplate(wording ?? original);
  relocalize();
}
