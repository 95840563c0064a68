/**
 * Reliability and security of the built page: the Content-Security-Policy it ships, no inline
 * script, vehicle strings rendered as text (never as HTML), and a reload during a call.
 */
import { ActiveCallHarness, StatusScreenHarness } from '../flows/harness/screens.js';
import { advance, advanceUntil, expect, expectHeading, openHmi, openReady, state, test } from './hmi.js';

test('the built page ships a Content-Security-Policy without inline script, and no inline script', async ({
  page,
  request,
}) => {
  const html = await (await request.get('/')).text();
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  expect(csp, 'CSP meta in the built index.html').toBeTruthy();
  const policy = csp!.replaceAll('&#39;', "'");
  const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src'));
  expect(scriptSrc?.trim()).toBe("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  // The CSP comes before any script, so it governs all of them.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  for (const tag of html.match(/<script\b[^>]*>/g) ?? [])
    expect(tag, 'every script has a src').toMatch(/\ssrc=/);

  await openReady(page);
  // Nothing in the rendered page (light DOM and every shadow root) carries an inline event handler.
  const handlers = await page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames())
          if (/^on/i.test(attr)) found.push(`${el.localName}[${attr}]`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
      for (const script of root.querySelectorAll('script')) if (!script.src) found.push('inline <script>');
    };
    walk(document);
    return found;
  });
  expect(handlers).toEqual([]);
});

test('a reason text from the vehicle containing HTML is shown as text, never run', async ({ page }) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const hmi = await openReady(page);
  await page.evaluate(() => window.sosHmi.sim.crash());
  await advanceUntil(page, (s) => s.call.phase === 'connecting', { stepMs: 100, what: 'dialing' });
  await advance(page, 100);
  // The unit's next report says the call failed, with a reason text carrying markup.
  await page.evaluate((reason) => {
    const { sim } = window.sosHmi;
    const report = sim.session!;
    sim.injectRaw({
      ...report,
      ts: window.sosHmi.state().now,
      seq: (report.seq + 1) % 65536,
      phase: 'failed',
      failureReason: reason,
      audioMuted: false,
    });
  }, evil);
  expect((await state(page)).call.failureReason).toBe(evil);
  expect((await state(page)).call.screen).toBe('failed');
  await expect((await hmi.screen()).text(`Reason: ${evil}`)).toBeVisible();
  const injected = await page.evaluate(() => {
    let images = 0;
    const walk = (root: Document | ShadowRoot): void => {
      images += root.querySelectorAll('img[onerror]').length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return { images, pwned: (window as unknown as { __pwned?: number }).__pwned ?? null };
  });
  expect(injected).toEqual({ images: 0, pwned: null });
});

test('reload during a call (mock bridge): the page comes back clean to what the restarted vehicle says', async ({
  page,
}) => {
  // With the mock bridge the simulated vehicle lives in the page: a reload restarts it, so the true
  // call state after the reload is "no call". What must hold: no error, no phantom or stale call
  // screen, and the status recovers through the self-test. (Keeping a call across a reload needs the
  // gateway bridge, where the vehicle outlives the page; see docs/fault-matrix.md.)
  const hmi = await openReady(page);
  await page.evaluate(() => window.sosHmi.sim.crash());
  await advanceUntil(page, (s) => s.call.phase === 'voice', { stepMs: 500, what: 'voice' });
  await expectHeading(await hmi.as(ActiveCallHarness), 'Connected');

  // Let the first load settle (favicon), so the reload aborts nothing the page still wanted.
  await page.waitForLoadState('networkidle');
  await page.reload();
  const reloaded = await openHmi(page, { scenario: 'ready' });
  const after = await state(page);
  expect(after.call.screen).toBe('none');
  expect(after.status.level).not.toBe('ready');
  await advance(page, 4000);
  await expectHeading(await reloaded.as(StatusScreenHarness), 'SOS ready');
  expect((await state(page)).call.screen).toBe('none');
});
