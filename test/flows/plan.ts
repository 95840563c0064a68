/**
 * Plans the screen flows: takes the written-out flows (`SEED_FLOWS`), explores the model
 * (`xstate/graph` adjacency map, breadth first, so every flow is a shortest one), then picks
 * explored flows until every machine state and transition the model reaches is covered (greedy set
 * cover), and writes them with what each step must show to
 * `.tmp/flows/plan.json` for the Playwright suite. Prints the model's coverage table and
 * exits non-zero if the model leaves any state or transition unreached.
 *
 *   tsx test/flows/plan.ts            (cached by a hash of src/ and test/flows/)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverageTable, type Coverage } from './coverage.js';
import {
  allKeys,
  BOOT_MS,
  describeEvent,
  flowModel,
  MACHINES,
  replay,
  SEED_FLOWS,
  VARIANTS,
  variantQuery,
  type FlowEvent,
  type FlowState,
  type Focus,
  type StepExpectation,
} from './model.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PLAN_FILE = join(root, '.tmp', 'flows', 'plan.json');

export interface PlannedFlow {
  readonly id: string;
  readonly title: string;
  readonly variant: string;
  readonly query: string;
  readonly events: readonly FlowEvent[];
  /** What the page shows before the first step. */
  readonly initial: StepExpectation;
  readonly steps: readonly StepExpectation[];
  /** Simulated ms from opening the page to the first step. */
  readonly bootMs: number;
  /** `<machine>#<key>` the model says this flow covers (the page's trace must show them too). */
  readonly covers: readonly string[];
}

export interface Plan {
  readonly hash: string;
  readonly flows: readonly PlannedFlow[];
  readonly coverage: Coverage;
}

/**
 * Transitions no page can take, with why. Reviewed, printed with the coverage table, never hidden:
 * anything unreached that is not here fails the run.
 */
export const UNREACHABLE: Readonly<Record<string, string>> = {
  'status#status.unknown|bridge.ignition|0':
    'an ignition signal while the vehicle link is lost: both bridges drop every message while their link is down, so no page can deliver one; the machine still refuses it (defence in depth, test/unit/machines.status.test.ts "shows unknown when the link to the vehicle is lost")',
};

/** Breadth-first depth per exploration: deep enough for every state, small enough for CI. */
const EXPLORATIONS: readonly { variant: string; focus: Focus; depth: number }[] = [
  { variant: 'default', focus: 'call', depth: 4 },
  { variant: 'default', focus: 'status', depth: 3 },
  { variant: 'no-cancel-window', focus: 'call', depth: 3 },
  { variant: 'hold-to-trigger', focus: 'call', depth: 3 },
  { variant: 'hold-no-window', focus: 'call', depth: 2 },
];

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(name)) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ['src/machines', 'src/sim', 'src/bridge', 'src/app']) walk(join(root, dir));
  for (const file of ['model.ts', 'expectations.ts', 'plan.ts'])
    hash.update(file).update(readFileSync(join(root, 'test', 'flows', file)));
  return hash.digest('hex').slice(0, 16);
}

export function keysOf(machineId: string): { states: string[]; transitions: string[] } {
  return allKeys(machineId);
}

function explore(): Array<{ state: FlowState }> {
  const candidates: Array<{ state: FlowState }> = [];
  for (const { variant: name, focus, depth } of EXPLORATIONS) {
    const variant = VARIANTS.find((v) => v.name === name)!;
    const started = Date.now();
    const model = flowModel(variant, focus, depth);
    const adjacency = model.getAdjacencyMap();
    let edges = 0;
    for (const vertex of Object.values(adjacency)) {
      const from = (vertex.state as unknown as { context: FlowState }).context;
      if (from.events.length >= depth) continue;
      for (const edge of Object.values(vertex.transitions) as Array<{ state: unknown }>) {
        edges++;
        candidates.push({ state: (edge.state as unknown as { context: FlowState }).context });
      }
    }
    console.log(
      `explored ${name}/${focus}: ${Object.keys(adjacency).length} states, ${edges} edges in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return candidates;
}

/**
 * Greedy set cover: the flow covering most keys not yet `covered` first (shorter flows win ties),
 * until nothing new is left to gain.
 */
function choose(
  candidates: Array<{ state: FlowState }>,
  wanted: Set<string>,
  covered: Set<string>,
): FlowState[] {
  const chosen: FlowState[] = [];
  for (;;) {
    let best: FlowState | null = null;
    let bestScore = 0;
    for (const { state } of candidates) {
      let gain = 0;
      for (const key of state.covered) if (wanted.has(key) && !covered.has(key)) gain++;
      if (gain === 0) continue;
      const score = gain / (4 + state.events.length);
      if (score > bestScore) {
        bestScore = score;
        best = state;
      }
    }
    if (!best) return chosen;
    chosen.push(best);
    for (const key of best.covered) covered.add(key);
  }
}

export function buildPlan(): Plan {
  const hash = sourceHash();
  if (existsSync(PLAN_FILE)) {
    const cached = JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as Plan;
    if (cached.hash === hash) return cached;
  }
  const wanted = new Set<string>();
  for (const id of Object.keys(MACHINES)) {
    const { states, transitions } = keysOf(id);
    for (const k of [...states, ...transitions]) wanted.add(k);
  }
  const seeds = SEED_FLOWS.map((seed) => {
    const variant = VARIANTS.find((v) => v.name === seed.variant)!;
    const { state, unitPhase, covered } = replay(variant, seed.events, false);
    return { state: { ...seedState(variant, state, unitPhase), events: seed.events, covered } };
  });
  // The written-out flows always run (each is a behaviour worth seeing in the page); generated ones
  // are added for whatever they leave unreached.
  const chosen = [
    ...seeds.map((s) => s.state),
    ...choose(explore(), wanted, new Set(seeds.flatMap((s) => s.state.covered))),
  ];
  const flows = chosen.map((s, i): PlannedFlow => {
    const variant = s.variant;
    const { initial, steps, covered } = replay(variant, s.events);
    return {
      id: `flow-${String(i + 1).padStart(2, '0')}`,
      title: `${variant.name}: ${s.events.map(describeEvent).join(' → ') || 'boot'}`,
      variant: variant.name,
      query: variantQuery(variant),
      events: s.events,
      initial,
      steps,
      bootMs: variant.bootMs ?? BOOT_MS,
      covers: covered,
    };
  });
  const coverage: Coverage = {};
  const reached = new Set(flows.flatMap((f) => f.covers));
  for (const id of Object.keys(MACHINES)) {
    const { states, transitions } = keysOf(id);
    coverage[id] = {
      states: states.map((k) => ({ key: k, reached: reached.has(k) })),
      transitions: transitions.map((k) => ({ key: k, reached: reached.has(k) })),
    };
  }
  const plan: Plan = { hash, flows, coverage };
  mkdirSync(dirname(PLAN_FILE), { recursive: true });
  writeFileSync(PLAN_FILE, JSON.stringify(plan));
  return plan;
}

function seedState(
  variant: FlowState['variant'],
  state: FlowState['state'],
  unitPhase: FlowState['unitPhase'],
): FlowState {
  return {
    variant,
    focus: 'call',
    events: [],
    state,
    unitPhase,
    held: false,
    faults: [],
    link: variant.link ?? 'connected',
    covered: [],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  // Each run proves its own coverage: traces of earlier runs are dropped.
  rmSync(join(dirname(PLAN_FILE), 'reached'), { recursive: true, force: true });
  const plan = buildPlan();
  console.log(`\n${plan.flows.length} flows planned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log('\nModel coverage (what the planned flows reach in the machines):');
  const { table, missing: all } = coverageTable(plan.coverage);
  console.log(table);
  for (const key of all.filter((k) => k in UNREACHABLE))
    console.log(`  unreachable by design: ${key} — ${UNREACHABLE[key]}`);
  const missing = all.filter((k) => !(k in UNREACHABLE));
  if (missing.length) {
    console.log(`\nNot reached by any planned flow:\n  ${missing.join('\n  ')}`);
    process.exitCode = 1;
  }
}
