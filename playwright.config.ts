/**
 * End-to-end tests against the BUILT app (`vite build` + `vite preview`), in Debian's Chromium:
 * the production bundle is what a head unit runs, and only it shows un-lowered syntax.
 * Run with `npm run test:e2e` (sets CHROME_PATH) or as the last stage of `npm test`.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from './scripts/find-chromium.mjs';

const HOST = '127.0.0.1';
const PORT = 4173;
/** The designer build (`npm run build:designer`), served beside the head-unit build. */
const DESIGNER_PORT = 4174;
const executablePath = process.env.CHROME_PATH || findChromium();
const vite = 'node_modules/.bin/vite';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Flows run on the simulated clock (`?clock=manual`): a retry would only hide a real defect.
  retries: 0,
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://${HOST}:${PORT}`,
    // Head-unit display size.
    viewport: { width: 1280, height: 480 },
    deviceScaleFactor: 1,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: [...CHROMIUM_FLAGS] },
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      // The real vite binary, not npx: killing npx would leave vite holding the port.
      command: `${vite} build --logLevel warn && exec ${vite} preview --host ${HOST} --port ${PORT} --strictPort`,
      url: `http://${HOST}:${PORT}/`,
      // Always test a fresh build: a preview left running may serve an old one.
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The designer build (workbench compiled in), for test/e2e/designer.spec.ts.
      command: `${vite} build --mode designer --outDir dist-designer --logLevel warn && exec ${vite} preview --outDir dist-designer --host ${HOST} --port ${DESIGNER_PORT} --strictPort`,
      url: `http://${HOST}:${DESIGNER_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
