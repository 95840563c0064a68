#!/usr/bin/env node
/**
 * `npm run bench`: builds the production bundle and the two baseline pages, serves them on loopback
 * and measures in Chromium (Playwright + DevTools protocol, CPU throttling), then prints a table and
 * writes bench/results.json. See docs/performance.md for the method and the budgets.
 *
 *   npm run bench                   full run (≥ 200 events per figure, 1×/4×/6× throttle)
 *   npm run bench -- --quick        a few events, 1× only (the smoke test uses this)
 *   npm run bench -- --check        exit 1 when a budget is missed
 *   npm run bench -- --out FILE     write the results elsewhere
 *   npm run bench -- --events N     events per transition and throttle (default 200; quick 12)
 *   npm run bench -- --cycles N     memory: call cycles (default 1000; quick 30)
 *   npm run bench -- --skip GROUP   skip latency|countdown|cold|memory|gateway (repeatable)
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from '../bench/lib/run.mjs';
import { checkBudgets } from '../bench/lib/budgets.mjs';
import { printReport } from '../bench/lib/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = {
    quick: false,
    check: false,
    out: join(root, 'bench', 'results.json'),
    events: null,
    skip: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--check') args.check = true;
    else if (a === '--out') args.out = resolve(argv[++i]);
    else if (a === '--events') args.events = Number(argv[++i]);
    else if (a === '--cycles') args.cycles = Number(argv[++i]);
    else if (a === '--skip') args.skip.push(argv[++i]);
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(
      'usage: npm run bench -- [--quick] [--check] [--out FILE] [--events N] [--cycles N] [--skip GROUP]',
    );
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), 'sos-bench-'));
  try {
    const results = await runBench({ root, work, ...args });
    results.budgets = checkBudgets(results);
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
    printReport(results);
    console.log(`\nResults written to ${args.out}`);
    const missed = results.budgets.filter((b) => b.ok === false);
    if (args.check && missed.length) {
      console.error(`\n${missed.length} budget(s) missed: ${missed.map((b) => b.id).join(', ')}`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
