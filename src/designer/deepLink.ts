/**
 * The workbench state in the URL, so any link reproduces the same screen: scenario, faults,
 * language, theme, viewport, zoom, time speed, call-centre behaviour and design-token overrides. Parameters the workbench
 * does not own (`bridge`, `clock`, `t0`, `region`, `trace`, timers…) are kept as they are.
 */
import { DEFAULT_CALL_CENTRE, type CallCentreOptions } from '../sim/types.js';
import {
  decodeTokenOverrides,
  encodeTokenOverrides,
  TOKENS_PARAM,
  type TokenOverride,
} from '../styles/tokens.js';

export interface DesignerState {
  readonly scenario: string;
  /**
   * Every fault present (not only those beyond the scenario): the link restores exactly this set
   * (`faults=` empty: none, even if the scenario has one). Null: the scenario's own faults.
   */
  readonly faults: readonly string[] | null;
  readonly lang: string;
  readonly theme: string;
  readonly viewport: string;
  readonly zoom: string;
  /** Simulated ms per wall ms; 0 = paused. Null = the page's own clock setting (`?clock=`). */
  readonly speed: number | null;
  /** Call-centre behaviour set in the panel; null = the scenario's. */
  readonly centre: CallCentreOptions | null;
  /** Design tokens changed in the Tokens section (what cannot apply is dropped when read). */
  readonly tokens: readonly TokenOverride[];
}

/** Parameters this module writes. */
const OWNED = [
  'designer',
  'scenario',
  'faults',
  'lang',
  'theme',
  'viewport',
  'zoom',
  'speed',
  'centre',
  TOKENS_PARAM,
];

/**
 * `answer:4000,noanswer,drop:15000x1,end:20000,callback:30000,nocontacts,nack,nong,data:5000,noreplies`
 * — short and readable. Flags name only what differs from the default centre (`nack`: the data is
 * acknowledged negatively; `nong`: circuit-switched eCall only; `noreplies`: texts go unanswered).
 * The centre's scripted `messages` and `replyAfterMs` are not in the link (a scenario brings them).
 */
export function encodeCentre(c: CallCentreOptions): string {
  const parts: string[] = [];
  if (c.answerDelayMs !== undefined) parts.push(`answer:${c.answerDelayMs}`);
  if (c.noAnswer) parts.push('noanswer');
  if (c.dropAfterMs != null)
    parts.push(`drop:${c.dropAfterMs}${c.dropCount != null ? `x${c.dropCount}` : ''}`);
  if (c.endAfterMs != null) parts.push(`end:${c.endAfterMs}`);
  if (c.callbackAfterMs != null) parts.push(`callback:${c.callbackAfterMs}`);
  if (c.notifyContacts === false) parts.push('nocontacts');
  if (c.msdAck === 'negative') parts.push('nack');
  if (c.ngECall === false) parts.push('nong');
  if (c.requestDataAfterMs != null) parts.push(`data:${c.requestDataAfterMs}`);
  if (c.replies === false) parts.push('noreplies');
  return parts.join(',');
}

/**
 * The centre a link describes. What has a token is set explicitly (a missing flag means the default),
 * so the link overrides what the scenario set; `answer` only when given (otherwise the scenario's).
 */
export function decodeCentre(raw: string | null): CallCentreOptions | null {
  if (raw === null) return null;
  const c: {
    -readonly [K in keyof CallCentreOptions]: CallCentreOptions[K];
  } = { ...DEFAULT_CALL_CENTRE };
  // The answer delay and the scripted texts stay the scenario's unless the link names them.
  delete c.answerDelayMs;
  delete c.messages;
  delete c.replyAfterMs;
  for (const part of raw.split(',').filter(Boolean)) {
    const [key, value = ''] = part.split(':');
    const ms = Number.parseInt(value, 10);
    switch (key) {
      case 'answer':
        if (Number.isFinite(ms)) c.answerDelayMs = ms;
        break;
      case 'noanswer':
        c.noAnswer = true;
        break;
      case 'drop': {
        const [after, count] = value.split('x');
        c.dropAfterMs = Number.parseInt(after ?? '', 10) || 0;
        c.dropCount = count ? Number.parseInt(count, 10) : null;
        break;
      }
      case 'end':
        if (Number.isFinite(ms)) c.endAfterMs = ms;
        break;
      case 'callback':
        if (Number.isFinite(ms)) c.callbackAfterMs = ms;
        break;
      case 'nocontacts':
        c.notifyContacts = false;
        break;
      case 'nack':
        c.msdAck = 'negative';
        break;
      case 'nong':
        c.ngECall = false;
        break;
      case 'data':
        if (Number.isFinite(ms)) c.requestDataAfterMs = ms;
        break;
      case 'noreplies':
        c.replies = false;
        break;
    }
  }
  return c;
}

/** Reads the workbench state from a query string (defaults for what is missing). */
export function readDesignerState(search: string): DesignerState {
  const p = new URLSearchParams(search);
  const speedRaw = p.get('speed');
  const speed = speedRaw === null || speedRaw === '' ? null : Number(speedRaw);
  return {
    scenario: p.get('scenario') || 'ready',
    faults: p.has('faults') ? (p.get('faults') ?? '').split(',').filter(Boolean) : null,
    lang: p.get('lang') || 'en',
    theme: p.get('theme') || 'night',
    viewport: p.get('viewport') || '1280x480',
    zoom: p.get('zoom') || 'physical',
    speed: speed !== null && Number.isFinite(speed) && speed >= 0 ? speed : null,
    centre: decodeCentre(p.get('centre')),
    tokens: decodeTokenOverrides(p.get(TOKENS_PARAM)).overrides,
  };
}

/** The query string for `state`, keeping every parameter the workbench does not own. */
export function writeDesignerState(search: string, state: DesignerState): string {
  const p = new URLSearchParams(search);
  for (const key of OWNED) p.delete(key);
  p.set('scenario', state.scenario);
  if (state.faults) p.set('faults', state.faults.join(','));
  p.set('lang', state.lang);
  p.set('theme', state.theme);
  p.set('viewport', state.viewport);
  p.set('zoom', state.zoom);
  if (state.speed !== null) {
    p.set('speed', String(state.speed));
    // A speed means the clock runs from wall time (paused at 0): a manual clock would ignore it.
    if (p.get('clock') === 'manual') p.delete('clock');
  }
  if (state.centre) p.set('centre', encodeCentre(state.centre));
  if (state.tokens.length) p.set(TOKENS_PARAM, encodeTokenOverrides(state.tokens));
  // Commas and colons read better unescaped; both are allowed in a query.
  const rest = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return `?designer${rest ? `&${rest}` : ''}`;
}
