/**
 * The performance budgets (docs/performance.md states the same numbers). Each check gives
 * { id, what, limit, actual, unit, ok } — ok is null when this run did not measure the figure the
 * way the budget defines it (e.g. `--quick` has no 6× throttle), so it can neither pass nor fail.
 */
export const BUDGETS = {
  /** One 60 Hz frame. */
  crashP95Ms: 16.7,
  crashVsRawMax: 1.5,
  coldStartMs: 300,
  coldStartThrottle: 4,
  /** 45 KB, 1 KB = 1000 bytes (as Vite prints it). */
  shippedGzipBytes: 45_000,
  heapGrowthBytes: 1024 * 1024,
  memoryCycles: 1000,
  gatewayP99Ms: 2,
  gatewayRate: 4000,
  gatewayLossRate: 20_000,
};

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

  const at6 = (kind) => results.latency?.[kind]?.crash?.[6]?.p95 ?? null;
  const hmi = at6('hmi');
  const raw = at6('raw');
  const react = at6('react');
  add(
    'crash-p95',
    'crash → call screen painted, p95 at 6×',
    BUDGETS.crashP95Ms,
    hmi,
    'ms',
    hmi !== null && hmi <= BUDGETS.crashP95Ms,
  );
  const vsRaw = hmi !== null && raw ? Math.round((hmi / raw) * 100) / 100 : null;
  add(
    'crash-vs-raw',
    'crash p95 at 6× ÷ raw-DOM baseline',
    BUDGETS.crashVsRawMax,
    vsRaw,
    '×',
    vsRaw !== null && vsRaw <= BUDGETS.crashVsRawMax,
  );
  add(
    'crash-vs-react',
    'crash p95 at 6× below the React baseline (ms)',
    react,
    hmi,
    'ms',
    hmi !== null && react !== null && hmi < react,
  );

  const cold = results.coldStart?.hmi;
  const coldOk = cold && cold.throttle === BUDGETS.coldStartThrottle ? cold.medianMs : null;
  add(
    'cold-start',
    'navigation → SOS status painted, median of 10 at 4×',
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
