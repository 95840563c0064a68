/**
 * The measurements. Every figure is taken for the HMI and both baselines in the same browser, in the
 * same run, so ratios compare like with like.
 */
import { cpus, totalmem, release, platform, arch } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-chromium.mjs';
import { buildApp, buildBaselines, measureBaseline, measureBundle } from './build.mjs';
import { runGatewayBench } from './gateway.mjs';
import { serveStatic } from './serve.mjs';
import { median, summarize } from './stats.mjs';

export const PAGES = ['hmi', 'raw', 'react'];
export const TRANSITIONS = ['crash', 'press', 'malfunction'];
/** A head-unit display (1280×480 is a common iDrive size). */
const VIEWPORT = { width: 1280, height: 480 };
const PROBE = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'page', 'probe.js');

const log = (line) => process.stderr.write(`${line}\n`);

function pageUrl(base, kind, { manual = true } = {}) {
  const path = kind === 'hmi' ? '/' : `/baselines/${kind}/`;
  return `${base}${path}${kind === 'hmi' && manual ? '?clock=manual' : ''}`;
}

async function openPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp, errors };
}

async function throttle(cdp, rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** Opens a page on the manual clock and brings it to "SOS ready". */
async function openReady(browser, base, kind) {
  const opened = await openPage(browser);
  await opened.page.goto(pageUrl(base, kind));
  await opened.page.waitForFunction(() => window.__bench?.kind() && (window.sosHmi || window.benchTarget));
  await opened.page.evaluate(async () => {
    window.__bench.advance(4000); // the HMI's telltale bulb check, then ready
    await window.__bench.ready();
  });
  return opened;
}

async function latency(browser, base, kind, throttles, events) {
  const out = {};
  const { context, page, cdp, errors } = await openReady(browser, base, kind);
  const warmup = Math.min(5, events);
  try {
    for (const transition of TRANSITIONS) {
      out[transition] = {};
      for (const rate of throttles) {
        const ms = [];
        const shown = [];
        let late = 0;
        for (let i = 0; i < warmup + events; i++) {
          await throttle(cdp, rate);
          const r = await page.evaluate((t) => window.__bench.measure(t), transition);
          await throttle(cdp, 1);
          await page.evaluate((t) => window.__bench.reset(t), transition);
          if (i < warmup) continue;
          ms.push(r.ms);
          shown.push(r.shownMs);
          if (!r.sameFrame) late++;
        }
        out[transition][rate] = { ...summarize(ms), shownP50: summarize(shown).p50, notSameFrame: late };
        log(
          `  ${kind} ${transition} ${rate}×: p50 ${out[transition][rate].p50} ms, p95 ${out[transition][rate].p95} ms`,
        );
      }
    }
  } finally {
    await context.close();
  }
  if (errors.length) throw new Error(`${kind}: page errors: ${errors.join('; ')}`);
  return out;
}

const metric = (metrics, name) => metrics.metrics.find((m) => m.name === name)?.value ?? 0;

/** Main-thread time per countdown second (CDP Performance metrics around a run of painted ticks). */
async function countdown(browser, base, kind, throttles, ticks, repeats) {
  const out = {};
  const { context, page, cdp } = await openReady(browser, base, kind);
  try {
    for (const rate of throttles) {
      const perSecond = { task: [], script: [], layout: [], style: [] };
      for (let r = 0; r < repeats + 1; r++) {
        await page.evaluate(async () => {
          const b = window.__bench;
          await b.measure('press');
        });
        await throttle(cdp, rate);
        const before = await cdp.send('Performance.getMetrics');
        await page.evaluate((n) => window.__bench.countdown(n), ticks);
        const after = await cdp.send('Performance.getMetrics');
        await throttle(cdp, 1);
        await page.evaluate(() => window.__bench.reset('press'));
        if (r === 0) continue; // warm-up
        const d = (name) => ((metric(after, name) - metric(before, name)) * 1000) / ticks;
        perSecond.task.push(d('TaskDuration'));
        perSecond.script.push(d('ScriptDuration'));
        perSecond.layout.push(d('LayoutDuration'));
        perSecond.style.push(d('RecalcStyleDuration'));
      }
      const round = (v) => Math.round(v * 100) / 100;
      out[rate] = {
        msPerSecond: round(median(perSecond.task)),
        scriptMs: round(median(perSecond.script)),
        layoutMs: round(median(perSecond.layout)),
        styleMs: round(median(perSecond.style)),
        ticks,
        repeats,
      };
      log(`  ${kind} countdown ${rate}×: ${out[rate].msPerSecond} ms main thread per second`);
    }
  } finally {
    await context.close();
  }
  return out;
}

/** Navigation → first frame with an "SOS …" status heading, fresh context (cold cache) each time. */
async function coldStart(browser, base, kind, rate, loads) {
  const samples = [];
  const fcp = [];
  for (let i = 0; i < loads; i++) {
    const { context, page, cdp } = await openPage(browser);
    try {
      await throttle(cdp, rate);
      await page.goto(pageUrl(base, kind, { manual: false }));
      await page.waitForFunction(() => window.__bench?.cold.statusPaintedMs !== null, null, {
        timeout: 60_000,
      });
      const r = await page.evaluate(() => ({
        painted: window.__bench.cold.statusPaintedMs,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      }));
      samples.push(r.painted);
      if (r.fcp !== null) fcp.push(r.fcp);
    } finally {
      await context.close();
    }
  }
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  const result = {
    throttle: rate,
    loads,
    medianMs: round(median(samples)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
    fcpMedianMs: round(median(fcp)),
  };
  log(`  ${kind} cold start ${rate}×: median ${result.medianMs} ms`);
  return result;
}

/** What each way of opening the HMI really downloads: the page's own `.js` responses, by chunk. */
export const LOADS = {
  /** A head unit: the vehicle link (nothing listens on port 9, so the link stays down), English. */
  headUnit: '?bridge=ws&url=ws://127.0.0.1:9',
  /** The same head unit set to German (one translation chunk more). */
  headUnitDe: '?bridge=ws&url=ws://127.0.0.1:9&lang=de',
  /** The desktop simulator (`npm start`). */
  desktop: '?bridge=mock&clock=manual',
};

async function loadedScripts(browser, base, bundle) {
  const gzipOf = new Map(bundle.chunks.map((c) => [c.file, c]));
  const out = {};
  for (const [name, query] of Object.entries(LOADS)) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      const files = new Set();
      page.on('response', (r) => {
        const path = new URL(r.url()).pathname.replace(/^\//, '');
        if (path.endsWith('.js') && gzipOf.has(path)) files.add(path);
      });
      await page.goto(`${base}/${query}`);
      await page.waitForFunction(() => !!window.sosHmi);
      await page.waitForLoadState('networkidle');
      const list = [...files].sort();
      const sum = (key) => list.reduce((a, f) => a + gzipOf.get(f)[key], 0);
      out[name] = { query, files: list, raw: sum('raw'), gzip: sum('gzip') };
      log(`  ${name}: ${list.length} chunks, ${(out[name].gzip / 1000).toFixed(1)} KB gzip`);
    } finally {
      await context.close();
    }
  }
  return out;
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Detached DOM nodes in a heap snapshot (node `detachedness` 2, or named "Detached …"). */
async function detachedNodes(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join(''));
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const nameAt = fields.indexOf('name');
  const detAt = fields.indexOf('detachedness');
  const nodes = snapshot.nodes;
  const names = {};
  let count = 0;
  let templateCache = 0;
  for (let i = 0; i < nodes.length; i += width) {
    const name = snapshot.strings[nodes[i + nameAt]];
    const detached = (detAt >= 0 && nodes[i + detAt] === 2) || name.startsWith('Detached ');
    if (!detached) continue;
    const key = name
      .replace(/^Detached /, '')
      .split(' ')[0]
      .replace(/>$/, '');
    names[key] = (names[key] ?? 0) + 1;
    // Lit's template cache: one <template> (and its content fragment) per template literal, created
    // once and never attached by design. Bounded by the source, so not counted as a leak.
    if (key === '<template' || key === 'DocumentFragment') templateCache++;
    else count++;
  }
  return { count, templateCache, byName: names };
}

async function memory(browser, base, kind, firstCycles, totalCycles) {
  const { context, page, cdp } = await openReady(browser, base, kind);
  await cdp.send('HeapProfiler.enable');
  try {
    await page.evaluate((n) => window.__bench.cycles(n), firstCycles);
    const heapAfterFirst = await heapUsed(cdp);
    const domAfterFirst = await cdp.send('Memory.getDOMCounters');
    const detachedAfterFirst = await detachedNodes(cdp);
    for (let done = firstCycles; done < totalCycles; done += 100) {
      await page.evaluate((n) => window.__bench.cycles(n), Math.min(100, totalCycles - done));
    }
    const heapAfterAll = await heapUsed(cdp);
    const domAfterAll = await cdp.send('Memory.getDOMCounters');
    const detached = await detachedNodes(cdp);
    const result = {
      cycles: totalCycles,
      firstCycles,
      heapAfterFirst,
      heapAfterAll,
      growthBytes: heapAfterAll - heapAfterFirst,
      domNodesAfterFirst: domAfterFirst.nodes,
      domNodesAfterAll: domAfterAll.nodes,
      listenersAfterFirst: domAfterFirst.jsEventListeners,
      listenersAfterAll: domAfterAll.jsEventListeners,
      detachedAfterFirst: detachedAfterFirst.count,
      detachedNodes: detached.count,
      templateCacheAfterFirst: detachedAfterFirst.templateCache,
      templateCache: detached.templateCache,
      detachedByName: detached.byName,
    };
    log(
      `  ${kind} memory: +${(result.growthBytes / 1024).toFixed(1)} KB over ${totalCycles - firstCycles} cycles, ${detached.count} detached nodes`,
    );
    return result;
  } finally {
    await context.close();
  }
}

function machine(chromiumVersion, chromiumPath) {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    chromium: chromiumVersion,
    chromiumPath,
  };
}

export async function runBench({ root, work, quick, events, cycles, skip }) {
  const throttles = quick ? [1] : [1, 4, 6];
  const n = events ?? (quick ? 12 : 200);
  const plan = {
    mode: quick ? 'quick' : 'full',
    throttles,
    events: n,
    countdown: { ticks: 8, repeats: quick ? 1 : 5 },
    cold: { throttle: quick ? 1 : 4, loads: quick ? 3 : 10 },
    memory: { firstCycles: 10, totalCycles: cycles ?? (quick ? 30 : 1000) },
  };
  const skipped = new Set(skip ?? []);

  log('Building the production bundle and the baselines…');
  const appDir = join(work, 'app');
  buildApp(root, appDir);
  const baselineDirs = await buildBaselines(root, join(work, 'baselines'));
  const bundle = measureBundle(appDir);
  bundle.baselines = Object.fromEntries(
    Object.entries(baselineDirs).map(([k, d]) => [k, measureBaseline(d)]),
  );

  const server = await serveStatic({
    '/': appDir,
    '/baselines/raw/': baselineDirs.raw,
    '/baselines/react/': baselineDirs.react,
  });
  const executablePath = findChromium({ install: false });
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], headless: true });
  const results = {
    schema: 1,
    createdAt: new Date().toISOString(),
    machine: machine(browser.version(), executablePath),
    plan,
    latency: {},
    countdown: {},
    coldStart: {},
    bundle,
    memory: {},
    gateway: null,
  };
  try {
    log('What each page loads…');
    bundle.loaded = await loadedScripts(browser, server.url, bundle);
    for (const kind of PAGES) {
      log(`Measuring ${kind}…`);
      if (!skipped.has('latency'))
        results.latency[kind] = await latency(browser, server.url, kind, throttles, n);
      if (!skipped.has('countdown'))
        results.countdown[kind] = await countdown(
          browser,
          server.url,
          kind,
          throttles,
          plan.countdown.ticks,
          plan.countdown.repeats,
        );
      if (!skipped.has('cold'))
        results.coldStart[kind] = await coldStart(
          browser,
          server.url,
          kind,
          plan.cold.throttle,
          plan.cold.loads,
        );
      if (!skipped.has('memory'))
        results.memory[kind] = await memory(
          browser,
          server.url,
          kind,
          plan.memory.firstCycles,
          plan.memory.totalCycles,
        );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  results.gateway = skipped.has('gateway')
    ? { status: 'skipped' }
    : await runGatewayBench({ root, quick, log });
  results.ratios = ratios(results);
  return results;
}

/** Every HMI figure divided by the same figure of each baseline (same run, same browser). */
function ratios(results) {
  const r = (a, b) =>
    typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;
  const out = { latency: {}, countdown: {}, coldStart: {}, bundle: {}, memory: {} };
  for (const base of ['raw', 'react']) {
    for (const t of TRANSITIONS) {
      for (const [rate, fig] of Object.entries(results.latency.hmi?.[t] ?? {})) {
        const other = results.latency[base]?.[t]?.[rate];
        out.latency[`${t}.${rate}x.p95/${base}`] = r(fig.p95, other?.p95);
        out.latency[`${t}.${rate}x.p50/${base}`] = r(fig.p50, other?.p50);
      }
    }
    for (const [rate, fig] of Object.entries(results.countdown.hmi ?? {}))
      out.countdown[`${rate}x/${base}`] = r(fig.msPerSecond, results.countdown[base]?.[rate]?.msPerSecond);
    out.coldStart[base] = r(results.coldStart.hmi?.medianMs, results.coldStart[base]?.medianMs);
    out.bundle[base] = r(
      // The baselines carry the simulator: like with like is the desktop page's load.
      results.bundle.loaded?.desktop?.gzip ?? results.bundle.shipped.gzip,
      results.bundle.baselines[base]?.gzip,
    );
    out.memory[base] = r(results.memory.hmi?.growthBytes, results.memory[base]?.growthBytes);
  }
  return out;
}
