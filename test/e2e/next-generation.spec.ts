/**
 * Beyond today's cars (NG-eCall, EN 17184; EECC art. 109): what the occupants see and what reaches
 * the vehicle when the centre acknowledges the data or not, asks for fresh data, writes to them,
 * when a network carries only plain 112, when someone types or picks a phrase with the controller,
 * and when the post-crash guidance switches the hazard lights on. In-page simulator, manual clock.
 */
import type { Page } from '@playwright/test';
import type { CentreInboxEntry } from '../../src/sim/types.js';
import { PHRASE_LABELS } from '../flows/expectations.js';
import type { HmiHarness } from '../flows/harness/hmi.js';
import { ActiveCallHarness, CallEndedHarness, StatusScreenHarness } from '../flows/harness/screens.js';
import {
  advance,
  advanceUntil,
  commandsOfType,
  expect,
  expectHeading,
  openHmi,
  session,
  test,
} from './hmi.js';

const ANSWER = 'Help is on the way. An ambulance is 8 minutes away.';

function inbox(page: Page): Promise<readonly CentreInboxEntry[]> {
  return page.evaluate(() => window.sosHmi.sim.centreInbox);
}

/** Opens a scenario with a call in it and waits until the voice channel is up. */
async function toVoice(page: Page, scenario: string): Promise<{ hmi: HmiHarness; call: ActiveCallHarness }> {
  const hmi = await openHmi(page, { scenario });
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected' });
  return { hmi, call: await hmi.as(ActiveCallHarness) };
}

test.describe('what the centre has', () => {
  test('a positive acknowledgement says the centre has the position and the crash data', async ({ page }) => {
    const { call } = await toVoice(page, 'crash');
    await expect(call.root.locator('[data-part="msd-ack"]')).toHaveText(
      /The emergency centre has your position and crash data/,
    );
    await expect(call.root.locator('[data-part="readout"], [data-part="readout-notice"]')).toHaveCount(0);
  });

  test('a negative acknowledgement: "Location not received", and the position to read out', async ({
    page,
  }) => {
    const hmi = await openHmi(page, { scenario: 'msd-negative' });
    await advanceUntil(page, (s) => s.call.msd === 'ackNegative', { what: 'negative acknowledgement' });
    const call = await hmi.as(ActiveCallHarness);
    await expectHeading(call, /^\s*Location not received/);
    await expect(call.root.locator('[data-part="readout-notice"]')).toHaveText(
      'Your data did not arrive — the centre may ask you where you are',
    );
    await expect(call.root.locator('[data-part="position"]')).toHaveText(
      /\d+\.\d{5}° [NS]\s+\d+\.\d{5}° [EW]/,
    );
    // Nothing claims the data arrived.
    await expect(call.root.locator('[data-part="msd-ack"]')).toHaveCount(0);
    // The progress step is a warning, never a tick.
    const step = call.root.locator('[data-step="acknowledged"]');
    await expect(step).toHaveAttribute('data-state', 'failed');
    await expect(step).toHaveText(/!\s*Not received/);
  });

  test('fresh data the centre asked for is shown with the time it went', async ({ page }) => {
    const { call } = await toVoice(page, 'data-requested');
    await expect(call.root.locator('[data-part="data-updated"]')).toHaveCount(0);
    await advance(page, 6000);
    await expect(call.root.locator('[data-part="data-updated"]')).toHaveText(
      /^Updated position sent at the centre’s request, \d{1,2}:\d{2}/,
    );
    expect((await session(page)).msdUpdatedAt).not.toBeNull();
  });

  test('a network without eCall: "SOS limited", not a malfunction; a call goes as plain 112 without data', async ({
    page,
  }) => {
    const hmi = await openHmi(page, { scenario: 'network-without-ecall' });
    await advance(page, 5000);
    const status = await hmi.as(StatusScreenHarness);
    await expectHeading(status, /^\s*SOS limited/);
    await expect(status.text('No network here for the car’s emergency call').first()).toBeVisible();
    expect(await hmi.telltale()).not.toBe('malfunction');
    await expect(page.locator('sos-malfunction-warning')).toHaveCount(0);

    await page.evaluate(() =>
      window.sosHmi.sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 }),
    );
    await advanceUntil(page, (s) => s.call.phase === 'voice' || s.call.screen === 'active', {
      what: 'the call',
    });
    await advance(page, 6000);
    expect((await session(page)).transport).toBe('plain112');
    const call = await hmi.as(ActiveCallHarness);
    await expect(call.root.locator('[data-part="readout-notice"]')).toHaveText(
      'Plain 112 call: the car could not send its data — tell the centre where you are',
    );
    await expect(call.root.locator('[data-part="position"]')).toBeVisible();
    await expect(call.root.locator('[data-part="msd-ack"]')).toHaveCount(0);
  });

  test('clear-down and drop are told apart in words', async ({ page }) => {
    const hmi = await openHmi(page, { scenario: 'drop-mid-call' });
    await advance(page, 4000);
    await page.evaluate(() =>
      window.sosHmi.sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 }),
    );
    await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected' });
    const call = await hmi.as(ActiveCallHarness);
    await expect(call.root.locator('[data-part="call-end"]')).toHaveCount(0);
    // The scenario's centre drops the call 15 s into voice; the unit redials at once.
    await advanceUntil(page, (s) => s.call.attempt === 2, { what: 'the redial', stepMs: 250 });
    await expect(call.root.locator('[data-part="call-end"]')).toHaveText('The call dropped — calling again');
    await expectHeading(call, /^\s*Redialling…/);
    await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'the redial connected' });
    await expect(call.root.locator('[data-part="call-end"]')).toHaveCount(0);
    await page.evaluate(() => window.sosHmi.sim.centreEndsCall());
    const ended = await hmi.as(CallEndedHarness);
    await expect(ended.root.locator('[data-part="call-end"]')).toHaveText(
      'The emergency centre ended the call',
    );
    await expect(ended.text('dropped')).toHaveCount(0);
  });
});

test.describe('messages from the centre', () => {
  test('the newest line shows under the call status, is announced and read aloud', async ({ page }) => {
    // A desktop browser reads it with speechSynthesis: record what it is asked to say.
    await page.addInitScript(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      Object.defineProperty(window, 'speechSynthesis', {
        value: { speak: (u: { text: string }) => said.push(u.text), cancel: () => {} },
      });
    });
    const { hmi, call } = await toVoice(page, 'centre-messages');
    await expect(call.root.locator('[data-part="from-centre"]')).toHaveCount(0);
    await advance(page, 3000);
    const line = call.root.locator('[data-part="from-centre"]');
    await expect(line).toContainText(ANSWER);
    await expect(page.locator('sos-app [data-part="live-centre"]')).toContainText(ANSWER);
    // The speech request reaches the car a transport latency later.
    await advance(page, 100);
    const spoken = await commandsOfType(page, 'speak');
    expect(spoken.map((s) => s.command.text)).toEqual([ANSWER]);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said))
      .toEqual([ANSWER]);
    // It never covers the call status.
    const h1 = await call.heading().boundingBox();
    const box = await line.boundingBox();
    expect(h1 && box && (box.y >= h1.y + h1.height || box.y + box.height <= h1.y)).toBe(true);
    await expectHeading(call, /^\s*Connected/);

    await advance(page, 5000);
    await expect(line).toContainText('If you cannot speak, use Text on the screen.');
    expect((await commandsOfType(page, 'speak')).length).toBe(2);
    expect(await hmi.panels().count()).toBe(0);
  });
});

test.describe('a text conversation for occupants who cannot speak', () => {
  test('a phrase by touch and a line typed with the controller reach the centre, with how far they got', async ({
    page,
  }) => {
    const { hmi, call } = await toVoice(page, 'crash');
    await call.choose('Text', 'controller');
    let panel = await hmi.panel();
    // Preset phrases first (EECC art. 109: no typing needed), then the keyboard and Close.
    expect(await panel.visibleActions()).toEqual([...Object.values(PHRASE_LABELS), 'Keyboard', 'Close']);
    // The call status stays on screen.
    await expectHeading(call, /^\s*Connected/);
    await panel.choose('Someone is trapped', 'touch');
    // The centre has it a second after the unit took it (RFC 8147 delivered).
    await advance(page, 1500);
    expect(await inbox(page)).toMatchObject([{ phrase: 'trapped', text: null }]);
    await expect(panel.root.locator('[data-part="line"][data-delivery="delivered"]')).toContainText(
      'Someone is trapped',
    );

    await panel.choose('Keyboard', 'controller');
    panel = await hmi.panel();
    expect(await panel.focusedKey()).toBe('A');
    await panel.type('Legs stuck', 'controller');
    const sent = await commandsOfType(page, 'sendText');
    expect(sent.at(-1)?.command).toEqual({ type: 'sendText', phrase: null, text: 'Legs stuck' });
    // The line shows once the unit reports it taken, a transport latency later.
    await advance(page, 100);
    await expect(panel.root.locator('[data-part="line"]').last()).toContainText('Legs stuck');
    await expect(panel.root.locator('[data-part="line"]').last()).toHaveAttribute(
      'data-delivery',
      /sending|sent/,
    );
    await advance(page, 1500);
    expect((await inbox(page)).at(-1)).toMatchObject({ phrase: null, text: 'Legs stuck' });
    await expect(panel.root.locator('[data-part="line"]').last()).toHaveAttribute(
      'data-delivery',
      'delivered',
    );
    // The centre answers; the answer is read aloud.
    await advance(page, 3000);
    await expect(panel.root.locator('[data-part="line"][data-from="centre"]').last()).toBeVisible();
    expect((await commandsOfType(page, 'speak')).length).toBeGreaterThan(0);

    // Back leaves the keyboard for the phrases, and the phrases for the call screen: the call goes on.
    await panel.back();
    await expect(panel.root.locator('section')).toHaveAttribute('data-mode', 'phrases');
    await panel.back();
    await expect(hmi.panels()).toHaveCount(0);
    expect((await session(page)).phase).toBe('voice');
    expect((await hmi.focus()).label).toBe('Text');
  });
});

test.describe('post-crash guidance', () => {
  test('an electric car: the high-voltage warning, where the door release is, and hazard lights on request', async ({
    page,
  }) => {
    const { hmi, call } = await toVoice(page, 'crash-electric');
    // Offered, not opened: what was sent stays on screen.
    await expect(hmi.panels()).toHaveCount(0);
    await call.choose('Safety steps', 'controller');
    const card = await hmi.panel();
    await expect(card.root.locator('[data-part="step"]')).toHaveCount(6);
    await expect(card.root.locator('[data-step="highVoltage"]')).toHaveAttribute('data-warning', '');
    await expect(card.root.locator('[data-step="doorRelease"]')).toContainText(/lever/i);
    expect(await commandsOfType(page, 'setHazardLights')).toEqual([]);

    await card.choose('Hazard lights on', 'controller');
    expect((await commandsOfType(page, 'setHazardLights')).map((c) => c.command)).toEqual([
      { type: 'setHazardLights', on: true },
    ]);
    await expect(card.root.locator('[data-part="hazard-button"]')).toHaveAttribute('label', 'Switching on…');
    await advance(page, 1000);
    await expect(card.root.locator('[data-part="hazard-done"]')).toHaveText(/Hazard lights are on/);
    await expect(card.root.locator('[data-part="hazard-button"]')).toHaveCount(0);

    // The driver switches them off at the dashboard: the button is back.
    await page.evaluate(() => window.sosHmi.sim.hazards(false));
    await expect(card.root.locator('[data-part="hazard-button"]')).toHaveAttribute(
      'label',
      'Hazard lights on',
    );
  });

  for (const [powertrain, highVoltage] of [
    ['combustion', 0],
    ['hybrid', 1],
    [null, 1],
  ] as const)
    test(`${powertrain ?? 'a car that does not say its powertrain'}: ${highVoltage ? 'the' : 'no'} high-voltage step`, async ({
      page,
    }) => {
      const hmi = await openHmi(page, { scenario: 'ready' });
      await advance(page, 4000);
      await page.evaluate((p) => {
        window.sosHmi.sim.vehicleConfig({ powertrain: p });
        window.sosHmi.sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
      }, powertrain);
      await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected' });
      await (await hmi.as(ActiveCallHarness)).choose('Safety steps', 'touch');
      const card = await hmi.panel();
      await expect(card.root.locator('[data-step="highVoltage"]')).toHaveCount(highVoltage);
      await card.choose('Close', 'touch');
      await expect(hmi.panels()).toHaveCount(0);
    });
});
