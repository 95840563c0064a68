/**
 * Component tests in a real Chromium (Debian's, found by scripts/find-chromium.mjs — no tool may
 * download its own browser here). Run with `npm run test:components`.
 */
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_FLAGS, findChromium } from './scripts/find-chromium.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
const executablePath = process.env.CHROME_PATH || findChromium();

/** Browser log lines that say nothing about the code under test. */
const NOISE = [/Lit is in dev mode/, /Multiple versions of Lit loaded/];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/components/**/*.test.ts'],
  // Production builds of lit: no dev-mode warning per file, same code as the app ships.
  nodeResolve: { exportConditions: ['production', 'default'] },
  // Legacy decorators from tsconfig.json, so tests and the Vite build agree.
  plugins: [esbuildPlugin({ ts: true, tsconfig, target: 'es2020' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: [...CHROMIUM_FLAGS] },
    }),
  ],
  // Two cores: two pages at a time keeps the machine responsive.
  concurrency: 2,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 5000 } },
  // Plain lines instead of a redrawn progress bar when the output is a log, not a terminal.
  staticLogging: !process.stdout.isTTY,
  filterBrowserLogs: ({ args }) => !args.some((arg) => NOISE.some((re) => re.test(String(arg)))),
};
