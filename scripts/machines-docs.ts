/**
 * `npm run docs:machines`: writes a Mermaid `stateDiagram-v2` of every machine exported from
 * src/machines into docs/machines/<machineName>.md, generated from the machine definitions
 * themselves (states, nested states, transitions with events and guards, delays, `always`).
 * `--check` writes nothing and fails when a committed diagram differs from the code.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { DEFAULT_CONFIG } from '../src/machines/config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MACHINES_DIR = join(root, 'src', 'machines');
export const DOCS_DIR = join(root, 'docs', 'machines');

/** A machine found in src/machines: its export name, source file and module description. */
interface FoundMachine {
  readonly name: string;
  readonly file: string;
  readonly machine: AnyStateMachine;
  readonly description: string;
}

/** The shape of a transition definition as the generator reads it (xstate's own type is wider). */
interface TransitionLike {
  readonly eventType: string;
  readonly guard?: unknown;
  readonly target?: readonly AnyStateNode[] | undefined;
  readonly actions: readonly unknown[];
  readonly delay?: string | number;
}

function isMachine(value: unknown): value is AnyStateMachine {
  return (
    typeof value === 'object' &&
    value !== null &&
    'root' in value &&
    'implementations' in value &&
    typeof (value as { transition?: unknown }).transition === 'function'
  );
}

/** The first JSDoc block of a file, as one line of prose. */
function moduleDescription(source: string): string {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match?.[1]) return '';
  return match[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter(Boolean)
    .join(' ');
}

/** Every machine exported from src/machines/*.ts, sorted by name. */
export async function findMachines(): Promise<FoundMachine[]> {
  const found: FoundMachine[] = [];
  for (const entry of readdirSync(MACHINES_DIR).sort()) {
    if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue;
    const path = join(MACHINES_DIR, entry);
    const source = readFileSync(path, 'utf8');
    if (!source.includes('createMachine')) continue;
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (isMachine(value))
        found.push({
          name,
          file: relative(root, path),
          machine: value,
          description: moduleDescription(source),
        });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** 1500 → "1.5 s", 120000 → "2 min", 3600000 → "1 h". */
export function formatMs(ms: number): string {
  const trim = (n: number) => String(Number(n.toFixed(2)));
  if (ms >= 3_600_000 && ms % 60_000 === 0) return `${trim(ms / 3_600_000)} h`;
  if (ms >= 60_000 && ms % 1000 === 0) return `${trim(ms / 60_000)} min`;
  if (ms >= 1000) return `${trim(ms / 1000)} s`;
  return `${ms} ms`;
}

/**
 * "cancelWindowMs (10 s)": a named delay evaluated against DEFAULT_CONFIG, naming the config key it
 * reads; a fixed delay shows its name and value; an inline number shows the value only.
 */
function delayLabel(machine: AnyStateMachine, delay: string | number): string {
  if (typeof delay === 'number') return formatMs(delay);
  const impl = (machine.implementations.delays as Record<string, unknown>)[delay];
  if (typeof impl === 'number') return `${delay} (${formatMs(impl)})`;
  if (typeof impl !== 'function') return delay;
  const read: string[] = [];
  const config = new Proxy(DEFAULT_CONFIG, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.push(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  try {
    const value: unknown = (impl as (args: unknown) => unknown)({ context: { config }, event: { type: '' } });
    const key = read.length === 1 ? read[0] : delay;
    return typeof value === 'number' ? `${key} (${formatMs(value)})` : delay;
  } catch {
    return delay;
  }
}

/** Guard name with its params: `levelIs(ready)`, `progressIs(dropped, failed)`, `a and b`. */
export function guardLabel(guard: unknown): string {
  if (guard === undefined || guard === null) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const combined = (guard as { guards?: unknown[] }).guards;
    const name = guard.name;
    const stateValue = (guard as { stateValue?: unknown }).stateValue;
    // `stateIn('#call.screen.active')` reads as `in screen.active`.
    if (typeof stateValue === 'string') return `in ${stateValue.replace(/^#[^.]+\./, '')}`;
    if (Array.isArray(combined)) {
      // Nested combinations keep their grouping: `a and (b or c)`.
      const parts = combined.map((g) => {
        const label = guardLabel(g);
        return typeof g === 'function' && Array.isArray((g as { guards?: unknown[] }).guards)
          ? `(${label})`
          : label;
      });
      if (name === 'not') return `not ${parts.join(', ')}`;
      return parts.join(` ${name} `);
    }
    return name && name !== 'guard' ? name : 'inline guard';
  }
  if (typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: unknown; params?: unknown };
    const name = guardLabel(type);
    if (params === undefined) return name;
    const values = typeof params === 'object' && params !== null ? Object.values(params) : [params];
    const flat = values.flatMap((v: unknown) => (Array.isArray(v) ? v : [v])).map((v) => String(v));
    return `${name}(${flat.join(', ')})`;
  }
  return 'guard';
}

/** Action names, for the table of transitions that stay in their state. */
function actionLabel(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'object' && action !== null && 'type' in action) {
    return String((action as { type: unknown }).type);
  }
  if (typeof action === 'function') {
    const type = (action as { type?: unknown }).type;
    if (typeof type === 'string') return type.replace(/^xstate\./, '');
    return action.name || 'inline';
  }
  return 'action';
}

const RESERVED = new Set(['end', 'state', 'note', 'class', 'classDef', 'direction', 'style', 'default']);

/** Mermaid ids are global to a diagram: a key used twice gets its path as id. */
function stateIds(machine: AnyStateMachine): Map<AnyStateNode, string> {
  const all: AnyStateNode[] = [];
  const walk = (node: AnyStateNode) => {
    for (const child of Object.values(node.states)) {
      all.push(child);
      walk(child);
    }
  };
  walk(machine.root);
  const count = new Map<string, number>();
  for (const node of all) count.set(node.key, (count.get(node.key) ?? 0) + 1);
  const ids = new Map<AnyStateNode, string>();
  for (const node of all) {
    let id = count.get(node.key) === 1 ? node.key : node.path.join('_');
    id = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (RESERVED.has(id)) id = `${id}_`;
    ids.set(node, id);
  }
  return ids;
}

/** Transitions of a node: event transitions (without the internal `xstate.after.*`), then delays, then `always`. */
function transitionsOf(node: AnyStateNode): { kind: 'event' | 'after' | 'always'; t: TransitionLike }[] {
  const out: { kind: 'event' | 'after' | 'always'; t: TransitionLike }[] = [];
  for (const [eventType, list] of node.transitions) {
    if (eventType.startsWith('xstate.after.')) continue;
    for (const t of list as readonly TransitionLike[]) out.push({ kind: 'event', t });
  }
  for (const t of node.after as readonly TransitionLike[]) out.push({ kind: 'after', t });
  for (const t of (node.always ?? []) as readonly TransitionLike[]) out.push({ kind: 'always', t });
  return out;
}

function transitionLabel(
  machine: AnyStateMachine,
  kind: 'event' | 'after' | 'always',
  t: TransitionLike,
): string {
  const trigger =
    kind === 'after'
      ? `after ${delayLabel(machine, t.delay ?? '')}`
      : kind === 'always'
        ? 'always'
        : t.eventType === '*'
          ? 'any event'
          : t.eventType;
  const guard = guardLabel(t.guard);
  return guard ? `${trigger} [${guard}]` : trigger;
}

/** Nearest common ancestor of two nodes (the scope an edge between them is written in). */
function commonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  const chain = new Set<AnyStateNode>();
  for (let n: AnyStateNode | undefined = a.parent; n; n = n.parent) chain.add(n);
  for (let n: AnyStateNode | undefined = b.parent; n; n = n.parent) if (chain.has(n)) return n;
  return a.machine.root;
}

interface StayingTransition {
  readonly state: string;
  readonly label: string;
  readonly actions: string;
}

/** Renders one machine as a Mermaid stateDiagram-v2 plus the list of transitions that stay put. */
export function renderDiagram(machine: AnyStateMachine): { mermaid: string; staying: StayingTransition[] } {
  const ids = stateIds(machine);
  const idOf = (node: AnyStateNode) => (node === machine.root ? '[*]' : ids.get(node)!);
  const edges = new Map<AnyStateNode, string[]>();
  const staying: StayingTransition[] = [];
  let usesAnyState = false;

  const visit = (node: AnyStateNode) => {
    for (const { kind, t } of transitionsOf(node)) {
      const label = transitionLabel(machine, kind, t);
      const targets = t.target ?? [];
      if (targets.length === 0) {
        staying.push({
          state: node === machine.root ? '(any state)' : node.path.join('.'),
          label,
          actions: t.actions.map(actionLabel).join(', '),
        });
        continue;
      }
      for (const target of targets) {
        const from = node === machine.root ? 'any_state' : idOf(node);
        if (node === machine.root) usesAnyState = true;
        const scope = node === machine.root ? machine.root : commonAncestor(node, target);
        const list = edges.get(scope) ?? [];
        list.push(`${from} --> ${idOf(target)} : ${label}`);
        edges.set(scope, list);
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);

  const lines: string[] = ['stateDiagram-v2'];
  const body = (node: AnyStateNode, indent: string) => {
    const children = Object.values(node.states);
    const initial = (node.initial?.target ?? []) as readonly AnyStateNode[];
    for (const target of initial) lines.push(`${indent}[*] --> ${idOf(target)}`);
    children.forEach((child, index) => {
      if (node.type === 'parallel' && index > 0) lines.push(`${indent}--`);
      const id = idOf(child);
      if (Object.keys(child.states).length > 0) {
        lines.push(`${indent}state ${id} {`);
        body(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else if (id !== child.key) {
        lines.push(`${indent}state "${child.key}" as ${id}`);
      } else {
        lines.push(`${indent}${id}`);
      }
      if (child.type === 'final') lines.push(`${indent}${id} --> [*]`);
    });
    for (const edge of edges.get(node) ?? []) lines.push(`${indent}${edge}`);
  };
  if (usesAnyState) lines.push('  state "any state" as any_state');
  // A machine without states (context and events only) is drawn as its one implicit state.
  if (Object.keys(machine.root.states).length === 0)
    lines.push(`  state "${machine.id} (no child states)" as machine_root`, '  [*] --> machine_root');
  body(machine.root, '  ');
  return { mermaid: lines.join('\n'), staying };
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown page of one machine. */
export function renderPage(found: FoundMachine): string {
  const { machine } = found;
  const { mermaid, staying } = renderDiagram(machine);
  const invoked = [machine.root, ...allNodes(machine.root)].flatMap((node) =>
    node.invoke.map((inv) => {
      const src = typeof inv.src === 'string' ? inv.src : inv.id;
      const where = node === machine.root ? 'the whole machine' : `\`${node.path.join('.')}\``;
      return `- \`${src}\`${inv.systemId ? ` (system id \`${inv.systemId}\`)` : ''}, while in ${where}`;
    }),
  );
  const parts = [
    `# ${found.name}`,
    '',
    '<!-- Generated by `npm run docs:machines` from the machine definition; do not edit by hand. -->',
    '',
    found.description,
    '',
    `Source: [\`${found.file}\`](../../${found.file}) · machine id \`${machine.id}\``,
    '',
    '```mermaid',
    mermaid,
    '```',
    '',
    '**Legend.** `[*]` marks the initial state of the machine or of a composite state. An arrow is',
    'labelled with the event that takes it, then its guard in `[brackets]` (guards by the name they',
    'have in `setup()`, with their parameters). `after name (value)` is a delayed transition: the',
    'delay and its default from `DEFAULT_CONFIG`. `always` is taken as soon as its guard holds. Guards of',
    'one event are tried top to bottom. Timers raised by actions (clocks, stale timers) are events here.',
    '',
  ];
  if (invoked.length) parts.push('## Invoked machines', '', ...invoked, '');
  if (staying.length) {
    parts.push(
      '## Events handled without a change of state',
      '',
      '| state | event [guard] | actions |',
      '| --- | --- | --- |',
      ...staying.map(
        (s) =>
          `| \`${s.state}\` | ${escapeCell(s.label)} | ${s.actions ? escapeCell(s.actions) : '(none: the event is swallowed)'} |`,
      ),
      '',
    );
  }
  return parts.join('\n');
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...allNodes(child)]);
}

/** File name (in docs/machines) → content, for every machine. */
export async function renderAll(): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const found of await findMachines()) pages.set(`${found.name}.md`, renderPage(found));
  return pages;
}

/** Differences between the committed diagrams and fresh ones: stale, missing or orphaned files. */
export async function staleDiagrams(): Promise<string[]> {
  const pages = await renderAll();
  const problems: string[] = [];
  for (const [file, content] of pages) {
    const path = join(DOCS_DIR, file);
    if (!existsSync(path)) problems.push(`docs/machines/${file} is missing`);
    else if (readFileSync(path, 'utf8') !== content) problems.push(`docs/machines/${file} is out of date`);
  }
  if (existsSync(DOCS_DIR)) {
    for (const file of readdirSync(DOCS_DIR)) {
      if (file.endsWith('.md') && !pages.has(file))
        problems.push(`docs/machines/${file} has no machine any more`);
    }
  }
  return problems;
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const problems = await staleDiagrams();
    if (problems.length) {
      console.error(
        `State-chart diagrams are stale (rule: docs/machines is generated from src/machines):\n` +
          problems.map((p) => `  - ${p}`).join('\n') +
          '\nRun `npm run docs:machines` and commit the result.',
      );
      process.exit(1);
    }
    console.log('State-chart diagrams in docs/machines match the machines.');
    return;
  }
  const pages = await renderAll();
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const file of readdirSync(DOCS_DIR)) {
    if (file.endsWith('.md') && !pages.has(file)) unlinkSync(join(DOCS_DIR, file));
  }
  for (const [file, content] of pages) writeFileSync(join(DOCS_DIR, file), content);
  console.log(`Wrote ${pages.size} diagrams to docs/machines: ${[...pages.keys()].join(', ')}`);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
