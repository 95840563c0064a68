/**
 * Manual SOS call driven like a head unit: the SOS button in the roof (simulator) and the iDrive
 * controller (keyboard). The telematics unit owns the call: its cancel window is 10 s, the centre
 * answers after 4 s, holding the button 2 s ends it. The page shows the unit's session report and
 * sends only what the occupants ask (cancel, call now).
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
  expect,
  expectHeading,
  now,
  openReady,
  requestTypes,
  session,
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
  // The unit took the press and counts its cancel window down; the page only draws it.
  expect(await session(page)).toMatchObject({
    phase: 'cancelWindow',
    kind: 'manual',
    attempt: 0,
    triggeredAt: pressedAt,
    cancelWindowEndsAt: pressedAt + 10_000,
    cancellable: true,
  });
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
  expect(await requestTypes(page)).toEqual(['cancelCall']);
  await advance(page, 100);
  await expectHeading(await hmi.as(CallCancelledHarness), 'Call cancelled');
  await snapshot(page, testInfo, 'call-cancelled');

  // Past the end of the cancel window: the unit never dialled.
  await advance(page, 15_000);
  expect(await session(page), 'no call may be dialled after a cancel').toMatchObject({
    phase: 'cancelled',
    attempt: 0,
  });
  expect(await requestTypes(page)).toEqual(['cancelCall']);
});

test('manual call: the unit dials after 10 s, connects, mutes audio, LED blinks then goes steady', async ({
  page,
}, testInfo) => {
  const { hmi, pressedAt } = await pressFromReady(page);
  await advance(page, 9_900);
  expect(await session(page)).toMatchObject({ phase: 'cancelWindow', attempt: 0 });
  await expectHeading(await hmi.as(CancelFlowHarness), 'Emergency call in 1 s');
  await advance(page, 100);

  // The unit dialled when its window ran out, by itself.
  const dialing = await session(page);
  expect(dialing).toMatchObject({ phase: 'dialing', kind: 'manual', attempt: 1, triggeredAt: pressedAt });
  expect(dialing.ts).toBe(pressedAt + 10_000);
  expect(await requestTypes(page), 'the page asks nothing for a call to start').toEqual([]);
  const call = await hmi.as(ActiveCallHarness);
  await expectHeading(call, 'Connecting…');
  await expect(call.ledMirror()).toHaveAttribute('data-led', 'green-blinking');
  await expect(call.text('Entertainment audio muted')).toBeVisible();
  await snapshot(page, testInfo, 'manual-connecting');

  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected', maxMs: 20_000 });
  await expectHeading(call, 'Connected');
  await advance(page, 3000);
  await expect(call.text(/\b00:0\d\b/).first()).toBeVisible();
  await snapshot(page, testInfo, 'manual-connected');

  // Mute and LED are the unit's; the screen mirrors them.
  const voice = await session(page);
  expect(voice).toMatchObject({ phase: 'voice', audioMuted: true });
  await expect(call.text('Entertainment audio muted')).toBeVisible();
  await expect(call.ledMirror()).toHaveAttribute('data-led', 'green-steady');
  expect((await state(page)).led).toBe('green-steady');
  expect(await requestTypes(page)).toEqual([]);
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
    expect(await requestTypes(page)).toEqual(['callNow']);

    // The request reaches the unit (20 ms on the link) and it dials at once.
    await advance(page, 100);
    const report = await session(page);
    expect(report).toMatchObject({ phase: 'dialing', kind: 'manual', attempt: 1 });
    expect(report.ts - pressedAt).toBeLessThan(1000);
    await expectHeading(await hmi.as(ActiveCallHarness), 'Connecting…');
  });
}

test('"Call now" reached by rotating the controller (mouse wheel) and pressing it (Enter)', async ({
  page,
}) => {
  const { hmi, cancel, pressedAt } = await pressFromReady(page);
  await expect.poll(() => cancel.focusedAction()).toBe('Cancel call');
  await cancel.rotate(1);
  await expect.poll(() => cancel.focusedAction()).toBe('Call now');
  await cancel.press();
  expect(await requestTypes(page)).toEqual(['callNow']);
  await advance(page, 100);
  const report = await session(page);
  expect(report).toMatchObject({ phase: 'dialing', attempt: 1 });
  expect(report.ts - pressedAt).toBeLessThan(1000);
  await expectHeading(await hmi.as(ActiveCallHarness), 'Connecting…');
});

test('accidental call: holding SOS for 2 s ends it, with visible progress', async ({ page }, testInfo) => {
  const { hmi, call } = await connectManualCall(page);
  await expect(call.text('Hold SOS button for 2 s to end call')).toBeVisible();

  await sim.holdSos(page);
  const heldAt = await now(page);
  expect((await session(page)).holdEndsAt, 'the unit times the hold').toBe(heldAt + 2000);
  await advance(page, 1500);
  const holding = await state(page);
  expect(holding.call.phase).toBe('voice');
  expect(holding.call.holdProgress).toBeGreaterThan(0.5);
  expect(holding.call.holdProgress).toBeLessThan(1);
  await expectHeading(call, 'Connected');
  await expect(call.holdProgress()).toBeVisible();
  await snapshot(page, testInfo, 'hold-to-end-progress');

  // The unit ends the call when the hold is complete; the page asks nothing.
  await advance(page, 500);
  expect(await session(page)).toMatchObject({ phase: 'ended', callEnd: 'hungUp' });
  await sim.releaseSos(page);
  await advance(page, 500);
  await expectHeading(await hmi.as(CallEndedHarness), 'Call ended');
  expect(await requestTypes(page)).toEqual([]);
  await snapshot(page, testInfo, 'hold-to-end-ended');
});

test('releasing SOS before 2 s changes nothing', async ({ page }) => {
  const { call } = await connectManualCall(page);
  await call.holdSosFor(1000);
  expect((await session(page)).holdEndsAt, 'released: no hold').toBeNull();
  await advance(page, 3000);

  const s = await state(page);
  expect(s.call.phase).toBe('voice');
  expect(s.call.holdProgress).toBeNull();
  await expectHeading(call, 'Connected');
  expect((await session(page)).phase).toBe('voice');
  expect(await requestTypes(page)).toEqual([]);
});
