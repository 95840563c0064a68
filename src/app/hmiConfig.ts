/**
 * `config.json`, served next to `index.html`, tells the page how it is being run: the desktop dev
 * server and `vite preview` serve `public/config.json` (`{"bridge":"mock"}`: the simulator), the
 * head-unit process (`npm run headunit`) serves its own (`{"bridge":"ws","vissPath":"/viss"}`: the
 * vehicle link on the page's own origin). No inline script is needed (the CSP forbids it), and a
 * reload asks again. URL parameters still win (`?bridge=mock` on a head unit, for a demo).
 *
 *   { "bridge": "mock" | "ws", "vissPath"?: "/viss", "url"?: "ws://…", "density"?: 5.25, "token"?: "<JWT>" }
 *
 * `token`: the access token sent in every VISS request (`authorization`, KUKSA's JWT model).
 */
import type { HmiDefaults } from './urlOptions.js';

/** What the page is told when there is no `config.json` at all: the vehicle link on its own origin. */
export const FALLBACK_CONFIG = { bridge: 'ws', vissPath: '/viss' } as const;

/** The page location the relative parts resolve against. */
export interface PageLocation {
  readonly protocol: string;
  readonly host: string;
}

/**
 * Turns the served JSON into defaults, ignoring what it does not understand (reported in `warnings`).
 * `vissPath` is resolved against the page's own origin (`ws://` for http, `wss://` for https).
 */
export function parseHmiConfig(
  json: unknown,
  location: PageLocation,
): { defaults: HmiDefaults; warnings: string[] } {
  const warnings: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { defaults: {}, warnings: ['config.json: expected an object; using the defaults'] };
  }
  const raw = json as Record<string, unknown>;
  const defaults: { bridge?: 'mock' | 'ws'; url?: string; density?: number; token?: string } = {};
  if (raw.bridge === 'mock' || raw.bridge === 'ws') defaults.bridge = raw.bridge;
  else if (raw.bridge !== undefined)
    warnings.push(`config.json: bridge ${JSON.stringify(raw.bridge)} ignored`);
  if (typeof raw.url === 'string' && /^wss?:\/\/\S+$/.test(raw.url)) defaults.url = raw.url;
  else if (typeof raw.vissPath === 'string' && /^\/[\w\-./]*$/.test(raw.vissPath)) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    defaults.url = `${scheme}//${location.host}${raw.vissPath}`;
  } else if (raw.url !== undefined || raw.vissPath !== undefined) {
    warnings.push('config.json: url / vissPath ignored (expected ws://… or an absolute path)');
  }
  if (typeof raw.density === 'number' && raw.density >= 1 && raw.density <= 40)
    defaults.density = raw.density;
  else if (raw.density !== undefined) warnings.push('config.json: density ignored (px per mm, 1–40)');
  if (typeof raw.token === 'string' && /^[\w\-.~+/=]{1,4096}$/.test(raw.token)) defaults.token = raw.token;
  else if (raw.token !== undefined) warnings.push('config.json: token ignored (expected a JWT string)');
  return { defaults, warnings };
}

/**
 * Fetches `config.json` from the page's directory. With none (or an unreadable one) the page assumes
 * it runs in the car: the vehicle link on its own origin, never the simulator — a simulated
 * "SOS ready" on a real head unit would be a lie.
 */
export async function loadHmiConfig(
  fetchFn: typeof fetch,
  location: PageLocation,
): Promise<{ defaults: HmiDefaults; warnings: string[] }> {
  try {
    const response = await fetchFn('./config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseHmiConfig(await response.json(), location);
  } catch (error) {
    const parsed = parseHmiConfig(FALLBACK_CONFIG, location);
    parsed.warnings.push(
      `config.json not loaded (${error instanceof Error ? error.message : String(error)}); using the vehicle link on this origin`,
    );
    return parsed;
  }
}
