/**
 * End to end through the real vehicle gateway: a recorded CAN drive (test/fixtures/drive.log) and
 * the simulated MOST ring, through `gateway/main.ts` over VISS v2 on a loopback WebSocket, into the
 * BUILT app opened with `?bridge=ws`. Real time: the replay runs at 1× (crash at 10 s).
 */
import { test as base, expect, type Page } from '@playwright/test';
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

test('a recorded drive through the gateway: ready, crash → automatic call, restart mid-call', async ({
  page,
  gateway,
}) => {
  test.setTimeout(60_000);
  await page.goto(`/?bridge=ws&url=${encodeURIComponent(`ws://127.0.0.1:${gateway.port}`)}`);
  await page.waitForFunction(() => typeof window.sosHmi?.state === 'function');
  expect(
    await page.evaluate(() => window.sosHmi?.sim === undefined),
    'no simulator behind the ws bridge',
  ).toBe(true);

  await expect(heading(page, 'SOS ready')).toBeVisible({ timeout: 10_000 });
  const bridge = await page.evaluate(() => window.sosHmi!.state().bridge);
  expect(bridge).toMatchObject({ kind: 'viss', connection: 'connected', rejected: 0 });

  // ST_CR reports the crash at 10 s into the drive: the automatic call, without a countdown.
  await expect(page.getByText('Automatic emergency call').first()).toBeVisible({ timeout: 15_000 });
  await expect(heading(page, /Connecting…|Location sent/)).toBeVisible();
  // The HMI's commands came back out of the gateway as CAN frames: call request and LED.
  await expect.poll(() => gateway.output, { timeout: 5_000 }).toMatch(/TX 5E4#09/);
  await expect.poll(() => gateway.output).toMatch(/TX 5E3#01/);

  // The centre answers at 14.3 s: location sent. Then the gateway goes away mid-call.
  await expect(heading(page, 'Location sent')).toBeVisible({ timeout: 10_000 });
  await gateway.stop();
  await expect(page.getByText('Vehicle link lost')).toBeVisible({ timeout: 8_000 });
  await expect(heading(page, 'SOS status unknown').or(heading(page, 'Location sent'))).toBeVisible();
  await expect(page.getByText('Automatic emergency call').first()).toBeVisible();

  // Back, later in the same drive: the telematics unit now reports voice; the screen follows it.
  await gateway.start(17);
  await expect(heading(page, 'Connected')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Vehicle link lost')).toBeHidden();
  expect(await page.evaluate(() => window.sosHmi!.state().bridge.connection)).toBe('connected');
});
