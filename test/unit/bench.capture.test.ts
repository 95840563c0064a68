/**
 * The fair baselines' build step (bench/lib/capture.mjs), without a browser: the patches the raw
 * page applies turn one captured screen into the next exactly, the serialised HTML keeps shadow roots
 * and styles, and the React page's data shares what the screens share. (The bench itself checks the
 * real pages against the HMI in Chromium on every run: `verifyBaselines`.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error -- plain JavaScript module of the bench, no declarations
import * as capture from '../../bench/lib/capture.mjs';

type Tree = { t: string; v?: string; a?: [string, string][]; c?: Tree[]; ns?: string; s?: Shadow };
type Shadow = { mode: string; df: boolean; css: string[]; c: Tree[] };
type Op =
  | { op: 'text'; path: number[]; value: string }
  | { op: 'attr'; path: number[]; name: string; value: string | null }
  | { op: 'replace'; path: number[]; node: Tree }
  | { op: 'splice'; path: number[]; start: number; remove: number; nodes: Tree[] };

/** A DOM-like copy of a tree: a shadow root with styles starts with a `<style>` node, as in the raw page. */
type Dom = { t: string; v?: string; a?: Map<string, string>; c: Dom[]; shadow?: Dom };
function dom(tree: Tree): Dom {
  if (tree.t === '#text') return { t: '#text', v: tree.v!, c: [] };
  const out: Dom = { t: tree.t, a: new Map(tree.a), c: (tree.c ?? []).map(dom) };
  if (tree.s)
    out.shadow = {
      t: '#shadow',
      c: [
        ...(tree.s.css.length ? [{ t: 'style', v: tree.s.css.join('\n'), c: [] }] : []),
        ...tree.s.c.map(dom),
      ],
    };
  return out;
}
const plain = (d: Dom): unknown => ({
  t: d.t,
  v: d.v,
  a: d.a ? [...d.a].sort() : undefined,
  c: d.c.map(plain),
  shadow: d.shadow ? plain(d.shadow) : undefined,
});

/** What bench/baselines/raw-dom/main.ts does, on the model. */
function apply(start: Dom, ops: Op[]): Dom {
  let root = start;
  const parentOf = (path: number[]) => {
    let node = root;
    for (const step of path.slice(0, -1)) node = step === -1 ? node.shadow! : node.c[step]!;
    return node;
  };
  const at = (path: number[]) => {
    let node = root;
    for (const step of path) node = step === -1 ? node.shadow! : node.c[step]!;
    return node;
  };
  for (const op of ops) {
    if (op.op === 'text') at(op.path).v = op.value;
    else if (op.op === 'attr') {
      const el = at(op.path);
      if (op.value === null) el.a!.delete(op.name);
      else el.a!.set(op.name, op.value);
    } else if (op.op === 'replace') {
      if (op.path.length === 0) root = dom(op.node);
      else parentOf(op.path).c[op.path.at(-1)!] = dom(op.node);
    } else {
      at(op.path).c.splice(op.start, op.remove, ...op.nodes.map(dom));
    }
  }
  return root;
}

const text = (v: string): Tree => ({ t: '#text', v });
const el = (t: string, a: [string, string][] = [], c: Tree[] = [], s?: Shadow): Tree => ({
  t,
  a,
  c,
  ...(s ? { s } : {}),
});
const shadow = (c: Tree[], css = [':host{display:block}']): Shadow => ({ mode: 'open', df: false, css, c });

/** A shell like `<sos-app>`: a bar with a heading, a main with one screen, live regions. */
function shell(screen: Tree, heading: string, live: Tree[], extra: Tree[] = []): Tree {
  return el(
    'sos-app',
    [['theme', 'night']],
    [],
    shadow([
      el('sos-status-bar', [['heading', heading]], [], shadow([el('h2', [], [text(heading)])])),
      text('\n'),
      el('main', [], [screen]),
      el('div', [['class', 'live']], live),
      ...extra,
    ]),
  );
}
const status = el('sos-status-screen', [], [], shadow([el('h1', [], [text('SOS ready')])]));
const call = el(
  'sos-active-call',
  [],
  [],
  shadow([
    el('h1', [], [text('Connecting…')]),
    el('sos-action-button', [['label', 'Call']], [], shadow([el('button', [], [text('Call')])], [])),
  ]),
);

const cases: [string, Tree, Tree][] = [
  [
    'screen swap, bar text, live text, a region added',
    shell(status, 'SOS', [text('ready')]),
    shell(call, 'Emergency call', [text('Connecting')], [el('div', [['role', 'log']])]),
  ],
  [
    'attribute removed and changed',
    el('x-a', [
      ['a', '1'],
      ['b', '2'],
    ]),
    el('x-a', [['b', '3']]),
  ],
  [
    'children inserted in the middle',
    el('ul', [], [el('li'), el('li')]),
    el('ul', [], [el('li'), el('p'), el('i'), el('li')]),
  ],
  ['text becomes an element', el('p', [], [text('a')]), el('p', [], [el('b', [], [text('a')])])],
  [
    'shadow styles change: the host is replaced',
    el('x-b', [], [], shadow([], ['a{}'])),
    el('x-b', [], [], shadow([], ['b{}'])),
  ],
  [
    'a shadow root without styles',
    el('x-c', [], [], shadow([text('1')], [])),
    el('x-c', [], [], shadow([text('2'), el('i')], [])),
  ],
];

for (const [name, a, b] of cases) {
  test(`diffTrees: ${name}`, () => {
    const model = apply(dom(a), capture.diffTrees(a, b) as Op[]);
    assert.deepEqual(plain(model), plain(dom(b)));
  });
}

test('diffTrees: the same screen needs no operation; a countdown tick only texts and attributes', () => {
  const a = shell(status, 'SOS', [text('ready')]);
  assert.deepEqual(capture.diffTrees(a, a), []);
  const tick = (s: number) =>
    shell(
      el(
        'sos-cancel-flow',
        [['remaining', String(s)]],
        [],
        shadow([el('h1', [], [text(`Emergency call in ${s} s`)])]),
      ),
      'SOS',
      [],
    );
  const ops = capture.diffTrees(tick(10), tick(9)) as Op[];
  assert.deepEqual(
    ops.map((o) => o.op),
    ['attr', 'text'],
  );
});

test('toHtml: declarative, clonable shadow roots with their styles inlined, text and attributes escaped', () => {
  const html = capture.toHtml(
    el(
      'x-a',
      [
        ['title', 'a "b" & c'],
        ['hidden', ''],
      ],
      [text('1 < 2')],
      shadow([el('style', [], [text('a>b{}')])], ['p{color:red}</style>']),
    ),
  );
  assert.equal(
    html,
    '<x-a title="a &quot;b&quot; &amp; c" hidden><template shadowrootmode="open" shadowrootclonable>' +
      '<style>p{color:red}<\\/style></style><style>a>b{}</style></template>1 &lt; 2</x-a>',
  );
});

test('rawPage and reactData: a patch for every timed transition, shared subtrees once', () => {
  const states: Record<string, Tree> = {};
  for (const name of capture.STATE_NAMES as string[]) {
    const screen = name.startsWith('cancel')
      ? el('sos-cancel-flow', [['remaining', name.slice(7)]], [], shadow([el('h1', [], [text(name)])]))
      : name === 'call'
        ? call
        : status;
    states[name] = shell(screen, name === 'ready' || name === 'malfunction' ? 'SOS' : 'Emergency call', [
      text(name),
    ]);
  }
  const captured = { states, doc: { htmlAttrs: [['lang', 'en']], css: [':root{--x:1}'] } };
  const raw = capture.rawPage(captured, 'raw');
  for (const [from, to] of capture.TRANSITIONS as [string, string][])
    assert.ok(raw.patches[`${from}>${to}`], `${from}>${to}`);
  assert.match(raw.html, /^<!doctype html>\n<html lang="en">/);
  assert.match(raw.html, /<style>:root\{--x:1\}<\/style>/);
  const ids = [...raw.html.matchAll(/<template id="t(\d+)">/g)].map((m) => Number(m[1]));
  for (const ops of Object.values(raw.patches) as { template?: number | null }[][])
    for (const op of ops) if (typeof op.template === 'number') assert.ok(ids.includes(op.template));

  const react = capture.reactData(captured);
  // The status screen is the same subtree in "ready" and "malfunction": one node.
  const statusNodes = react.nodes.filter((n: unknown) => Array.isArray(n) && n[0] === 'sos-status-screen');
  assert.equal(statusNodes.length, 1);
  react.nodes.forEach((n: unknown, i: number) => {
    if (!Array.isArray(n)) return;
    for (const c of [...n[2], ...(n[3]?.c ?? [])]) assert.ok(c < i, 'children come before their parent');
  });
  assert.deepEqual(react.sheets, [':host{display:block}']);
});

test('focusPath: both pages find the element the HMI had focused; the raw path counts the inlined <style>', () => {
  const button = { ...el('button', [], [text('Call')]), f: true } as Tree;
  const screen = el(
    'sos-active-call',
    [],
    [],
    shadow([el('h1', [], [text('Connecting…')]), el('sos-action-button', [], [], shadow([button], []))]),
  );
  const tree = shell(screen, 'Emergency call', []);
  // sos-app ▸ shadow: [style?] bar, text, main ▸ screen ▸ shadow: [style?] h1, action ▸ shadow (no styles): button
  assert.deepEqual(capture.focusPath(tree, true), [-1, 3, 0, -1, 2, -1, 0]);
  assert.deepEqual(capture.focusPath(tree, false), [-1, 2, 0, -1, 1, -1, 0]);
  // The raw path leads to the button in the page's own DOM model (styles first in shadow roots).
  let node = dom(tree);
  for (const step of capture.focusPath(tree, true) as number[])
    node = step === -1 ? node.shadow! : node.c[step]!;
  assert.equal(node.t, 'button');
  assert.equal(capture.focusPath(shell(status, 'SOS', []), true), null);

  const states: Record<string, Tree> = {};
  for (const name of capture.STATE_NAMES as string[])
    states[name] = name === 'call' ? tree : shell(status, 'SOS', []);
  const captured = { states, doc: { htmlAttrs: [], css: [] } };
  assert.deepEqual(capture.rawPage(captured, 'raw').focus.call, [-1, 3, 0, -1, 2, -1, 0]);
  assert.equal(capture.rawPage(captured, 'raw').focus.ready, null);
  assert.deepEqual(capture.reactData(captured).focus.call, [-1, 2, 0, -1, 1, -1, 0]);
});
