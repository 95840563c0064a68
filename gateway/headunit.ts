/**
 * `npm run headunit`: the one process a car runs. Builds the HMI when `dist/` is missing or older
 * than its sources, then serves it and the vehicle link (VISS v2 on `/viss`) on one loopback port:
 *
 *   npm run headunit                                  # simulator vehicle, http://127.0.0.1:8090/
 *   npm run headunit -- --can can0 --density 6.56     # the real CAN bus, a 12.3" 1920×720 panel
 *   npm run headunit -- --replay test/fixtures/drive.log --loop --port 8091
 *
 * Every gateway option works (see gateway/main.ts); `--sim` is the default vehicle and `--serve dist`
 * is implied. The HMI then defaults to the vehicle link on its own origin (it reads `/config.json`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, startGateway } from './main.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build is made from: a change to any of these makes `dist/` stale. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `dist/index.html` is missing or older than any source of the build. */
export function buildIsStale(root = ROOT, dist = join(root, 'dist')): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

/**
 * Runs `vite build` when the build in `outDir` (default `dist/`) is stale; throws when it fails.
 * Tests build into a directory of their own, so a parallel `vite build` cannot empty it under them.
 */
export function ensureBuilt(
  root = ROOT,
  log: (m: string) => void = (m) => console.log(m),
  outDir = join(root, 'dist'),
): void {
  if (!buildIsStale(root, outDir)) return;
  log(`[headunit] building the HMI (vite build → ${outDir})…`);
  const run = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status ?? run.signal})`);
}

/** The gateway arguments of head-unit mode: `--sim` unless a vehicle is named, `--serve dist` always. */
export function headUnitArgv(argv: readonly string[], root = ROOT): string[] {
  const out = [...argv];
  if (!out.some((a) => a === '--sim' || a === '--replay' || a === '--can')) out.unshift('--sim');
  if (!out.includes('--serve')) out.push('--serve', join(root, 'dist'));
  return out;
}

const isMain = !!process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  try {
    const args = parseArgs(headUnitArgv(process.argv.slice(2)));
    // The directory served is the one kept built (dist/ unless `--serve` names another).
    ensureBuilt(ROOT, undefined, resolve(args.serve!));
    const gateway = await startGateway(args);
    console.log(
      `[headunit] open http://${args.host}:${gateway.server.port}/ in the head unit's browser (kiosk: docs/headunit.md)`,
    );
    const stop = () => void gateway.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`[headunit] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
