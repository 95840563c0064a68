/**
 * Typed helpers for end-to-end flows through the automation contract (`window.sosHmi`), and a
 * `test` whose every page fails on console errors, page errors, failed requests and any request to
 * another origin (a head unit has no internet to lean on). The screens are read and operated
 * through the screen harnesses (`test/flows/harness/`), the same ones the flow tests use.
 */
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { HmiHarness } from '../flows/harness/hmi.js';
import { StatusScreenHarness } from '../flows/harness/screens.js';
import type { SentCommand, VehicleCommand, VehicleCommandType } from '../../src/bridge/commands.js';
import type { CallSessionSignal, DayNightMode, IgnitionState } from '../../src/bridge/signals.js';
import type { TransitionTraceReport } from '../../src/app/transitionTrace.js';
import type { FaultLogEntry } from '../../src/machines/model/faultLog.js';
import type { HmiState } from '../../src/machines/views.js';
import type { Fault } from '../../src/sim/faults.js';
import type { CallCentreOptions, CrashInput, SimulatorControls } from '../../src/sim/types.js';

/** `window.sosHmi` as the automation contract describes it (mock bridge). */
export interface SosHmiAutomation {
  readonly sim: SimulatorControls & {
    /** Moves the simulated clock forward. */
    advance(ms: number): void;
    /** Requests the HMI sent to the vehicle, in order (never one that starts a call on a crash or a press). */
    readonly commands: readonly SentCommand[];
    /** The telematics unit's latest session report; null before the first. */
    readonly session: CallSessionSignal | null;
    /** A raw message as if from the vehicle (validated at the bridge like any other). */
    injectRaw(raw: unknown): void;
    /** The vehicle link drops, is being re-established or is back. */
    link(state: 'lost' | 'connecting' | 'connected'): void;
    /** The car switches the display to day or night. */
    dayNight(mode: DayNightMode): void;
  };
  state(): HmiState;
  /** With `?trace=transitions`: the machine states entered and transitions taken so far; else null. */
  trace(): TransitionTraceReport | null;
  /** The fault memory, oldest first. */
  faultLog(): FaultLogEntry[];
}

declare global {
  interface Window {
    sosHmi: SosHmiAutomation;
  }
}

export interface OpenOptions {
  /** A named start situation (`?scenario=`, see src/sim/scenarios.ts). */
  scenario?: string;
  theme?: 'day' | 'night';
  /** Default `manual`: only `advance()` moves time. */
  clock?: 'manual' | 'real';
  /** The simulated telematics unit's settings as URL parameters (`cancelWindowMs`, `redialIntervalMs` …). */
  unit?: Readonly<Record<string, number | string>>;
}

/** Problems the page reported while a test ran. */
interface PageProblems {
  readonly messages: string[];
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page, baseURL }, use) => {
      const messages: string[] = [];
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      // Any other origin is refused and reported: the app must work with no network.
      await page.context().route(
        (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
        async (route) => {
          messages.push(`request to another origin: ${route.request().url()}`);
          await route.abort('blockedbyclient');
        },
      );
      page.on('console', (message) => {
        if (message.type() === 'error') messages.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) => {
        // A reload or navigation aborts what the old page still loaded (favicon…): not a page problem.
        if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
        if (new URL(request.url()).origin === origin) {
          messages.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 400) messages.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await use({ messages });
      expect(messages, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Opens the HMI (manual clock by default) and waits until the automation API is there; returns the
 * page's harness.
 */
export async function openHmi(page: Page, options: OpenOptions = {}): Promise<HmiHarness> {
  const params = new URLSearchParams();
  if ((options.clock ?? 'manual') === 'manual') params.set('clock', 'manual');
  if (options.scenario) params.set('scenario', options.scenario);
  if (options.theme) params.set('theme', options.theme);
  for (const [key, value] of Object.entries(options.unit ?? {})) params.set(key, String(value));
  params.set('bridge', 'mock');
  const hmi = new HmiHarness(page);
  await hmi.open(params.toString());
  return hmi;
}

/** Every script the page requests from now on (chunks loaded on demand, by URL). */
export function scriptRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js')) urls.push(request.url());
  });
  return urls;
}

/** Opens the `ready` scenario and runs through the self-test: the status line says `SOS ready`. */
export async function openReady(page: Page): Promise<HmiHarness> {
  const hmi = await openHmi(page, { scenario: 'ready' });
  await advance(page, 4000);
  await expectHeading(await hmi.as(StatusScreenHarness), 'SOS ready');
  return hmi;
}

/**
 * Expects the main line (the h1) of a screen, or of whichever screen is on top, to be visible and
 * to read exactly `text` (whitespace-normalised) or to match the RegExp.
 */
export async function expectHeading(
  screen: { heading(): Locator },
  text: string | RegExp,
  message?: string,
): Promise<void> {
  await expect(screen.heading(), message).toBeVisible();
  await expect(screen.heading(), message).toHaveText(text);
}

/** The visible level-1 heading with this text (substring, case-insensitive unless a RegExp). */
export function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

export async function advance(page: Page, ms: number): Promise<void> {
  await page.evaluate((step) => window.sosHmi.sim.advance(step), ms);
}

/** Advances in steps of `stepMs` (so every screen on the way renders, like real time would). */
export async function advanceInSteps(page: Page, totalMs: number, stepMs = 1000): Promise<void> {
  for (let done = 0; done < totalMs; done += stepMs) {
    await advance(page, Math.min(stepMs, totalMs - done));
  }
}

/**
 * Advances in steps until `predicate(state)` holds; returns the simulated ms it took.
 * Fails when it does not hold within `maxMs`.
 */
export async function advanceUntil(
  page: Page,
  predicate: (state: HmiState) => boolean,
  {
    stepMs = 500,
    maxMs = 30_000,
    what = 'condition',
  }: { stepMs?: number; maxMs?: number; what?: string } = {},
): Promise<number> {
  for (let elapsed = 0; elapsed <= maxMs; elapsed += stepMs) {
    if (predicate(await state(page))) return elapsed;
    await advance(page, stepMs);
  }
  const last = await state(page);
  throw new Error(`${what} not reached within ${maxMs} ms; state: ${JSON.stringify(summary(last))}`);
}

export async function state(page: Page): Promise<HmiState> {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.sosHmi.state())) as HmiState);
}

export async function commands(page: Page): Promise<SentCommand[]> {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.sosHmi.sim.commands)) as SentCommand[]);
}

/** Sent commands of one type, with their narrowed command. */
export async function commandsOfType<T extends VehicleCommand['type']>(
  page: Page,
  type: T,
): Promise<(SentCommand & { command: Extract<VehicleCommand, { type: T }> })[]> {
  const all = await commands(page);
  return all.filter(
    (sent): sent is SentCommand & { command: Extract<VehicleCommand, { type: T }> } =>
      sent.command.type === type,
  );
}

/** The types of the requests the HMI sent, in order. */
export async function requestTypes(page: Page): Promise<VehicleCommandType[]> {
  return (await commands(page)).map((sent) => sent.command.type);
}

/**
 * The telematics unit's latest session report (`window.sosHmi.sim.session`): what the unit does, as
 * it reports it. Fails when the unit has reported nothing yet.
 */
export async function session(page: Page): Promise<CallSessionSignal> {
  const report = await page.evaluate(
    () => JSON.parse(JSON.stringify(window.sosHmi.sim.session)) as CallSessionSignal | null,
  );
  if (!report) throw new Error('the telematics unit has reported no session yet');
  return report;
}

/** The simulated time now (ms, bridge clock). */
export async function now(page: Page): Promise<number> {
  return (await state(page)).now;
}

/** Typed wrappers for `window.sosHmi.sim`. */
export const sim = {
  ignition: (page: Page, value: IgnitionState) => page.evaluate((v) => window.sosHmi.sim.ignition(v), value),
  pressSos: (page: Page, holdMs?: number) =>
    page.evaluate(
      (ms) => (ms === null ? window.sosHmi.sim.pressSos() : window.sosHmi.sim.pressSos(ms)),
      holdMs ?? null,
    ),
  holdSos: (page: Page) => page.evaluate(() => window.sosHmi.sim.holdSos()),
  releaseSos: (page: Page) => page.evaluate(() => window.sosHmi.sim.releaseSos()),
  crash: (page: Page, crash: CrashInput) => page.evaluate((c) => window.sosHmi.sim.crash(c), crash),
  inject: (page: Page, fault: Fault) => page.evaluate((f) => window.sosHmi.sim.inject(f), fault),
  clear: (page: Page, fault: Fault) => page.evaluate((f) => window.sosHmi.sim.clear(f), fault),
  batteryReset: (page: Page) => page.evaluate(() => window.sosHmi.sim.batteryReset()),
  callCentre: (page: Page, options: CallCentreOptions) =>
    page.evaluate((o) => window.sosHmi.sim.callCentre(o), options),
  centreEndsCall: (page: Page) => page.evaluate(() => window.sosHmi.sim.centreEndsCall()),
  centreCallsBack: (page: Page) => page.evaluate(() => window.sosHmi.sim.centreCallsBack()),
};

/** Saves a screenshot of the screen as it is now and attaches it to the test report. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A short, readable summary of the state for failure messages. */
export function summary(s: HmiState): Record<string, unknown> {
  return {
    status: s.status.level,
    telltale: s.status.telltale,
    causes: s.status.causes.map((c) => c.id),
    malfunction: { present: s.malfunction.present, visible: s.malfunction.visible },
    call: { screen: s.call.screen, phase: s.call.phase, kind: s.call.kind, attempt: s.call.attempt },
    led: s.led,
    now: s.now,
  };
}
