/**
 * Baseline 2 — React 19 with an external store read through `useSyncExternalStore` (how zustand and
 * most React stores connect): what most teams would pick instead of Lit + XState. It renders the
 * HMI's own screens, captured from its rendered DOM at bench time (`bench/lib/capture.mjs`), as React
 * elements; each shadow root is a portal into the host's shadow root with the HMI's stylesheets
 * adopted, the way React pages use shadow DOM. Subtrees that several screens share are one element,
 * so React skips them on a change, as memoised components would. Rotary focus goes where the HMI
 * has it.
 */
import {
  Fragment,
  StrictMode,
  createElement,
  useCallback,
  useLayoutEffect,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type ReactElement,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { focus, nodes, sheets, trees, type ShadowNode } from 'bench:screens';
import { focusAfterPaint } from '../shared/focus.js';
import { connectVehicle, createStore, stateName } from '../shared/vehicle.js';

const store = createStore();

/** Constructed once, on first use, and shared by every shadow root that adopts it (as Lit does). */
const constructed: CSSStyleSheet[] = [];
function sheet(i: number): CSSStyleSheet {
  let s = constructed[i];
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(sheets[i]!);
    constructed[i] = s;
  }
  return s;
}

/** Attributes whose presence is the value: React wants `true`. */
const BOOLEAN = new Set([
  'hidden',
  'inert',
  'disabled',
  'checked',
  'selected',
  'readonly',
  'required',
  'open',
  'multiple',
]);
/** HTML attribute → React prop name, where they differ. */
const RENAME: Record<string, string> = {
  class: 'className',
  for: 'htmlFor',
  tabindex: 'tabIndex',
  readonly: 'readOnly',
  autocomplete: 'autoComplete',
  maxlength: 'maxLength',
  spellcheck: 'spellCheck',
  enterkeyhint: 'enterKeyHint',
  inputmode: 'inputMode',
};

function styleObject(text: string): CSSProperties {
  const out: Record<string, string> = {};
  for (const decl of text.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const name = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).trim();
    if (!name) continue;
    out[name.startsWith('--') ? name : name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out as CSSProperties;
}

function props(tag: string, attrs: Readonly<Record<string, string>>): Record<string, unknown> {
  const custom = tag.includes('-');
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style') out.style = styleObject(value);
    else if (BOOLEAN.has(name)) out[RENAME[name] ?? name] = true;
    else if (custom) out[name === 'class' ? 'className' : name] = value;
    else out[RENAME[name] ?? name] = value;
  }
  return out;
}

interface ShadowHostProps {
  readonly tag: string;
  readonly hostProps: Record<string, unknown>;
  readonly shadow: ShadowNode;
  readonly light: readonly ReactNode[];
  readonly inner: readonly ReactNode[];
}

/** A host element with its shadow root: attached when React has created the host, then filled by a portal. */
function ShadowHost({ tag, hostProps, shadow, light, inner }: ShadowHostProps): ReactElement {
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  const ref = useCallback(
    (el: HTMLElement | null) => {
      if (!el) return;
      const r = el.shadowRoot ?? el.attachShadow({ mode: 'open', delegatesFocus: shadow.df });
      r.adoptedStyleSheets = shadow.css.map(sheet);
      setRoot(r);
    },
    [shadow],
  );
  return createElement(
    tag,
    { ...hostProps, ref },
    ...light,
    root ? createPortal(createElement(Fragment, null, ...inner), root) : null,
  );
}

/** Every distinct subtree as one React element (children come before their parents in `nodes`). */
const elements: ReactNode[] = [];
for (const node of nodes) {
  if (typeof node === 'string') {
    elements.push(node);
    continue;
  }
  const [tag, attrs, children, shadow] = node;
  const light = children.map((i) => elements[i]);
  elements.push(
    shadow
      ? createElement(ShadowHost, {
          tag,
          hostProps: props(tag, attrs),
          shadow,
          light,
          inner: shadow.c.map((i) => elements[i]),
        })
      : createElement(tag, props(tag, attrs), ...light),
  );
}

function App(): ReactNode {
  const name = useSyncExternalStore(store.subscribe, () => stateName(store.get()));
  // Rotary focus where the HMI has it, after the frame that shows the screen (as the HMI moves it).
  useLayoutEffect(() => {
    const host = container.querySelector('sos-app');
    if (host) focusAfterPaint(host, focus[name] ?? null, () => stateName(store.get()) === name);
  }, [name]);
  return elements[trees[name]!];
}

const container = document.getElementById('root')!;
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
window.benchTarget = connectVehicle('react', store);
