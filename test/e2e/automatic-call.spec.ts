/** Automatic (crash) call: dials at once, occupants cannot end it, survives ignition off. */
import { ActiveCallHarness, CallEndedHarness } from '../flows/harness/screens.js';
import {
  advance,
  advanceUntil,
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

test('crash: automatic call that only the centre can end', async ({ page }, testInfo) => {
  const hmi = await openReady(page);
  const crashedAt = await now(page);
  await sim.crash(page, { severity: 4, airbagDeployed: true, rollover: false, occupants: 2 });

  // Dials at once: no cancel window.
  await expect.poll(async () => (await commandsOfType(page, 'startCall')).length).toBe(1);
  const [started] = await commandsOfType(page, 'startCall');
  expect(started!.command.kind).toBe('automatic');
  expect(started!.at - crashedAt).toBeLessThan(1000);

  const call = await hmi.as(ActiveCallHarness);
  await expect(call.text('Automatic emergency call').first()).toBeVisible();
  await expect(call.text('Only the emergency centre can end this call').first()).toBeVisible();
  expect(await call.endHint()).toBe('Only the emergency centre can end this call');
  // Nothing to press: no Cancel, no other action.
  await call.settled();
  expect(await call.visibleActions()).toEqual([]);
  await snapshot(page, testInfo, 'automatic-call');

  // Back on the controller does nothing.
  await call.back();
  await advance(page, 500);
  expect(await commandsOfType(page, 'endCall')).toEqual([]);
  expect((await state(page)).call.screen).toBe('active');

  // Holding the SOS button does not end it either.
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected', maxMs: 20_000 });
  await call.holdSosFor(3000);
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
  await expect(call.text('Automatic emergency call').first()).toBeVisible();

  await sim.centreEndsCall(page);
  await advance(page, 500);
  await expectHeading(await hmi.as(CallEndedHarness), 'Call ended');
  await snapshot(page, testInfo, 'automatic-call-ended');
});
