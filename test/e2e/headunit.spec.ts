/**
 * The head unit as it ships: `npm run headunit` (gateway/headunit.ts) serving the built HMI and the
 * VISS link on one port. Offline proof, boot order (vehicle link late), reload during a call, display
 * presets with the 15 mm emergency target, reduced motion, day/night from the vehicle.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { cssPxToMm, DISPLAY_PRESETS, EMERGENCY_TARGET_MM } from '../../src/app/display.js';
import { ensureBuilt } from '../../gateway/headunit.js';
import { startGateway, parseArgs } from '../../gateway/main.js';
import { advance, heading, openReady, sim, test as hmiTest } from './hmi.js';

/** Built by the head-unit command itself, into its own directory (the preview server owns dist/). */
const DIST = 'node_modules/.cache/sos-hmi/e2e-headunit-dist';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `npm run headunit -- --serve <dir> --port <port>` as a child process. */
class HeadUnit {
  output = '';
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'gateway/headunit.ts', '--serve', DIST, '--port', String(this.port)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.output += String(c)));
    child.stderr!.on('data', (c: Buffer) => (this.output += String(c)));
    const deadline = Date.now() + 90_000;
    while (!this.output.includes('[headunit] open http://')) {
      if (child.exitCode !== null) throw new Error(`headunit exited:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`headunit did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await closed;
  }
}

const test = base.extend<{ headUnit: HeadUnit }>({
  headUnit: async ({}, use) => {
    const unit = new HeadUnit(await freePort());
    await use(unit);
    await unit.stop();
  },
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

// One worker builds and serves the head-unit build, test after test.
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.beforeAll(() => ensureBuilt(undefined, () => {}, resolve(DIST)));

test('offline: the head-unit build asks nothing of any other origin and reaches "SOS ready" over the one port', async ({
  page,
  headUnit,
}) => {
  await headUnit.start();
  const outside: string[] = [];
  const requests: string[] = [];
  // Anything that leaves the served origin fails the test (a car has no internet).
  await page.context().route(
    (url) => url.origin !== headUnit.origin,
    async (route) => {
      outside.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await page.goto(`${headUnit.origin}/`);
  await expect(h1(page, 'SOS ready')).toBeVisible({ timeout: 15_000 });
  const state = await page.evaluate(() => window.sosHmi!.state());
  expect(state.bridge).toMatchObject({ kind: 'viss', connection: 'connected', rejected: 0 });
  expect(await page.evaluate(() => window.sosHmi!.sim === undefined), 'no simulator in the car').toBe(true);

  expect(outside, 'requests to other origins').toEqual([]);
  expect(errors).toEqual([]);
  const ws = `ws://127.0.0.1:${headUnit.port}/viss`;
  for (const url of requests)
    expect(
      [headUnit.origin, ws].some((o) => url.startsWith(o)),
      url,
    ).toBe(true);

  // The shipped files name no other address a browser could fetch (SVG/XML namespaces are names).
  const files = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css|html)$/.test(f));
  for (const file of [...files.map((f) => join(DIST, 'assets', f)), join(DIST, 'index.html')]) {
    const text = readFileSync(file, 'utf8');
    const urls = [...text.matchAll(/\b(?:https?|wss?):\/\/[A-Za-z0-9][^\s"'`)<>]*/g)].map((m) => m[0]);
    const foreign = urls.filter(
      (u) =>
        !/^http:\/\/www\.w3\.org\//.test(u) &&
        !/^wss?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u) &&
        !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u),
    );
    expect(foreign, `${file}: addresses outside the head unit`).toEqual([]);
  }
});

test('boot order: "SOS status unknown — connecting to vehicle" until the link answers; time to first status', async ({
  page,
  headUnit,
}) => {
  // The HMI (here from the preview server) is up before the vehicle link.
  await page.goto(`/?bridge=ws&url=${encodeURIComponent(`ws://127.0.0.1:${headUnit.port}/viss`)}`);
  await expect(h1(page, 'SOS status unknown — connecting to vehicle')).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(h1(page, 'SOS status unknown — connecting to vehicle')).toBeVisible();
  await headUnit.start();
  await expect(h1(page, /^SOS (self-test|ready)$/)).toBeVisible({ timeout: 15_000 });
  await expect(h1(page, 'SOS ready')).toBeVisible({ timeout: 15_000 });
  const measured = await page.evaluate(() =>
    performance.getEntriesByName('sos-hmi:time-to-status').map((m) => m.duration),
  );
  expect(measured.length).toBeGreaterThan(0);
  console.log(
    `[headunit] time to first SOS status after the vehicle link is up: ${measured.at(-1)!.toFixed(1)} ms`,
  );
});

test('reload during a call: the call screen comes back from the vehicle, nothing is dialled again', async ({
  page,
}) => {
  const gateway = await startGateway(parseArgs(['--sim', '--serve', DIST, '--port', '0']), { log: () => {} });
  try {
    const unit = gateway.sim!.sim;
    const origin = `http://127.0.0.1:${gateway.server.port}`;
    await page.goto(`${origin}/`);
    await expect(h1(page, 'SOS ready')).toBeVisible({ timeout: 15_000 });
    unit.crash({ severity: 4, airbagDeployed: true, occupants: 2 });
    const call = unit.session;
    expect(call).toMatchObject({ phase: 'dialing', kind: 'automatic', attempt: 1 });
    await expect(h1(page, /Connecting…|Location sent|Location received|Connected/)).toBeVisible({
      timeout: 10_000,
    });
    await expect(h1(page, 'Connected')).toBeVisible({ timeout: 15_000 });
    expect(gateway.server.commands, 'the page asks nothing of the unit').toEqual([]);

    await page.reload();
    await expect(h1(page, 'Connected')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Automatic emergency call').first()).toBeVisible();
    await page.waitForTimeout(2000);
    // Still the one session the crash started, on its first attempt; the reloaded page asked nothing.
    expect(unit.session).toMatchObject({ phase: 'voice', attempt: 1, triggeredAt: call.triggeredAt });
    expect(gateway.server.commands, 'no request from the reloaded page').toEqual([]);
  } finally {
    await gateway.stop();
  }
});

for (const preset of DISPLAY_PRESETS) {
  hmiTest.describe(`display ${preset.name} (dpr ${preset.dpr}, ${preset.density} px/mm)`, () => {
    hmiTest.use({
      viewport: {
        width: Math.round(preset.width / preset.dpr),
        height: Math.round(preset.height / preset.dpr),
      },
      deviceScaleFactor: preset.dpr,
    });
    hmiTest(`emergency actions are at least ${EMERGENCY_TARGET_MM} mm on the glass`, async ({ page }) => {
      await page.goto(`/?bridge=mock&clock=manual&scenario=ready&density=${preset.density}`);
      await page.waitForFunction(() => !!window.sosHmi?.sim);
      await advance(page, 4000);
      await sim.pressSos(page);
      await expect(h1(page, 'Emergency call in 10 s')).toBeVisible();
      const dpr = await page.evaluate(() => window.devicePixelRatio);
      expect(dpr).toBe(preset.dpr);
      for (const name of ['Cancel call', 'Call now']) {
        const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
        const mm = {
          w: cssPxToMm(box.width, preset.density, dpr),
          h: cssPxToMm(box.height, preset.density, dpr),
        };
        expect(mm.h, `${name} height ${box.height} CSS px`).toBeGreaterThanOrEqual(EMERGENCY_TARGET_MM);
        expect(mm.w, `${name} width ${box.width} CSS px`).toBeGreaterThanOrEqual(EMERGENCY_TARGET_MM);
      }
      await page.screenshot({ path: `test-results/displays/${preset.name}.png` });
    });
  });
}

hmiTest.describe('reduced motion', () => {
  hmiTest.use({ reducedMotion: 'reduce' });
  hmiTest('nothing on any screen animates or transitions', async ({ page }) => {
    await openReady(page);
    const moving = () =>
      page.evaluate(() => {
        const found: string[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            for (const pseudo of [null, '::before', '::after']) {
              const s = getComputedStyle(el, pseudo);
              const animated = s.animationName !== 'none' && parseFloat(s.animationDuration) > 0;
              const transitions = s.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
              if (animated || transitions) found.push(`${el.localName}${pseudo ?? ''}`);
            }
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return found;
      });
    expect(await moving(), 'status screen').toEqual([]);
    await sim.pressSos(page);
    await expect(heading(page, 'Emergency call in 10 s')).toBeVisible();
    expect(await moving(), 'cancel window (countdown ring)').toEqual([]);
    await advance(page, 10_000);
    await advance(page, 500);
    expect(await moving(), 'call setting up (blinking LED)').toEqual([]);
  });
});

hmiTest('day/night follows the vehicle unless ?theme= pins it', async ({ page }) => {
  await openReady(page);
  const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
  expect(await theme()).toBe('night');
  await page.evaluate(() => (window.sosHmi.sim as unknown as { dayNight(m: string): void }).dayNight('day'));
  await expect.poll(theme).toBe('day');
  await page.evaluate(() =>
    (window.sosHmi.sim as unknown as { dayNight(m: string): void }).dayNight('night'),
  );
  await expect.poll(theme).toBe('night');

  await page.goto('/?bridge=mock&clock=manual&theme=day');
  await page.waitForFunction(() => !!window.sosHmi?.sim);
  await page.evaluate(() =>
    (window.sosHmi.sim as unknown as { dayNight(m: string): void }).dayNight('night'),
  );
  await advance(page, 100);
  expect(await theme()).toBe('day');
});
