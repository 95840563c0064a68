/**
 * The Tokens section's logic, apart from its element: the tokens a theme shows grouped as Tokens
 * Studio groups them, what each row's controls show, a designer's input turned into a DTCG value (or
 * the reason it cannot be one), and the list of changes kept one per token.
 */
import {
  findToken,
  invalidOverride,
  resolveTokens,
  type DesignToken,
  type TokenOverride,
  type TokenSet,
  type TokenValue,
} from '../styles/tokens.js';
import { durationMs, formatHexColor, parseColor } from '../styles/token-values.js';
import type { Theme } from '../styles/theme.js';

/** A token as the section lists it for one theme. */
export interface TokenRow {
  readonly token: DesignToken;
  /** The token's value in this theme with every change applied (aliases followed). */
  readonly value: TokenValue;
  /** Its CSS now. */
  readonly css: string;
  /** The token itself was changed (not only a token it aliases). */
  readonly changed: boolean;
  /** Shown, never edited: it follows from other tokens. */
  readonly readOnly: boolean;
}

/** Rows of one group (the first path segment: `color`, `font-size`, `radius` …). */
export interface TokenGroup {
  readonly name: string;
  readonly rows: readonly TokenRow[];
}

const key = (set: TokenSet, path: string): string => `${set}:${path}`;

/** The tokens a theme shows (base and that theme's set), grouped by their first path segment, in file order. */
export function tokenGroups(theme: Theme, overrides: readonly TokenOverride[]): TokenGroup[] {
  const changed = new Set(overrides.map((o) => key(o.set, o.path)));
  const groups = new Map<string, TokenRow[]>();
  for (const token of resolveTokens(theme, overrides)) {
    const name = token.path.split('.')[0]!;
    const rows = groups.get(name) ?? [];
    rows.push({
      token: findToken(token.set, token.path) ?? token,
      value: token.value,
      css: token.css,
      changed: changed.has(key(token.set, token.path)),
      readOnly: !!token.extensions?.derived,
    });
    groups.set(name, rows);
  }
  // Colours first: what designers change most, and what the contrast checks are about.
  return [...groups]
    .map(([name, rows]) => ({ name, rows }))
    .sort((a, b) => Number(b.name === 'color') - Number(a.name === 'color'));
}

/** The path without its group, as a row names it: `text-dim`, `status`, `1280x480`. */
export const rowLabel = (path: string): string => path.split('.').slice(1).join('.') || path;

/** What a row's text field shows for a value. */
export function valueText(type: DesignToken['type'], value: TokenValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (type === 'fontFamily' && Array.isArray(value)) return value.join(', ');
  if (type === 'cubicBezier' && Array.isArray(value)) return value.join(', ');
  return JSON.stringify(value);
}

/** The `#rrggbb` a colour picker shows for a colour value (a picker has no alpha). */
export function pickerColor(value: TokenValue): string {
  return formatHexColor({ ...parseColor(value), a: 1 });
}

/** A picked `#rrggbb` applied to a colour, keeping its alpha (a tint stays a tint). */
export function withPickedColor(value: TokenValue, picked: string): string {
  const { a } = parseColor(value);
  return formatHexColor({ ...parseColor(picked), a });
}

/** The number a numeric field shows: px for a dimension, ms for a duration, the number itself otherwise. */
export function numberOf(type: DesignToken['type'], value: TokenValue): number | null {
  if (type === 'duration') return durationMs(value);
  if (type === 'number' || type === 'fontWeight') return typeof value === 'number' ? value : Number(value);
  if (type === 'dimension') {
    const m = typeof value === 'string' ? /^(-?[\d.]+)px$/.exec(value.trim()) : null;
    return m ? Number(m[1]) : null;
  }
  return null;
}

/** The unit a numeric field is in. */
export const unitOf = (type: DesignToken['type']): string =>
  type === 'dimension' ? 'px' : type === 'duration' ? 'ms' : '';

/** A designer's input for a token as a DTCG value, or why it is not one. */
export function parseInput(
  token: DesignToken,
  raw: string,
  as: 'text' | 'number',
): { value: TokenValue } | { error: string } {
  const text = raw.trim();
  if (!text) return { error: 'empty' };
  let value: TokenValue = text;
  if (as === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n)) return { error: `${text} is not a number` };
    value = token.type === 'dimension' ? `${n}px` : token.type === 'duration' ? `${n}ms` : n;
  } else if (token.type === 'number' || token.type === 'fontWeight') {
    value = Number(text);
  } else if (token.type === 'cubicBezier' && !text.startsWith('[')) {
    value = text.split(',').map((p) => Number(p.trim()));
  } else if (token.type === 'fontFamily' && !text.startsWith('[')) {
    value = text
      .split(',')
      .map((p) => p.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
  } else if (token.type === 'gradient' || token.type === 'shadow' || /^[[{]/.test(text)) {
    try {
      value = JSON.parse(text) as TokenValue;
    } catch {
      return { error: 'not JSON (a gradient or shadow is written as its DTCG JSON)' };
    }
  }
  const why = invalidOverride({ set: token.set, path: token.path, value });
  return why ? { error: why } : { value };
}

/** The changes with `override` in place of any earlier change of the same token. */
export function withOverride(overrides: readonly TokenOverride[], override: TokenOverride): TokenOverride[] {
  const original = findToken(override.set, override.path);
  const rest = withoutOverride(overrides, override.set, override.path);
  // Back to the value as written is no change at all.
  return original && JSON.stringify(original.source) === JSON.stringify(override.value)
    ? rest
    : [...rest, override];
}

/** The changes without the one of this token. */
export function withoutOverride(
  overrides: readonly TokenOverride[],
  set: TokenSet,
  path: string,
): TokenOverride[] {
  return overrides.filter((o) => !(o.set === set && o.path === path));
}

/** The file name an export downloads as. */
export const EXPORT_FILE = 'token-changes.json';
