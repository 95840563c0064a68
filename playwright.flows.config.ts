/**
 * The model-based screen-flow suite (`npm run test:flows`): test/flows/plan.ts plans the flows from
 * the machines, then each flow runs against the BUILT app (vite build + vite preview, like the e2e
 * suite, on its own port) in Debian's Chromium; the coverage project runs last and prints the table.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from './scripts/find-chromium.mjs';

const HOST = '127.0.0.1';
const PORT = 4175;
const executablePath = process.env.CHROME_PATH || findChromium();
const vite = 'node_modules/.bin/vite';

export default defineConfig({
  testDir: 'test/flows',
  outputDir: '.tmp/flows/output',
  retries: 0,
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://${HOST}:${PORT}`,
    // Head-unit display: 1280×480 CSS px, 10.25" (src/app/display.ts).
    viewport: { width: 1280, height: 480 },
    deviceScaleFactor: 1,
    // axe-core is injected as a script tag; the page's CSP would refuse it (the e2e suite checks the CSP).
    bypassCSP: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: [...CHROMIUM_FLAGS] },
  },
  projects: [
    { name: 'flows', testMatch: ['flows.spec.ts', 'controller.spec.ts', 'a11y.spec.ts', 'recorded.spec.ts'] },
    { name: 'coverage', testMatch: 'coverage.spec.ts', dependencies: ['flows'] },
  ],
  webServer: {
    command: `${vite} build --outDir dist-flows --logLevel warn && exec ${vite} preview --outDir dist-flows --host ${HOST} --port ${PORT} --strictPort`,
    url: `http://${HOST}:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
