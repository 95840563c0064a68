/**
 * The automation contract's URL parameters, parsed once at start:
 * `?bridge=mock` (default), `?scenario=<name>`, `?theme=day|night`, `?clock=manual|real`, `?region=eu|na`.
 * Unknown values fall back to the defaults and are reported, so a mistyped deep link is visible.
 */
export type Theme = 'day' | 'night';

export interface HmiOptions {
  readonly bridge: 'mock';
  readonly scenario: string | null;
  readonly theme: Theme;
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

export function parseHmiOptions(search: string, knownScenarios: readonly string[]): HmiOptions {
  const params = new URLSearchParams(search);
  const warnings: string[] = [];
  const bridge = pick(params, 'bridge', ['mock'] as const, 'mock', warnings);
  const theme = pick(params, 'theme', ['day', 'night'] as const, 'night', warnings);
  const clock = pick(params, 'clock', ['real', 'manual'] as const, 'real', warnings);
  const region = pick(params, 'region', ['eu', 'na'] as const, 'eu', warnings);
  let scenario = params.get('scenario');
  if (scenario !== null && !knownScenarios.includes(scenario)) {
    warnings.push(`?scenario=${scenario} is unknown; known: ${knownScenarios.join(', ')}`);
    scenario = null;
  }
  return { bridge, scenario: scenario || null, theme, clock, region, warnings };
}
