/**
 * The telematics unit owns the emergency call; the page only mirrors its session report and forwards
 * what the occupants ask. These tests take the page away, freeze it, reload it and restart its
 * vehicle link in the middle of calls, and prove that the call never depended on it:
 *
 * - through the gateway, in process (`startGateway`, `--serve dist`: the head unit's one port with
 *   the built app): a crash with no page open, a frozen page, reloads in the cancel and the redial
 *   window, a gateway restart mid-call, a recorded crash with no unit on the bus. The gateway's
 *   simulated unit runs in real time (the page's vehicle link is real time); `startAt` puts a crash
 *   in the past without waiting, and the unit's timers are shortened with its calibration options.
 * - with the in-page simulator on the manual clock (`?clock=manual`): clear-down and drop, a request
 *   the unit refuses, crash fields out of range.
 *
 * "The page sent nothing" is read at both ends: the VISS `set`s the page put on its WebSocket and the
 * requests the gateway took (or `sim.commands` with the in-page simulator).
 */
import { test as base, type Page } from '@playwright/test';
import { createServer } from 'node:net';
import { parseArgs, startGateway, type Gateway, type StartOptions } from '../../gateway/main.js';
import type { CallSessionSignal } from '../../src/bridge/signals.js';
import { DEFAULT_CALL_CENTRE } from '../../src/sim/types.js';
import { SIM_TIMING } from '../../src/sim/timing.js';
import { HmiHarness } from '../flows/harness/hmi.js';
import {
  ActiveCallHarness,
  CallCancelledHarness,
  CallEndedHarness,
  CallFailedHarness,
  CancelFlowHarness,
  RedialingHarness,
  SelfTestResultsHarness,
  StatusScreenHarness,
} from '../flows/harness/screens.js';
import {
  advance,
  advanceUntil,
  expect,
  expectHeading,
  now,
  openReady,
  requestTypes,
  session,
  sim,
  state,
  test as mockTest,
} from './hmi.js';

const DIST = 'dist';
const DRIVE_LOG = 'test/fixtures/drive.log';
const NO_UNIT_LOG = 'test/fixtures/drive-no-unit.log';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A gateway serving the built HMI and its vehicle link on one port, and what its simulated unit reported. */
interface Vehicle {
  readonly gateway: Gateway;
  readonly origin: string;
  /** Every session report the simulated unit put on the bus since the gateway started, in order (none for a replay). */
  readonly reports: CallSessionSignal[];
  /** The gateway's log (TX frames, requests taken). */
  readonly log: string[];
}

interface Fixtures {
  /** Starts a gateway (`--serve dist` and `--port` are added unless given); stopped after the test. */
  startVehicle: (argv: readonly string[], options?: StartOptions) => Promise<Vehicle>;
  /** The VISS `set`s the page sent on its vehicle link (paths), all pages of the test. */
  pageSets: string[];
  /** Page errors and console errors (a refused WebSocket while the gateway is down is expected). */
  problems: string[];
}

const test = base.extend<Fixtures>({
  startVehicle: async ({}, use) => {
    const started: Gateway[] = [];
    await use(async (argv, options = {}) => {
      const args = [...argv];
      if (!args.includes('--serve')) args.push('--serve', DIST);
      if (!args.includes('--port')) args.push('--port', '0');
      const log: string[] = [];
      const gateway = await startGateway(parseArgs(args), { log: (m) => log.push(m), ...options });
      started.push(gateway);
      const reports: CallSessionSignal[] = [];
      gateway.sim?.sim.onMessage((raw) => {
        const message = raw as { type?: unknown };
        if (message.type === 'callSession') reports.push(raw as CallSessionSignal);
      });
      return { gateway, origin: `http://127.0.0.1:${gateway.server.port}`, reports, log };
    });
    for (const gateway of started) await gateway.stop();
  },
  pageSets: async ({ page }, use) => {
    const sets: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { action?: unknown; path?: unknown };
        if (message.action === 'set') sets.push(String(message.path));
      }),
    );
    await use(sets);
  },
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/WebSocket connection to .* failed/.test(message.text()))
          problems.push(`console error: ${message.text()}`);
      });
      await use(problems);
      expect(problems, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});

/** The screen's call timer in seconds (`mm:ss`). */
async function timerSeconds(call: ActiveCallHarness): Promise<number> {
  const text = (await call.root.locator('[data-part="timer"]').textContent()) ?? '';
  const match = /(\d+):(\d\d)/.exec(text);
  if (!match) throw new Error(`no call timer on screen (got "${text}")`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** `14:05:31` as the page writes a vehicle time (its own time zone). */
function timeOfDay(page: Page, ms: number): Promise<string> {
  return page.evaluate((t) => {
    const d = new Date(t);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  }, ms);
}

/** The HMI on the head unit's port; waits for "SOS ready". */
async function openHeadUnit(page: Page, vehicle: Vehicle): Promise<HmiHarness> {
  await page.goto(`${vehicle.origin}/`);
  const hmi = new HmiHarness(page);
  await expectHeading(await hmi.as(StatusScreenHarness, { timeout: 15_000 }), 'SOS ready');
  return hmi;
}

/**
 * Starts writing down what the occupants are shown and told from now on: every screen put on top
 * (its tag and h1) and every assertive announcement, as the DOM changes (painted or not).
 */
async function watchScreens(page: Page): Promise<void> {
  await page.evaluate(() => {
    const app = document.querySelector('sos-app');
    const root = app?.shadowRoot;
    if (!root) throw new Error('sos-app is not rendered');
    const seen: string[] = [];
    (window as unknown as { seenScreens: string[] }).seenScreens = seen;
    const note = (): void => {
      const screen = root.querySelector('main > *');
      const h1 = screen?.shadowRoot?.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      const said = root.querySelector('[data-part="live-assertive"]')?.textContent?.trim() ?? '';
      const entry = `${screen?.localName ?? 'none'} | ${h1} | ${said}`;
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    note();
    const observer = new MutationObserver(note);
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    // Each screen renders into its own shadow root: watch those too as they come.
    new MutationObserver(() => {
      const screen = root.querySelector('main > *');
      if (screen?.shadowRoot)
        observer.observe(screen.shadowRoot, { subtree: true, childList: true, characterData: true });
    }).observe(root, { subtree: true, childList: true });
    const first = root.querySelector('main > *');
    if (first?.shadowRoot)
      observer.observe(first.shadowRoot, { subtree: true, childList: true, characterData: true });
  });
}

/** What `watchScreens` wrote down: `tag | h1 | assertive announcement`, in order. */
function seenScreens(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { seenScreens: string[] }).seenScreens);
}

/** "Call cancelled" was put on screen (read from every screen shown: the notice is short). */
async function expectCancelledShown(page: Page): Promise<void> {
  await expect
    .poll(
      async () =>
        (await seenScreens(page)).some((e) => e.startsWith(`${CallCancelledHarness.tag} | Call cancelled |`)),
      { message: 'the page showed "Call cancelled"', timeout: 15_000 },
    )
    .toBe(true);
}

async function pageState(page: Page) {
  return page.evaluate(() => window.sosHmi.state());
}

test.describe('the unit owns the call: through the gateway', () => {
  test('a crash with no page open: a page opened 6 s later shows the call in its true phase and time', async ({
    page,
    startVehicle,
    pageSets,
  }) => {
    const crashedAt = Date.now() - 6000;
    const vehicle = await startVehicle(['--sim', '--scenario', 'crash'], { startAt: crashedAt });
    const unit = vehicle.gateway.sim!.sim;

    // No page has ever been connected: the unit dialled at the crash (the centre answers 4 s after the
    // dial, voice follows 2 s later), the data is acknowledged, voice is up.
    const voiceAt = crashedAt + DEFAULT_CALL_CENTRE.answerDelayMs + SIM_TIMING.voiceConnectedMs;
    const report = unit.session;
    expect(report).toMatchObject({
      phase: 'voice',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: crashedAt,
      voiceSince: voiceAt,
      msd: 'ackPositive',
    });
    expect(vehicle.gateway.server.commands).toEqual([]);

    await page.goto(`${vehicle.origin}/`);
    const call = await new HmiHarness(page).as(ActiveCallHarness, { timeout: 15_000 });
    await expectHeading(call, 'Connected');
    await expect(call.text('Automatic emergency call').first()).toBeVisible();
    await expect(call.text('Your emergency contacts have been told')).toBeVisible();
    // What was sent carries the crash's time, 6 s before this page existed.
    await expect(call.root.locator('[data-part="sent"]')).toContainText(await timeOfDay(page, crashedAt));
    // The voice timer runs from the unit's voice time, not from when the page loaded.
    await expect
      .poll(async () => {
        const shown = await timerSeconds(call);
        return Math.abs(shown - (vehicle.gateway.clock.now() - voiceAt) / 1000);
      })
      .toBeLessThanOrEqual(1);
    const seen = await pageState(page);
    // Whole seconds, and two clocks that each follow wall time (the page's, the gateway's): within 2 s.
    expect(Math.abs(seen.call.elapsedS - (seen.now - voiceAt) / 1000)).toBeLessThan(2);

    await page.waitForTimeout(1000);
    expect(pageSets, 'the page sent nothing to the vehicle').toEqual([]);
    expect(vehicle.gateway.server.commands).toEqual([]);
    expect(unit.session).toMatchObject({ phase: 'voice', attempt: 1, triggeredAt: crashedAt });
  });

  test('a crash while the page is frozen for 5 s: the unit dials at the crash, the screen catches up', async ({
    page,
    startVehicle,
    pageSets,
  }) => {
    const vehicle = await startVehicle(['--sim']);
    const unit = vehicle.gateway.sim!.sim;
    const hmi = await openHeadUnit(page, vehicle);
    await watchScreens(page);

    // The page's main thread is busy for 5 s; the crash comes while it is.
    const frozen = page.evaluate(() => {
      const start = Date.now();
      while (Date.now() - start < 5000) {
        // busy: no task, no frame, no WebSocket message handled
      }
      return { start, end: Date.now() };
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const crashedAt = vehicle.gateway.clock.now();
    const crashWall = Date.now();
    unit.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 1 });
    // The unit's report says it dialled at once, without the page.
    expect(unit.session).toMatchObject({
      phase: 'dialing',
      kind: 'automatic',
      attempt: 1,
      triggeredAt: crashedAt,
    });
    const freeze = await frozen;
    expect(freeze.start, 'the crash came while the page was frozen').toBeLessThan(crashWall);
    expect(freeze.end - crashWall).toBeGreaterThanOrEqual(4000);
    // Meanwhile the centre answered (4 s after the crash): the call went on without the page.
    const answered = vehicle.reports.find((r) => r.phase === 'connected');
    expect(answered?.ts).toBe(crashedAt + DEFAULT_CALL_CENTRE.answerDelayMs);
    expect(answered!.ts).toBeLessThan(vehicle.gateway.clock.now());

    // The screen catches up with the call the unit is making.
    const call = await hmi.as(ActiveCallHarness, { timeout: 10_000 });
    await expect(call.heading()).toHaveText(/Location sent|Location received|Connected/);
    await expect(call.text('Automatic emergency call').first()).toBeVisible();
    await expectHeading(call, 'Connected');
    await expect(call.root.locator('[data-part="sent"]')).toContainText(await timeOfDay(page, crashedAt));
    // Nobody was told the car had not confirmed the call it was making.
    const told = await seenScreens(page);
    expect(told.filter((entry) => /Call 112|not confirmed/.test(entry))).toEqual([]);
    expect(told.at(-1)).toMatch(/^sos-active-call \| Connected \|/);
    expect(pageSets).toEqual([]);
    expect(vehicle.gateway.server.commands).toEqual([]);
    expect(unit.session).toMatchObject({ phase: 'voice', attempt: 1, triggeredAt: crashedAt });
  });

  test('a reload in the cancel window: the countdown goes on from the unit’s deadline, Cancel still works', async ({
    page,
    startVehicle,
    pageSets,
  }) => {
    // The unit's window is long (2 min) so that a slow reload on a busy machine can never outrun it:
    // what is proved is that the reload changes nothing on the unit, not how fast a page loads.
    const windowMs = 120_000;
    test.setTimeout(120_000);
    const vehicle = await startVehicle(['--sim', '--cancel-window-ms', String(windowMs)]);
    const unit = vehicle.gateway.sim!.sim;
    let hmi = await openHeadUnit(page, vehicle);
    unit.pressSos();
    const opened = unit.session;
    expect(opened).toMatchObject({ phase: 'cancelWindow', kind: 'manual', attempt: 0 });
    const endsAt = opened.cancelWindowEndsAt!;
    expect(endsAt - opened.triggeredAt!).toBe(windowMs);
    await expectHeading(await hmi.as(CancelFlowHarness, { timeout: 15_000 }), /^Emergency call in \d+ s$/);

    // At least 3 s into the unit's window (its clock, not a fixed sleep): a fresh window after the
    // reload would show 120 s, the unit's at most 117.
    await expect
      .poll(() => endsAt - vehicle.gateway.clock.now(), { timeout: 30_000 })
      .toBeLessThanOrEqual(windowMs - 3000);
    await page.reload();
    hmi = new HmiHarness(page);
    const cancel = await hmi.as(CancelFlowHarness, { timeout: 30_000 });
    await watchScreens(page);

    // The reload cost the unit nothing: same session, same deadline, no request from the page that left.
    expect(unit.session, 'the unit keeps its session and schedule').toMatchObject({
      phase: 'cancelWindow',
      kind: 'manual',
      attempt: 0,
      triggeredAt: opened.triggeredAt,
      cancelWindowEndsAt: endsAt,
    });
    expect(pageSets, 'the page sent nothing as it went away').toEqual([]);
    expect(vehicle.gateway.server.commands).toEqual([]);

    // The reloaded page counts down to the unit's deadline: not a new 120 s.
    const seen = await pageState(page);
    expect(seen.call.countdownTotalS, 'the window is the unit’s').toBe(windowMs / 1000);
    expect(seen.call.countdownS!).toBeLessThanOrEqual(windowMs / 1000 - 3);
    // What the occupants read: whole seconds, and two clocks that each follow wall time (the page's,
    // the gateway's), read one after the other on a busy machine: within 2 s, retried while they settle.
    await expect
      .poll(
        async () => {
          const left = await cancel.secondsLeft();
          const truth = Math.ceil((endsAt - vehicle.gateway.clock.now()) / 1000);
          return Math.abs(left - truth);
        },
        { message: 'the countdown on screen is the unit’s time left', timeout: 15_000 },
      )
      .toBeLessThan(2);
    expect(await cancel.secondsLeft()).toBeLessThanOrEqual(windowMs / 1000 - 3);

    await cancel.pressCancel('touch');
    // The unit takes the request from the reloaded page; the occupants are told (the notice is short:
    // read from what was put on screen, not only from what is still there).
    await expect.poll(() => unit.session.phase, { timeout: 15_000 }).toBe('cancelled');
    await expectCancelledShown(page);
    expect(unit.session).toMatchObject({ phase: 'cancelled', attempt: 0 });
    expect(
      vehicle.reports.filter((r) => r.attempt > 0),
      'the unit never dialled',
    ).toEqual([]);
    expect(pageSets).toEqual(['Vehicle.Private.SOS.Command.CancelCall']);
    expect(vehicle.gateway.server.commands).toEqual([{ type: 'cancelCall' }]);
  });

  test('a reload in the redial window: the unit redials on its schedule, the countdown is right, Cancel still works', async ({
    page,
    startVehicle,
    pageSets,
  }) => {
    test.setTimeout(150_000);
    // No cancel window (a manual call may be cancelled until it connects), 1 s attempts, redial after
    // 20 s: long enough that a slow reload on a busy machine never outruns the unit's schedule.
    const intervalMs = 20_000;
    const vehicle = await startVehicle([
      '--sim',
      '--cancel-window-ms',
      '0',
      '--attempt-timeout-ms',
      '1000',
      '--redial-interval-ms',
      String(intervalMs),
      '--redial-window-ms',
      '120000',
    ]);
    const unit = vehicle.gateway.sim!.sim;
    unit.callCentre({ noAnswer: true });
    let hmi = await openHeadUnit(page, vehicle);
    unit.pressSos();
    expect(unit.session).toMatchObject({ phase: 'dialing', kind: 'manual', attempt: 1, cancellable: true });

    await expect.poll(() => unit.session.phase, { timeout: 15_000 }).toBe('redialWait');
    const wait = unit.session;
    const firstStart = vehicle.reports.find((r) => r.phase === 'dialing')!.ts;
    expect(wait).toMatchObject({ attempt: 1, failureReason: 'timeout', cancellable: true });
    expect(wait.nextAttemptAt).toBe(firstStart + intervalMs);
    await expectHeading(await hmi.as(RedialingHarness, { timeout: 15_000 }), 'Call dropped — redialling');

    // At least 4 s before the unit's next attempt is due (its clock, not a fixed sleep): a fresh
    // interval after the reload would show 20 s, the unit's at most 16.
    await expect
      .poll(() => wait.nextAttemptAt! - vehicle.gateway.clock.now(), { timeout: 30_000 })
      .toBeLessThanOrEqual(intervalMs - 4000);
    await page.reload();
    hmi = new HmiHarness(page);
    const redialing = await hmi.as(RedialingHarness, { timeout: 30_000 });
    await watchScreens(page);
    expect(unit.session, 'the unit keeps its session and schedule').toMatchObject({
      phase: 'redialWait',
      attempt: 1,
      nextAttemptAt: wait.nextAttemptAt,
    });
    expect(pageSets, 'the page sent nothing as it went away').toEqual([]);
    expect(vehicle.gateway.server.commands).toEqual([]);

    // Counting down to the unit's deadline, not a fresh interval from the reload: against the unit's
    // clock (two clocks that each follow wall time, read one after the other on a busy machine)
    // within 2 s, retried while they settle.
    const seen = await pageState(page);
    expect(seen.call.redialInS!).toBeLessThanOrEqual(intervalMs / 1000 - 4);
    await expect(redialing.text(/Next attempt in \d+ s/)).toBeVisible();
    await expect
      .poll(
        async () => {
          const text =
            (await redialing
              .text(/Next attempt in \d+ s/)
              .first()
              .textContent()) ?? '';
          const shown = Number(/Next attempt in (\d+) s/.exec(text)?.[1] ?? NaN);
          const truth = Math.ceil((wait.nextAttemptAt! - vehicle.gateway.clock.now()) / 1000);
          return shown <= intervalMs / 1000 - 4 && Math.abs(shown - truth) < 2;
        },
        { message: 'the countdown on screen is the unit’s time to its next attempt', timeout: 15_000 },
      )
      .toBe(true);

    // The second attempt starts exactly when the unit said, reload or not.
    await expect.poll(() => unit.session.attempt, { timeout: 45_000 }).toBe(2);
    const second = vehicle.reports.find((r) => r.attempt === 2);
    expect(second).toMatchObject({ phase: 'dialing' });
    expect(second!.ts).toBe(wait.nextAttemptAt);
    await expect.poll(() => unit.session.phase, { timeout: 15_000 }).toBe('redialWait');

    // The occupant cancels on the reloaded page; the unit stops redialling.
    await (await hmi.as(RedialingHarness, { timeout: 15_000 })).pressCancel('touch');
    await expect.poll(() => unit.session.phase, { timeout: 15_000 }).toBe('cancelled');
    await expectCancelledShown(page);
    expect(unit.session).toMatchObject({ phase: 'cancelled', attempt: 2, nextAttemptAt: null });
    expect(pageSets).toEqual(['Vehicle.Private.SOS.Command.CancelCall']);
    expect(vehicle.gateway.server.commands).toEqual([{ type: 'cancelCall' }]);
  });

  test('a gateway restart mid-call: the page reconnects and shows the call with its true time', async ({
    page,
    startVehicle,
    pageSets,
  }) => {
    test.setTimeout(90_000);
    const port = String(await freePort());
    // The recorded drive from 16 s: the call is up (voice since 16.6 s).
    let vehicle = await startVehicle(['--replay', DRIVE_LOG, '--from', '16', '--port', port]);
    await page.goto(`${vehicle.origin}/`);
    const hmi = new HmiHarness(page);
    const call = await hmi.as(ActiveCallHarness, { timeout: 15_000 });
    await expectHeading(call, 'Connected');
    await expect(call.text('Automatic emergency call').first()).toBeVisible();
    await watchScreens(page);

    await vehicle.gateway.stop();
    await expect(page.getByText('Vehicle link lost')).toBeVisible({ timeout: 8000 });

    // Back, further on in the same drive (22 s: voice for 5.4 s).
    const restartedAt = Date.now();
    vehicle = await startVehicle(['--replay', DRIVE_LOG, '--from', '22', '--port', port]);
    await expect(page.getByText('Vehicle link lost')).toBeHidden({ timeout: 15_000 });
    const back = await hmi.as(ActiveCallHarness);
    await expectHeading(back, 'Connected');
    await expect(back.text('Automatic emergency call').first()).toBeVisible();
    // The timer is the unit's (voice since 16.6 s of the drive; the report says it in whole seconds).
    const shown = await timerSeconds(back);
    const truth = 5.4 + (Date.now() - restartedAt) / 1000;
    expect(shown, `timer ${shown} s, voice for ${truth.toFixed(1)} s`).toBeGreaterThanOrEqual(
      Math.floor(truth) - 1,
    );
    expect(shown).toBeLessThanOrEqual(Math.ceil(truth) + 1);
    expect((await pageState(page)).bridge.connection).toBe('connected');
    // While the link was down and after: never "call 112 from a phone" for the call the unit keeps up.
    const told = await seenScreens(page);
    expect(told.filter((entry) => /Call 112|not confirmed/.test(entry))).toEqual([]);
    expect(told.at(-1)).toMatch(/^sos-active-call \| Connected \|/);
    expect(pageSets).toEqual([]);
    expect(vehicle.log.filter((line) => line.includes(' TX '))).toEqual([]);
  });

  test('a crash on a bus with no telematics unit: "call 112 from a phone" within 8 s', async ({
    page,
    startVehicle,
    pageSets,
  }) => {
    // Another car's drive from 6 s: the airbag unit reports the crash at 12.02 s, nobody places a call.
    const before = Date.now();
    const vehicle = await startVehicle(['--replay', NO_UNIT_LOG, '--from', '6']);
    const crashBy = before + 6020;
    await page.goto(`${vehicle.origin}/`);
    const hmi = new HmiHarness(page);
    await expect(hmi.heading()).toBeVisible();
    // The first frame paints before the machines run: read the state once they do.
    await page.waitForFunction(() => !!window.sosHmi, undefined, { timeout: 10_000 });
    expect((await pageState(page)).call.screen, 'no call screen before the crash').toBe('none');

    const failed = await hmi.as(CallFailedHarness, { timeout: crashBy + 8000 - Date.now() });
    const shownAfter = Date.now() - crashBy;
    expect(shownAfter, 'shown within 8 s of the crash').toBeLessThanOrEqual(8000);
    await expectHeading(failed, 'Emergency call not confirmed');
    expect(await failed.callFromPhone()).toBe('Call 112 from a phone');
    await expect(
      failed.text('A crash was detected, but the car has not confirmed an emergency call.'),
    ).toBeVisible();
    // The position to read out comes from the navigation's frames: no unit is needed for it.
    await expect(failed.text(/48\.14240° N/)).toBeVisible();
    expect((await pageState(page)).call.screen).toBe('unconfirmed');
    expect(pageSets).toEqual([]);
  });
});

mockTest.describe('the unit owns the call: in the page’s simulator', () => {
  mockTest('the centre clears the call down: no redial', async ({ page }) => {
    const hmi = await openReady(page);
    await sim.crash(page, { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice' });
    await sim.centreEndsCall(page);
    const endedAt = await now(page);
    await advance(page, 100);
    expect(await session(page)).toMatchObject({
      phase: 'ended',
      callEnd: 'clearDown',
      attempt: 1,
      callbackWindowEndsAt: endedAt + 60 * 60_000,
    });
    const ended = await hmi.as(CallEndedHarness);
    await expectHeading(ended, 'Call ended');
    await expect(ended.text('The emergency centre may call you back')).toBeVisible();

    // Well past any redial window (2 min): the unit never dialled again.
    for (let i = 0; i < 30; i += 1) await advance(page, 5000);
    expect(await session(page)).toMatchObject({ phase: 'ended', attempt: 1, nextAttemptAt: null });
    await expectHeading(await hmi.as(CallEndedHarness), 'Call ended');
    expect(await requestTypes(page)).toEqual([]);
  });

  mockTest('the call drops: the unit redials at once and the screen follows', async ({ page }) => {
    const hmi = await openReady(page);
    await sim.callCentre(page, { dropAfterMs: 5000, dropCount: 1 });
    await sim.crash(page, { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice' });
    await expectHeading(await hmi.as(ActiveCallHarness), 'Connected');

    await advanceUntil(page, (s) => s.call.attempt === 2, { stepMs: 100, what: 'redial', maxMs: 6000 });
    const droppedAt = await now(page);
    const redial = await session(page);
    expect(redial).toMatchObject({ phase: 'dialing', attempt: 2, callEnd: 'dropped', kind: 'automatic' });
    expect(redial.redialWindowEndsAt! - droppedAt).toBeGreaterThan(119_000);
    const call = await hmi.as(ActiveCallHarness);
    await expectHeading(call, 'Redialling…');
    await expect(call.text('Attempt 2')).toBeVisible();

    await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice again' });
    await expectHeading(call, 'Connected');
    expect(await session(page)).toMatchObject({ phase: 'voice', attempt: 2 });
    expect(await requestTypes(page), 'the unit redialled by itself').toEqual([]);
  });

  mockTest(
    'a test call asked for as a crash happens: the unit refuses it as busy, and the reason shows',
    async ({ page }) => {
      const hmi = await openReady(page);
      await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
      await (await hmi.as(SelfTestResultsHarness)).testCall('touch');
      expect(await requestTypes(page)).toEqual(['startTestCall']);
      // The request is on its way (20 ms on the link) when the crash comes: the unit starts the emergency call.
      await sim.crash(page, { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
      await advance(page, 100);

      expect(await session(page), 'the emergency call stands').toMatchObject({
        kind: 'automatic',
        phase: 'dialing',
        attempt: 1,
      });
      const s = await state(page);
      expect(s.call.refusal).toBe('busy');
      expect(s.call.kind).toBe('automatic');
      await expect(page.locator('sos-status-bar [data-part="notice"]')).toContainText(
        'A call is already in progress',
      );
      await expectHeading(await hmi.as(ActiveCallHarness), 'Connecting…');
    },
  );

  for (const { field, crash } of [
    { field: 'severity', crash: { severity: 9, airbagDeployed: true, rollover: false, occupants: 2 } },
    { field: 'occupants', crash: { severity: 3, airbagDeployed: true, rollover: false, occupants: -1 } },
  ] as const) {
    mockTest(
      `a crash with ${field} out of range: the call is made, ${field} shows "Unknown"`,
      async ({ page }) => {
        const hmi = await openReady(page);
        expect((await state(page)).bridge.incomplete).toBe(0);
        await sim.crash(page, crash);

        // The unit dialled; it reports the field it could not grade as unknown.
        const report = await session(page);
        expect(report).toMatchObject({ phase: 'dialing', kind: 'automatic', attempt: 1 });
        expect(report.crash?.[field]).toBeNull();
        // The airbag unit's crash message was taken with the field unknown, and counted.
        expect((await state(page)).bridge.incomplete).toBeGreaterThan(0);

        const call = await hmi.as(ActiveCallHarness);
        await expectHeading(call, 'Connecting…');
        await expect(call.text('Automatic emergency call').first()).toBeVisible();
        if (field === 'severity') {
          await expect(call.root.locator('[data-part="crash-severity"]')).toContainText('Unknown');
          await expect(call.root.locator('[data-part="sent"]')).toContainText(/Occupants\s*2/);
        } else {
          await expect(call.root.locator('[data-part="sent"] [data-unknown]')).toHaveText('Unknown');
          await expect(call.root.locator('[data-part="crash-severity"]')).toContainText('serious (3 of 4)');
        }
        expect((await state(page)).call.crash?.[field]).toBeNull();
        expect(await requestTypes(page)).toEqual([]);
      },
    );
  }
});
