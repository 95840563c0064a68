/**
 * The automation contract's URL parameters, parsed once at start:
 * `?bridge=mock|ws[&url=ws://…]` (the simulator or the VISS gateway; default from `config.json`),
 * `?scenario=<name>`, `?theme=day|night|contrast`, `?clock=manual|real`, `?region=eu|na`,
 * `?lang=en|de|fr|it|es` (the screens' language), `?faults=<fault>,<fault>` (injected after the
 * scenario), `?t0=<epoch ms | YYYY-MM-DDTHH:MM[:SS]>` (the simulated clock's start, local time: a fixed
 * status-bar clock for screenshots),
 * `?link=lost` (the simulated vehicle link starts lost: bring it up with `sosHmi.sim.link('connected')`),
 * `?density=<physical px per mm>` (the display's pixel density, docs/headunit.md),
 * `?noVoiceHintMs=…` (any timer of `SosConfig`), `?cancelWindowMs=0&triggerHoldMs=1000&holdToEndPolicy=untilConnected…`
 * (the simulated telematics unit's settings, `TelematicsSettings`: market variants and short timers
 * for screen-flow tests; simulator only), `?trace=transitions` (records the machine
 * transitions taken, read with `window.sosHmi.trace()`).
 * Unknown values fall back to the defaults and are reported, so a mistyped deep link is visible.
 */
import { allLocales, sourceLocale } from '../i18n/locale-codes.js';
import type { SosConfig } from '../machines/config.js';
import { isFault, type Fault } from '../sim/faults.js';
import type { TelematicsSettings } from '../sim/types.js';

type Language = (typeof allLocales)[number];

export type Theme = 'day' | 'night' | 'contrast';

/** `SosConfig` timers a URL may set (ms, 0 … 24 h). */
const CONFIG_TIMERS = [
  'selfTestMs',
  'stalenessMs',
  'noVoiceHintMs',
  'cancelledNoticeMs',
  'unconfirmedMs',
  'refusalNoticeMs',
] as const satisfies readonly (keyof SosConfig)[];

/** The simulated telematics unit's timers a URL may set (ms, 0 … 24 h). */
const UNIT_TIMERS = [
  'cancelWindowMs',
  'triggerHoldMs',
  'holdToEndMs',
  'redialWindowMs',
  'redialIntervalMs',
  'attemptTimeoutMs',
  'callbackWindowMs',
] as const satisfies readonly (keyof TelematicsSettings)[];

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
  /** `SosConfig` timers from the URL; the rest keeps the defaults. */
  readonly config: Partial<Omit<SosConfig, 'region'>>;
  /** The simulated telematics unit's settings from the URL (timers, `holdToEndPolicy`); simulator only. */
  readonly unit: Partial<TelematicsSettings>;
  /** `?link=lost`: the mock bridge starts with its vehicle link lost (before the car ever answered). */
  readonly link: 'connected' | 'lost';
  /** The vehicle link's access token from `config.json`; null: none (or `?token=` on the link's URL). */
  readonly token: string | null;
  /** `?trace=transitions`: record every machine transition for `window.sosHmi.trace()`. */
  readonly trace: boolean;
  /** `?lang=`: the screens' language (English by default). */
  readonly lang: Language;
  /** `?faults=`: faults injected after the scenario, in order. */
  readonly faults: readonly Fault[];
  /** `?t0=`: epoch ms the simulated clock starts at; null = now. */
  readonly startAt: number | null;
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
  /** The vehicle link's access token (KUKSA's JWT), sent in every VISS request. */
  readonly token?: string;
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
  const theme = pick(params, 'theme', ['day', 'night', 'contrast'] as const, 'night', warnings);
  const clock = pick(params, 'clock', ['real', 'manual'] as const, 'real', warnings);
  const region = pick(params, 'region', ['eu', 'na'] as const, 'eu', warnings);
  let scenario = params.get('scenario');
  if (scenario !== null && bridge === 'ws') {
    warnings.push(`?scenario=${scenario} applies to the simulator (?bridge=mock) only; ignored`);
    scenario = null;
  } else if (scenario !== null && !knownScenarios.includes(scenario)) {
    warnings.push(`?scenario=${scenario} is unknown; known: ${knownScenarios.join(', ')}`);
    scenario = null;
  }
  const themeFromUrl = theme === params.get('theme');
  const config: { -readonly [K in keyof Omit<SosConfig, 'region'>]?: SosConfig[K] } = {};
  for (const key of CONFIG_TIMERS) {
    const n = timer(params, key, warnings);
    if (n !== null) config[key] = n;
  }
  const unit: { -readonly [K in keyof TelematicsSettings]?: TelematicsSettings[K] } = {};
  for (const key of UNIT_TIMERS) {
    const n = timer(params, key, warnings);
    if (n !== null) unit[key] = n;
  }
  if (params.has('holdToEndPolicy'))
    unit.holdToEndPolicy = pick(
      params,
      'holdToEndPolicy',
      ['always', 'untilConnected'] as const,
      'always',
      warnings,
    );
  if (bridge === 'ws' && Object.keys(unit).length) {
    warnings.push(
      `?${Object.keys(unit).join(', ')}: the telematics unit's settings apply to the simulator only; ignored`,
    );
  }
  const trace = pick(params, 'trace', ['off', 'transitions'] as const, 'off', warnings) === 'transitions';
  return {
    bridge,
    url,
    scenario: scenario || null,
    theme,
    themeFromUrl,
    density,
    clock,
    region,
    config,
    unit: bridge === 'ws' ? {} : unit,
    token: defaults.token ?? null,
    trace,
    link: linkOption(params, bridge, warnings),
    lang: pick(params, 'lang', allLocales, sourceLocale, warnings),
    faults: parseFaults(params.get('faults'), warnings),
    startAt: parseStartAt(params.get('t0'), warnings),
    warnings,
  };
}

/** A whole number of ms (0 … 24 h) from the URL, or null (absent, or reported as ignored). */
function timer(params: URLSearchParams, key: string, warnings: string[]): number | null {
  const raw = params.get(key);
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0 && n <= 86_400_000) return n;
  warnings.push(`?${key}=${raw} is not a whole number of ms (0 … 86400000); ignored`);
  return null;
}

/** `?link=lost` starts the simulated vehicle link down; the real link is what it is. */
function linkOption(
  params: URLSearchParams,
  bridge: 'mock' | 'ws',
  warnings: string[],
): 'connected' | 'lost' {
  const link = pick(params, 'link', ['connected', 'lost'] as const, 'connected', warnings);
  if (link === 'lost' && bridge === 'ws') {
    warnings.push('?link=lost applies to the simulator (?bridge=mock) only; ignored');
    return 'connected';
  }
  return link;
}

function parseFaults(raw: string | null, warnings: string[]): Fault[] {
  const faults: Fault[] = [];
  for (const name of (raw ?? '').split(',').filter(Boolean)) {
    if (isFault(name)) {
      if (!faults.includes(name)) faults.push(name);
    } else warnings.push(`?faults: ${name} is not a fault the simulator knows; ignored`);
  }
  return faults;
}

/** Epoch ms, or a local date-time without zone (`2025-06-01T14:05`), so the clock reads the same everywhere. */
function parseStartAt(raw: string | null, warnings: string[]): number | null {
  if (raw === null || raw === '') return null;
  const ms = /^\d+$/.test(raw)
    ? Number(raw)
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw)
      ? new Date(raw).getTime()
      : NaN;
  if (Number.isFinite(ms)) return ms;
  warnings.push(`?t0=${raw} is neither epoch ms nor YYYY-MM-DDTHH:MM[:SS]; using the current time`);
  return null;
}
