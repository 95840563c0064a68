/**
 * The performance budgets (docs/performance.md states the same numbers). Each check gives
 * { id, what, limit, actual, unit, ok } — ok is null when this run did not measure the figure the
 * way the budget defines it (e.g. `--quick` has no 6× throttle), so it can neither pass nor fail.
 * Where a ratio fits, the budget is a ratio to the raw-DOM page of the same run, which shows the same
 * screens as the HMI (captured from it), so the ratio is what Lit and XState cost.
 */
export const BUDGETS = {
  /** The first crash of a drive → call screen painted, p95 at 6×. */
  firstCrashP95Ms: 50,
  firstCrashVsRawMax: 1.5,
  /** Warmed crashes: p95 at 6× ÷ the raw page's. */
  crashVsRawMax: 1.3,
  eventThrottle: 6,
  /** Navigation → the call screen painted for a crash fired when the HMI is up, median at 4×. */
  ttiMs: 800,
  /** Navigation → SOS status painted, median at 4× (the pre-rendered first frame). */
  coldStartMs: 300,
  startThrottle: 4,
  /** 70 KB, 1 KB = 1000 bytes (as Vite prints it). */
  shippedGzipBytes: 70_000,
  heapGrowthBytes: 1024 * 1024,
  memoryCycles: 1000,
  gatewayP99Ms: 2,
  gatewayRate: 4000,
  gatewayLossRate: 20_000,
};

const ratio = (a, b) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;

export function checkBudgets(results) {
  const out = [];
  const add = (id, what, limit, actual, unit, ok, note) =>
    out.push({
      id,
      what,
      limit,
      actual: actual ?? null,
      unit,
      ok: actual === null || actual === undefined ? null : ok,
      ...(note ? { note } : {}),
    });
  const T = BUDGETS.eventThrottle;

  const first = (kind) => results.firstEvent?.[kind]?.crash?.[T]?.p95 ?? null;
  const firstHmi = first('hmi');
  add(
    'first-crash-p95',
    `first crash after a fresh load → call screen painted, p95 at ${T}×`,
    BUDGETS.firstCrashP95Ms,
    firstHmi,
    'ms',
    firstHmi !== null && firstHmi <= BUDGETS.firstCrashP95Ms,
  );
  const firstVsRaw = ratio(firstHmi, first('raw'));
  add(
    'first-crash-vs-raw',
    `first crash p95 at ${T}× ÷ the raw-DOM page (same screens)`,
    BUDGETS.firstCrashVsRawMax,
    firstVsRaw,
    '×',
    firstVsRaw !== null && firstVsRaw <= BUDGETS.firstCrashVsRawMax,
  );

  const warm = (kind) => results.latency?.[kind]?.crash?.[T]?.p95 ?? null;
  const warmVsRaw = ratio(warm('hmi'), warm('raw'));
  add(
    'crash-vs-raw',
    `warmed crash p95 at ${T}× ÷ the raw-DOM page (same screens)`,
    BUDGETS.crashVsRawMax,
    warmVsRaw,
    '×',
    warmVsRaw !== null && warmVsRaw <= BUDGETS.crashVsRawMax,
  );

  const tti = results.tti?.hmi;
  const ttiMs = tti && tti.throttle === BUDGETS.startThrottle ? tti.medianMs : null;
  add(
    'time-to-interactive',
    `navigation → call screen painted for a crash fired when the HMI is up, median of ${tti?.loads ?? 10} at ${BUDGETS.startThrottle}×`,
    BUDGETS.ttiMs,
    ttiMs,
    'ms',
    ttiMs !== null && ttiMs <= BUDGETS.ttiMs,
  );

  const cold = results.coldStart?.hmi;
  const coldOk = cold && cold.throttle === BUDGETS.startThrottle ? cold.medianMs : null;
  add(
    'cold-start',
    `navigation → SOS status painted, median of ${cold?.loads ?? 10} at ${BUDGETS.startThrottle}×`,
    BUDGETS.coldStartMs,
    coldOk,
    'ms',
    coldOk !== null && coldOk <= BUDGETS.coldStartMs,
  );

  // What a head unit downloads and runs (vehicle link, English); every chunk is listed in the report.
  const gzip = results.bundle?.loaded?.headUnit?.gzip ?? null;
  add(
    'shipped-js',
    'JavaScript a head unit loads, gzip (designer code excluded)',
    BUDGETS.shippedGzipBytes,
    gzip,
    'bytes',
    gzip !== null && gzip <= BUDGETS.shippedGzipBytes,
  );

  const mem = results.memory?.hmi;
  const full = mem && mem.cycles >= BUDGETS.memoryCycles;
  add(
    'heap-growth',
    `JS heap growth over ${BUDGETS.memoryCycles} call cycles (after the first 10)`,
    BUDGETS.heapGrowthBytes,
    full ? mem.growthBytes : null,
    'bytes',
    full && mem.growthBytes <= BUDGETS.heapGrowthBytes,
  );
  add(
    'detached-nodes',
    'detached DOM nodes after the call cycles',
    0,
    mem ? mem.detachedNodes : null,
    'nodes',
    !!mem && mem.detachedNodes === 0,
  );

  const gw = results.gateway;
  const measured = gw?.status === 'measured';
  const p99 = measured ? (gw.runs.find((r) => r.rate === BUDGETS.gatewayRate)?.p99Ms ?? null) : null;
  add(
    'gateway-p99',
    `gateway CAN frame → WebSocket message p99 at ${BUDGETS.gatewayRate} frames/s`,
    BUDGETS.gatewayP99Ms,
    p99,
    'ms',
    p99 !== null && p99 <= BUDGETS.gatewayP99Ms,
    measured ? undefined : `gateway ${gw?.status ?? 'not run'}`,
  );
  const loss = measured ? (gw.runs.find((r) => r.rate === BUDGETS.gatewayLossRate)?.lost ?? null) : null;
  add(
    'gateway-loss',
    `gateway frames lost at ${BUDGETS.gatewayLossRate} frames/s`,
    0,
    loss,
    'frames',
    loss === 0,
    measured ? undefined : `gateway ${gw?.status ?? 'not run'}`,
  );
  return out;
}
