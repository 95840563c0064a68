#!/usr/bin/env node
/**
 * Finds WPE WebKit for the engine-matrix tests: `WPEWebDriver` and a browser it can start headless
 * (WPE's MiniBrowser at 1280×720, else `cog --platform=headless` at 800×600). With none, installs
 * Debian's `cog wpewebkit-driver` when it can (root + apt-get, about 10 s); otherwise returns the reason.
 *
 * CLI: `node scripts/find-wpe.mjs` prints the driver and browser (exit 0) or the reason (exit 1).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const DRIVERS = ['/usr/bin/WPEWebDriver'];
/** Browsers WPEWebDriver can start, best first, with the arguments that make them run headless. */
const BROWSERS = [
  {
    binary: '/usr/lib/x86_64-linux-gnu/wpe-webkit-1.1/MiniBrowser',
    args: ['--automation', '--headless'],
    viewport: '1280x720',
  },
  {
    binary: '/usr/lib/aarch64-linux-gnu/wpe-webkit-1.1/MiniBrowser',
    args: ['--automation', '--headless'],
    viewport: '1280x720',
  },
  { binary: '/usr/bin/cog', args: ['--automation', '--platform=headless'], viewport: '800x600' },
];

function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {{ driver: string, browser: { binary: string, args: string[], viewport: string } } | null} */
export function locateWpe() {
  const driver = process.env.WPE_DRIVER_PATH || DRIVERS.find(isExecutable);
  const browser = BROWSERS.find((b) => isExecutable(b.binary));
  return driver && isExecutable(driver) && browser ? { driver, browser } : null;
}

/**
 * Finds WPE WebKit, installing Debian's packages as root with apt-get when missing.
 * @returns {{ ok: true, driver: string, browser: { binary: string, args: string[], viewport: string } } | { ok: false, reason: string }}
 */
export function findWpe({ install = true, log = (line) => console.error(line) } = {}) {
  const found = locateWpe();
  if (found) return { ok: true, ...found };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' });
  const aptGet = apt.status === 0 ? apt.stdout.trim() : null;
  if (!install || !isRoot || !aptGet) {
    const why = !install ? 'installing was not allowed' : !isRoot ? 'not running as root' : 'no apt-get here';
    return {
      ok: false,
      reason: `WPE WebKit is not installed (${why}). Install it with: sudo apt-get install -y cog wpewebkit-driver`,
    };
  }
  log("No WPE WebKit found: installing Debian's cog and wpewebkit-driver (apt-get, about 10 s)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'cog', 'wpewebkit-driver']]) {
    log(`$ apt-get ${args.join(' ')}`);
    const run = spawnSync(aptGet, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (run.status !== 0)
      return { ok: false, reason: `apt-get ${args.join(' ')} failed (exit ${run.status})` };
  }
  const installed = locateWpe();
  return installed
    ? { ok: true, ...installed }
    : {
        ok: false,
        reason: 'apt-get installed cog and wpewebkit-driver but no WPEWebDriver/browser was found',
      };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = findWpe();
  if (result.ok) console.log(`${result.driver}\n${result.browser.binary} ${result.browser.args.join(' ')}`);
  else {
    console.error(result.reason);
    process.exit(1);
  }
}
