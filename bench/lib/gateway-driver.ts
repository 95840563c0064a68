/**
 * Gateway load driver (run by bench/lib/gateway.mjs under tsx). For each rate: starts the gateway's
 * bench target, connects one WebSocket client, subscribes, then injects frames paced to the rate for
 * N seconds and matches each push to its frame by `seq`. Prints one JSON line with the runs.
 * The client shares the gateway's process and event loop, so the latency includes the client's own
 * parsing: a conservative figure.
 */
import WebSocket from 'ws';
import type { GatewayBenchTarget } from './gateway-target.js';

interface Run {
  rate: number;
  sent: number;
  received: number;
  lost: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  rssMB: number;
  heapUsedMB: number;
}

const { rates, seconds } = JSON.parse(process.argv[2] ?? '{}') as { rates: number[]; seconds: number };
const targetModule = (await import('../../gateway/benchTarget.js')) as {
  createGatewayBenchTarget(): Promise<GatewayBenchTarget>;
};

const pct = (sorted: number[], p: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null;
const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

async function one(rate: number): Promise<Run> {
  const target = await targetModule.createGatewayBenchTarget();
  const ws = new WebSocket(target.url, [...target.protocols]);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const sentAt = new Map<number, bigint>();
  const latencies: number[] = [];
  ws.on('message', (data) => {
    const now = process.hrtime.bigint();
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    const seq = target.seqOf(message);
    if (seq === null) return;
    const at = sentAt.get(seq);
    if (at === undefined) return;
    sentAt.delete(seq);
    latencies.push(Number(now - at) / 1e6);
  });
  for (const m of target.subscribeMessages) ws.send(JSON.stringify(m));
  await new Promise((r) => setTimeout(r, 200));

  const total = rate * seconds;
  const start = process.hrtime.bigint();
  let seq = 0;
  // Paced in 1 ms slices: each slice injects the frames due by then (a bus delivers in bursts too).
  while (seq < total) {
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    const due = Math.min(total, Math.floor((elapsedMs * rate) / 1000));
    while (seq < due) {
      const s = seq++ % 65536;
      sentAt.set(s, process.hrtime.bigint());
      target.inject(s);
    }
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 500));
  const memory = process.memoryUsage();
  ws.close();
  await target.close();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate,
    sent: total,
    received: latencies.length,
    lost: total - latencies.length,
    p50Ms: round(pct(sorted, 50)),
    p99Ms: round(pct(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? null),
    rssMB: Math.round((memory.rss / 1024 / 1024) * 10) / 10,
    heapUsedMB: Math.round((memory.heapUsed / 1024 / 1024) * 10) / 10,
  };
}

const runs: Run[] = [];
for (const rate of rates) runs.push(await one(rate));
console.log(JSON.stringify(runs));
