/**
 * The automation contract's URL parameters, parsed once at start:
 * `?bridge=mock|ws[&url=ws://…]` (the simulator or the VISS gateway; default from `config.json`),
 * `?scenario=<name>`, `?theme=day|night`, `?clock=manual|real`, `?region=eu|na`,
 * `?density=<physical px per mm>` (the display's pixel density, docs/headunit.md).
 * Unknown values fall back to the defaults and are reported, so a mistyped deep link is visible.
 */
export type Theme = 'day' | 'night';

/** The gateway's default VISS endpoint (KUKSA's VISS port). */
export const DEFAULT_VISS_URL = 'ws://127.0.0.1:8090';

export interface HmiOptions {
  readonly bridge: 'mock' | 'ws';
  /** VISS endpoint for `?bridge=ws` (`&url=`); the gateway's default address when absent. */
  readonly url: string;
  readonly scenario: string | null;
  readonly theme: Theme;
  /** The theme was pinned by `?theme=`: the car's day/night signal does not change it. */
  readonly themeFromUrl: boolean;
  /** Physical pixels per mm of the display, if configured (`?density=` or `config.json`). */
  readonly density: number | null;
  /** `manual`: time stands still; only `sim.advance()` moves it (deterministic automated tests). */
  readonly clock: 'real' | 'manual';
  readonly region: 'eu' | 'na';
  /** What was ignored, one line each. */
  readonly warnings: readonly string[];
}

function pick<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
  warnings: string[],
): T {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  warnings.push(`?${name}=${raw} is not one of ${allowed.join(', ')}; using ${fallback}`);
  return fallback;
}

/** Defaults the page was served with (`config.json`, see `hmiConfig.ts`); URL parameters win. */
export interface HmiDefaults {
  readonly bridge?: 'mock' | 'ws';
  /** Absolute ws:// or wss:// address of the VISS endpoint. */
  readonly url?: string;
  readonly density?: number | null;
}

export function parseHmiOptions(
  search: string,
  knownScenarios: readonly string[],
  defaults: HmiDefaults = {},
): HmiOptions {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  const bridge = pick(params, 'bridge', ['mock', 'ws'] as const, defaults.bridge ?? 'mock', warnings);
  const defaultUrl = defaults.url ?? DEFAULT_VISS_URL;
  let url = params.get('url') ?? defaultUrl;
  if (!/^wss?:\/\/[^\s]+$/.test(url)) {
    warnings.push(`?url=${url} is not a ws:// or wss:// address; using ${defaultUrl}`);
    url = defaultUrl;
  }
  let density = defaults.density ?? null;
  const rawDensity = params.get('density');
  if (rawDensity !== null && rawDensity !== '') {
    const n = Number(rawDensity);
    if (Number.isFinite(n) && n >= 1 && n <= 40) density = n;
    else warnings.push(`?density=${rawDensity} is not a pixel density in px/mm (1–40); ignored`);
  }
  const theme = pick(params, 'theme', ['day', 'night'] as const, 'night', warnings);
  const clock = pick(params, 'clock', ['real', 'manual'] as const, 'real', warnings);
  const region = pick(params, 'region', ['eu', 'na'] as const, 'eu', warnings);
  let scenario = params.get('scenario');
  if (scenario !== null && !knownScenarios.includes(scenario)) {
    warnings.push(`?scenario=${scenario} is unknown; known: ${knownScenarios.join(', ')}`);
    scenario = null;
  }
  const themeFromUrl = theme === params.get('theme');
  return { bridge, url, scenario: scenario || null, theme, themeFromUrl, density, clock, region, warnings };
}
