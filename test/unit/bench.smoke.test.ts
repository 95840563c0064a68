/**
 * The benchmark is not part of the test command (timings are noisy on shared machines); this only
 * proves that `npm run bench -- --quick` runs end to end and writes a well-formed results file: the
 * baselines built from the HMI's captured screens and checked against it, warmed and first-event
 * figures for every page and event, time to interactive, and the budgets. It never judges a figure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { locateChromium } from '../../scripts/find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGES = ['hmi', 'raw', 'react'] as const;
const TRANSITIONS = ['crash', 'press', 'malfunction'] as const;
const BUDGET_IDS = [
  'first-crash-p95',
  'first-crash-vs-raw',
  'crash-vs-raw',
  'time-to-interactive',
  'cold-start',
  'shipped-js',
  'heap-growth',
  'detached-nodes',
  'gateway-p99',
  'gateway-loss',
];

interface Figure {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const chromium = locateChromium();

const wellFormed = (f: Figure | undefined, what: string, n: number) => {
  assert.ok(f, `${what}: measured`);
  assert.ok(f.n >= n, `${what}: ${f.n} samples, expected ${n}`);
  assert.ok(f.p50 > 0 && f.p50 <= f.p95 && f.p95 <= f.max, `${what}: ordered percentiles`);
};

test(
  'npm run bench -- --quick writes a well-formed bench/results.json',
  { skip: chromium ? false : 'no Chromium on this machine', timeout: 600_000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'sos-bench-smoke-'));
    try {
      const out = join(dir, 'results.json');
      const run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--quick', '--out', out], {
        cwd: root,
        encoding: 'utf8',
        timeout: 580_000,
      });
      assert.equal(run.status, 0, `bench failed:\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /Budgets/);
      const r = JSON.parse(readFileSync(out, 'utf8'));

      assert.equal(r.schema, 2);
      assert.equal(r.plan.mode, 'quick');
      assert.deepEqual(r.plan.throttles, [1]);
      assert.match(run.stdout, /First event of its kind/);
      assert.match(run.stdout, /Time to interactive/);

      // The baselines were generated from the HMI in this run and show exactly its screens.
      assert.deepEqual(r.baselines.match, { raw: true, react: true }, 'baselines match the HMI');
      for (const state of ['ready', 'malfunction', 'call', 'cancel-10', 'cancel-1']) {
        assert.ok(r.baselines.states.includes(state), `baseline state ${state}`);
        assert.ok(r.baselines.elements[state] > 20, `${state}: the whole screen, not a stand-in`);
      }
      assert.ok(
        r.machine.cpu && r.machine.cores > 0 && /^\d+\./.test(r.machine.chromium),
        'machine described',
      );

      const loads = r.plan.firstEvent.loads as number;
      assert.ok(loads >= 3, 'first events: loads planned');
      for (const page of PAGES) {
        for (const t of TRANSITIONS) {
          wellFormed(r.latency[page][t]['1'], `${page} ${t} warmed`, 10);
          wellFormed(r.firstEvent[page][t]['1'], `${page} first ${t}`, loads);
          assert.equal(typeof r.ratios.firstEvent[`${t}.1x.p95/raw`], 'number', `${t}: first-event ratio`);
        }
        const tti = r.tti[page];
        assert.equal(tti.throttle, r.plan.tti.throttle);
        assert.equal(tti.loads, r.plan.tti.loads);
        assert.ok(
          tti.handleMedianMs > 0 && tti.medianMs > tti.handleMedianMs && tti.minMs <= tti.medianMs,
          `${page}: time to interactive after the handle is up`,
        );
        assert.ok(r.countdown[page]['1'].msPerSecond > 0, `${page}: countdown cost`);
        assert.ok(r.coldStart[page].medianMs > 0, `${page}: cold start`);
        assert.equal(typeof r.memory[page].growthBytes, 'number');
        assert.equal(typeof r.memory[page].detachedNodes, 'number');
      }

      assert.ok(r.bundle.chunks.length > 0);
      for (const c of r.bundle.chunks) assert.ok(c.raw > c.gzip && c.gzip > 0, `${c.file}: sizes`);
      assert.ok(r.bundle.shipped.gzip > 0);
      // A head unit on the vehicle link never downloads the simulator; the desktop never the VISS link.
      const loaded = r.bundle.loaded as Record<string, { files: string[]; gzip: number }>;
      const has = (load: string, chunk: string) => loaded[load].files.some((f) => f.includes(chunk));
      assert.ok(has('headUnit', 'vissVehicle') && !has('headUnit', 'mockVehicle'), 'head unit: VISS only');
      assert.ok(has('desktop', 'mockVehicle') && !has('desktop', 'vissVehicle'), 'desktop: simulator only');
      assert.ok(has('headUnitDe', '/de-') && !has('headUnit', '/de-'), 'a translation only when asked for');
      assert.ok(loaded.headUnit.gzip > 0 && loaded.headUnit.gzip < r.bundle.shipped.gzip);
      assert.ok(r.bundle.baselines.raw.gzip > 0 && r.bundle.baselines.react.gzip > 0);

      assert.ok(['pending', 'measured', 'failed', 'skipped'].includes(r.gateway.status));
      assert.deepEqual(
        r.budgets.map((b: { id: string }) => b.id),
        BUDGET_IDS,
      );
      for (const b of r.budgets)
        assert.ok([true, false, null].includes(b.ok), `${b.id}: ok is true/false/null`);
      assert.equal(typeof r.ratios.latency['crash.1x.p95/raw'], 'number');
      assert.equal(typeof r.ratios.tti.raw, 'number');
      // The HMI built without its rehearsal, on first crashes: what the rehearsal gains, on the same loads.
      assert.deepEqual(r.plan.firstEvent.withoutRehearsal, ['crash']);
      wellFormed(r.firstEvent.hmiBare.crash['1'], 'HMI without its rehearsal, first crash', loads);
      assert.equal(r.firstEvent.hmiBare.crash['1'].warmedUp, undefined, 'no rehearsal mark without it');
      assert.equal(typeof r.ratios.firstEvent['crash.1x.p95/hmiBare'], 'number');
      assert.match(run.stdout, /First crash without the rehearsal/);
      // The HMI's rehearsal was over before each first event and rendered every scene's screen.
      for (const t of TRANSITIONS) {
        const f = r.firstEvent.hmi[t]['1'] as {
          n: number;
          warmedUp?: number;
          warmUp?: { scenes: { scene: string; screen: string | null }[] };
        };
        assert.equal(f.warmedUp, f.n, `${t}: the rehearsal had finished before every first event`);
        for (const sc of f.warmUp?.scenes ?? [])
          assert.ok(sc.screen, `rehearsal: the ${sc.scene} showed no screen`);
      }
      // Last, so every check above has run when it fails. The first frame waits for nothing but the
      // entry: it imports no other chunk statically.
      assert.ok(
        r.bundle.chunks.some((c: { entry: boolean }) => c.entry),
        'the manifest names the entry',
      );
      assert.deepEqual(r.bundle.entryStaticImports, [], 'the entry pulls another chunk into the first frame');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
