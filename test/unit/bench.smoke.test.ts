/**
 * The benchmark is not part of the test command (timings are noisy on shared machines); this only
 * proves that `npm run bench -- --quick` runs end to end and writes a well-formed results file.
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
  'crash-p95',
  'crash-vs-raw',
  'crash-vs-react',
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

test(
  'npm run bench -- --quick writes a well-formed bench/results.json',
  { skip: chromium ? false : 'no Chromium on this machine', timeout: 150_000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'sos-bench-smoke-'));
    try {
      const out = join(dir, 'results.json');
      const run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--quick', '--out', out], {
        cwd: root,
        encoding: 'utf8',
        timeout: 140_000,
      });
      assert.equal(run.status, 0, `bench failed:\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /Budgets/);
      const r = JSON.parse(readFileSync(out, 'utf8'));

      assert.equal(r.schema, 1);
      assert.equal(r.plan.mode, 'quick');
      assert.deepEqual(r.plan.throttles, [1]);
      assert.ok(
        r.machine.cpu && r.machine.cores > 0 && /^\d+\./.test(r.machine.chromium),
        'machine described',
      );

      for (const page of PAGES) {
        for (const t of TRANSITIONS) {
          const f = r.latency[page][t]['1'] as Figure;
          assert.ok(f.n >= 10, `${page} ${t}: enough events`);
          assert.ok(f.p50 > 0 && f.p50 <= f.p95 && f.p95 <= f.max, `${page} ${t}: ordered percentiles`);
        }
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
      // The first frame waits for nothing but the entry: it imports no other chunk statically.
      assert.ok(
        r.bundle.chunks.some((c: { entry: boolean }) => c.entry),
        'the manifest names the entry',
      );
      assert.deepEqual(r.bundle.entryStaticImports, [], 'the entry pulls another chunk into the first frame');
      assert.ok(r.bundle.baselines.raw.gzip > 0 && r.bundle.baselines.react.gzip > 0);

      assert.ok(['pending', 'measured', 'failed', 'skipped'].includes(r.gateway.status));
      assert.deepEqual(
        r.budgets.map((b: { id: string }) => b.id),
        BUDGET_IDS,
      );
      for (const b of r.budgets)
        assert.ok([true, false, null].includes(b.ok), `${b.id}: ok is true/false/null`);
      assert.equal(typeof r.ratios.latency['crash.1x.p95/raw'], 'number');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
