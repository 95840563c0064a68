/**
 * The designer workbench on the designer build (`npm run build:designer`, served on :4174): deep
 * links open every named scenario on its screen, a copied link reproduces the state after a reload,
 * time control moves the call-back countdown, and the head-unit build carries no workbench code.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseFlow, serializeFlow, type Flow } from '../../src/designer/flow.js';
import { parseXliff, segmentsToText } from '../../src/designer/xliff.js';
import { SCENARIO_NAMES } from '../../src/sim/scenarios.js';
import { advance, advanceUntil, expect, heading, sim, state, summary, test } from './hmi.js';

const DESIGNER = 'http://127.0.0.1:4174';
test.use({ baseURL: DESIGNER, viewport: { width: 1600, height: 900 } });

/** What each named scenario shows 5 s after it was opened by a deep link. */
const EXPECTED: Record<string, string> = {
  ready: 'SOS ready',
  'ignition-off': 'SOS standby',
  'ring-break-satellite-radio': 'SOS malfunction',
  'ring-break-amplifier': 'SOS malfunction',
  'ring-break-telematics': 'SOS malfunction',
  'ring-break-hands-free': 'SOS malfunction',
  'fibre-damage': 'SOS malfunction',
  'blown-fuse-head-unit': 'SOS malfunction',
  'blown-fuse-amplifier': 'SOS malfunction',
  'software-glitch': 'SOS malfunction',
  'control-module-failure': 'SOS malfunction',
  'bluetooth-fault': 'SOS malfunction',
  'no-cellular': 'SOS malfunction',
  'weak-cellular': 'SOS limited',
  'no-gps': 'SOS limited',
  'microphone-fault': 'SOS malfunction',
  'speaker-fault': 'SOS malfunction',
  'backup-battery-low': 'SOS malfunction',
  'crash-sensor-fault': 'SOS malfunction',
  'sos-button-fault': 'SOS malfunction',
  crash: 'Location sent',
  'network-without-ecall': 'SOS limited',
  'crash-electric': 'Location sent',
  'centre-messages': 'Location sent',
  'msd-negative': 'Location sent',
  'data-requested': 'Location sent',
  'no-answer': 'SOS ready',
  'drop-mid-call': 'SOS ready',
  callback: 'SOS ready',
  'slow-answer': 'SOS ready',
};

async function openLink(page: Page, search: string): Promise<void> {
  await page.goto(`/${search}`);
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function' && !!window.sosHmi.sim);
  await expect(page.locator('sos-workbench')).toBeAttached();
}

/** The deep link the panel shows now. */
async function panelLink(page: Page): Promise<string> {
  return page.locator('sos-workbench').locator('#link').inputValue();
}

const panel = (page: Page) => page.locator('sos-workbench');

test('every named scenario has an expected screen', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...SCENARIO_NAMES].sort());
});

for (const scenario of SCENARIO_NAMES) {
  test(`deep link ?scenario=${scenario} shows its screen`, async ({ page }) => {
    await openLink(page, `?designer&clock=manual&scenario=${scenario}`);
    await advance(page, 5000);
    const s = await state(page);
    await expect(heading(page, EXPECTED[scenario]!), JSON.stringify(summary(s))).toBeVisible();
    // The panel says where it is.
    await expect(panel(page).getByRole('combobox', { name: 'Scenario' })).toHaveValue(scenario);
    expect(new URL(page.url()).searchParams.get('scenario')).toBe(scenario);
  });
}

test('a link copied from the panel reproduces the same state after reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLink(page, '?designer&clock=manual&scenario=ready');
  const wb = panel(page);
  await wb.locator('input[data-fault="no-gps"]').check();
  await wb.locator('input[data-fault="blown-fuse:amplifier"]').check();
  await wb.getByRole('combobox', { name: 'Theme' }).selectOption('day');
  await wb.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await wb.getByRole('combobox', { name: 'Viewport' }).selectOption('12.3in');
  await wb.getByRole('combobox', { name: 'Zoom' }).selectOption('fit');
  await advance(page, 5000);
  await expect(heading(page, 'Défaut SOS')).toBeVisible();
  await wb.getByRole('button', { name: 'Copy link' }).click();
  await expect(wb.locator('[data-part="toast"]')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await panelLink(page));
  expect(copied).toBe(page.url());
  const before = await state(page);

  // A fresh page from the link alone.
  await page.goto('about:blank');
  await openLink(page, new URL(copied).search);
  await advance(page, 5000);
  await expect(heading(page, 'Défaut SOS')).toBeVisible();
  const after = await state(page);
  expect(summary(after)).toMatchObject({
    status: before.status.level,
    causes: before.status.causes.map((c) => c.id),
  });
  expect(await page.evaluate(() => [...window.sosHmi.sim.faults].sort())).toEqual([
    'blown-fuse:amplifier',
    'no-gps',
  ]);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'day');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(wb.getByRole('combobox', { name: 'Viewport' })).toHaveValue('12.3in');
  await expect(wb.locator('input[data-fault="no-gps"]')).toBeChecked();
  await expect(wb.locator('[data-part="frame-caption"]')).toContainText('12.3″');
});

test('clearing a scenario fault in the panel survives the link', async ({ page }) => {
  await openLink(page, '?designer&clock=manual&scenario=no-gps');
  await panel(page).locator('input[data-fault="no-gps"]').uncheck();
  const link = await panelLink(page);
  await openLink(page, new URL(link).search);
  await advance(page, 5000);
  await expect(heading(page, 'SOS ready')).toBeVisible();
});

test('the centre controls: a negative data acknowledgement and a message, kept by the link', async ({
  page,
}) => {
  await openLink(page, '?designer&clock=manual&scenario=ready');
  const wb = panel(page);
  await wb.getByRole('combobox', { name: 'Data acknowledgement' }).selectOption('negative');
  expect(new URL(page.url()).searchParams.get('centre')).toMatch(/(^|,)nack(,|$)/);
  await advance(page, 5000);
  await wb.getByRole('button', { name: 'Crash', exact: true }).click();
  await advanceUntil(page, (s) => s.call.msd === 'ackNegative', { what: 'negative acknowledgement' });
  await expect(heading(page, /Location not received/)).toBeVisible();

  // The centre writes to the occupants from the panel.
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected' });
  await wb.getByRole('textbox', { name: 'Message from the centre' }).fill('Stay in the car.');
  await wb.getByRole('button', { name: 'Send message' }).click();
  await advance(page, 500);
  await expect(page.locator('sos-active-call [data-part="from-centre"]')).toContainText('Stay in the car.');

  // The link brings the same centre back.
  await openLink(page, new URL(await panelLink(page)).search);
  await expect(panel(page).getByRole('combobox', { name: 'Data acknowledgement' })).toHaveValue('negative');
});

/** Manual call in the `callback` scenario, through to the call-back window. */
async function toCallbackWindow(page: Page): Promise<void> {
  await sim.pressSos(page);
  await advanceUntil(page, (s) => s.call.screen === 'callbackWaiting', {
    stepMs: 1000,
    maxMs: 120_000,
    what: 'call-back window',
  });
  await expect(heading(page, 'Emergency centre may call back')).toBeVisible();
}

/** Seconds left in the call-back window, as the screen shows it (`Call-back possible for 59:30`). */
async function remainingS(page: Page): Promise<number> {
  const text = await page.locator('sos-callback').locator('[data-part="remaining"]').innerText();
  const m = /(\d+):(\d{2})/.exec(text);
  if (!m) throw new Error(`no mm:ss in "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

test('time control steps the call-back countdown', async ({ page }) => {
  await openLink(page, '?designer&clock=manual&scenario=callback');
  await advance(page, 4000);
  await toCallbackWindow(page);
  const start = await remainingS(page);
  await panel(page).getByRole('button', { name: '+1 min' }).click();
  await expect.poll(() => remainingS(page)).toBe(start - 60);
  await panel(page).getByRole('button', { name: '+10 min' }).click();
  await expect.poll(() => remainingS(page)).toBe(start - 660);
});

test('time control runs the call-back countdown at 60× and pauses it', async ({ page }) => {
  await openLink(page, '?designer&speed=0&scenario=callback');
  await advance(page, 4000);
  await toCallbackWindow(page);
  const start = await remainingS(page);
  await panel(page).getByRole('button', { name: '60×' }).click();
  // One wall second is a simulated minute.
  await expect.poll(() => remainingS(page), { timeout: 5000 }).toBeLessThan(start - 30);
  await panel(page).getByRole('button', { name: 'Pause' }).click();
  const paused = await remainingS(page);
  await page.waitForTimeout(700);
  expect(await remainingS(page)).toBe(paused);
  expect(new URL(page.url()).searchParams.get('speed')).toBe('0');
});

test('the panel shows each machine’s current state', async ({ page }) => {
  await openLink(page, '?designer&clock=manual&scenario=ready');
  await advance(page, 5000);
  const states = panel(page).locator('[data-part="machine-states"]');
  for (const id of ['sosHmi', 'status', 'malfunction', 'call', 'diagnostics', 'faultMemory']) {
    await expect(states.locator(`[data-machine="${id}"]`)).toBeVisible();
  }
  // The call machine's regions run side by side; its screen region says which call screen is up.
  const call = states.locator('[data-machine="call"] td');
  await expect(call).toContainText('screen.idle');
  await sim.pressSos(page);
  await advance(page, 500);
  await expect(call).toContainText('screen.cancelWindow');
  await expect(call).not.toContainText('screen.idle');
});

test('the Stately inspector is loaded only when asked for', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await openLink(page, '?designer&clock=manual&scenario=ready');
  await expect(panel(page).getByRole('button', { name: /live state chart/ })).toBeVisible();
  expect(requested.filter((u) => /statelyai|inspect|stately\.ai/.test(u))).toEqual([]);
});

test('Ctrl+Shift+D opens the workbench in a designer build', async ({ page }) => {
  await page.goto('/?clock=manual&scenario=ready');
  await page.waitForFunction(() => !!window.sosHmi?.sim);
  await expect(page.locator('sos-workbench')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+D');
  await page.waitForURL(/designer/);
  await page.waitForFunction(() => !!window.sosHmi?.sim);
  await expect(page.locator('sos-workbench')).toBeAttached();
});

test.describe('live wording', () => {
  /** The message id of "SOS ready" (xliff/*.xlf). */
  const SOS_READY = 's30886b3935c62e53';
  const wording = (page: Page): Locator => panel(page).locator('wb-wording-section');

  test('show ids: texts are marked on the frame, the one under the pointer is on the status line', async ({
    page,
  }) => {
    await openLink(page, '?designer&clock=manual&scenario=ready');
    await advance(page, 5000);
    await wording(page).getByRole('checkbox', { name: 'Show ids' }).check();
    // The h1 and the status line's live region both say it.
    await expect(panel(page).locator(`[data-part="id-mark"][data-id="${SOS_READY}"]`).first()).toBeVisible();
    await heading(page, 'SOS ready').hover();
    await expect(wording(page).locator('[data-part="wording-status"]')).toHaveText(
      `${SOS_READY} — “SOS ready”`,
    );
    // Off again: no marks on the frame.
    await wording(page).getByRole('checkbox', { name: 'Show ids' }).uncheck();
    await expect(panel(page).locator('[data-part="id-mark"]')).toHaveCount(0);
  });

  test('a wording tried in German shows on the frame and exports as an XLIFF unit', async ({ page }) => {
    await openLink(page, '?designer&clock=manual&scenario=ready&lang=de');
    await advance(page, 5000);
    await expect(heading(page, 'SOS bereit')).toBeVisible();
    // Pick the text on the frame (ids shown), then type another wording.
    await wording(page).getByRole('checkbox', { name: 'Show ids' }).check();
    await heading(page, 'SOS bereit').click();
    const editor = wording(page).locator('[data-part="wording-editor"]');
    await expect(editor).toHaveAttribute('data-id', SOS_READY);
    await editor.getByRole('textbox', { name: 'Wording' }).fill('SOS startklar');
    await expect(heading(page, 'SOS startklar')).toBeVisible();
    await expect(wording(page).locator('[data-part="wording-changes"]')).toContainText('SOS startklar');

    const download = page.waitForEvent('download');
    await wording(page)
      .getByRole('button', { name: /Export XLIFF/ })
      .click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('de.xlf');
    const exported = parseXliff(readFileSync(await d.path(), 'utf8'));
    expect(exported.targetLanguage).toBe('de');
    expect(
      exported.units.map((u) => ({
        id: u.id,
        source: segmentsToText(u.source),
        target: segmentsToText(u.target ?? []),
      })),
    ).toEqual([{ id: SOS_READY, source: 'SOS ready', target: 'SOS startklar' }]);

    // Back to the translation.
    await wording(page).getByRole('button', { name: 'Reset wording' }).click();
    await expect(heading(page, 'SOS bereit')).toBeVisible();
  });

  test('a wording must keep the values of its text', async ({ page }) => {
    await openLink(page, '?designer&clock=manual&scenario=ready&lang=de');
    await wording(page).getByRole('searchbox', { name: 'Find a message' }).fill('Sekunden');
    await wording(page).locator('[data-part="wording-results"] button[data-id="sbf78bb8eba0bc1d9"]').click();
    await wording(page).getByRole('textbox', { name: 'Wording' }).fill('Nur noch wenig Zeit');
    await expect(wording(page).getByRole('alert')).toContainText('must keep {0}');
  });
});

test.describe('head-unit build', () => {
  test.use({ baseURL: 'http://127.0.0.1:4173', viewport: { width: 1280, height: 480 } });

  test('contains no designer workbench code', async () => {
    const scripts = (dir: string) =>
      readdirSync(join(dir, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(dir, 'assets', f), 'utf8'));
    const headUnit = scripts('dist');
    const designer = scripts('dist-designer');
    // Markers only the workbench has (the custom element, its entry's marker, the inspector package).
    const markers = [
      'sos-workbench',
      'sos-hmi-designer-workbench',
      'SOS HMI workbench',
      'stately.ai/inspect',
      // The flow recorder, its replay and its exports.
      'sos-hmi-flow/1',
      'wb-flow-section',
      'a flow recorded in the SOS HMI workbench',
      // Live wording: its section and the translators' files it reads.
      'wb-wording-section',
      'Export XLIFF',
      '<trans-unit id=',
      // Design tokens edited live: the section, the override sheet and the export.
      'wb-tokens-section',
      'data-sos-token-overrides',
      'token-changes.json',
    ];
    for (const marker of markers) {
      expect(headUnit.filter((js) => js.includes(marker)).length, `${marker} in dist/`).toBe(0);
      expect(
        designer.some((js) => js.includes(marker)),
        `${marker} in dist-designer/`,
      ).toBe(true);
    }
  });

  test('?designer does nothing on the head unit', async ({ page }) => {
    await page.goto('/?designer&clock=manual&scenario=ready');
    await page.waitForFunction(() => !!window.sosHmi?.sim);
    await advance(page, 5000);
    await expect(heading(page, 'SOS ready')).toBeVisible();
    await expect(page.locator('sos-workbench')).toHaveCount(0);
  });
});

test.describe('flows recorded in the workbench', () => {
  /** Where the flows that ship with the project are kept (`RECORD_FLOWS=1` rewrites them). */
  const RECORDED = join('test', 'flows', 'recorded');
  const rewrite = !!process.env['RECORD_FLOWS'];

  const flowPanel = (page: Page): Locator => panel(page).locator('wb-flow-section');
  const step = (page: Page, label: string): Promise<void> =>
    panel(page).getByRole('group', { name: 'Step' }).getByRole('button', { name: label }).click();
  /** An action of the HMI's screen on top (tapped, or selected and pressed like the controller). */
  const hmiAction = (page: Page, label: string): Locator =>
    page.locator(`sos-app main > * sos-action-button[label=${JSON.stringify(label)}]`).first();

  /** Starts recording (the page reloads at the set-up, time 0) and gives the flow its title. */
  async function record(page: Page, search: string, title: string): Promise<void> {
    await openLink(page, search);
    await flowPanel(page).getByRole('button', { name: '● Record' }).click();
    await page.waitForLoadState('load');
    await page.waitForFunction(() => !!window.sosHmi?.sim);
    await expect(flowPanel(page).locator('[data-part="recording"]')).toBeVisible();
    await flowPanel(page).getByRole('textbox', { name: 'Flow title' }).fill(title);
    await flowPanel(page).getByRole('textbox', { name: 'Flow title' }).press('Tab');
  }

  /** Stops recording and downloads the flow. */
  async function stopAndDownload(page: Page): Promise<Flow> {
    await flowPanel(page).getByRole('button', { name: 'Stop' }).click();
    const download = page.waitForEvent('download');
    await flowPanel(page).getByRole('button', { name: 'Download flow' }).click();
    const text = readFileSync(await (await download).path(), 'utf8');
    // One step a line.
    const flow = parseFlow(text);
    expect(text.split('\n').filter((l) => l.includes('"action"'))).toHaveLength(flow.steps.length);
    return flow;
  }

  /** The shipped flow file equals what was just recorded (or is rewritten with it). */
  function matchesShipped(flow: Flow, file: string): void {
    const path = join(RECORDED, file);
    if (rewrite) writeFileSync(path, serializeFlow(flow));
    expect(serializeFlow(flow)).toBe(readFileSync(path, 'utf8'));
  }

  test('manual call cancelled: recorded with taps, the controller and time steps', async ({ page }) => {
    await record(page, '?designer&speed=0&scenario=ready', 'Manual call cancelled');
    await step(page, '+10 s');
    await panel(page).getByRole('button', { name: 'Press SOS' }).click();
    await step(page, '+1 s');
    await hmiAction(page, 'Cancel call').click();
    await step(page, '+1 s');
    // The controller: select Close and press it.
    await hmiAction(page, 'Close').focus();
    await page.keyboard.press('Enter');
    const flow = await stopAndDownload(page);
    expect(flow.steps.map((s) => s.action.do)).toEqual([
      'advance',
      'sos',
      'advance',
      'choose',
      'advance',
      'choose',
    ]);
    expect(flow.steps[3]!.action).toEqual({ do: 'choose', label: 'Cancel call', via: 'touch' });
    expect(flow.steps[5]!.action).toEqual({ do: 'choose', label: 'Close', via: 'controller' });
    expect(flow.steps[1]!.screen.tag).toBe('sos-cancel-flow');
    // The unit cancels a transport latency later: the next time step shows it.
    expect(flow.steps[4]!.screen.tag).toBe('sos-call-cancelled');
    expect(flow.steps.at(-1)!.screen).toMatchObject({ tag: 'sos-status-screen', h1: 'SOS ready' });
    matchesShipped(flow, 'manual-call-cancelled.flow.json');
  });

  test('crash with a ring break: a fault and a crash from the panel', async ({ page }) => {
    await record(page, '?designer&speed=0&scenario=ready', 'Crash with a ring break');
    await step(page, '+10 s');
    await panel(page).locator('input[data-fault="most-node-failure:satellite-radio"]').check();
    await step(page, '+10 s');
    await panel(page).getByRole('button', { name: 'Crash', exact: true }).click();
    await step(page, '+10 s');
    await step(page, '+10 s');
    const flow = await stopAndDownload(page);
    expect(flow.steps.map((s) => s.action.do)).toEqual([
      'advance',
      'fault',
      'advance',
      'crash',
      'advance',
      'advance',
    ]);
    expect(flow.steps[1]!.action).toEqual({
      do: 'fault',
      fault: 'most-node-failure:satellite-radio',
      on: true,
    });
    matchesShipped(flow, 'crash-with-ring-break.flow.json');
  });

  test('call failed after the redial window: a centre that never answers', async ({ page }) => {
    await record(page, '?designer&speed=0&scenario=no-answer', 'Call failed after the redial window');
    await step(page, '+10 s');
    await panel(page).getByRole('button', { name: 'Press SOS' }).click();
    await step(page, '+10 s');
    for (let i = 0; i < 3; i++) await step(page, '+1 min');
    await expect(heading(page, 'Call failed')).toBeVisible();
    const flow = await stopAndDownload(page);
    expect(flow.steps.at(-1)!.screen.tag).toBe('sos-call-failed');
    matchesShipped(flow, 'call-failed-after-redial-window.flow.json');
  });

  test('a recorded flow replays in the workbench to the same screens, step by step and at speed', async ({
    page,
  }) => {
    const file = join(RECORDED, 'manual-call-cancelled.flow.json');
    const flow = parseFlow(readFileSync(file, 'utf8'));
    await openLink(page, '?designer&speed=0&scenario=ready');
    await flowPanel(page).locator('input[type="file"]').setInputFiles(file);
    await page.waitForFunction(() => !!window.sosHmi?.sim);
    await expect(flowPanel(page).locator('[data-part="replaying"]')).toContainText(flow.title);
    await flowPanel(page).getByRole('button', { name: 'Step' }).click();
    await expect(flowPanel(page).locator('[data-step="1"]')).toHaveAttribute('data-result', 'same');
    await flowPanel(page).getByRole('button', { name: 'Play' }).click();
    await expect(flowPanel(page).locator('[data-part="replay-progress"]')).toHaveText(
      `${flow.steps.length} / ${flow.steps.length}`,
      { timeout: 15_000 },
    );
    for (let i = 1; i <= flow.steps.length; i++)
      await expect(flowPanel(page).locator(`[data-step="${i}"]`)).toHaveAttribute('data-result', 'same');
    await expect(heading(page, 'SOS ready')).toBeVisible();
  });

  test('a flow exports as a Playwright test', async ({ page }) => {
    const file = join(RECORDED, 'manual-call-cancelled.flow.json');
    await openLink(page, '?designer&speed=0&scenario=ready');
    await flowPanel(page).locator('input[type="file"]').setInputFiles(file);
    await page.waitForFunction(() => !!window.sosHmi?.sim);
    const download = page.waitForEvent('download');
    await flowPanel(page).getByRole('button', { name: 'Export test' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('manual-call-cancelled.spec.ts');
    const text = readFileSync(await d.path(), 'utf8');
    expect(text).toContain('await (await hmi.as(CancelFlowHarness)).choose("Cancel call", "touch");');
    expect(text).toContain('await expectScreen(hmi, {"tag":"sos-call-cancelled"');
  });
});
