#!/usr/bin/env node
/**
 * `npm run bench`: builds the production bundle and the two baseline pages, serves them on loopback
 * and measures in Chromium (Playwright + DevTools protocol, CPU throttling), then prints a table and
 * writes bench/results.json. See docs/performance.md for the method and the budgets.
 *
 *   npm run bench                   full run (≥ 200 warmed events per figure and 25 fresh loads per
 *                                   first event, 1×/4×/6× throttle; time to interactive at 4×)
 *   npm run bench -- --quick        a few events and loads, 1× only (the smoke test uses this)
 *   npm run bench -- --check        exit 1 when a budget is missed
 *   npm run bench -- --out FILE     write the results elsewhere
 *   npm run bench -- --events N     events per transition and throttle (default 200; quick 12)
 *   npm run bench -- --cycles N     memory: call cycles (default 1000; quick 30)
 *   npm run bench -- --loads N      first events: fresh loads per event and throttle (default 25; quick 3)
 *   npm run bench -- --throttle R   event throttles instead of 1/4/6 (quick: 1); repeatable
 *   npm run bench -- --tti-throttle R   time-to-interactive and cold-start throttle (default 4; quick 1)
 *   npm run bench -- --skip GROUP   skip latency|first|bare|tti|countdown|cold|memory|gateway (repeatable;
 *                                   bare: the first crashes of the HMI built without its rehearsal)
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
    else if (a === '--loads') args.loads = Number(argv[++i]);
    else if (a === '--throttle') (args.throttles ??= []).push(Number(argv[++i]));
    else if (a === '--tti-throttle') args.ttiThrottle = Number(argv[++i]);
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
      'usage: npm run bench -- [--quick] [--check] [--out FILE] [--events N] [--cycles N] [--loads N] [--throttle R] [--tti-throttle R] [--skip GROUP]',
    );
    return 0;
  }
  const work = mkdtempSync(join(tmpdir(), 'sos-bench-'));
  try {
    mkdirSync(dirname(args.out), { recursive: true });
    // What is measured so far, after each group (a long run that fails keeps its figures).
    const save = (partial) =>
      writeFileSync(args.out, JSON.stringify({ ...partial, partial: true }, null, 2) + '\n');
    const results = await runBench({ root, work, ...args, save });
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
