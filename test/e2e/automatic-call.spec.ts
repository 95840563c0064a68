/** Automatic (crash) call: dials at once, occupants cannot end it, survives ignition off. */
import {
  advance,
  advanceUntil,
  button,
  commandsOfType,
  expect,
  heading,
  now,
  openReady,
  sim,
  snapshot,
  state,
  test,
} from './hmi.js';

test('crash: automatic call that only the centre can end', async ({ page }, testInfo) => {
  await openReady(page);
  const crashedAt = await now(page);
  await sim.crash(page, { severity: 4, airbagDeployed: true, rollover: false, occupants: 2 });

  // Dials at once: no cancel window.
  await expect.poll(async () => (await commandsOfType(page, 'startCall')).length).toBe(1);
  const [started] = await commandsOfType(page, 'startCall');
  expect(started!.command.kind).toBe('automatic');
  expect(started!.at - crashedAt).toBeLessThan(1000);

  await expect(page.getByText('Automatic emergency call').first()).toBeVisible();
  await expect(page.getByText('Only the emergency centre can end this call').first()).toBeVisible();
  await expect(button(page, 'Cancel call')).toHaveCount(0);
  await snapshot(page, testInfo, 'automatic-call');

  // Back on the controller does nothing.
  await page.keyboard.press('Escape');
  await advance(page, 500);
  expect(await commandsOfType(page, 'endCall')).toEqual([]);
  expect((await state(page)).call.screen).toBe('active');

  // Holding the SOS button does not end it either.
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected', maxMs: 20_000 });
  await sim.holdSos(page);
  await advance(page, 3000);
  await sim.releaseSos(page);
  await advance(page, 500);
  expect(await commandsOfType(page, 'endCall')).toEqual([]);
  expect((await state(page)).call.phase).toBe('voice');

  // A call in progress continues with the ignition off.
  await sim.ignition(page, 'off');
  await advance(page, 2000);
  const afterIgnitionOff = await state(page);
  expect(afterIgnitionOff.call.screen).toBe('active');
  expect(afterIgnitionOff.call.phase).toBe('voice');
  expect(await commandsOfType(page, 'endCall')).toEqual([]);
  await expect(page.getByText('Automatic emergency call').first()).toBeVisible();

  await sim.centreEndsCall(page);
  await advance(page, 500);
  await expect(heading(page, 'Call ended')).toBeVisible();
  await snapshot(page, testInfo, 'automatic-call-ended');
});
