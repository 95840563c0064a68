/**
 * Baseline 1 — raw DOM, no framework: the floor. The page's HTML carries the HMI's own shell as it
 * looks at "SOS ready" (declarative shadow DOM, its stylesheets inlined) and one `<template>` per
 * subtree an event inserts; both were captured from the HMI at bench time (`bench/lib/capture.mjs`).
 * On a store change this code does what hand-written DOM code would: it sets the texts and attributes
 * that change and swaps in a clone of the prepared subtree — no diffing, no rendering at run time —
 * and puts rotary focus where the HMI has it.
 */
import { focus, patches, whole, type Patch } from 'bench:screens';
import { focusAfterPaint, nodeAt } from '../shared/focus.js';
import { connectVehicle, createStore, stateName } from '../shared/vehicle.js';

const app = document.querySelector('sos-app');
if (!app?.shadowRoot) throw new Error('raw baseline: the pre-rendered shell is missing');
const host: Element = app;

/** The prepared subtrees, parsed with the page (clonable declarative shadow roots). */
const template = (i: number): DocumentFragment =>
  document.importNode((document.getElementById(`t${i}`) as HTMLTemplateElement).content, true);

const at = (path: readonly number[]): Node => nodeAt(host, path);

function apply(ops: readonly Patch[]): void {
  for (const op of ops) {
    const node = at(op.path);
    switch (op.op) {
      case 'text':
        (node as Text).data = op.value;
        break;
      case 'attr':
        if (op.value === null) (node as Element).removeAttribute(op.name);
        else (node as Element).setAttribute(op.name, op.value);
        break;
      case 'replace':
        (node as ChildNode).replaceWith(template(op.template));
        break;
      case 'splice': {
        const parent = node as ParentNode & Node;
        for (let k = 0; k < op.remove; k++) parent.childNodes[op.start]!.remove();
        if (op.template !== null)
          parent.insertBefore(template(op.template), parent.childNodes[op.start] ?? null);
        break;
      }
    }
  }
}

/** A state without a prepared patch (the bench's resets, never timed): the whole shell again. */
function showWhole(name: string): void {
  const state = whole[name];
  if (!state) throw new Error(`raw baseline: no screen "${name}"`);
  for (const a of [...host.attributes]) host.removeAttribute(a.name);
  for (const [n, v] of state.attrs) host.setAttribute(n, v);
  host.shadowRoot!.replaceChildren(template(state.template));
}

const store = createStore();
let shown = 'ready';
store.subscribe(() => {
  const next = stateName(store.get());
  if (next === shown) return;
  const ops = patches[`${shown}>${next}`];
  if (ops) apply(ops);
  else showWhole(next);
  shown = next;
  focusAfterPaint(host, focus[next] ?? null, () => shown === next);
});
focusAfterPaint(host, focus[shown] ?? null, () => shown === 'ready');

window.benchTarget = connectVehicle('raw', store);
