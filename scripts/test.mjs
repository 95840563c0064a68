#!/usr/bin/env node
/**
 * The one test command (`npm test`). Stages, in order, stopping at the first that fails:
 *   chromium    find Debian's Chromium (or install it as root), export CHROME_PATH
 *   typecheck   tsc --noEmit for src/, test/unit/ and test/e2e/
 *   lint        ESLint (layer rules, no any), lit-analyzer (Lit templates), prettier --check,
 *               state-chart diagrams in docs/machines up to date with src/machines
 *   unit        node --import tsx --test over every test/unit/**\/*.test.ts
 *   components  @web/test-runner in Chromium (test/components/**\/*.test.ts)
 *   e2e         @playwright/test against the built app (vite build + vite preview)
 *   wpe         the engine matrix: the smoke suite in Chromium and in WPE WebKit (WPEWebDriver,
 *               headless) against the head-unit server; installs `cog wpewebkit-driver` as root,
 *               otherwise skips the WPE half with a loud reason
 *   flows       model-based screen flows (test/flows): plan from the machines, run every flow in
 *               Chromium, controller-only and accessibility checks, machine coverage table
 * The last line is always `N passed, M failed` (tests summed over the stages; a stage that fails
 * without a test count, such as the type check, counts as one failure). Exit code 0 only if all pass.
 *
 * Single stages: `node scripts/test.mjs unit|components|e2e|typecheck|lint [extra args for the tool]`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';
import { findWpe } from './find-wpe.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const STAGES = ['chromium', 'typecheck', 'lint', 'unit', 'components', 'e2e', 'wpe', 'flows'];
/** Stages that check the code rather than run tests: no test counts. */
const CHECK_STAGES = new Set(['chromium', 'typecheck', 'lint']);
const NEEDS_CHROMIUM = new Set(['components', 'e2e', 'wpe', 'flows']);

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (text) => paint('1', text);
// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with the ESC control character.
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
/** Logs (CI) get no cursor movement or colour codes. */
const plain = !process.stdout.isTTY;

function banner(title) {
  const line = '─'.repeat(Math.max(10, 72 - title.length - 4));
  console.log(`\n${bold(`── ${title} ${line}`)}`);
}

/** Every file under `dir` whose name ends with `suffix`, sorted (Node 20's --test expands no globs). */
function findFiles(dir, suffix) {
  const found = [];
  const walk = (current) => {
    if (!existsSync(current)) return;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(relative(root, path));
    }
  };
  walk(join(root, dir));
  return found.sort();
}

let currentChild = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (currentChild) currentChild.kill(signal);
    process.exit(130);
  });
}

/** Runs a command, streaming its output and keeping a copy; resolves with exit code and output. */
function run(command, args, env = {}) {
  const shown =
    command === process.execPath ? 'node' : command.startsWith(root) ? relative(root, command) : command;
  console.log(paint('2', `$ ${[shown, ...args].join(' ')}`));
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    currentChild = child;
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(plain ? stripAnsi(String(chunk)) : chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(plain ? stripAnsi(String(chunk)) : chunk);
    });
    child.on('error', (error) => {
      output += String(error);
      console.error(error.message);
    });
    child.on('close', (code, signal) => {
      currentChild = null;
      resolve({ code: code ?? (signal ? 1 : 0), output: stripAnsi(output) });
    });
  });
}

/** Runs a command quietly; resolves with its exit code and its output (stdout and stderr, ANSI-free). */
function capture(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 1 : 0), output: stripAnsi(output) }),
    );
  });
}

const lastMatch = (text, re) => {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all.at(-1)[1]) : null;
};

/** Each stage resolves to { ok, passed, failed, note }. */
const stageRunners = {
  async chromium() {
    try {
      const path = findChromium();
      process.env.CHROME_PATH = path;
      console.log(`Chromium: ${path}`);
      return { ok: true, passed: 0, failed: 0, note: path };
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return { ok: false, passed: 0, failed: 0, note: 'no Chromium' };
    }
  },

  async typecheck() {
    const projects = [
      'tsconfig.json',
      'test/unit/tsconfig.json',
      'test/e2e/tsconfig.json',
      'gateway/tsconfig.json',
      'test/wpe/tsconfig.json',
      'test/flows/tsconfig.json',
    ].filter((p) => existsSync(join(root, p)));
    const failedProjects = [];
    for (const project of projects) {
      const { code } = await run(bin('tsc'), ['--noEmit', '-p', project]);
      if (code !== 0) failedProjects.push(project);
    }
    if (failedProjects.length)
      return { ok: false, passed: 0, failed: 0, note: `errors in ${failedProjects.join(', ')}` };
    console.log(`No type errors (${projects.join(', ')}).`);
    return { ok: true, passed: 0, failed: 0, note: `${projects.length} projects` };
  },

  /**
   * Every check runs (so one run shows every kind of problem); each failure says which rule broke.
   * ESLint's own messages for the layering start with "Layer rule:" (eslint.config.js).
   */
  async lint() {
    const checks = [
      {
        name: 'eslint',
        command: bin('eslint'),
        args: ['.', '--max-warnings', '0'],
        failure:
          'ESLint: see the messages above. "Layer rule: …" means an import or global crossed a layer boundary ' +
          '(docs/architecture.md); other rule ids are code rules (eslint.config.js).',
      },
      {
        name: 'lit-analyzer',
        command: process.execPath,
        args: ['scripts/lit-analyzer.mjs'],
        failure:
          'Lit templates: an unknown element, a binding of the wrong type or an element used without its import ' +
          '(rule names above; rules in scripts/lit-analyzer.mjs).',
      },
      {
        name: 'prettier',
        command: bin('prettier'),
        args: ['--check', '.', '--cache', '--cache-strategy', 'content'],
        failure: 'Formatting rule: the files above are not formatted; run `npx prettier --write <file>`.',
      },
      {
        name: 'docs:machines',
        command: process.execPath,
        args: ['--import', 'tsx', 'scripts/machines-docs.ts', '--check'],
        failure:
          'State-chart rule: docs/machines must match src/machines; run `npm run docs:machines` and commit the result.',
      },
    ];
    // The checks are independent: run them side by side, then show each one's output in order.
    const results = await Promise.all(checks.map((check) => capture(check.command, check.args)));
    const failed = [];
    checks.forEach((check, i) => {
      const shown = check.command === process.execPath ? 'node' : relative(root, check.command);
      console.log(paint('2', `$ ${[shown, ...check.args].join(' ')}`));
      process.stdout.write(results[i].output);
      if (results[i].code !== 0) {
        failed.push(check.name);
        console.error(paint('31', `✖ ${check.failure}`));
      }
    });
    if (failed.length)
      return { ok: false, passed: 0, failed: failed.length, note: `failed: ${failed.join(', ')}` };
    console.log('Lint, Lit templates, formatting and state-chart diagrams are clean.');
    return { ok: true, passed: 0, failed: 0, note: `${checks.length} checks` };
  },

  async unit(extra) {
    const files = findFiles('test/unit', '.test.ts');
    if (files.length === 0) {
      console.error('No unit tests found (test/unit/**/*.test.ts).');
      return { ok: false, passed: 0, failed: 0, note: 'no test files' };
    }
    const { code, output } = await run(process.execPath, [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      ...extra,
      ...files,
    ]);
    const passed = lastMatch(output, /^\S*\s*pass (\d+)\s*$/gm);
    // A test cancelled (a file that did not load, a timeout) is a failure too.
    const failed =
      (lastMatch(output, /^\S*\s*fail (\d+)\s*$/gm) ?? 0) +
      (lastMatch(output, /^\S*\s*cancelled (\d+)\s*$/gm) ?? 0);
    return { ok: code === 0, passed: passed ?? 0, failed, note: `${files.length} files` };
  },

  async components(extra) {
    const files = findFiles('test/components', '.test.ts');
    if (files.length === 0) {
      console.error('No component tests found (test/components/**/*.test.ts).');
      return { ok: false, passed: 0, failed: 0, note: 'no test files' };
    }
    const { code, output } = await run(bin('web-test-runner'), [
      '--config',
      'web-test-runner.config.mjs',
      ...extra,
    ]);
    const re = /(\d+) passed, (\d+) failed/g;
    const all = [...output.matchAll(re)];
    const last = all.at(-1);
    return {
      ok: code === 0,
      passed: last ? Number(last[1]) : 0,
      failed: last ? Number(last[2]) : 0,
      note: `${files.length} files`,
    };
  },

  async e2e(extra) {
    const files = findFiles('test/e2e', '.spec.ts');
    if (files.length === 0) {
      console.error('No end-to-end tests found (test/e2e/**/*.spec.ts).');
      return { ok: false, passed: 0, failed: 0, note: 'no test files' };
    }
    const { code, output } = await run(bin('playwright'), ['test', ...extra]);
    const passed =
      (lastMatch(output, /^\s*(\d+) passed\b/gm) ?? 0) + (lastMatch(output, /^\s*(\d+) flaky\b/gm) ?? 0);
    const failed =
      (lastMatch(output, /^\s*(\d+) failed\b/gm) ?? 0) +
      (lastMatch(output, /^\s*(\d+) interrupted\b/gm) ?? 0);
    return { ok: code === 0, passed, failed, note: `${files.length} files` };
  },
};

/** The engine matrix (test/wpe): Chromium always; WPE WebKit when found or installable (root + apt). */
stageRunners.wpe = async function wpe(extra) {
  const files = findFiles('test/wpe', '.test.ts');
  const found = findWpe({ log: (line) => console.log(line) });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (found.ok) console.log(`WPE WebKit: ${found.driver} + ${found.browser.binary}`);
  else {
    const bar = '!'.repeat(100);
    console.error(
      paint('31', `${bar}\n!!! WPE WebKit half of the engine matrix SKIPPED: ${found.reason}\n${bar}`),
    );
  }
  const { code, output } = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files],
    // As root the packages can be installed, so a missing WPE is a failure there (CI), not a skip.
    isRoot ? { WPE_REQUIRED: '1' } : {},
  );
  const passed = lastMatch(output, /^\S*\s*pass (\d+)\s*$/gm) ?? 0;
  const failed =
    (lastMatch(output, /^\S*\s*fail (\d+)\s*$/gm) ?? 0) +
    (lastMatch(output, /^\S*\s*cancelled (\d+)\s*$/gm) ?? 0);
  const note = found.ok ? `chromium + wpe` : 'chromium only (WPE skipped)';
  return { ok: code === 0, passed, failed, note };
};

/** Model-based screen flows: plan them from the machines, then run them (and the coverage check). */
stageRunners.flows = async function flows(extra) {
  const planned = await run(process.execPath, ['--import', 'tsx', 'test/flows/plan.ts']);
  if (planned.code !== 0) return { ok: false, passed: 0, failed: 1, note: 'planning failed' };
  const { code, output } = await run(bin('playwright'), [
    'test',
    '-c',
    'playwright.flows.config.ts',
    ...extra,
  ]);
  const passed = lastMatch(output, /^\s*(\d+) passed\b/gm) ?? 0;
  const failed =
    (lastMatch(output, /^\s*(\d+) failed\b/gm) ?? 0) +
    (lastMatch(output, /^\s*(\d+) interrupted\b/gm) ?? 0) +
    (lastMatch(output, /^\s*(\d+) did not run\b/gm) ?? 0);
  return { ok: code === 0, passed, failed, note: 'model-based' };
};

async function main() {
  const args = process.argv.slice(2);
  const picked = args.filter((a) => STAGES.includes(a));
  const extra = args.filter((a) => !STAGES.includes(a));
  let stages = picked.length ? picked : STAGES;
  if (stages.some((s) => NEEDS_CHROMIUM.has(s)) && !stages.includes('chromium'))
    stages = ['chromium', ...stages];
  stages = STAGES.filter((s) => stages.includes(s));
  const testStages = stages.filter((s) => !CHECK_STAGES.has(s));
  if (extra.length && testStages.length !== 1) {
    console.error(
      `Extra arguments (${extra.join(' ')}) need exactly one test stage: unit, components or e2e.`,
    );
    process.exit(2);
  }

  const results = [];
  for (const stage of stages) {
    banner(stage);
    const started = Date.now();
    const result = await stageRunners[stage](extra);
    // A failed stage with no failing test counted (type errors, a crash, no browser) is one failure.
    if (!result.ok && result.failed === 0) result.failed = 1;
    results.push({ stage, seconds: (Date.now() - started) / 1000, ...result });
    if (!result.ok) break;
  }

  banner('summary');
  for (const r of results) {
    const mark = r.ok ? paint('32', 'ok  ') : paint('31', 'FAIL');
    const counts = CHECK_STAGES.has(r.stage) ? '' : `${r.passed} passed, ${r.failed} failed`;
    console.log(
      `${mark} ${r.stage.padEnd(11)} ${counts.padEnd(24)} ${r.note.padEnd(22)} ${r.seconds.toFixed(1)}s`,
    );
  }
  for (const skipped of stages.slice(results.length))
    console.log(`skip ${skipped.padEnd(11)} (not run: an earlier stage failed)`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const ok = results.length === stages.length && results.every((r) => r.ok);
  console.log('');
  // CI reads this plain line; keep it exactly `N passed, M failed` and last.
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
