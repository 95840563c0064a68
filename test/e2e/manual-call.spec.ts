/**
 * Manual SOS call driven like a head unit: the SOS button in the roof (simulator) and the iDrive
 * controller (keyboard). Cancel window 10 s, centre answers after 4 s, hold 2 s to end.
 */
import type { Page } from '@playwright/test';
import type { HmiHarness } from '../flows/harness/hmi.js';
import {
  ActiveCallHarness,
  CallCancelledHarness,
  CallEndedHarness,
  CancelFlowHarness,
} from '../flows/harness/screens.js';
import {
  advance,
  advanceUntil,
  commands,
  commandsOfType,
  expect,
  expectHeading,
  now,
  openReady,
  sim,
  snapshot,
  state,
  test,
} from './hmi.js';

/** Ready, then a press of the SOS button: the cancel window is open. */
async function pressFromReady(
  page: Page,
): Promise<{ hmi: HmiHarness; cancel: CancelFlowHarness; pressedAt: number }> {
  const hmi = await openReady(page);
  const pressedAt = await now(page);
  await sim.pressSos(page);
  const cancel = await hmi.as(CancelFlowHarness);
  await expectHeading(cancel, 'Emergency call in 10 s');
  return { hmi, cancel, pressedAt };
}

/** Runs a manual call through to the voice connection. */
async function connectManualCall(page: Page): Promise<{ hmi: HmiHarness; call: ActiveCallHarness }> {
  const { hmi } = await pressFromReady(page);
  await advance(page, 10_000);
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected', maxMs: 20_000 });
  const call = await hmi.as(ActiveCallHarness);
  await expectHeading(call, 'Connected');
  return { hmi, call };
}

test('cancel window counts down and Enter on the focused "Cancel call" cancels it', async ({
  page,
}, testInfo) => {
  const { hmi, cancel } = await pressFromReady(page);
  await snapshot(page, testInfo, 'cancel-window');
  await advance(page, 3000);
  await expectHeading(cancel, 'Emergency call in 7 s');
  expect(await cancel.secondsLeft()).toBe(7);
  expect((await state(page)).call.countdownS).toBe(7);
  // The safe choice has the focus: one press of the controller cancels.
  await expect.poll(() => cancel.focusedAction()).toBe('Cancel call');
  await cancel.press();
  await expectHeading(await hmi.as(CallCancelledHarness), 'Call cancelled');
  await snapshot(page, testInfo, 'call-cancelled');

  await advance(page, 15_000);
  const started = await commandsOfType(page, 'startCall');
  expect(started, 'no call may be dialled after a cancel').toEqual([]);
});

test('manual call: dials after 10 s, connects, mutes audio, LED blinks then goes steady', async ({
  page,
}, testInfo) => {
  const { hmi, pressedAt } = await pressFromReady(page);
  await advance(page, 10_000);

  const started = await commandsOfType(page, 'startCall');
  expect(started).toHaveLength(1);
  expect(started[0]!.command.kind).toBe('manual');
  expect(started[0]!.at - pressedAt).toBeGreaterThanOrEqual(9_500);
  expect(started[0]!.at - pressedAt).toBeLessThanOrEqual(10_500);
  const call = await hmi.as(ActiveCallHarness);
  await expectHeading(call, 'Connecting…');
  await snapshot(page, testInfo, 'manual-connecting');

  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected', maxMs: 20_000 });
  await expectHeading(call, 'Connected');
  await advance(page, 3000);
  await expect(call.text(/\b00:0\d\b/).first()).toBeVisible();
  await snapshot(page, testInfo, 'manual-connected');

  const sent = await commands(page);
  expect(sent.some((c) => c.command.type === 'muteAudio' && c.command.muted)).toBe(true);
  const leds = sent.flatMap((c) => (c.command.type === 'setLed' ? [c.command.led] : []));
  const blinking = leds.indexOf('green-blinking');
  expect(blinking, `LED commands: ${leds.join(', ')}`).toBeGreaterThanOrEqual(0);
  expect(leds.lastIndexOf('green-steady'), `LED commands: ${leds.join(', ')}`).toBeGreaterThan(blinking);
  expect(leds.at(-1)).toBe('green-steady');
  expect((await state(page)).led).toBe('green-steady');
});

// ArrowRight and ArrowDown: the controller pushed right or down.
for (const [key, direction] of [
  ['ArrowRight', 'right'],
  ['ArrowDown', 'down'],
] as const) {
  test(`"Call now" reached with ${key} and Enter dials at once`, async ({ page }) => {
    const { hmi, cancel, pressedAt } = await pressFromReady(page);
    await expect.poll(() => cancel.focusedAction()).toBe('Cancel call');
    await cancel.push(direction);
    await expect.poll(() => cancel.focusedAction()).toBe('Call now');
    await cancel.press();

    await expect.poll(async () => (await commandsOfType(page, 'startCall')).length).toBe(1);
    const [started] = await commandsOfType(page, 'startCall');
    expect(started!.command.kind).toBe('manual');
    expect(started!.at - pressedAt).toBeLessThan(1000);
    await expectHeading(await hmi.as(ActiveCallHarness), 'Connecting…');
  });
}

test('"Call now" reached by rotating the controller (mouse wheel) and pressing it (Enter)', async ({
  page,
}) => {
  const { cancel, pressedAt } = await pressFromReady(page);
  await expect.poll(() => cancel.focusedAction()).toBe('Cancel call');
  await cancel.rotate(1);
  await expect.poll(() => cancel.focusedAction()).toBe('Call now');
  await cancel.press();
  await expect.poll(async () => (await commandsOfType(page, 'startCall')).length).toBe(1);
  const [started] = await commandsOfType(page, 'startCall');
  expect(started!.at - pressedAt).toBeLessThan(1000);
});

test('accidental call: holding SOS for 2 s ends it, with visible progress', async ({ page }, testInfo) => {
  const { hmi, call } = await connectManualCall(page);
  await expect(call.text('Hold SOS button for 2 s to end call')).toBeVisible();

  await sim.holdSos(page);
  await advance(page, 1500);
  const holding = await state(page);
  expect(holding.call.phase).toBe('voice');
  expect(holding.call.holdProgress).toBeGreaterThan(0.5);
  expect(holding.call.holdProgress).toBeLessThan(1);
  await expectHeading(call, 'Connected');
  await expect(call.holdProgress()).toBeVisible();
  await snapshot(page, testInfo, 'hold-to-end-progress');
  expect(await commandsOfType(page, 'endCall')).toEqual([]);

  await advance(page, 500);
  await expect.poll(async () => (await commandsOfType(page, 'endCall')).length).toBe(1);
  await sim.releaseSos(page);
  await advance(page, 500);
  await expectHeading(await hmi.as(CallEndedHarness), 'Call ended');
  await snapshot(page, testInfo, 'hold-to-end-ended');
});

test('releasing SOS before 2 s changes nothing', async ({ page }) => {
  const { call } = await connectManualCall(page);
  await call.holdSosFor(1000);
  await advance(page, 3000);

  const s = await state(page);
  expect(s.call.phase).toBe('voice');
  expect(s.call.holdProgress).toBeNull();
  await expectHeading(call, 'Connected');
  expect(await commandsOfType(page, 'endCall')).toEqual([]);
});
