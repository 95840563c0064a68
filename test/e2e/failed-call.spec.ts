/** The centre never answers: redial within the 2-minute window, then tell the occupant what to do. */
import { ActiveCallHarness, CallFailedHarness, CancelFlowHarness } from '../flows/harness/screens.js';
import {
  advanceUntil,
  commandsOfType,
  expect,
  expectHeading,
  openReady,
  sim,
  snapshot,
  test,
} from './hmi.js';

test('no answer: redials at most every 30 s, then "Call failed" and "Call 112 from a phone"', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const hmi = await openReady(page);
  await sim.callCentre(page, { noAnswer: true });
  await sim.pressSos(page);
  const cancel = await hmi.as(CancelFlowHarness);
  await expectHeading(cancel, 'Emergency call in 10 s');
  await cancel.callNow('touch');
  await expectHeading(await hmi.as(ActiveCallHarness), 'Connecting…');

  // Step through the redial window (EN 16062: 2 min) like real time would.
  await advanceUntil(page, (s) => s.call.screen === 'failed', {
    stepMs: 1000,
    maxMs: 200_000,
    what: 'call failed',
  });
  const failed = await hmi.as(CallFailedHarness);
  await expectHeading(failed, 'Call failed');
  await expect(failed.text('Call 112 from a phone').first()).toBeVisible();
  expect(await failed.callFromPhone()).toBe('Call 112 from a phone');
  await snapshot(page, testInfo, 'call-failed');

  const attempts = await commandsOfType(page, 'startCall');
  expect(attempts.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < attempts.length; i += 1) {
    expect(attempts[i]!.at - attempts[i - 1]!.at, `attempt ${i + 1}`).toBeGreaterThanOrEqual(30_000);
  }
  // Every redial lies within 2 minutes of the first failed attempt's end (at most 2 min + 30 s after the first start).
  expect(attempts.at(-1)!.at - attempts[0]!.at).toBeLessThanOrEqual(150_000);
});
