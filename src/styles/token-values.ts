/**
 * Design-token values (W3C DTCG, as in `tokens/*.tokens.json`) and the CSS they become. Pure and
 * dependency-free: the generator (scripts/tokens.ts, inside style-dictionary), the workbench's live
 * overrides (src/styles/tokens.ts) and the checks (src/styles/token-checks.ts) all use these
 * functions, so a token edited live looks exactly as it will once regenerated.
 *
 * Values are read in the forms Tokens Studio exports (strings: `#0b5ec9`, `#ff433824`,
 * `rgba(255, 67, 56, 0.14)`, `12px`, `80ms`) and in the DTCG 2025.10 object forms
 * (`{ "value": 12, "unit": "px" }`, `{ "colorSpace": "srgb", "components": [...], "alpha": 0.14 }`).
 */

/** The DTCG types the tokens use. */
export type TokenType =
  | 'color'
  | 'gradient'
  | 'dimension'
  | 'duration'
  | 'cubicBezier'
  | 'fontFamily'
  | 'fontWeight'
  | 'number'
  | 'shadow';

export const TOKEN_TYPES: readonly TokenType[] = [
  'color',
  'gradient',
  'dimension',
  'duration',
  'cubicBezier',
  'fontFamily',
  'fontWeight',
  'number',
  'shadow',
];

/** The token sets: `base` applies to every theme; each theme set holds that theme's colours and shadow. */
export type TokenSet = 'base' | 'night' | 'day' | 'contrast';
export const TOKEN_SETS: readonly TokenSet[] = ['base', 'night', 'day', 'contrast'];

/** A DTCG value as JSON (string, number, array or object), before or after alias resolution. */
export type TokenValue =
  string | number | boolean | null | readonly TokenValue[] | { [key: string]: TokenValue };

/** Vendor data this project reads from a token's `$extensions["org.sos-hmi"]`. */
export interface SosTokenExtensions {
  /** Gradient: the CSS function and its geometry (`radial-gradient`, `120% 140% at 50% -20%`). */
  readonly gradientFunction?: 'linear-gradient' | 'radial-gradient';
  readonly gradientShape?: string;
  /** False: the token is information for designers and the checks (no CSS custom property). */
  readonly css?: boolean;
  /** The value follows from others by this rule (the workbench shows it read-only). */
  readonly derived?: string;
  /** Emergency-target sizes: the display they are for. */
  readonly density?: number;
  readonly dpr?: number;
}

/** One token of one set, resolved, as the workbench lists it (src/styles/token-list.generated.ts). */
export interface DesignToken {
  readonly set: TokenSet;
  /** Dotted DTCG path: `color.accent`, `radius.md`, `focus-ring.width`. */
  readonly path: string;
  /** The CSS custom property: `--sos-accent`, `--sos-radius-md` (null when not emitted as CSS). */
  readonly name: string | null;
  readonly type: TokenType;
  /** The DTCG `$value` as written in the set (`{color.accent}` for an alias). */
  readonly source: TokenValue;
  /** The DTCG `$value`, aliases resolved. */
  readonly value: TokenValue;
  /** The alias the value comes from (`color.accent`), when it is one: the CSS then reads `var(--sos-accent)`. */
  readonly alias: string | null;
  /** The value as CSS (aliases resolved). */
  readonly css: string;
  readonly description: string;
  readonly extensions?: SosTokenExtensions;
}

/** CSS custom property of a token path: `--sos-` and the path joined by `-`, without a leading `color` group. */
export function tokenCssName(path: readonly string[]): string {
  for (const segment of path)
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(segment))
      throw new Error(
        `token path segment "${segment}" (${path.join('.')}): use lower-case letters, digits and "-"`,
      );
  const parts = path[0] === 'color' && path.length > 1 ? path.slice(1) : path;
  return `--sos-${parts.join('-')}`;
}

// ── Colour ────────────────────────────────────────────────────────────────────────────────────

/** sRGB colour: channels 0–255 (integers), alpha 0–1. */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB_FN = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+%?)\s*)?\)$/i;

function channel(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0 || n > 255) throw new Error(`colour ${what} ${n} is outside 0–255`);
  return Math.round(n);
}

function alphaOf(n: number): number {
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`colour alpha ${n} is outside 0–1`);
  return n;
}

/** A DTCG colour (hex string, `rgb()`/`rgba()` string or 2025.10 sRGB object) as channels. */
export function parseColor(value: TokenValue): Rgba {
  if (typeof value === 'string') {
    const text = value.trim();
    const hex = HEX.exec(text)?.[1];
    if (hex) {
      const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
      const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
      return { r: n(0), g: n(2), b: n(4), a: full.length === 8 ? n(6) / 255 : 1 };
    }
    const fn = RGB_FN.exec(text);
    if (fn) {
      const a = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : Number(fn[4]);
      return {
        r: channel(Number(fn[1]), 'red'),
        g: channel(Number(fn[2]), 'green'),
        b: channel(Number(fn[3]), 'blue'),
        a: alphaOf(a),
      };
    }
    throw new Error(`"${value}" is not a colour (#rrggbb, #rrggbbaa or rgba())`);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { [key: string]: TokenValue };
    const components = o['components'];
    if (o['colorSpace'] === 'srgb' && Array.isArray(components) && components.length === 3) {
      const [r, g, b] = components.map((c) => (typeof c === 'number' ? c * 255 : NaN));
      const alpha = typeof o['alpha'] === 'number' ? o['alpha'] : 1;
      return { r: channel(r!, 'red'), g: channel(g!, 'green'), b: channel(b!, 'blue'), a: alphaOf(alpha) };
    }
    if (typeof o['hex'] === 'string') return { ...parseColor(o['hex']), a: alphaOf(Number(o['alpha'] ?? 1)) };
  }
  throw new Error(`${JSON.stringify(value)} is not a colour`);
}

/**
 * Alpha as CSS serialises it: two decimals when they round-trip to the same 8-bit alpha (the value a
 * `#rrggbbaa` carries), else three — `#ff433824` is `0.14`, as the theme always had it.
 */
function formatAlpha(a: number): string {
  const byte = Math.round(a * 255);
  const two = Math.round(a * 100) / 100;
  return String(Math.round(two * 255) === byte ? two : Math.round(a * 1000) / 1000);
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** `#rrggbb` when opaque, else `rgba(r, g, b, a)`. */
export function formatColor({ r, g, b, a }: Rgba): string {
  return a >= 1 ? `#${hex2(r)}${hex2(g)}${hex2(b)}` : `rgba(${r}, ${g}, ${b}, ${formatAlpha(a)})`;
}

/** `#rrggbb` or `#rrggbbaa`: the DTCG string form (what an export writes). */
export function formatHexColor({ r, g, b, a }: Rgba): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}${a >= 1 ? '' : hex2(Math.round(a * 255))}`;
}

/** `top` painted over the opaque `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** WCAG 2 relative luminance of an opaque colour. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio (1–21) of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// ── Dimensions, durations, easing, type ───────────────────────────────────────────────────────

function numberUnit(value: TokenValue, units: readonly string[], what: string): { n: number; unit: string } {
  if (typeof value === 'string') {
    const m = /^(-?(?:\d+\.?\d*|\.\d+))([a-z]*)$/.exec(value.trim());
    if (m && (units.includes(m[2]!) || (m[2] === '' && Number(m[1]) === 0)))
      return { n: Number(m[1]), unit: m[2] || units[0]! };
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { [key: string]: TokenValue };
    if (typeof o['value'] === 'number' && typeof o['unit'] === 'string' && units.includes(o['unit']))
      return { n: o['value'], unit: o['unit'] };
  }
  throw new Error(`${JSON.stringify(value)} is not a ${what} (${units.join(' or ')})`);
}

/** `12px`, `1.5rem` (DTCG dimension units). */
export function cssDimension(value: TokenValue): string {
  const { n, unit } = numberUnit(value, ['px', 'rem'], 'dimension');
  return `${n}${unit}`;
}

/** A dimension in CSS px (rem at 16 px). */
export function dimensionPx(value: TokenValue): number {
  const { n, unit } = numberUnit(value, ['px', 'rem'], 'dimension');
  return unit === 'rem' ? n * 16 : n;
}

/** `80ms`, `1s`. */
export function cssDuration(value: TokenValue): string {
  const { n, unit } = numberUnit(value, ['ms', 's'], 'duration');
  if (n < 0) throw new Error(`duration ${n}${unit} is negative`);
  return `${n}${unit}`;
}

/** A duration in milliseconds. */
export function durationMs(value: TokenValue): number {
  const { n, unit } = numberUnit(value, ['ms', 's'], 'duration');
  return unit === 's' ? n * 1000 : n;
}

function cssCubicBezier(value: TokenValue): string {
  if (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    [value[0], value[2]].every((x) => (x as number) >= 0 && (x as number) <= 1)
  )
    return `cubic-bezier(${value.join(', ')})`;
  throw new Error(`${JSON.stringify(value)} is not a cubic Bézier [x1, y1, x2, y2] with x in 0–1`);
}

const GENERIC_FAMILIES = new Set([
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'fantasy',
  'system-ui',
  'ui-serif',
  'ui-sans-serif',
  'ui-monospace',
  'ui-rounded',
  'math',
  'emoji',
  'fangsong',
]);

function cssFontFamily(value: TokenValue): string {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!names?.length || !names.every((n) => typeof n === 'string' && n.trim() !== '' && !/['"\\;{}]/.test(n)))
    throw new Error(`${JSON.stringify(value)} is not a font family (a name or a list of names)`);
  return (names as readonly string[])
    .map((n) => n.trim())
    .map((n) => (GENERIC_FAMILIES.has(n) || /^-?[a-z_][a-z0-9_-]*$/i.test(n) ? n : `'${n}'`))
    .join(', ');
}

function cssNumber(value: TokenValue, what: string, min = -Infinity, max = Infinity): string {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max)
    return String(value);
  throw new Error(`${JSON.stringify(value)} is not a ${what}`);
}

// ── Composites: shadow, gradient ──────────────────────────────────────────────────────────────

function objectOf(value: TokenValue, what: string): { [key: string]: TokenValue } {
  if (value && typeof value === 'object' && !Array.isArray(value))
    return value as { [key: string]: TokenValue };
  throw new Error(`${JSON.stringify(value)} is not a ${what}`);
}

/** `Array.isArray` that keeps the element type (it narrows a readonly array to `any[]`). */
const listOf = (value: TokenValue): readonly TokenValue[] | null =>
  Array.isArray(value) ? (value as readonly TokenValue[]) : null;

/** In a shadow a zero length is written `0`, as the theme always had it. */
const shadowLength = (value: TokenValue | undefined) => {
  const css = cssDimension(value ?? '0px');
  return parseFloat(css) === 0 ? '0' : css;
};

/** One shadow layer or a list of them; a shadow that paints nothing (every layer transparent) is `none`. */
function cssShadow(value: TokenValue): string {
  const layers = (listOf(value) ?? [value]).map((v) => objectOf(v, 'shadow layer'));
  if (layers.length === 0) throw new Error('a shadow needs at least one layer');
  const parts = layers.map((layer) => {
    const color = parseColor(layer['color'] ?? '#000000');
    const spread = shadowLength(layer['spread']);
    return {
      visible: color.a > 0,
      css: [
        layer['inset'] === true ? 'inset' : '',
        shadowLength(layer['offsetX']),
        shadowLength(layer['offsetY']),
        shadowLength(layer['blur']),
        spread === '0' ? '' : spread,
        formatColor(color),
      ]
        .filter(Boolean)
        .join(' '),
    };
  });
  return parts.some((p) => p.visible) ? parts.map((p) => p.css).join(', ') : 'none';
}

/** Gradient stops as CSS; one colour all along is just that colour (the high-contrast theme's plain black). */
function cssGradient(value: TokenValue, ext: SosTokenExtensions | undefined): string {
  const list = listOf(value);
  if (!list || list.length < 2) throw new Error('a gradient needs at least two stops');
  const stops = list.map((v) => {
    const stop = objectOf(v, 'gradient stop');
    const position = stop['position'];
    if (typeof position !== 'number' || position < 0 || position > 1)
      throw new Error(`gradient stop position ${JSON.stringify(position)} is outside 0–1`);
    return { color: formatColor(parseColor(stop['color'] ?? null)), position };
  });
  if (stops.every((s) => s.color === stops[0]!.color)) return stops[0]!.color;
  const fn = ext?.gradientFunction ?? 'linear-gradient';
  const shape = ext?.gradientShape;
  if (shape !== undefined && !/^[\w%.\s-]+$/.test(shape))
    throw new Error(`gradient shape "${shape}" is not plain CSS`);
  const css = stops.map((s) => `${s.color} ${Math.round(s.position * 10000) / 100}%`).join(', ');
  return `${fn}(${shape ? `${shape}, ` : ''}${css})`;
}

// ── Any token ─────────────────────────────────────────────────────────────────────────────────

/** The CSS value of a DTCG value of `type` (throws, saying why, on a value that is not one). */
export function cssValue(type: TokenType, value: TokenValue, ext?: SosTokenExtensions): string {
  switch (type) {
    case 'color':
      return formatColor(parseColor(value));
    case 'gradient':
      return cssGradient(value, ext);
    case 'dimension':
      return cssDimension(value);
    case 'duration':
      return cssDuration(value);
    case 'cubicBezier':
      return cssCubicBezier(value);
    case 'fontFamily':
      return cssFontFamily(value);
    case 'fontWeight':
      return cssNumber(value, 'font weight (1–1000)', 1, 1000);
    case 'number':
      return cssNumber(value, 'number');
    case 'shadow':
      return cssShadow(value);
  }
}

/** Why `value` is not a valid `type` value, or null when it is. */
export function invalidTokenValue(
  type: TokenType,
  value: TokenValue,
  ext?: SosTokenExtensions,
): string | null {
  try {
    cssValue(type, value, ext);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function isTokenType(type: unknown): type is TokenType {
  return typeof type === 'string' && (TOKEN_TYPES as readonly string[]).includes(type);
}
