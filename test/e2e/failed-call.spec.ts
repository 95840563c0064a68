/**
 * The centre never answers: the telematics unit redials within the 2-minute window (EN 16062), at
 * most once every 30 s, then the screen tells the occupant what to do. The redial screen counts down
 * to the unit's next attempt; the page asks nothing but "Call now".
 */
import type { CallSessionSignal } from '../../src/bridge/signals.js';
import {
  ActiveCallHarness,
  CallFailedHarness,
  CancelFlowHarness,
  RedialingHarness,
} from '../flows/harness/screens.js';
import {
  advance,
  commands,
  expect,
  expectHeading,
  openReady,
  requestTypes,
  session,
  sim,
  snapshot,
  state,
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
  const [callNow] = await commands(page);
  expect(callNow?.command.type).toBe('callNow');
  await advance(page, 100);
  expect(await session(page)).toMatchObject({ phase: 'dialing', kind: 'manual', attempt: 1 });
  await expectHeading(await hmi.as(ActiveCallHarness), 'Connecting…');

  // Step through the redial window like real time would, reading what the unit reports each second.
  const waits: CallSessionSignal[] = [];
  let countdownChecked = false;
  for (let elapsed = 0; ; elapsed += 1000) {
    expect(elapsed, 'the unit gives up within its redial window').toBeLessThan(200_000);
    const report = await session(page);
    const hmiState = await state(page);
    const view = hmiState.call;
    if (report.phase === 'failed') break;
    if (report.phase === 'redialWait') {
      if (waits.at(-1)?.nextAttemptAt !== report.nextAttemptAt) waits.push(report);
      expect(view.screen).toBe('redialing');
      // The countdown on screen is the unit's deadline, drawn by the page.
      const left = Math.ceil((report.nextAttemptAt! - hmiState.now) / 1000);
      expect(view.redialInS).toBe(left);
      if (!countdownChecked && left > 1) {
        const redialing = await hmi.as(RedialingHarness);
        await expect(redialing.text(`Next attempt in ${left} s`)).toBeVisible();
        await expect(redialing.text('Reason: no answer')).toBeVisible();
        countdownChecked = true;
      }
    }
    await advance(page, 1000);
  }
  expect(countdownChecked, 'the redial screen was seen counting down').toBe(true);

  const failed = await hmi.as(CallFailedHarness);
  await expectHeading(failed, 'Call failed');
  await expect(failed.text('Call 112 from a phone').first()).toBeVisible();
  expect(await failed.callFromPhone()).toBe('Call 112 from a phone');
  await snapshot(page, testInfo, 'call-failed');

  const last = await session(page);
  expect(last).toMatchObject({ phase: 'failed', kind: 'manual', failureReason: 'no answer' });
  expect(last.attempt, 'every redial the unit announced was made').toBe(waits.length + 1);
  expect(last.attempt).toBeGreaterThanOrEqual(2);
  // EN 16062: one attempt per 30 s at most, the first 30 s after "Call now" reached the unit.
  const starts = [callNow!.at, ...waits.map((w) => w.nextAttemptAt!)];
  for (let i = 1; i < starts.length; i += 1) {
    expect(starts[i]! - starts[i - 1]!, `attempt ${i + 1}`).toBeGreaterThanOrEqual(30_000);
  }
  // Every redial lies within 2 minutes of the first failed attempt's end (at most 2 min + 30 s after the first start).
  for (const wait of waits) {
    expect(wait.nextAttemptAt!).toBeLessThan(wait.redialWindowEndsAt!);
    expect(wait.redialWindowEndsAt! - callNow!.at).toBeLessThanOrEqual(150_000);
  }
  expect(await requestTypes(page), 'the page only asked to call now').toEqual(['callNow']);
});
