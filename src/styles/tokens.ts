/**
 * The design tokens at run time, for the designer workbench's Tokens section (docs/design-tokens.md):
 * list them, change one live (every frame follows, since every screen reads `var(--sos-…)`), check
 * contrast and emergency targets on the changed values, carry the changes in a link, and export
 * them as DTCG JSON for `tokens/` (Tokens Studio's single-file layout; `npm run tokens -- --merge`).
 *
 * Not part of the head-unit build: only the workbench imports this module (the head unit gets the
 * generated CSS through src/styles/theme.ts).
 */
import type { Theme } from './theme.js';
import { TOKENS } from './token-list.generated.js';
import {
  contrastChecks,
  emergencyTargetChecks,
  emergencyTargetPx,
  type ContrastCheck,
  type TargetCheck,
  type TargetDisplay,
} from './token-checks.js';
import {
  cssValue,
  invalidTokenValue,
  TOKEN_SETS,
  type DesignToken,
  type TokenSet,
  type TokenType,
  type TokenValue,
} from './token-values.js';

export { TOKENS, TOKEN_SETS };
export type { ContrastCheck, DesignToken, TargetCheck, TargetDisplay, TokenSet, TokenType, TokenValue };

/** A live change: the new DTCG `$value` of one token of one set. */
export interface TokenOverride {
  readonly set: TokenSet;
  /** Dotted DTCG path, as in `TOKENS` (`color.accent`). */
  readonly path: string;
  readonly value: TokenValue;
}

/** The tokens a theme shows: the base set, then that theme's set. */
export function themeTokens(theme: Theme): DesignToken[] {
  return TOKENS.filter((t) => t.set === 'base' || t.set === theme);
}

/** Tokens, optionally only of one set and/or one type. */
export function listTokens(filter: { set?: TokenSet; type?: TokenType } = {}): DesignToken[] {
  return TOKENS.filter(
    (t) => (!filter.set || t.set === filter.set) && (!filter.type || t.type === filter.type),
  );
}

export function findToken(set: TokenSet, path: string): DesignToken | undefined {
  return TOKENS.find((t) => t.set === set && t.path === path);
}

/** Why an override cannot apply (unknown token, derived token, a value that is not of the token's type), or null. */
export function invalidOverride(o: TokenOverride): string | null {
  const token = findToken(o.set, o.path);
  if (!token) return `no token ${o.path} in the ${o.set} set`;
  if (token.extensions?.derived) return `${o.path} follows from other tokens (${token.extensions.derived})`;
  const why = invalidTokenValue(token.type, o.value, token.extensions);
  return why && `${o.path}: ${why}`;
}

/** The last override of each token wins; invalid ones are dropped. */
function effective(overrides: readonly TokenOverride[]): Map<string, TokenOverride> {
  const map = new Map<string, TokenOverride>();
  for (const o of overrides) if (!invalidOverride(o)) map.set(`${o.set}:${o.path}`, o);
  return map;
}

const ALIAS = /^\{([^{}]+)\}$/;

/**
 * A theme's tokens with the overrides applied: aliases are followed again (day's `accent-strong` is
 * `{color.accent}`, so it changes with the accent), derived sizes are recomputed, CSS is rewritten.
 */
export function resolveTokens(theme: Theme, overrides: readonly TokenOverride[] = []): DesignToken[] {
  const changes = effective(overrides);
  const own = themeTokens(theme);
  const byPath = new Map(own.map((t) => [t.path, t]));
  /** The value as written in the set (alias or not), with the override in place. */
  const written = (t: DesignToken): TokenValue => changes.get(`${t.set}:${t.path}`)?.value ?? t.source;
  const resolved = new Map<string, TokenValue>();
  const resolve = (value: TokenValue, seen: readonly string[]): TokenValue => {
    if (typeof value === 'string') {
      const alias = ALIAS.exec(value.trim())?.[1];
      return alias ? valueOf(alias, seen) : value;
    }
    if (Array.isArray(value)) return value.map((v: TokenValue) => resolve(v, seen));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, seen)]));
    return value;
  };
  const valueOf = (path: string, seen: readonly string[] = []): TokenValue => {
    const hit = resolved.get(path);
    if (hit !== undefined) return hit;
    const token = byPath.get(path);
    if (!token || seen.includes(path)) throw new Error(`alias {${path}} cannot be resolved`);
    const value = resolve(written(token), [...seen, path]);
    resolved.set(path, value);
    return value;
  };
  const mm = valueOf('emergency-target.mm');
  return own.map((t) => {
    let value = valueOf(t.path);
    const ext = t.extensions;
    if (ext?.derived && ext.density && ext.dpr && typeof mm === 'number')
      value = `${emergencyTargetPx(mm, { density: ext.density, dpr: ext.dpr })}px`;
    return value === t.value ? t : { ...t, value, css: cssValue(t.type, value, ext) };
  });
}

/** Every contrast pair of a theme, on the tokens as overridden (each with its ratio and whether it passes). */
export function contrastReport(theme: Theme, overrides: readonly TokenOverride[] = []): ContrastCheck[] {
  return contrastChecks(resolveTokens(theme, overrides));
}

/** Emergency targets on each display of the tokens (or `displays`), as overridden. */
export function targetReport(
  overrides: readonly TokenOverride[] = [],
  displays?: readonly TargetDisplay[],
): TargetCheck[] {
  const tokens = resolveTokens('night', overrides);
  return displays ? emergencyTargetChecks(tokens, displays) : emergencyTargetChecks(tokens);
}

// ── Live on a document ────────────────────────────────────────────────────────────────────────

/**
 * Selectors one step more specific than the generated ones (src/styles/tokens.generated.ts), so the
 * overrides win over the theme stylesheet whatever the order of the sheets (it is adopted; these are
 * in a `<style>`).
 */
const OVERRIDE_SELECTORS: Readonly<Record<TokenSet, string>> = {
  base: ':root:root:root',
  night: ":root:root:not([data-theme]), :root:root[data-theme='night']",
  day: ":root:root[data-theme='day']",
  contrast: ":root:root[data-theme='contrast']",
};

/** The custom properties each set's overrides change: every token whose CSS differs, followers included. */
export function overrideDeclarations(
  overrides: readonly TokenOverride[],
): { set: TokenSet; selector: string; properties: [name: string, value: string][] }[] {
  const themes: readonly Theme[] = ['night', 'day', 'contrast'];
  const changed = new Map<TokenSet, Map<string, string>>();
  for (const theme of themes)
    for (const t of resolveTokens(theme, overrides)) {
      const original = findToken(t.set, t.path);
      if (!t.name || !original || original.css === t.css) continue;
      // A change to base shows in every theme; base tokens are written once, under `:root`.
      const set = t.set;
      const props = changed.get(set) ?? new Map<string, string>();
      props.set(t.name, t.css);
      changed.set(set, props);
    }
  return TOKEN_SETS.filter((set) => changed.has(set)).map((set) => ({
    set,
    selector: OVERRIDE_SELECTORS[set],
    properties: [...changed.get(set)!],
  }));
}

const STYLE_ATTR = 'data-sos-token-overrides';

/**
 * Shows `overrides` on `doc` live, replacing the previous ones (`[]` removes them all). Values go in
 * through the CSSOM (`setProperty`), never as CSS text, so a value from a link cannot add rules.
 * With `display`, `--sos-emergency-target` is recomputed from `emergency-target.mm` (the page sets it
 * at start from the panel's density, src/main.ts).
 */
export function applyTokenOverrides(
  overrides: readonly TokenOverride[],
  options: { doc?: Document; display?: Pick<TargetDisplay, 'density' | 'dpr'> } = {},
): void {
  const doc = options.doc ?? document;
  let style = doc.head.querySelector<HTMLStyleElement>(`style[${STYLE_ATTR}]`);
  if (!style) {
    style = doc.createElement('style');
    style.setAttribute(STYLE_ATTR, '');
    doc.head.append(style);
  }
  const sheet = style.sheet!;
  while (sheet.cssRules.length) sheet.deleteRule(0);
  for (const { selector, properties } of overrideDeclarations(overrides)) {
    const rule = sheet.cssRules[sheet.insertRule(`${selector} {}`, sheet.cssRules.length)] as CSSStyleRule;
    for (const [name, value] of properties) rule.style.setProperty(name, value);
  }
  if (options.display) {
    const mm = resolveTokens('night', overrides).find((t) => t.path === 'emergency-target.mm')!
      .value as number;
    doc.documentElement.style.setProperty(
      '--sos-emergency-target',
      `${emergencyTargetPx(mm, options.display)}px`,
    );
  }
}

// ── Links ─────────────────────────────────────────────────────────────────────────────────────

/** The URL parameter the overrides travel in. */
export const TOKENS_PARAM = 'tokens';

const PLAIN = /^[\w#.%-]+$/;

/**
 * Overrides as one URL parameter value: `set:path=value` joined by `;`
 * (`night:color.accent=#ff6a00;base:radius.md=14px`); composite values as JSON.
 */
export function encodeTokenOverrides(overrides: readonly TokenOverride[]): string {
  return [...effective(overrides).values()]
    .map(({ set, path, value }) => {
      const text =
        typeof value === 'string' && PLAIN.test(value) && !/^-?[\d.]+$/.test(value)
          ? value
          : JSON.stringify(value);
      return `${set}:${path}=${text}`;
    })
    .join(';');
}

/** The overrides in a `tokens=` value; what cannot apply is left out and said in `warnings`. */
export function decodeTokenOverrides(param: string | null): {
  overrides: TokenOverride[];
  warnings: string[];
} {
  const overrides: TokenOverride[] = [];
  const warnings: string[] = [];
  for (const entry of (param ?? '').split(';').filter((e) => e.trim())) {
    const m = /^(\w+):([\w.-]+)=(.*)$/s.exec(entry.trim());
    if (!m || !(TOKEN_SETS as readonly string[]).includes(m[1]!)) {
      warnings.push(`token override "${entry}" is not set:path=value`);
      continue;
    }
    let value: TokenValue = m[3]!;
    if (/^[[{"\d-]/.test(value)) {
      try {
        value = JSON.parse(value) as TokenValue;
      } catch {
        // a plain string after all (`-apple-system`)
      }
    }
    const override: TokenOverride = { set: m[1] as TokenSet, path: m[2]!, value };
    const why = invalidOverride(override);
    if (why) warnings.push(`token override ignored: ${why}`);
    else overrides.push(override);
  }
  return { overrides, warnings };
}

// ── Export ────────────────────────────────────────────────────────────────────────────────────

/** The Tokens Studio name of a set (the file `tokens/<set>.tokens.json` without `.json`). */
export const studioSetName = (set: TokenSet): string => `${set}.tokens`;

/**
 * The changed tokens as a DTCG JSON file: one group per changed set, named as Tokens Studio names the
 * files of `tokens/` (`night.tokens`), each token with its `$type`, new `$value` and `$description`.
 */
export function exportTokenOverrides(overrides: readonly TokenOverride[]): string {
  const out: Record<string, unknown> = {};
  for (const { set, path, value } of effective(overrides).values()) {
    const token = findToken(set, path)!;
    let group = (out[studioSetName(set)] ??= {}) as Record<string, unknown>;
    const segments = path.split('.');
    for (const segment of segments.slice(0, -1)) group = (group[segment] ??= {}) as Record<string, unknown>;
    group[segments.at(-1)!] = {
      $type: token.type,
      $value: value,
      ...(token.description ? { $description: token.description } : {}),
    };
  }
  const sets = TOKEN_SETS.map(studioSetName).filter((name) => name in out);
  const ordered = Object.fromEntries(sets.map((name) => [name, out[name]]));
  return `${JSON.stringify({ ...ordered, $metadata: { tokenSetOrder: sets } }, null, 2)}\n`;
}
