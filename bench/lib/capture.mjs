/**
 * The fair baselines' screens, generated at bench time from the HMI itself (docs/performance.md,
 * "Baselines"). The production build is opened in Chromium, driven through the same simulator events
 * the bench measures (ready, the ring fault, a crash, an SOS press and the countdown seconds), and
 * after each the whole `<sos-app>` — every shadow root with the full text of its adopted stylesheets —
 * is serialised into a plain tree. From those trees this module makes:
 *   - declarative shadow DOM (`<template shadowrootmode="open" shadowrootclonable>`, styles inlined),
 *     which the raw-DOM page parses and clones;
 *   - the patches from one state to the next (text, attribute, replaced subtree), precomputed here,
 *     so the raw page does exactly what hand-written DOM code would do and nothing else;
 *   - the same trees as data for the React page, which renders them with React;
 *   - where each screen has rotary focus: both pages put it there as the HMI does, after the frame
 *     that shows the screen (a focused control is part of what the driver sees).
 * Nothing is checked in: a changed screen changes the baselines on the next run. `verifyBaselines`
 * then drives all three pages through the same events and compares what they show, focus included.
 */

/** Start of the simulated clock on every page the bench drives (a fixed status-bar clock). */
export const T0 = '2026-03-02T09:00';

/** The states a baseline can show: the captured HMI screens, by name. */
export const COUNTDOWN_FROM = 10;
export const STATE_NAMES = [
  'ready',
  'malfunction',
  'call',
  ...Array.from({ length: COUNTDOWN_FROM }, (_, i) => `cancel-${COUNTDOWN_FROM - i}`),
];

/**
 * Runs inside the page (self-contained: Playwright serialises it). Returns `<sos-app>` as a tree:
 *   text    { t: '#text', v }
 *   element { t: localName, a: [[name, value]…], s?: { mode, df, css: [sheet text…], c: [...] }, c: [...] }
 * Comments (Lit's part markers) and empty text nodes are dropped and adjacent text nodes merged —
 * exactly what parsing the serialised HTML gives back. Also the document's own styles and attributes.
 */
export async function serializeHmiInPage() {
  const sheetText = (sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\n');
  async function settle(root) {
    for (const el of root.querySelectorAll('*')) {
      if ('updateComplete' in el) await el.updateComplete;
      if (el.shadowRoot) await settle(el.shadowRoot);
    }
  }
  function children(node) {
    const out = [];
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (!child.data) continue;
        const last = out.at(-1);
        if (last?.t === '#text') last.v += child.data;
        else out.push({ t: '#text', v: child.data });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        out.push(element(child));
      }
    }
    return out;
  }
  // The element rotary focus is on (through shadow roots): the baselines hold focus where the HMI does.
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  function element(el) {
    const node = { t: el.localName, a: [...el.attributes].map((a) => [a.name, a.value]), c: children(el) };
    if (el === focused) node.f = true;
    if (el.namespaceURI === 'http://www.w3.org/2000/svg') node.ns = 'svg';
    const root = el.shadowRoot;
    if (root) {
      node.s = {
        mode: root.mode,
        df: root.delegatesFocus,
        css: root.adoptedStyleSheets.map(sheetText),
        c: children(root),
      };
    }
    return node;
  }
  const app = document.querySelector('sos-app');
  await app.updateComplete;
  await settle(app.shadowRoot);
  const html = document.documentElement;
  return {
    tree: element(app),
    doc: {
      htmlAttrs: [...html.attributes].map((a) => [a.name, a.value]),
      // Document styles in cascade order: <style> elements, then adopted sheets (the theme tokens).
      css: [
        ...[...document.styleSheets].filter((s) => s.ownerNode?.localName === 'style').map(sheetText),
        ...document.adoptedStyleSheets.map(sheetText),
      ],
    },
  };
}

/**
 * Runs inside the page: what the screen shows, for comparing pages — every element below `<sos-app>`
 * (through shadow roots, `<style>`/`<template>` left out) with its attributes, and every text.
 */
export function screenSignatureInPage() {
  const elements = [];
  const texts = [];
  // Adjacent texts count as one, whatever comments (Lit's markers) split them.
  let run = '';
  const flush = () => {
    const v = run.trim();
    if (v) texts.push(v);
    run = '';
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        run += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        flush();
        if (child.localName === 'style' || child.localName === 'template') continue;
        // A style attribute compares by what it declares (React writes it back in its own spelling).
        const attrs = [...child.attributes]
          .map((a) => (a.name === 'style' ? `style=${child.style.cssText}` : `${a.name}=${a.value}`))
          .filter((a) => a !== 'style=')
          .sort()
          .join(' ');
        elements.push(`${child.localName}[${attrs}]`);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
        flush();
      }
    }
    flush();
  };
  const app = document.querySelector('sos-app');
  if (!app) return null;
  elements.push('sos-app');
  if (app.shadowRoot) walk(app.shadowRoot);
  walk(app);
  // Where rotary focus is: each element's tag and index among its parent's elements (styles and
  // templates left out, as above), from `<sos-app>` down through shadow roots; null when outside.
  let focus = document.activeElement;
  while (focus?.shadowRoot?.activeElement) focus = focus.shadowRoot.activeElement;
  const steps = [];
  while (focus && focus !== app) {
    const parent = focus.parentNode;
    if (!parent) break;
    const siblings = [...parent.children].filter(
      (c) => c.localName !== 'style' && c.localName !== 'template',
    );
    steps.unshift(`${focus.localName}:${siblings.indexOf(focus)}`);
    focus =
      parent instanceof ShadowRoot ? parent.host : parent.nodeType === Node.ELEMENT_NODE ? parent : null;
  }
  return {
    elementCount: elements.length,
    elements,
    text: texts.join(' | '),
    focus: focus === app ? steps.join(' > ') : null,
  };
}

/**
 * Runs inside the page: resolves once where focus is has stayed the same over two frames (at least
 * three frames in all). The HMI moves focus in the task after the frame that shows a screen.
 */
export async function focusSettledInPage() {
  const next = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const where = () => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  };
  let last = undefined;
  for (let i = 0; i < 20; i++) {
    await next();
    const now = where();
    if (i >= 2 && now === last) return;
    last = now;
  }
}

const RING_FAULT = 'most-node-failure:satellite-radio';

/**
 * Drives the HMI through every state and returns `{ states: { name: tree }, signatures, doc }`.
 * `openHmi()` opens a fresh HMI page at "SOS ready" on the manual clock (with the bench probe).
 */
export async function captureHmiStates(openHmi) {
  const states = {};
  const signatures = {};
  let doc = null;
  const take = async (page, name) => {
    await page.evaluate(focusSettledInPage);
    const shot = await page.evaluate(serializeHmiInPage);
    signatures[name] ??= await page.evaluate(screenSignatureInPage);
    doc ??= shot.doc;
    if (name in states) {
      if (JSON.stringify(states[name]) !== JSON.stringify(shot.tree))
        throw new Error(`capture: the HMI's "${name}" screen differs between two fresh pages`);
    } else {
      states[name] = shot.tree;
    }
  };
  // One fresh page per event, so every state starts from the same "SOS ready" at the same clock.
  const groups = [
    async (page) => {
      await page.evaluate((f) => window.sosHmi.sim.inject(f), RING_FAULT);
      await page.waitForFunction(() => window.__bench.telltaleCrossed());
      await take(page, 'malfunction');
    },
    async (page) => {
      await page.evaluate(() => window.sosHmi.sim.crash({ severity: 3 }));
      await page.waitForFunction(() => window.__bench.heading() === 'Connecting…');
      await take(page, 'call');
    },
    async (page) => {
      await page.evaluate(() => window.sosHmi.sim.pressSos());
      for (let s = COUNTDOWN_FROM; s >= 1; s--) {
        await page.waitForFunction((want) => window.__bench.heading() === want, `Emergency call in ${s} s`);
        await take(page, `cancel-${s}`);
        if (s > 1) await page.evaluate(() => window.sosHmi.sim.advance(1000));
      }
    },
  ];
  for (const group of groups) {
    const { page, close } = await openHmi();
    try {
      await take(page, 'ready');
      await group(page);
    } finally {
      await close();
    }
  }
  return { states, signatures, doc };
}

/**
 * The check that the baselines show what the HMI shows: each page is driven through the same events
 * (fresh page per event, as in the capture) and after each its screen — every element with its
 * attributes, every text — must equal the HMI's. Throws on the first difference; returns per page the
 * states checked and the element count of each.
 */
export async function verifyBaselines(openPage, kinds, signatures) {
  const out = {};
  const compare = async (kind, page, name) => {
    await page.evaluate(focusSettledInPage);
    const got = await page.evaluate(screenSignatureInPage);
    const want = signatures[name];
    if (!got) throw new Error(`baseline ${kind}, "${name}": no <sos-app> on the page`);
    const at = got.elements.findIndex((e, i) => e !== want.elements[i]);
    if (at >= 0 || got.elements.length !== want.elements.length)
      throw new Error(
        `baseline ${kind}, "${name}": ${got.elementCount} elements, the HMI ${want.elementCount}; ` +
          `first difference at #${at}: ${got.elements[at] ?? '(none)'} ≠ HMI ${want.elements[at] ?? '(none)'}`,
      );
    if (got.text !== want.text)
      throw new Error(`baseline ${kind}, "${name}": text differs\n  page: ${got.text}\n  HMI:  ${want.text}`);
    if (got.focus !== want.focus)
      throw new Error(`baseline ${kind}, "${name}": focus on ${got.focus}, the HMI's on ${want.focus}`);
    out[kind].states[name] = got.elementCount;
  };
  for (const kind of kinds) {
    out[kind] = { match: false, states: {} };
    const groups = [
      async (page) => {
        await page.evaluate(() => window.__bench.measure('malfunction'));
        await compare(kind, page, 'malfunction');
      },
      async (page) => {
        await page.evaluate(() => window.__bench.measure('crash'));
        await compare(kind, page, 'call');
      },
      async (page) => {
        await page.evaluate(() => window.__bench.measure('press'));
        for (let s = COUNTDOWN_FROM; s >= 1; s--) {
          await page.waitForFunction((want) => window.__bench.heading() === want, `Emergency call in ${s} s`);
          await compare(kind, page, `cancel-${s}`);
          if (s > 1) await page.evaluate(() => window.__bench.advance(1000));
        }
      },
    ];
    for (const group of groups) {
      const { page, close } = await openPage(kind);
      try {
        await compare(kind, page, 'ready');
        await group(page);
      } finally {
        await close();
      }
    }
    out[kind].match = true;
  }
  return out;
}

// ── Build-time transforms ───────────────────────────────────────────────────────────────────────

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['style', 'script']);
const escText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
/** `</style` cannot appear inside a style element's text. */
const styleText = (css) => css.replace(/<\/style/gi, '<\\/style');

/** A tree as HTML with declarative, clonable shadow roots and their stylesheets inlined. */
export function toHtml(node, parent = '') {
  if (node.t === '#text') return RAW_TEXT.has(parent) ? node.v : escText(node.v);
  let html = `<${node.t}`;
  for (const [name, value] of node.a) html += value === '' ? ` ${name}` : ` ${name}="${escAttr(value)}"`;
  html += '>';
  if (VOID.has(node.t)) return html;
  if (node.s) {
    html += `<template shadowrootmode="${node.s.mode}" shadowrootclonable${node.s.df ? ' shadowrootdelegatesfocus' : ''}>`;
    if (node.s.css.length) html += `<style>${styleText(node.s.css.join('\n'))}</style>`;
    html += `${node.s.c.map((c) => toHtml(c, node.t)).join('')}</template>`;
  }
  return `${html}${node.c.map((c) => toHtml(c, node.t)).join('')}</${node.t}>`;
}

/**
 * A path from `<sos-app>` to a node: child indexes into `childNodes`, and `-1` for "its shadow root".
 * In the raw page the shadow roots carry one `<style>` first, so a shadow child index is shifted by
 * one there (`inlineStyleOffset`): the patch paths already include that shift.
 */
function childIndex(node, i, inShadow) {
  return inShadow && node.s.css.length ? i + 1 : i;
}

/**
 * The path (as the baselines walk it: child indexes, `-1` for a shadow root) to the element the HMI
 * had focused in this tree, or null. `inlineStyles`: the page carries each shadow root's styles as a
 * `<style>` first (the raw page); without, they are adopted (the React page).
 */
export function focusPath(node, inlineStyles, path = []) {
  if (node.t === '#text') return null;
  if (node.f) return path;
  const inShadow = node.s?.c ?? [];
  for (let i = 0; i < inShadow.length; i++) {
    const index = inlineStyles ? childIndex(node, i, true) : i;
    const found = focusPath(inShadow[i], inlineStyles, [...path, -1, index]);
    if (found) return found;
  }
  for (let i = 0; i < node.c.length; i++) {
    const found = focusPath(node.c[i], inlineStyles, [...path, i]);
    if (found) return found;
  }
  return null;
}

const sameShape = (a, b) =>
  a.t === b.t &&
  a.ns === b.ns &&
  !!a.s === !!b.s &&
  (!a.s || (a.s.mode === b.s.mode && a.s.df === b.s.df && a.s.css.join('\n') === b.s.css.join('\n')));

/**
 * The DOM operations that turn what state `a` shows into what `b` shows, as hand-written code would:
 * set a text, set or remove an attribute, replace a subtree (when the element or the shape of its
 * children changes). `replace` carries the new subtree; the page prepares it once and clones it.
 */
export function diffTrees(a, b, path = []) {
  if (a.t === '#text' || b.t === '#text') {
    if (a.t === '#text' && b.t === '#text') return a.v === b.v ? [] : [{ op: 'text', path, value: b.v }];
    return [{ op: 'replace', path, node: b }];
  }
  if (!sameShape(a, b)) return [{ op: 'replace', path, node: b }];
  const ops = [];
  const attrsA = new Map(a.a);
  const attrsB = new Map(b.a);
  for (const [name, value] of attrsB)
    if (attrsA.get(name) !== value) ops.push({ op: 'attr', path, name, value });
  for (const name of attrsA.keys()) if (!attrsB.has(name)) ops.push({ op: 'attr', path, name, value: null });
  // Children: the runs at both ends that keep their kind (text, or the same element) are patched in
  // place; what lies between is spliced (old nodes removed, the new ones inserted), as by hand.
  const list = (ca, cb, base, owner, inShadow) => {
    const kind = (n) => (n.t === '#text' ? '#text' : `${n.t}|${n.ns ?? ''}`);
    let head = 0;
    while (head < ca.length && head < cb.length && kind(ca[head]) === kind(cb[head])) head++;
    let tail = 0;
    while (
      tail < ca.length - head &&
      tail < cb.length - head &&
      kind(ca[ca.length - 1 - tail]) === kind(cb[cb.length - 1 - tail])
    )
      tail++;
    const removed = ca.length - head - tail;
    const inserted = cb.slice(head, cb.length - tail);
    if (removed || inserted.length)
      ops.push({
        op: 'splice',
        path: base,
        start: childIndex(owner, head, inShadow),
        remove: removed,
        nodes: inserted,
      });
    for (let i = 0; i < head; i++)
      ops.push(...diffTrees(ca[i], cb[i], [...base, childIndex(owner, i, inShadow)]));
    for (let k = 1; k <= tail; k++) {
      const j = cb.length - k;
      ops.push(...diffTrees(ca[ca.length - k], cb[j], [...base, childIndex(owner, j, inShadow)]));
    }
  };
  if (a.s) list(a.s.c, b.s.c, [...path, -1], a, true);
  list(a.c, b.c, path, a, false);
  return ops;
}

/** Every state's patch from each state the bench goes there from. */
export const TRANSITIONS = [
  ['ready', 'malfunction'],
  ['ready', 'call'],
  ['ready', 'cancel-10'],
  ...Array.from({ length: COUNTDOWN_FROM - 1 }, (_, i) => [
    `cancel-${COUNTDOWN_FROM - i}`,
    `cancel-${COUNTDOWN_FROM - i - 1}`,
  ]),
];

/**
 * What the raw page needs: its static HTML (document styles, the "ready" shell pre-rendered, one
 * `<template>` per subtree a patch inserts), its patches and where each state has focus, as a module.
 */
export function rawPage({ states, doc }, title) {
  const templates = [];
  const patches = {};
  for (const [from, to] of TRANSITIONS) {
    patches[`${from}>${to}`] = diffTrees(states[from], states[to]).map((op) => {
      if (op.op === 'replace') {
        templates.push(toHtml(op.node));
        return { op: 'replace', path: op.path, template: templates.length - 1 };
      }
      if (op.op === 'splice') {
        if (op.nodes.length) templates.push(op.nodes.map((n) => toHtml(n)).join(''));
        return {
          op: 'splice',
          path: op.path,
          start: op.start,
          remove: op.remove,
          template: op.nodes.length ? templates.length - 1 : null,
        };
      }
      return op;
    });
  }
  // Every state whole, for resets (never timed): the shell's shadow content, cloned.
  const whole = {};
  for (const name of STATE_NAMES) {
    const s = states[name];
    templates.push(
      `${s.s.css.length ? `<style>${styleText(s.s.css.join('\n'))}</style>` : ''}${s.s.c.map((c) => toHtml(c)).join('')}`,
    );
    whole[name] = { attrs: s.a, template: templates.length - 1 };
  }
  const html = pageHtml(
    { doc },
    title,
    `${toHtml(states.ready)}\n${templates.map((t, i) => `<template id="t${i}">${t}</template>`).join('\n')}\n`,
  );
  const focus = Object.fromEntries(STATE_NAMES.map((name) => [name, focusPath(states[name], true)]));
  return { html, patches, whole, focus };
}

/**
 * What the React page needs, as data: every distinct subtree once (`nodes`, children before their
 * parents; a subtree shared by several states is one entry, so React meets the same element again
 * and skips it, as memoised components would), each state's root (`trees`), the unique stylesheets, where each state has focus (`focus`).
 */
export function reactData({ states }) {
  const sheets = [];
  const sheetIndex = new Map();
  const sheet = (css) => {
    if (!sheetIndex.has(css)) sheetIndex.set(css, sheets.push(css) - 1);
    return sheetIndex.get(css);
  };
  const nodes = [];
  const nodeIndex = new Map();
  const intern = (entry) => {
    const key = JSON.stringify(entry);
    if (!nodeIndex.has(key)) nodeIndex.set(key, nodes.push(entry) - 1);
    return nodeIndex.get(key);
  };
  const add = (node) => {
    if (node.t === '#text') return intern(node.v);
    const entry = [node.t, Object.fromEntries(node.a), node.c.map(add)];
    if (node.s)
      entry.push({ mode: node.s.mode, df: node.s.df, css: node.s.css.map(sheet), c: node.s.c.map(add) });
    return intern(entry);
  };
  const trees = Object.fromEntries(STATE_NAMES.map((name) => [name, add(states[name])]));
  const focus = Object.fromEntries(STATE_NAMES.map((name) => [name, focusPath(states[name], false)]));
  return { nodes, trees, sheets, focus };
}

/** The document around `<sos-app>` for both baseline pages: the HMI's html attributes and document styles. */
export function pageHtml({ doc }, title, body) {
  return `<!doctype html>
<html${doc.htmlAttrs.map(([n, v]) => (v === '' ? ` ${n}` : ` ${n}="${escAttr(v)}"`)).join('')}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escText(title)}</title><link rel="icon" href="data:,">
${doc.css.map((css) => `<style>${styleText(css)}</style>`).join('\n')}
</head><body>${body}<script type="module" src="./main.js"></script></body></html>
`;
}
