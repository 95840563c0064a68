/**
 * Automatic (crash) call: the telematics unit dials at once, occupants cannot end it, it survives
 * ignition off. The page only shows the unit's session and asks nothing of it.
 */
import { ActiveCallHarness, CallEndedHarness } from '../flows/harness/screens.js';
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

test('crash: automatic call that only the centre can end', async ({ page }, testInfo) => {
  const hmi = await openReady(page);
  const crashedAt = await now(page);
  await sim.crash(page, { severity: 4, airbagDeployed: true, rollover: false, occupants: 2 });

  // The unit dialled at the crash, by itself: no cancel window, nothing the occupants could stop.
  expect(await session(page)).toMatchObject({
    phase: 'dialing',
    kind: 'automatic',
    attempt: 1,
    triggeredAt: crashedAt,
    cancelWindowEndsAt: null,
    cancellable: false,
    holdToEndMs: null,
    crash: { severity: 4, airbagDeployed: true, rollover: false, occupants: 2 },
  });
  expect(await requestTypes(page), 'the page asks nothing of the unit on a crash').toEqual([]);

  const call = await hmi.as(ActiveCallHarness);
  await expectHeading(call, 'Connecting…');
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
  expect(await requestTypes(page)).toEqual([]);
  expect((await state(page)).call.screen).toBe('active');

  // Holding the SOS button does not end it either: the unit does not even start a hold.
  await advanceUntil(page, (s) => s.call.phase === 'voice', { what: 'voice connected', maxMs: 20_000 });
  await expectHeading(call, 'Connected');
  await page.evaluate(() => window.sosHmi.sim.holdSos());
  await advance(page, 1000);
  expect((await session(page)).holdEndsAt, 'a held button ends nothing in an automatic call').toBeNull();
  await expect(call.holdProgress()).toBeHidden();
  await advance(page, 2000);
  await page.evaluate(() => window.sosHmi.sim.releaseSos());
  await advance(page, 500);
  expect((await session(page)).phase).toBe('voice');
  expect((await state(page)).call.phase).toBe('voice');
  expect(await requestTypes(page)).toEqual([]);

  // A call in progress continues with the ignition off.
  await sim.ignition(page, 'off');
  await advance(page, 2000);
  const afterIgnitionOff = await state(page);
  expect(afterIgnitionOff.call.screen).toBe('active');
  expect(afterIgnitionOff.call.phase).toBe('voice');
  expect((await session(page)).phase).toBe('voice');
  await expect(call.text('Automatic emergency call').first()).toBeVisible();

  await sim.centreEndsCall(page);
  await advance(page, 500);
  await expectHeading(await hmi.as(CallEndedHarness), 'Call ended');
  expect(await session(page)).toMatchObject({ phase: 'ended', callEnd: 'clearDown', attempt: 1 });
  expect(await requestTypes(page)).toEqual([]);
  await snapshot(page, testInfo, 'automatic-call-ended');
});
