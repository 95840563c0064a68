#!/usr/bin/env node
/**
 * Runs a tool from node_modules/.bin with `CHROME_PATH` set to a Chromium found (or installed) by
 * find-chromium.mjs. Usage: `node scripts/with-chromium.mjs <bin> [args…]`, e.g.
 * `node scripts/with-chromium.mjs playwright test`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [bin, ...args] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node scripts/with-chromium.mjs <bin> [args…]');
  process.exit(2);
}

let chromePath;
try {
  chromePath = findChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const local = join(root, 'node_modules', '.bin', bin);
const command = existsSync(local) ? local : bin;
// Own process group is not needed: signals reach the child through the shared terminal group,
// and we forward SIGINT/SIGTERM explicitly for non-terminal callers.
const child = spawn(command, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chromePath, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
