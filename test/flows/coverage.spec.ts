/**
 * Runs after the flows: the transitions and states the pages really took (their traces), against
 * every state node and transition definition of every machine. Prints the coverage table and fails
 * on anything unreached.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { coverageTable, type Coverage } from './coverage.js';
import { UNREACHABLE, type Plan } from './plan.js';

const here = dirname(fileURLToPath(import.meta.url));
const FLOWS_DIR = join(here, '..', '..', '.tmp', 'flows');

test('every state and transition of every machine is reached in Chromium', () => {
  const plan = JSON.parse(readFileSync(join(FLOWS_DIR, 'plan.json'), 'utf8')) as Plan;
  const dir = join(FLOWS_DIR, 'reached');
  const reached = new Set<string>();
  const ran = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.startsWith(`${plan.hash}-`) && f.endsWith('.json'))
    : [];
  for (const file of ran)
    for (const key of JSON.parse(readFileSync(join(dir, file), 'utf8')) as string[]) reached.add(key);
  const coverage: Coverage = {};
  for (const [machine, c] of Object.entries(plan.coverage)) {
    coverage[machine] = {
      states: c.states.map((s) => ({ key: s.key, reached: reached.has(s.key) })),
      transitions: c.transitions.map((t) => ({ key: t.key, reached: reached.has(t.key) })),
    };
  }
  const { table, missing: all } = coverageTable(coverage);
  const missing = all.filter((k) => !(k in UNREACHABLE));
  const excused = all
    .filter((k) => k in UNREACHABLE)
    .map((k) => `  unreachable by design: ${k} — ${UNREACHABLE[k]}\n`)
    .join('');
  const report = `Coverage in Chromium (${ran.length} of ${plan.flows.length} flows ran):\n${table}\n${excused}`;
  console.log(`\n${report}`);
  writeFileSync(
    join(FLOWS_DIR, 'coverage.txt'),
    `${report}${missing.length ? `unreached:\n  ${missing.join('\n  ')}\n` : ''}`,
  );
  expect(ran.length, 'every planned flow ran and passed').toBe(plan.flows.length);
  expect(missing, 'states and transitions no flow reached in the page').toEqual([]);
});
