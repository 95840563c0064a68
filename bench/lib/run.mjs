/**
 * The measurements. Every figure is taken for the HMI and both baselines in the same browser, in the
 * same run, so ratios compare like with like.
 */
import { cpus, totalmem, release, platform, arch, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-chromium.mjs';
import { buildApp, buildBaselines, measureBaseline, measureBundle } from './build.mjs';
import { T0, captureHmiStates, verifyBaselines } from './capture.mjs';
import { runGatewayBench } from './gateway.mjs';
import { serveStatic } from './serve.mjs';
import { median, summarize } from './stats.mjs';

export const PAGES = ['hmi', 'raw', 'react'];
export const TRANSITIONS = ['crash', 'press', 'malfunction'];
/** A head-unit display (1280×480 is a common iDrive size). */
const VIEWPORT = { width: 1280, height: 480 };
const PROBE = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'page', 'probe.js');

const log = (line) => process.stderr.write(`${line}\n`);

/**
 * The HMI built without its start-up rehearsal (`SOS_REHEARSAL=off`): its first crash beside the
 * HMI's says what the rehearsal gains, on the same loads.
 */
export const BARE = 'hmiBare';
const isHmi = (kind) => kind === 'hmi' || kind === BARE;

/** The page; the HMI on the manual clock from a fixed start (`T0`, the clock the baselines were captured at). */
function pageUrl(base, kind, { manual = true } = {}) {
  const path = kind === 'hmi' ? '/' : kind === BARE ? '/bare/' : `/baselines/${kind}/`;
  return `${base}${path}${isHmi(kind) && manual ? `?clock=manual&t0=${T0}` : ''}`;
}

/**
 * The browser, relaunched when it has gone away (a crash, or another job on a shared machine ending
 * stray Chromium processes): `newContext` always gets a live one. Measurements that lose their page
 * to that are taken again (`retried`), never counted half.
 */
function liveBrowser(launch) {
  let current = null;
  let launches = 0;
  const live = async () => {
    if (current?.isConnected()) return current;
    if (current) log('  (the browser went away; relaunching it and taking the measurement again)');
    current = await launch();
    launches++;
    return current;
  };
  return {
    live,
    newContext: async (options) => (await live()).newContext(options),
    get relaunches() {
      return Math.max(0, launches - 1);
    },
    close: async () => current?.close(),
  };
}

const GONE =
  /Target page, context or browser has been closed|Browser has been closed|browser has disconnected|Target closed/i;

/** Runs `fn` again (up to 3 times in all) when the browser went away under it. */
async function retried(fn) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 3 || !GONE.test(String(error?.message ?? error))) throw error;
    }
  }
}

async function openPage(browser, { tti = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (tti) await context.addInitScript('window.__benchTti = true;');
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

/**
 * `page.goto`, again when the navigation was aborted before it committed (seen now and then on a
 * loaded machine): a page that never loaded has measured nothing yet, so nothing is lost.
 */
async function goto(page, url) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.goto(url);
    } catch (error) {
      if (attempt >= 3 || !/net::ERR_ABORTED/.test(String(error?.message ?? error))) throw error;
      log(`  (navigation to ${url} aborted; trying again)`);
    }
  }
}

async function throttle(cdp, rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** Opens a page (fresh context: empty cache) on the manual clock and brings it to "SOS ready". */
async function openReady(browser, base, kind) {
  const opened = await openPage(browser);
  await goto(opened.page, pageUrl(base, kind));
  await opened.page.waitForFunction(() => window.__bench?.kind() && (window.sosHmi || window.benchTarget));
  await opened.page.evaluate(async () => {
    window.__bench.advance(4000); // the HMI's telltale bulb check, then ready
    await window.__bench.ready();
  });
  return opened;
}

/**
 * Warmed events: one page per kind, open side by side, events interleaved page by page (so a machine
 * that slows down for a while slows all three alike); the first 5 of each series are dropped.
 */
async function latency(browser, base, kinds, throttles, events) {
  const out = Object.fromEntries(kinds.map((k) => [k, {}]));
  const pages = {};
  const warmup = Math.min(5, events);
  const errors = [];
  // (Re)opens the pages: all three again when one was lost, so the series compares like with like.
  const ensurePages = async () => {
    if (kinds.every((k) => pages[k] && !pages[k].page.isClosed())) return;
    for (const kind of kinds) {
      if (pages[kind]) {
        errors.push(...pages[kind].errors.map((e) => `${kind}: ${e}`));
        await pages[kind].context.close().catch(() => {});
      }
      pages[kind] = await openReady(browser, base, kind);
    }
  };
  try {
    for (const transition of TRANSITIONS) {
      for (const rate of throttles) {
        // A series cut short by a lost browser is taken again in full on fresh pages.
        const samples = await retried(async () => {
          await ensurePages();
          const series = Object.fromEntries(kinds.map((k) => [k, { ms: [], shown: [], late: 0 }]));
          try {
            for (let i = 0; i < warmup + events; i++) {
              for (const kind of kinds) {
                const { page, cdp } = pages[kind];
                await throttle(cdp, rate);
                const r = await page.evaluate((t) => window.__bench.measure(t), transition);
                await throttle(cdp, 1);
                await page.evaluate((t) => window.__bench.reset(t), transition);
                if (i < warmup) continue;
                series[kind].ms.push(r.ms);
                series[kind].shown.push(r.shownMs);
                if (!r.sameFrame) series[kind].late++;
              }
            }
          } catch (error) {
            for (const kind of kinds) await pages[kind]?.context.close().catch(() => {});
            throw error;
          }
          return series;
        });
        for (const kind of kinds) {
          const s = samples[kind];
          (out[kind][transition] ??= {})[rate] = {
            ...summarize(s.ms),
            shownP50: summarize(s.shown).p50,
            notSameFrame: s.late,
          };
        }
        log(
          `  ${transition} ${rate}×: ` +
            kinds
              .map((k) => `${k} p50 ${out[k][transition][rate].p50} / p95 ${out[k][transition][rate].p95}`)
              .join(', '),
        );
      }
    }
  } finally {
    for (const kind of kinds) {
      if (pages[kind]) errors.push(...pages[kind].errors.map((e) => `${kind}: ${e}`));
      await pages[kind]?.context.close().catch(() => {});
    }
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return out;
}

/**
 * A page that prepares itself for its first events after start may say so with a performance mark of
 * this name, its report as `detail` (the HMI's rehearsal, src/app/rehearsal.ts: `{ scenes: [{ scene,
 * screen, ms }] }`). The bench only reads and records it; it measures the same way either way.
 */
export const WARM_UP_MARK = 'sos-hmi:rehearsal';

/**
 * The first event of its kind after a fresh load, as a car meets it: a fresh context (empty cache),
 * the page loaded, ignition on and the self-test done ("SOS ready"), the network idle, then one event
 * timed like the warmed ones. Pages are interleaved load by load, so a machine that slows down for a
 * while slows all three alike.
 */
async function firstEvents(browser, base, kinds, throttles, loads, progress = () => {}, extra = {}) {
  const out = Object.fromEntries(kinds.map((k) => [k, {}]));
  for (const transition of TRANSITIONS) {
    // Pages measured for this transition only (`extra`: the HMI without its rehearsal, on crashes).
    const these = [...kinds, ...(extra[transition] ?? [])];
    for (const k of these) out[k] ??= {};
    for (const rate of throttles) {
      const samples = Object.fromEntries(these.map((k) => [k, { ms: [], late: 0, warm: [] }]));
      for (let i = 0; i < loads; i++) {
        for (const kind of these) {
          await retried(async () => {
            const { context, page, cdp, errors } = await openReady(browser, base, kind);
            try {
              await page.waitForLoadState('networkidle');
              // A car's first crash comes long after start: the HMI's rehearsal, when it has one, is over.
              if (kind === 'hmi')
                await page
                  .waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, WARM_UP_MARK, {
                    timeout: 10_000,
                  })
                  .catch(() => {});
              // What the page prepared before its first event, if it says so (the HMI's rehearsal mark).
              const warm = await page.evaluate(
                (mark) => performance.getEntriesByName(mark)[0]?.detail ?? null,
                WARM_UP_MARK,
              );
              if (warm) samples[kind].warm.push(warm);
              await throttle(cdp, rate);
              const r = await page.evaluate((t) => window.__bench.measure(t), transition);
              await throttle(cdp, 1);
              samples[kind].ms.push(r.ms);
              if (!r.sameFrame) samples[kind].late++;
            } finally {
              await context.close().catch(() => {});
            }
            if (errors.length) throw new Error(`${kind}: page errors: ${errors.join('; ')}`);
          });
        }
      }
      for (const kind of these) {
        const warm = samples[kind].warm;
        (out[kind][transition] ??= {})[rate] = {
          ...summarize(samples[kind].ms),
          notSameFrame: samples[kind].late,
          // Loads whose page had finished its warm-up before the event, and the last one's report.
          ...(warm.length ? { warmedUp: warm.length, warmUp: warm.at(-1) } : {}),
        };
      }
      progress(out);
      log(
        `  first ${transition} ${rate}× (${loads} loads): ` +
          these
            .map((k) => `${k} p50 ${out[k][transition][rate].p50} / p95 ${out[k][transition][rate].p95}`)
            .join(', '),
      );
    }
  }
  return out;
}

/**
 * Time to interactive: navigation → the call screen painted for a crash fired the moment the page's
 * vehicle handle exists (probe: `tti`), throttled from the start, fresh context per load, interleaved.
 */
async function timeToInteractive(browser, base, kinds, rate, loads) {
  const samples = Object.fromEntries(kinds.map((k) => [k, { painted: [], handle: [] }]));
  for (let i = 0; i < loads; i++) {
    for (const kind of kinds) {
      await retried(async () => {
        const { context, page, cdp, errors } = await openPage(browser, { tti: true });
        try {
          await throttle(cdp, rate);
          await goto(page, pageUrl(base, kind, { manual: false }));
          await page.waitForFunction(() => window.__bench?.tti.paintedMs !== null, null, { timeout: 60_000 });
          const r = await page.evaluate(() => ({ ...window.__bench.tti }));
          samples[kind].painted.push(r.paintedMs);
          samples[kind].handle.push(r.handleMs);
        } finally {
          await context.close().catch(() => {});
        }
        if (errors.length) throw new Error(`${kind}: page errors: ${errors.join('; ')}`);
      });
    }
  }
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  const out = {};
  for (const kind of kinds) {
    const s = samples[kind];
    out[kind] = {
      throttle: rate,
      loads,
      medianMs: round(median(s.painted)),
      minMs: round(Math.min(...s.painted)),
      maxMs: round(Math.max(...s.painted)),
      handleMedianMs: round(median(s.handle)),
    };
  }
  log(
    `  time to interactive ${rate}×: ` +
      kinds.map((k) => `${k} ${out[k].medianMs} ms (handle at ${out[k].handleMedianMs})`).join(', '),
  );
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
    await context.close().catch(() => {});
  }
  return out;
}

/** Navigation → first frame with an "SOS …" status heading, fresh context (cold cache) each time. */
async function coldStart(browser, base, kind, rate, loads) {
  const samples = [];
  const fcp = [];
  for (let i = 0; i < loads; i++) {
    await retried(async () => {
      const { context, page, cdp } = await openPage(browser);
      try {
        await throttle(cdp, rate);
        await goto(page, pageUrl(base, kind, { manual: false }));
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
        await context.close().catch(() => {});
      }
    });
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
      await goto(page, `${base}/${query}`);
      await page.waitForFunction(() => !!window.sosHmi);
      await page.waitForLoadState('networkidle');
      const list = [...files].sort();
      const sum = (key) => list.reduce((a, f) => a + gzipOf.get(f)[key], 0);
      out[name] = { query, files: list, raw: sum('raw'), gzip: sum('gzip') };
      log(`  ${name}: ${list.length} chunks, ${(out[name].gzip / 1000).toFixed(1)} KB gzip`);
    } finally {
      await context.close().catch(() => {});
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

/**
 * Detached DOM nodes in a heap snapshot (node `detachedness` 2, or named "Detached …"). Lit's
 * template cache is told apart: one `<template>` per template literal, created once and never attached
 * by design, with its content fragment and every node in it (Chromium 150 flags those detached, not
 * always the fragment between them). Bounded by the source, so not counted as a leak; a removed screen
 * that something still holds is no template's content and is counted.
 */
export async function detachedNodes(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join(''));
  const { node_fields: fields, edge_fields: edgeFields, edge_types: edgeTypeLists } = snapshot.snapshot.meta;
  const edgeTypes = edgeTypeLists[0];
  const width = fields.length;
  const edgeWidth = edgeFields.length;
  const nameAt = fields.indexOf('name');
  const detAt = fields.indexOf('detachedness');
  const edgeCountAt = fields.indexOf('edge_count');
  const edgeTypeAt = edgeFields.indexOf('type');
  const edgeToAt = edgeFields.indexOf('to_node');
  const { nodes, edges, strings } = snapshot;
  const nameOf = (i) => strings[nodes[i + nameAt]];
  const keyOf = (i) =>
    nameOf(i)
      .replace(/^Detached /, '')
      .split(' ')[0]
      .replace(/>$/, '');
  const isDetached = (i) => (detAt >= 0 && nodes[i + detAt] === 2) || nameOf(i).startsWith('Detached ');
  // A DOM node of a template's content: an element, text, comment or fragment — never a document.
  const isContentNode = (i) => /^(Detached )?(<|DocumentFragment|Text|Comment|SVG)/.test(nameOf(i));
  // The template cache: every node a <template> reaches through DOM edges within content nodes.
  const firstEdge = new Map();
  for (let i = 0, e = 0; i < nodes.length; i += width) {
    firstEdge.set(i, e);
    e += nodes[i + edgeCountAt] * edgeWidth;
  }
  const inTemplate = new Set();
  const queue = [];
  for (let i = 0; i < nodes.length; i += width) {
    if (keyOf(i) !== '<template') continue;
    inTemplate.add(i);
    queue.push(i);
  }
  while (queue.length) {
    const i = queue.pop();
    const end = firstEdge.get(i) + nodes[i + edgeCountAt] * edgeWidth;
    for (let e = firstEdge.get(i); e < end; e += edgeWidth) {
      if (edgeTypes[edges[e + edgeTypeAt]] !== 'element') continue;
      const to = edges[e + edgeToAt];
      if (inTemplate.has(to) || !isContentNode(to)) continue;
      inTemplate.add(to);
      queue.push(to);
    }
  }
  const names = {};
  let count = 0;
  let templateCache = 0;
  for (let i = 0; i < nodes.length; i += width) {
    if (!isDetached(i)) continue;
    const key = keyOf(i);
    names[key] = (names[key] ?? 0) + 1;
    if (inTemplate.has(i) || key === '<template' || key === 'DocumentFragment') templateCache++;
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
    await context.close().catch(() => {});
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

export async function runBench({
  root,
  work,
  quick,
  events,
  cycles,
  loads,
  throttles: only,
  ttiThrottle,
  skip,
  save = () => {},
}) {
  const throttles = only?.length ? only : quick ? [1] : [1, 4, 6];
  const startThrottle = ttiThrottle ?? (quick ? 1 : 4);
  const n = events ?? (quick ? 12 : 200);
  const plan = {
    mode: quick ? 'quick' : 'full',
    throttles,
    events: n,
    countdown: { ticks: 8, repeats: quick ? 1 : 5 },
    firstEvent: { throttles, loads: loads ?? (quick ? 3 : 25) },
    cold: { throttle: startThrottle, loads: quick ? 3 : 10 },
    tti: { throttle: startThrottle, loads: quick ? 3 : 10 },
    memory: { firstCycles: 10, totalCycles: cycles ?? (quick ? 30 : 1000) },
  };
  const skipped = new Set(skip ?? []);
  // The HMI without its rehearsal, on first crashes (`--skip bare` leaves it out).
  plan.firstEvent.withoutRehearsal = skipped.has('bare') ? [] : ['crash'];

  log('Building the production bundle…');
  const appDir = join(work, 'app');
  buildApp(root, appDir);
  const bundle = measureBundle(appDir);
  const baselinesDir = join(work, 'baselines');
  const bare = !skipped.has('first') && plan.firstEvent.withoutRehearsal.length > 0;
  const bareDir = join(work, 'bare');
  if (bare) buildApp(root, bareDir, { base: '/bare/', env: { SOS_REHEARSAL: 'off' } });

  const server = await serveStatic({
    '/': appDir,
    ...(bare ? { '/bare/': bareDir } : {}),
    '/baselines/raw/': join(baselinesDir, 'raw'),
    '/baselines/react/': join(baselinesDir, 'react'),
  });
  const executablePath = findChromium({ install: false });
  const browser = liveBrowser(() =>
    chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], headless: true }),
  );
  const version = (await browser.live()).version();
  const results = {
    schema: 2,
    createdAt: new Date().toISOString(),
    // The machine's load average (1, 5, 15 min) when the run starts; `loadAtEnd` when it ends.
    machine: {
      ...machine(version, executablePath),
      loadAtStart: loadavg().map((v) => Math.round(v * 10) / 10),
    },
    plan,
    baselines: null,
    latency: {},
    firstEvent: {},
    countdown: {},
    coldStart: {},
    tti: {},
    bundle,
    memory: {},
    gateway: null,
  };
  try {
    log("Capturing the HMI's screens and building the baselines from them…");
    const opened = (kind) => async () => {
      const o = await openReady(browser, server.url, kind);
      return { page: o.page, close: () => o.context.close().catch(() => {}) };
    };
    const captured = await retried(() => captureHmiStates(opened('hmi')));
    const baselineDirs = await buildBaselines(root, baselinesDir, captured);
    bundle.baselines = Object.fromEntries(
      Object.entries(baselineDirs).map(([k, d]) => [k, measureBaseline(d)]),
    );
    const checked = await retried(() =>
      verifyBaselines((kind) => opened(kind)(), ['raw', 'react'], captured.signatures),
    );
    results.baselines = {
      t0: T0,
      states: Object.keys(captured.states),
      // Elements of each screen (through shadow roots, styles left out), the same on all three pages.
      elements: Object.fromEntries(
        Object.entries(captured.signatures).map(([name, sig]) => [name, sig.elementCount]),
      ),
      match: Object.fromEntries(Object.entries(checked).map(([k, v]) => [k, v.match])),
    };
    log(
      `  raw and React show the HMI's ${results.baselines.states.length} screens: same elements, attributes, text and focus`,
    );
    log('What each page loads…');
    bundle.loaded = await retried(() => loadedScripts(browser, server.url, bundle));
    if (!skipped.has('latency')) {
      log('Warmed events (pages interleaved)…');
      results.latency = await latency(browser, server.url, PAGES, throttles, n);
    }
    save(results);
    if (!skipped.has('first')) {
      log(`First events after a fresh load (${plan.firstEvent.loads} loads each, pages interleaved)…`);
      results.firstEvent = await firstEvents(
        browser,
        server.url,
        PAGES,
        throttles,
        plan.firstEvent.loads,
        (so) => save({ ...results, firstEvent: so }),
        bare ? { crash: [BARE] } : {},
      );
    }
    save(results);
    if (!skipped.has('tti')) {
      log(`Time to interactive (${plan.tti.loads} loads each at ${plan.tti.throttle}×, pages interleaved)…`);
      results.tti = await timeToInteractive(browser, server.url, PAGES, plan.tti.throttle, plan.tti.loads);
    }
    for (const kind of PAGES) {
      save(results);
      log(`Measuring ${kind}…`);
      if (!skipped.has('countdown'))
        results.countdown[kind] = await retried(() =>
          countdown(browser, server.url, kind, throttles, plan.countdown.ticks, plan.countdown.repeats),
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
        results.memory[kind] = await retried(() =>
          memory(browser, server.url, kind, plan.memory.firstCycles, plan.memory.totalCycles),
        );
    }
  } finally {
    results.browserRelaunches = browser.relaunches;
    results.machine.loadAtEnd = loadavg().map((v) => Math.round(v * 10) / 10);
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
  const out = { latency: {}, firstEvent: {}, countdown: {}, coldStart: {}, tti: {}, bundle: {}, memory: {} };
  for (const base of ['raw', 'react']) {
    for (const group of ['latency', 'firstEvent']) {
      for (const t of TRANSITIONS) {
        for (const [rate, fig] of Object.entries(results[group].hmi?.[t] ?? {})) {
          const other = results[group][base]?.[t]?.[rate];
          out[group][`${t}.${rate}x.p95/${base}`] = r(fig.p95, other?.p95);
          out[group][`${t}.${rate}x.p50/${base}`] = r(fig.p50, other?.p50);
        }
      }
    }
    out.tti[base] = r(results.tti.hmi?.medianMs, results.tti[base]?.medianMs);
    // What the rehearsal gains: the HMI's first crash ÷ the same build's without it.
    for (const [rate, fig] of Object.entries(results.firstEvent[BARE]?.crash ?? {})) {
      out.firstEvent[`crash.${rate}x.p95/${BARE}`] = r(results.firstEvent.hmi?.crash?.[rate]?.p95, fig.p95);
      out.firstEvent[`crash.${rate}x.p50/${BARE}`] = r(results.firstEvent.hmi?.crash?.[rate]?.p50, fig.p50);
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
