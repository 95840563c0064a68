/**
 * Checks generated from the design tokens, for every theme: text contrast (WCAG 2: ≥ 4.5:1, ≥ 7:1 for
 * emergency text) and emergency targets (≥ 15 mm on the glass at each display's density). Pure: the
 * unit test runs them on the committed tokens (test/unit/tokens.checks.test.ts), the workbench on the
 * tokens being edited (`contrastReport` in src/styles/tokens.ts).
 */
import {
  composite,
  contrastRatio,
  dimensionPx,
  parseColor,
  type DesignToken,
  type Rgba,
  type TokenValue,
} from './token-values.js';

/** WCAG 2.x AA for text. */
export const TEXT_CONTRAST = 4.5;
/** Emergency text (the status line, the emergency buttons' labels): WCAG AAA. */
export const EMERGENCY_CONTRAST = 7;
/** Emergency targets are never smaller than this on the glass, whatever the tokens say. */
export const EMERGENCY_TARGET_FLOOR_MM = 15;

/**
 * A background: a colour token, a gradient token (each of its stops is checked) or a translucent tint
 * painted over an opaque one (`{ tint, over }`: a badge's soft fill on a panel).
 */
export type Backdrop = string | { readonly tint: string; readonly over: string };

export interface ContrastPair {
  /** Colour token paths: the text, and what it is drawn on. */
  readonly fg: string;
  readonly bg: Backdrop;
  readonly min: number;
  /** Where the pair is seen. */
  readonly role: string;
}

const PAGE = ['color.bg', 'color.bg-gradient'] as const;
const SURFACES = [...PAGE, 'color.surface', 'color.surface-raised', 'color.surface-sunken'] as const;
const SIGNALS = ['color.accent', 'color.danger', 'color.ready', 'color.limited', 'color.unknown'] as const;
const TINTED = [
  ['color.danger', 'color.danger-soft'],
  ['color.ready', 'color.ready-soft'],
  ['color.limited', 'color.limited-soft'],
  ['color.unknown', 'color.unknown-soft'],
] as const;

/** A translucent tint on the page and on a panel. */
const tintedOn = (tint: string): Backdrop[] => [...PAGE, 'color.surface'].map((over) => ({ tint, over }));

const pairs = (fgs: readonly string[], bgs: readonly Backdrop[], min: number, role: string): ContrastPair[] =>
  fgs.flatMap((fg) => bgs.map((bg) => ({ fg, bg, min, role })));

/** Every text colour on every background it is drawn on, with the contrast it needs. */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  ...pairs(
    ['color.text', 'color.text-dim', 'color.text-faint'],
    SURFACES,
    TEXT_CONTRAST,
    'text on the page and panels',
  ),
  ...pairs(['color.text'], ['color.neutral-button'], TEXT_CONTRAST, 'ordinary buttons and keys'),
  ...pairs(SIGNALS, SURFACES, TEXT_CONTRAST, 'signal colour as text: hints, step states, verdicts'),
  ...TINTED.flatMap(([fg, tint]) =>
    pairs([fg], tintedOn(tint), TEXT_CONTRAST, 'badges and results on their tint'),
  ),
  ...pairs(
    ['color.text'],
    [...tintedOn('color.danger-soft'), ...tintedOn('color.limited-soft')],
    TEXT_CONTRAST,
    'warning and notice boxes',
  ),
  ...pairs(['color.bg'], ['color.ready'], TEXT_CONTRAST, 'a done step’s number on its ready disc'),
  ...pairs(
    ['color.on-accent'],
    ['color.accent-strong'],
    TEXT_CONTRAST,
    'primary buttons, banners, the current step',
  ),
  ...pairs(['color.on-danger'], ['color.danger-strong'], TEXT_CONTRAST, 'danger buttons'),
  // Emergency text.
  ...pairs(
    ['color.text', 'color.danger', 'color.limited', 'color.unknown', 'color.ready'],
    PAGE,
    EMERGENCY_CONTRAST,
    'emergency: the status line (h1) on the page',
  ),
  ...pairs(
    ['color.danger'],
    ['color.surface'],
    EMERGENCY_CONTRAST,
    'emergency: the malfunction warning (h1 on its card)',
  ),
  ...pairs(
    ['color.danger'],
    tintedOn('color.danger-soft').slice(0, PAGE.length),
    EMERGENCY_CONTRAST,
    'emergency: call failed, cancel window (h1 on the danger glow)',
  ),
  ...pairs(
    ['color.on-accent'],
    ['color.accent-strong'],
    EMERGENCY_CONTRAST,
    'emergency: Cancel call (primary)',
  ),
  ...pairs(['color.on-danger'], ['color.danger-strong'], EMERGENCY_CONTRAST, 'emergency: Call now (danger)'),
];

export interface ContrastCheck {
  readonly fg: string;
  /** The backdrop as words: `color.surface`, `color.bg-gradient`, `color.danger-soft over color.bg`. */
  readonly bg: string;
  /** Where on the backdrop the contrast is lowest: `color.bg-gradient (stop 3)`. */
  readonly worst: string;
  /** The lowest ratio over the backdrop's colours (each stop of a gradient), to two decimals. */
  readonly ratio: number;
  readonly min: number;
  readonly pass: boolean;
  readonly role: string;
}

/** `color.danger-soft over color.bg` */
export const backdropName = (bg: Backdrop): string =>
  typeof bg === 'string' ? bg : `${bg.tint} over ${bg.over}`;

/** A colour token by path among one theme's tokens (base and the theme's set). */
function lookup(tokens: readonly DesignToken[]): (path: string) => DesignToken {
  const byPath = new Map(tokens.map((t) => [t.path, t]));
  return (path) => {
    const token = byPath.get(path);
    if (!token) throw new Error(`no token ${path}`);
    return token;
  };
}

function opaque(color: Rgba, path: string): Rgba {
  if (color.a < 1) throw new Error(`${path} is translucent: check it as a tint over an opaque background`);
  return color;
}

/** The opaque colours a backdrop shows, each with a label. */
function backdropColors(bg: Backdrop, get: (path: string) => DesignToken): { label: string; color: Rgba }[] {
  if (typeof bg !== 'string') {
    const tint = parseColor(get(bg.tint).value);
    return backdropColors(bg.over, get).map(({ label, color }) => ({
      label: `${bg.tint} over ${label}`,
      color: composite(tint, color),
    }));
  }
  const token = get(bg);
  if (token.type === 'gradient')
    return (token.value as readonly { color: TokenValue }[]).map((stop, i) => ({
      label: `${bg} (stop ${i + 1})`,
      color: opaque(parseColor(stop.color), bg),
    }));
  const color = parseColor(token.value);
  // A translucent colour alone (contrast theme tints are opaque black): painted over the page.
  return [
    {
      label: bg,
      color: color.a < 1 ? composite(color, opaque(parseColor(get('color.bg').value), 'color.bg')) : color,
    },
  ];
}

/**
 * Every contrast pair for one theme. `tokens`: the base set and that theme's set (as listed by
 * `TOKENS`, or with the workbench's overrides applied).
 */
export function contrastChecks(
  tokens: readonly DesignToken[],
  pairList: readonly ContrastPair[] = CONTRAST_PAIRS,
): ContrastCheck[] {
  const get = lookup(tokens);
  return pairList.map((pair) => {
    const fgColor = parseColor(get(pair.fg).value);
    const ratios = backdropColors(pair.bg, get).map(({ label, color }) => {
      const fg = fgColor.a < 1 ? composite(fgColor, color) : fgColor;
      return { label, ratio: contrastRatio(fg, color) };
    });
    const worst = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    const ratio = Math.floor(worst.ratio * 100) / 100;
    return {
      fg: pair.fg,
      bg: backdropName(pair.bg),
      worst: worst.label,
      ratio,
      min: pair.min,
      pass: worst.ratio >= pair.min,
      role: pair.role,
    };
  });
}

/** A display an emergency target is checked on. */
export interface TargetDisplay {
  readonly name: string;
  /** Physical pixels per millimetre. */
  readonly density: number;
  /** Device pixel ratio (CSS px = physical px ÷ dpr). */
  readonly dpr: number;
}

export interface TargetCheck {
  readonly display: string;
  /** `ceil(mm × density ÷ dpr)`: the CSS px that make the target size on this display. */
  readonly neededPx: number;
  /** What the screens draw: the larger of that and `emergency-target.min`. */
  readonly renderedPx: number;
  /** The rendered size on the glass. */
  readonly mm: number;
  readonly pass: boolean;
  /** The display's `emergency-target.<display>` token, when there is one, and whether it is still right. */
  readonly tokenPx: number | null;
  readonly tokenCurrent: boolean;
}

/** The displays the tokens carry sizes for (`emergency-target.<display>` with density and dpr). */
export function tokenDisplays(tokens: readonly DesignToken[]): TargetDisplay[] {
  return tokens
    .filter((t) => t.path.startsWith('emergency-target.') && t.extensions?.density && t.extensions.dpr)
    .map((t) => ({
      name: t.path.slice('emergency-target.'.length),
      density: t.extensions!.density!,
      dpr: t.extensions!.dpr!,
    }));
}

/** CSS px an emergency target of `mm` needs on a display (the formula of src/app/display.ts). */
export function emergencyTargetPx(mm: number, display: Pick<TargetDisplay, 'density' | 'dpr'>): number {
  return Math.ceil((mm * display.density) / display.dpr);
}

/** Emergency targets on every display (the tokens' own, or `displays`): ≥ 15 mm on the glass. */
export function emergencyTargetChecks(
  tokens: readonly DesignToken[],
  displays: readonly TargetDisplay[] = tokenDisplays(tokens),
): TargetCheck[] {
  const get = lookup(tokens);
  const mm = get('emergency-target.mm').value as number;
  const minPx = dimensionPx(get('emergency-target.min').value);
  const byPath = new Map(tokens.map((t) => [t.path, t]));
  return displays.map((display) => {
    const neededPx = emergencyTargetPx(mm, display);
    const renderedPx = Math.max(minPx, neededPx);
    const onGlass = (renderedPx * display.dpr) / display.density;
    const token = byPath.get(`emergency-target.${display.name}`);
    const tokenPx = token ? dimensionPx(token.value) : null;
    return {
      display: display.name,
      neededPx,
      renderedPx,
      mm: Math.round(onGlass * 100) / 100,
      pass: mm >= EMERGENCY_TARGET_FLOOR_MM && onGlass >= EMERGENCY_TARGET_FLOOR_MM,
      tokenPx,
      tokenCurrent: tokenPx === null || tokenPx === neededPx,
    };
  });
}
