/**
 * A flow recorded in the workbench: where it starts (the workbench set-up a link reproduces) and
 * each step — what the designer did (a vehicle action, a time step, an action on the HMI) and the
 * screen it reached (the screen's tag, its h1 and the actions it offers; the panel open over a call
 * screen). Written as JSON with one step a line, so a diff in review shows which step changed.
 * Pure data and functions: the recorder (workbench), the flow runner (test/flows/recorded.spec.ts)
 * and the exports (scripts/flow-test.ts, scripts/storyboard.ts) share it.
 */
import type { DoorRelease, IgnitionState, Powertrain } from '../bridge/signals.js';
import type { CallCentreOptions, CrashInput } from '../sim/types.js';

/** The file format this module writes and reads. */
export const FLOW_FORMAT = 'sos-hmi-flow/1';

/** How an HMI action was chosen: the controller (turn, then press) or a tap. */
export type FlowVia = 'controller' | 'touch';

/** What a designer did in one step. */
export type FlowAction =
  /** A named scenario from time 0 (the workbench reloads; a replay opens the page anew). */
  | { readonly do: 'scenario'; readonly name: string }
  /** Simulated time passes (a time step, or the clock running between two actions). */
  | { readonly do: 'advance'; readonly ms: number }
  | { readonly do: 'ignition'; readonly state: IgnitionState }
  /** The SOS button pressed and held `holdMs` (a short press is 200 ms). */
  | { readonly do: 'sos'; readonly holdMs: number }
  | { readonly do: 'crash'; readonly crash: Required<CrashInput> }
  | { readonly do: 'fault'; readonly fault: string; readonly on: boolean }
  | { readonly do: 'batteryReset' }
  /** How the emergency centre behaves on the next calls (every field: the panel's whole centre). */
  | { readonly do: 'centre'; readonly options: CallCentreOptions }
  | { readonly do: 'centreEndsCall' }
  | { readonly do: 'centreCallsBack' }
  | { readonly do: 'centreRequestsData' }
  | { readonly do: 'centreSends'; readonly text: string }
  | {
      readonly do: 'vehicleConfig';
      readonly powertrain?: Powertrain | null;
      readonly doorRelease?: DoorRelease | null;
    }
  | { readonly do: 'hazards'; readonly on: boolean }
  /** An action of the screen on top, by its label. */
  | { readonly do: 'choose'; readonly label: string; readonly via: FlowVia }
  /** An action of the panel open over the call screen (text conversation, safety card). */
  | { readonly do: 'panel'; readonly label: string; readonly via: FlowVia }
  /** A key of the conversation's keyboard (`A`, `space`, `send`). */
  | { readonly do: 'key'; readonly key: string; readonly via: FlowVia }
  /** A push of the controller (its arrow keys; `next`/`previous` = Tab/Shift+Tab turn it). */
  | { readonly do: 'push'; readonly direction: PushDirection }
  /** The controller's Back key. */
  | { readonly do: 'back' };

/** The controller's pushes, as the screen harnesses name them. */
export type PushDirection = 'next' | 'previous' | 'up' | 'down' | 'left' | 'right';
export const PUSH_DIRECTIONS: readonly PushDirection[] = ['next', 'previous', 'up', 'down', 'left', 'right'];

export type FlowActionType = FlowAction['do'];

/** The panel open over a call screen, as a flow sees it. */
export interface PanelShot {
  readonly tag: string;
  /** Its h2 (panels have no h1). */
  readonly h2: string;
  readonly actions: readonly string[];
}

/** The screen on top after a step. */
export interface ScreenShot {
  /** The screen's custom element (`sos-status-screen`, `sos-cancel-flow` …); `none` before the first. */
  readonly tag: string;
  /** Its h1, whitespace collapsed. */
  readonly h1: string;
  /** Its visible, enabled actions in controller order. */
  readonly actions: readonly string[];
  /** The panel open over it, or null. */
  readonly panel: PanelShot | null;
}

export interface FlowStep {
  readonly action: FlowAction;
  readonly screen: ScreenShot;
}

/** The workbench set-up a flow starts from (what the workbench's link carries), at time 0. */
export interface FlowStart {
  readonly scenario: string;
  /** Every fault present at the start; null: the scenario's own. */
  readonly faults: readonly string[] | null;
  /** The centre set in the panel; null: the scenario's. */
  readonly centre: CallCentreOptions | null;
  readonly lang: string;
  readonly theme: string;
  readonly viewport: string;
  /** Other page parameters the link kept (`t0`, `cancelWindowMs` …). */
  readonly params: Readonly<Record<string, string>>;
}

export interface Flow {
  readonly format: typeof FLOW_FORMAT;
  readonly title: string;
  readonly start: FlowStart;
  readonly steps: readonly FlowStep[];
}

/** The screen before anything arrived (a replay never asserts it). */
export const NO_SCREEN: ScreenShot = { tag: 'none', h1: '', actions: [], panel: null };

/** Page parameters a flow never keeps: the clock is the replay's, the rest is the start's own. */
const NOT_KEPT = new Set([
  'designer',
  'clock',
  'speed',
  'scenario',
  'faults',
  'centre',
  'lang',
  'theme',
  'viewport',
  'zoom',
  // A flow is behaviour: the look it was recorded with does not travel with it.
  'tokens',
]);

/** The page parameters (beyond the workbench's own) a flow keeps from a query string. */
export function keptParams(search: string): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) if (!NOT_KEPT.has(key)) kept[key] = value;
  return kept;
}

/**
 * The head-unit page's query that opens a flow's start on the manual clock (the centre and a
 * scenario fault cleared at the start are applied after opening: `startFixups`).
 */
export function startQuery(start: FlowStart, scenario = start.scenario): string {
  const p = new URLSearchParams({ clock: 'manual', scenario, lang: start.lang, theme: start.theme });
  if (start.faults && start.faults.length && scenario === start.scenario)
    p.set('faults', start.faults.join(','));
  for (const [key, value] of Object.entries(start.params)) p.set(key, value);
  return p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/** A short English description of a step, for captions, test names and comments. */
export function describeAction(a: FlowAction): string {
  switch (a.do) {
    case 'scenario':
      return `Scenario ${a.name}`;
    case 'advance':
      return `Time +${formatMs(a.ms)}`;
    case 'ignition':
      return `Ignition ${a.state}`;
    case 'sos':
      return a.holdMs > 200 ? `Hold SOS ${formatMs(a.holdMs)}` : 'Press SOS';
    case 'crash':
      return `Crash (severity ${a.crash.severity}${a.crash.airbagDeployed ? ', airbag' : ''}${
        a.crash.rollover ? ', rollover' : ''
      }, ${a.crash.occupants} occupants)`;
    case 'fault':
      return `${a.on ? 'Fault' : 'Clear fault'} ${a.fault}`;
    case 'batteryReset':
      return 'Battery reset';
    case 'centre':
      return `Centre: ${describeCentre(a.options)}`;
    case 'centreEndsCall':
      return 'Centre ends call';
    case 'centreCallsBack':
      return 'Centre calls back';
    case 'centreRequestsData':
      return 'Centre asks for fresh data';
    case 'centreSends':
      return `Centre sends “${a.text}”`;
    case 'vehicleConfig':
      return `Vehicle ${[
        a.powertrain !== undefined ? `powertrain ${a.powertrain ?? 'unknown'}` : '',
        a.doorRelease !== undefined ? `door release ${a.doorRelease ?? 'unknown'}` : '',
      ]
        .filter(Boolean)
        .join(', ')}`;
    case 'hazards':
      return `Hazard lights ${a.on ? 'on' : 'off'}`;
    case 'choose':
      return `“${a.label}” (${a.via})`;
    case 'panel':
      return `Panel “${a.label}” (${a.via})`;
    case 'key':
      return `Key ${a.key} (${a.via})`;
    case 'push':
      return `Controller ${a.direction}`;
    case 'back':
      return 'Back';
  }
}

function describeCentre(c: CallCentreOptions): string {
  const parts: string[] = [];
  if (c.noAnswer) parts.push('never answers');
  else if (c.answerDelayMs !== undefined) parts.push(`answers after ${formatMs(c.answerDelayMs)}`);
  if (c.dropAfterMs != null) parts.push(`drops after ${formatMs(c.dropAfterMs)}`);
  if (c.endAfterMs != null) parts.push(`ends after ${formatMs(c.endAfterMs)}`);
  if (c.callbackAfterMs != null) parts.push(`calls back after ${formatMs(c.callbackAfterMs)}`);
  if (c.msdAck === 'negative') parts.push('data acknowledged negatively');
  if (c.ngECall === false) parts.push('no NG-eCall');
  if (c.requestDataAfterMs != null) parts.push(`asks for data after ${formatMs(c.requestDataAfterMs)}`);
  if (c.replies === false) parts.push('texts unanswered');
  return parts.join(', ') || 'default';
}

/** `1500` → `1.5 s`, `60000` → `1 min`, `90000` → `1 min 30 s`. */
export function formatMs(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms) / 1000} s`;
  const min = Math.floor(ms / 60_000);
  const rest = Math.round((ms - min * 60_000) / 100) / 10;
  return rest ? `${min} min ${rest} s` : `${min} min`;
}

/** The flow as JSON: readable, one step a line. */
export function serializeFlow(flow: Flow): string {
  const steps = flow.steps.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
  return [
    '{',
    `  "format": ${JSON.stringify(flow.format)},`,
    `  "title": ${JSON.stringify(flow.title)},`,
    `  "start": ${JSON.stringify(flow.start)},`,
    `  "steps": [${steps ? `\n${steps}\n  ` : ''}]`,
    '}',
    '',
  ].join('\n');
}

/** Why a flow file could not be read. */
export class FlowFormatError extends Error {
  override name = 'FlowFormatError';
}

const ACTION_TYPES: ReadonlySet<string> = new Set<FlowActionType>([
  'scenario',
  'advance',
  'ignition',
  'sos',
  'crash',
  'fault',
  'batteryReset',
  'centre',
  'centreEndsCall',
  'centreCallsBack',
  'centreRequestsData',
  'centreSends',
  'vehicleConfig',
  'hazards',
  'choose',
  'panel',
  'key',
  'push',
  'back',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new FlowFormatError(`${where}: expected a list of strings`);
  return value as string[];
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new FlowFormatError(`${where}: expected a string`);
  return value;
}

function readScreen(value: unknown, where: string): ScreenShot {
  if (!isRecord(value)) throw new FlowFormatError(`${where}: expected a screen`);
  let panel: PanelShot | null = null;
  if (value['panel'] !== null && value['panel'] !== undefined) {
    const p = value['panel'];
    if (!isRecord(p)) throw new FlowFormatError(`${where}.panel: expected a panel or null`);
    panel = {
      tag: text(p['tag'], `${where}.panel.tag`),
      h2: text(p['h2'], `${where}.panel.h2`),
      actions: strings(p['actions'], `${where}.panel.actions`),
    };
  }
  return {
    tag: text(value['tag'], `${where}.tag`),
    h1: text(value['h1'], `${where}.h1`),
    actions: strings(value['actions'], `${where}.actions`),
    panel,
  };
}

function readAction(value: unknown, where: string): FlowAction {
  if (!isRecord(value) || typeof value['do'] !== 'string' || !ACTION_TYPES.has(value['do']))
    throw new FlowFormatError(`${where}: expected an action ({"do": ${[...ACTION_TYPES].join('|')}})`);
  const a = value as { do: string } & Record<string, unknown>;
  const need = (key: string, type: 'string' | 'number' | 'boolean' | 'object'): void => {
    if (typeof a[key] !== type || a[key] === null)
      throw new FlowFormatError(`${where}: "${a.do}" needs ${key} (${type})`);
  };
  switch (a.do) {
    case 'scenario':
      need('name', 'string');
      break;
    case 'advance':
      need('ms', 'number');
      break;
    case 'ignition':
      if (!['off', 'accessory', 'on'].includes(String(a['state'])))
        throw new FlowFormatError(`${where}: ignition state off|accessory|on`);
      break;
    case 'sos':
      need('holdMs', 'number');
      break;
    case 'crash':
      need('crash', 'object');
      break;
    case 'fault':
      need('fault', 'string');
      need('on', 'boolean');
      break;
    case 'centre':
      need('options', 'object');
      break;
    case 'centreSends':
      need('text', 'string');
      break;
    case 'hazards':
      need('on', 'boolean');
      break;
    case 'choose':
    case 'panel':
      need('label', 'string');
      if (a['via'] !== 'controller' && a['via'] !== 'touch')
        throw new FlowFormatError(`${where}: via controller|touch`);
      break;
    case 'key':
      need('key', 'string');
      if (a['via'] !== 'controller' && a['via'] !== 'touch')
        throw new FlowFormatError(`${where}: via controller|touch`);
      break;
    case 'push':
      if (!(PUSH_DIRECTIONS as readonly unknown[]).includes(a['direction']))
        throw new FlowFormatError(`${where}: direction ${PUSH_DIRECTIONS.join('|')}`);
      break;
  }
  return value as unknown as FlowAction;
}

/** Reads a flow file; throws `FlowFormatError` naming the first thing that is wrong. */
export function parseFlow(json: string): Flow {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new FlowFormatError(`not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw new FlowFormatError('expected a flow object');
  if (raw['format'] !== FLOW_FORMAT)
    throw new FlowFormatError(`format: expected "${FLOW_FORMAT}", got ${JSON.stringify(raw['format'])}`);
  const s = raw['start'];
  if (!isRecord(s)) throw new FlowFormatError('start: expected the set-up');
  const params = isRecord(s['params']) ? s['params'] : {};
  const start: FlowStart = {
    scenario: text(s['scenario'], 'start.scenario'),
    faults: s['faults'] === null || s['faults'] === undefined ? null : strings(s['faults'], 'start.faults'),
    centre: isRecord(s['centre']) ? (s['centre'] as CallCentreOptions) : null,
    lang: text(s['lang'] ?? 'en', 'start.lang'),
    theme: text(s['theme'] ?? 'night', 'start.theme'),
    viewport: text(s['viewport'] ?? '1280x480', 'start.viewport'),
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  };
  if (!Array.isArray(raw['steps'])) throw new FlowFormatError('steps: expected a list');
  const steps = raw['steps'].map((step: unknown, i): FlowStep => {
    const where = `step ${i + 1}`;
    if (!isRecord(step)) throw new FlowFormatError(`${where}: expected {"action", "screen"}`);
    return {
      action: readAction(step['action'], `${where}.action`),
      screen: readScreen(step['screen'], `${where}.screen`),
    };
  });
  return { format: FLOW_FORMAT, title: text(raw['title'] ?? 'Untitled flow', 'title'), start, steps };
}

/**
 * Adds a recorded step. A choice made with the controller takes the pushes that selected it (a
 * replay pushes until the action is selected); every other step stays as it was done.
 */
export function appendStep(steps: readonly FlowStep[], step: FlowStep): FlowStep[] {
  const out = [...steps];
  const a = step.action;
  if ((a.do === 'choose' || a.do === 'panel' || a.do === 'key') && a.via === 'controller')
    while (out.at(-1)?.action.do === 'push') out.pop();
  out.push(step);
  return out;
}

/** A file name for a flow (`manual-call-cancelled.flow.json`). */
export function flowFileName(title: string, ext = 'flow.json'): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'flow'}.${ext}`;
}
