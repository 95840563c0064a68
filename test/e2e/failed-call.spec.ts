/** The centre never answers: redial within the 2-minute window, then tell the occupant what to do. */
import {
  advanceUntil,
  button,
  commandsOfType,
  expect,
  heading,
  openReady,
  sim,
  snapshot,
  test,
} from './hmi.js';

test('no answer: redials at most every 30 s, then "Call failed" and "Call 112 from a phone"', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await openReady(page);
  await sim.callCentre(page, { noAnswer: true });
  await sim.pressSos(page);
  await expect(heading(page, 'Emergency call in 10 s')).toBeVisible();
  await button(page, 'Call now').click();
  await expect(heading(page, 'Connecting…')).toBeVisible();

  // Step through the redial window (EN 16062: 2 min) like real time would.
  await advanceUntil(page, (s) => s.call.screen === 'failed', {
    stepMs: 1000,
    maxMs: 200_000,
    what: 'call failed',
  });
  await expect(heading(page, 'Call failed')).toBeVisible();
  await expect(page.getByText('Call 112 from a phone').first()).toBeVisible();
  await snapshot(page, testInfo, 'call-failed');

  const attempts = await commandsOfType(page, 'startCall');
  expect(attempts.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < attempts.length; i += 1) {
    expect(attempts[i]!.at - attempts[i - 1]!.at, `attempt ${i + 1}`).toBeGreaterThanOrEqual(30_000);
  }
  // Every redial lies within 2 minutes of the first failed attempt's end (at most 2 min + 30 s after the first start).
  expect(attempts.at(-1)!.at - attempts[0]!.at).toBeLessThanOrEqual(150_000);
});
