/**
 * Gateway throughput: CAN frames in → WebSocket messages out on loopback, at 4,000 frames/s (a full
 * 500 kbit/s bus) and 20,000 frames/s. Runs only when the gateway provides the bench target
 * `gateway/benchTarget.ts` (contract in bench/lib/gateway-target.d.ts); otherwise reports "pending".
 * The driver runs in its own Node process (tsx), so the browser part of the bench does not disturb it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const GATEWAY_TARGET = 'gateway/benchTarget.ts';

export async function runGatewayBench({ root, quick, log }) {
  const target = join(root, GATEWAY_TARGET);
  if (!existsSync(target)) {
    return {
      status: 'pending',
      reason: `${GATEWAY_TARGET} not found (the gateway does not expose its bench target yet)`,
    };
  }
  const rates = [4000, 20_000];
  const seconds = quick ? 1 : 5;
  log(`Measuring the gateway (${rates.join(', ')} frames/s, ${seconds} s each)…`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', 'lib', 'gateway-driver.ts'), JSON.stringify({ rates, seconds })],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0) return { status: 'failed', reason: `driver exited with ${code}: ${line}` };
  try {
    const runs = JSON.parse(line);
    for (const r of runs)
      log(`  gateway ${r.rate}/s: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, lost ${r.lost} of ${r.sent}`);
    return { status: 'measured', seconds, runs };
  } catch {
    return { status: 'failed', reason: `unreadable driver output: ${line.slice(0, 200)}` };
  }
}
