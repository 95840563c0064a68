/**
 * End to end through the real vehicle gateway: a recorded CAN drive (test/fixtures/drive.log) and
 * the simulated MOST ring, through `gateway/main.ts` over VISS v2 on a loopback WebSocket, into the
 * BUILT app opened with `?bridge=ws`. Real time: the replay runs at 1×. The recording's crash (ST_CR)
 * is at 12 s; its telematics unit places the automatic call by itself and reports it (TEL_SESSION_*:
 * dialing 12.1 s, location sent 15.1 s, received 16.1 s, voice 16.6 s) and drives the SOS LED
 * (SOS_LED_CMD 0x5E3). The head unit only ever transmits occupants' requests (TEL_CALL_REQ 0x5E4).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { HmiHarness } from '../flows/harness/hmi.js';
import { SelfTestResultsHarness, StatusScreenHarness } from '../flows/harness/screens.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const LOG = 'test/fixtures/drive.log';
const ORIGIN = 'http://127.0.0.1:4173';

class GatewayProcess {
  output = '';
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  /** Starts `gateway/main.ts` replaying the log from `fromS` seconds; resolves once it listens. */
  async start(fromS = 0): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'gateway/main.ts',
        '--replay',
        LOG,
        '--port',
        String(this.port),
        '--from',
        String(fromS),
        '--origin',
        ORIGIN,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.output += String(c)));
    child.stderr!.on('data', (c: Buffer) => (this.output += String(c)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${this.output}`)), 15_000);
      const check = () => {
        if (this.output.includes('VISS v2 on ws://')) {
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`gateway exited:\n${this.output}`));
        } else setTimeout(check, 50);
      };
      check();
    });
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

const test = base.extend<{ gateway: GatewayProcess; problems: string[] }>({
  gateway: async ({}, use) => {
    const gateway = new GatewayProcess(await freePort());
    await gateway.start();
    await use(gateway);
    await gateway.stop();
  },
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // The browser reports each failed reconnect attempt while the gateway is down: expected here.
        if (message.type() === 'error' && !/WebSocket connection to .* failed/.test(message.text())) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      await use(problems);
      expect(problems, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const ledMirror = (page: Page) => page.locator('sos-active-call [data-part="led-mirror"]');
/** What the gateway put on the bus (its `[gateway] TX …` log lines). */
const transmitted = (gateway: GatewayProcess) => gateway.output.split('\n').filter((l) => l.includes(' TX '));

async function openOverGateway(page: Page, gateway: GatewayProcess): Promise<void> {
  await page.goto(`/?bridge=ws&url=${encodeURIComponent(`ws://127.0.0.1:${gateway.port}`)}`);
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function');
  expect(
    await page.evaluate(() => window.sosHmi?.sim === undefined),
    'no simulator behind the ws bridge',
  ).toBe(true);
  await expect(heading(page, 'SOS ready')).toBeVisible({ timeout: 10_000 });
  const bridge = await page.evaluate(() => window.sosHmi!.state().bridge);
  expect(bridge).toMatchObject({ kind: 'viss', connection: 'connected', rejected: 0 });
}

test('a recorded drive through the gateway: ready, crash → the unit’s automatic call, restart mid-call', async ({
  page,
  gateway,
}) => {
  test.setTimeout(60_000);
  await openOverGateway(page, gateway);

  // ST_CR reports the crash at 12 s into the drive; the unit's session report brings the automatic
  // call, without a countdown, and its LED command the blinking green.
  await expect(page.getByText('Automatic emergency call').first()).toBeVisible({ timeout: 15_000 });
  await expect(heading(page, /Connecting…|Location sent/)).toBeVisible();
  await expect(ledMirror(page)).toHaveAttribute('data-led', 'green-blinking');
  expect(await page.evaluate(() => window.sosHmi!.state().call.kind)).toBe('automatic');

  // The centre answers at 15.1 s (location sent), acknowledges at 16.1 s. Then the gateway goes away mid-call.
  await expect(heading(page, /Location sent|Location received/)).toBeVisible({ timeout: 10_000 });
  expect(transmitted(gateway), 'the head unit put nothing on the bus: the unit dialled').toEqual([]);
  await gateway.stop();
  await expect(page.getByText('Vehicle link lost')).toBeVisible({ timeout: 8_000 });
  await expect(
    heading(page, 'SOS status unknown').or(heading(page, /Location sent|Location received/)),
  ).toBeVisible();
  await expect(page.getByText('Automatic emergency call').first()).toBeVisible();

  // Back, later in the same drive: the telematics unit now reports voice; the screen follows it.
  await gateway.start(17);
  await expect(heading(page, 'Connected')).toBeVisible({ timeout: 15_000 });
  await expect(ledMirror(page)).toHaveAttribute('data-led', 'green-steady');
  await expect(page.getByText('Vehicle link lost')).toBeHidden();
  expect(await page.evaluate(() => window.sosHmi!.state().bridge.connection)).toBe('connected');
  expect(transmitted(gateway), 'nothing on the bus from the reconnected page either').toEqual([]);
});

test('an occupant’s request goes out as TEL_CALL_REQ; a recording that never answers shows as "did not answer"', async ({
  page,
  gateway,
}) => {
  test.setTimeout(60_000);
  await openOverGateway(page, gateway);
  const hmi = new HmiHarness(page);
  await (await hmi.as(StatusScreenHarness)).openDiagnosis('touch');
  await (await hmi.as(SelfTestResultsHarness)).testCall('touch');

  // CALL_REQ 6 (start test call), REQ_SEQ 1: the only frame the head unit sends.
  await expect
    .poll(() => transmitted(gateway), { timeout: 5_000 })
    .toEqual([expect.stringMatching(/TX 5E4#0601$/)]);
  // No TEL_CALL_RSP in a recording: the bridge times the request out and the status bar says so.
  await expect(page.locator('sos-status-bar [data-part="notice"]')).toContainText('The car did not answer', {
    timeout: 5_000,
  });
  expect(await page.evaluate(() => window.sosHmi!.state().call.refusal)).toBe('timeout');
  // The recorded unit never started a test session: the page does not pretend it did.
  expect(await page.evaluate(() => window.sosHmi!.state().call.kind)).not.toBe('test');
});
