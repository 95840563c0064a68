/** The printed table: machine first, then every figure with its ratio to both baselines. */
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fmt = (v, digits = 1) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? v.toFixed(digits) : String(v);
const ratio = (a, b) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
const kb = (bytes) => (bytes === null || bytes === undefined ? '—' : `${(bytes / 1000).toFixed(1)} KB`);

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(`\n${title}`);
  console.log(header.map((h, i) => (i === 0 ? pad(h, widths[i]) : lpad(h, widths[i]))).join('  '));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join('  '));
}

export function printReport(results) {
  const m = results.machine;
  console.log(`\nsos-hmi benchmark (${results.plan.mode}) — ${results.createdAt}`);
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}`);
  if (m.loadAtStart)
    console.log(
      `Load average (1/5/15 min): ${m.loadAtStart.join(' / ')} at the start, ${m.loadAtEnd?.join(' / ') ?? '—'} at the end`,
    );
  console.log(
    `Browser: Chromium ${m.chromium} (${m.chromiumPath}), headless; CPU throttle ${results.plan.throttles.map((t) => `${t}×`).join(', ')}`,
  );
  if (results.browserRelaunches)
    console.log(
      `The browser went away ${results.browserRelaunches} time(s) during the run and was relaunched; the measurements it cut short were taken again.`,
    );

  const B0 = results.baselines;
  if (B0) {
    console.log(
      `\nBaselines: the HMI's own screens, captured from it this run (${B0.states.length} states; ` +
        `call screen ${B0.elements.call} elements, status ${B0.elements.ready}, Check Control ${B0.elements.malfunction}); ` +
        `same elements, attributes, text and focus on the raw page: ${B0.match.raw ? 'yes' : 'NO'}, on the React page: ${B0.match.react ? 'yes' : 'NO'}`,
    );
  }

  const events = (title, L, note) => {
    if (!L?.hmi) return;
    const rows = [];
    for (const t of Object.keys(L.hmi)) {
      for (const rate of Object.keys(L.hmi[t])) {
        const h = L.hmi[t][rate];
        const raw = L.raw?.[t]?.[rate];
        const react = L.react?.[t]?.[rate];
        rows.push([
          `${t} ${rate}×`,
          h.n,
          fmt(h.p50, 2),
          fmt(h.p95, 2),
          fmt(h.max, 2),
          fmt(raw?.p50, 2),
          fmt(raw?.p95, 2),
          fmt(react?.p95, 2),
          ratio(h.p95, raw?.p95),
          ratio(h.p95, react?.p95),
        ]);
      }
    }
    table(
      title,
      ['transition', 'n', 'p50', 'p95', 'max', 'raw p50', 'raw p95', 'react p95', '÷raw', '÷react'],
      rows,
    );
    if (note) console.log(note);
  };
  events(
    'Warmed events → frame painted (ms; crash → call screen, SOS press → countdown, malfunction → Check Control message)',
    results.latency,
  );
  events(
    `First event of its kind after a fresh load (ms; one per load, ${results.plan.firstEvent?.loads ?? '—'} loads per figure)`,
    results.firstEvent,
  );
  const warm = Object.values(results.firstEvent?.hmi ?? {}).flatMap((byRate) => Object.values(byRate));
  if (warm.length) {
    const done = warm.reduce((a, f) => a + (f.warmedUp ?? 0), 0);
    const all = warm.reduce((a, f) => a + f.n, 0);
    const last = warm.findLast((f) => f.warmUp)?.warmUp;
    console.log(
      `HMI rehearsal finished before the event in ${done} of ${all} loads` +
        (last?.scenes
          ? ` (last: ${last.scenes.map((sc) => `${sc.scene} → ${sc.screen ?? 'nothing'} ${sc.ms} ms`).join(', ')})`
          : ''),
    );
  }

  const bare = results.firstEvent?.hmiBare?.crash;
  if (bare) {
    const withIt = results.firstEvent.hmi?.crash ?? {};
    console.log(
      `First crash without the rehearsal (the same build, SOS_REHEARSAL=off), p50 / p95 → with it: ` +
        Object.entries(bare)
          .map(
            ([rate, f]) =>
              `${rate}× ${fmt(f.p50)} / ${fmt(f.p95)} → ${fmt(withIt[rate]?.p50)} / ${fmt(withIt[rate]?.p95)} ms`,
          )
          .join('; '),
    );
  }

  const I = results.tti;
  if (I?.hmi) {
    table(
      `Time to interactive: navigation → call screen painted for a crash fired when the page's vehicle handle appears (ms, median of ${I.hmi.loads}, ${I.hmi.throttle}×)`,
      ['page', 'median', 'min', 'max', 'handle up'],
      ['hmi', 'raw', 'react']
        .filter((k) => I[k])
        .map((k) => [k, fmt(I[k].medianMs), fmt(I[k].minMs), fmt(I[k].maxMs), fmt(I[k].handleMedianMs)]),
    );
    console.log(
      `ratio: ÷raw ${ratio(I.hmi.medianMs, I.raw?.medianMs)}, ÷react ${ratio(I.hmi.medianMs, I.react?.medianMs)}`,
    );
  }

  const C = results.countdown;
  if (C.hmi) {
    const rows = Object.keys(C.hmi).map((rate) => {
      const h = C.hmi[rate];
      return [
        `${rate}×`,
        fmt(h.msPerSecond, 2),
        fmt(h.scriptMs, 2),
        fmt(h.layoutMs + h.styleMs, 2),
        fmt(C.raw?.[rate]?.msPerSecond, 2),
        fmt(C.react?.[rate]?.msPerSecond, 2),
        ratio(h.msPerSecond, C.raw?.[rate]?.msPerSecond),
        ratio(h.msPerSecond, C.react?.[rate]?.msPerSecond),
      ];
    });
    table(
      'Countdown tick: main-thread ms per second of countdown (tick + one second of bus traffic)',
      ['throttle', 'hmi', 'script', 'style+layout', 'raw', 'react', '÷raw', '÷react'],
      rows,
    );
  }

  const S = results.coldStart;
  if (S.hmi) {
    table(
      `Cold start: navigation → SOS status painted (ms, median of ${S.hmi.loads}, ${S.hmi.throttle}×, fresh context)`,
      ['page', 'median', 'min', 'max', 'FCP'],
      ['hmi', 'raw', 'react']
        .filter((k) => S[k])
        .map((k) => [k, fmt(S[k].medianMs), fmt(S[k].minMs), fmt(S[k].maxMs), fmt(S[k].fcpMedianMs)]),
    );
    console.log(
      `ratio: ÷raw ${ratio(S.hmi.medianMs, S.raw?.medianMs)}, ÷react ${ratio(S.hmi.medianMs, S.react?.medianMs)}`,
    );
  }

  const B = results.bundle;
  table(
    'Shipped JavaScript (gzip level 9; 1 KB = 1000 bytes)',
    ['chunk', 'raw', 'gzip', 'designer'],
    [
      ...B.chunks.map((c) => [c.file, kb(c.raw), kb(c.gzip), c.designer ? 'yes' : 'no']),
      ['all chunks (every language, both links)', kb(B.shipped.raw), kb(B.shipped.gzip), ''],
      ...Object.entries(B.loaded ?? {}).map(([k, v]) => [
        `loaded: ${k} (${v.files.length} chunks)`,
        kb(v.raw),
        kb(v.gzip),
        '',
      ]),
      ...Object.entries(B.baselines).map(([k, v]) => [
        `baseline ${k} (incl. same simulator)`,
        kb(v.raw),
        kb(v.gzip),
        '',
      ]),
    ],
  );

  const M = results.memory;
  if (M.hmi) {
    table(
      `Memory: JS heap after ${M.hmi.cycles} call cycles vs after the first ${M.hmi.firstCycles} (forced GC)`,
      ['page', 'heap@first', 'heap@all', 'growth', 'DOM nodes', 'listeners', 'detached'],
      ['hmi', 'raw', 'react']
        .filter((k) => M[k])
        .map((k) => [
          k,
          kb(M[k].heapAfterFirst),
          kb(M[k].heapAfterAll),
          kb(M[k].growthBytes),
          `${M[k].domNodesAfterFirst}→${M[k].domNodesAfterAll}`,
          `${M[k].listenersAfterFirst}→${M[k].listenersAfterAll}`,
          M[k].detachedNodes,
        ]),
    );
  }

  const G = results.gateway;
  if (G?.status === 'measured') {
    table(
      'Gateway: CAN frame in → WebSocket message out (loopback)',
      ['rate', 'sent', 'received', 'lost', 'p50 ms', 'p99 ms', 'max ms', 'RSS MB'],
      G.runs.map((r) => [
        `${r.rate}/s`,
        r.sent,
        r.received,
        r.lost,
        fmt(r.p50Ms, 3),
        fmt(r.p99Ms, 3),
        fmt(r.maxMs, 3),
        fmt(r.rssMB, 1),
      ]),
    );
  } else {
    console.log(`\nGateway: ${G?.status ?? 'not run'}${G?.reason ? ` — ${G.reason}` : ''}`);
  }

  table(
    'Budgets',
    ['budget', 'limit', 'actual', 'result'],
    results.budgets.map((b) => [
      b.id,
      `${fmt(b.limit, b.unit === 'bytes' ? 0 : 2)} ${b.unit}`,
      `${fmt(b.actual, b.unit === 'bytes' || b.unit === 'nodes' ? 0 : 2)} ${b.unit}`,
      b.ok === null ? `not measured${b.note ? ` (${b.note})` : ''}` : b.ok ? 'met' : 'MISSED',
    ]),
  );
}
