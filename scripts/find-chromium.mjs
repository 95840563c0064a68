#!/usr/bin/env node
/**
 * Finds a Chromium to run the tests in: `CHROME_PATH` first, then Debian's `/usr/bin/chromium`
 * and the usual other names. With none, installs Debian's `chromium` when it can (root + apt-get),
 * otherwise stops with the command to run. No test tool may download its own browser here.
 *
 * CLI: `node scripts/find-chromium.mjs` prints the path (exit 0) or explains what to do (exit 1).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Launch flags that work as root in a closed network (no sandbox, no GPU, no background traffic). */
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Where Debian and Ubuntu put a Chromium or Chrome, in order of preference. */
export const CHROMIUM_CANDIDATES = Object.freeze([
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
]);

const INSTALL_HINT =
  'No Chromium found. Install one with:\n' +
  '    sudo apt-get install -y chromium\n' +
  'or point CHROME_PATH at an existing Chromium or Chrome binary, e.g.\n' +
  '    CHROME_PATH=/path/to/chrome npm test';

function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * Looks for a Chromium without installing anything.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {string | null} absolute path of the binary, or null.
 */
export function locateChromium({ log = () => {} } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    const path = resolve(fromEnv);
    if (isExecutable(path)) return path;
    log(`CHROME_PATH=${fromEnv} is not an executable file; looking in the usual places instead.`);
  }
  for (const candidate of CHROMIUM_CANDIDATES) {
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Finds a Chromium; if there is none and this is root with apt-get, installs Debian's `chromium`.
 * @param {{ install?: boolean, log?: (line: string) => void }} [options]
 * @returns {string} absolute path of the binary.
 * @throws {Error} with install instructions when no Chromium can be found or installed.
 */
export function findChromium({ install = true, log = (line) => console.error(line) } = {}) {
  const found = locateChromium({ log });
  if (found) return found;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = which('apt-get');
  if (install && isRoot && aptGet) {
    log(
      "No Chromium found: installing Debian's chromium (apt-get update && apt-get install -y chromium, about 30 s)…",
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', 'chromium']]) {
      log(`$ apt-get ${args.join(' ')}`);
      const run = spawnSync(aptGet, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
      if (run.status !== 0) {
        throw new Error(`apt-get ${args.join(' ')} failed (exit ${run.status}).\n${INSTALL_HINT}`);
      }
    }
    const installed = locateChromium({ log });
    if (installed) {
      log(`Installed Chromium at ${installed}.`);
      return installed;
    }
    throw new Error(`apt-get installed chromium but no binary was found.\n${INSTALL_HINT}`);
  }
  const why = !isRoot ? ' (not running as root, so not installing it)' : !aptGet ? ' (no apt-get here)' : '';
  throw new Error(INSTALL_HINT.replace('No Chromium found.', `No Chromium found${why}.`));
}

// CLI: print the path, or the instructions.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
