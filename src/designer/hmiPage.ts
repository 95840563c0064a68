/**
 * The workbench's view of the head-unit frame, for the flow recorder and replay: what screen is on
 * top (tag, h1, offered actions, the panel open over it — read the same way the screen harnesses of
 * test/flows/harness/ read it), which HMI action a click or a controller key was for, and how to
 * operate the HMI again (the way a person would: a tap is a click, a controller press is Enter on
 * the selected action). Reads the DOM only; never the machines.
 */
import type { FlowAction, FlowVia, PanelShot, PushDirection, ScreenShot } from './flow.js';

/** What counts as a screen's action (the screen harnesses use the same selector). */
const SCREEN_ACTIONS = 'sos-action-button:not([hidden]):not([disabled]), [data-idrive-action]';
/** A panel's actions (its keyboard's keys are not actions). */
const PANEL_ACTIONS = 'sos-action-button:not([hidden]):not([disabled])';
/** The panels a call screen opens over itself. */
const PANEL_TAGS = ['sos-call-conversation', 'sos-safety-card'] as const;

const collapse = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The screen element on top of the shell, or null before the first. */
export function topScreen(app: Element): HTMLElement | null {
  return app.shadowRoot?.querySelector<HTMLElement>('main > *') ?? null;
}

/** The panel open over a screen, or null. */
export function openPanel(screen: Element): HTMLElement | null {
  return screen.shadowRoot?.querySelector<HTMLElement>(PANEL_TAGS.join(', ')) ?? null;
}

function actionLabel(el: Element): string {
  return collapse(el.getAttribute('label') ?? el.textContent);
}

function visible(root: ParentNode, selector: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(selector)).filter(
    (a) => a.getClientRects().length > 0,
  );
}

/** The screen on top now, as a flow records it. */
export function readScreen(app: Element): ScreenShot {
  const screen = topScreen(app);
  if (!screen) return { tag: 'none', h1: '', actions: [], panel: null };
  const root = screen.shadowRoot ?? screen;
  const panelEl = openPanel(screen);
  let panel: PanelShot | null = null;
  if (panelEl) {
    const proot = panelEl.shadowRoot ?? panelEl;
    panel = {
      tag: panelEl.localName,
      h2: collapse(proot.querySelector('h2')?.textContent),
      actions: visible(proot, PANEL_ACTIONS).map(actionLabel),
    };
  }
  return {
    tag: screen.localName,
    h1: collapse(root.querySelector('h1')?.textContent),
    actions: visible(root, SCREEN_ACTIONS).map(actionLabel),
    panel,
  };
}

/** The element with the focus, through every shadow root. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An element and its ancestors across shadow roots, innermost first (like `composedPath()`). */
export function composedAncestors(el: Element): Element[] {
  const out: Element[] = [];
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) out.push(node);
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return out;
}

/**
 * The HMI action an event on `path` (innermost first) was for: a key of the conversation's
 * keyboard, an action of the open panel, or an action of the screen. Null for anything else (a tap
 * on the status bar, on a screen's text).
 */
export function hmiActionAt(path: readonly EventTarget[], via: FlowVia): FlowAction | null {
  const els = path.filter((t): t is Element => t instanceof Element);
  const key = els.find((e) => e.localName === 'button' && e.hasAttribute('data-key'));
  if (key && els.some((e) => e.localName === 'sos-text-keyboard'))
    return { do: 'key', key: key.getAttribute('data-key') ?? '', via };
  const action = els.find(
    (e) =>
      (e.localName === 'sos-action-button' && !e.hasAttribute('disabled')) ||
      e.hasAttribute('data-idrive-action'),
  );
  if (!action) return null;
  const label = actionLabel(action);
  const inPanel = els.some((e) => (PANEL_TAGS as readonly string[]).includes(e.localName));
  return { do: inPanel ? 'panel' : 'choose', label, via };
}

/** A controller key as a flow step (arrows push, Tab turns, Escape/Backspace is Back); null if none. */
export function controllerKey(event: KeyboardEvent): PushDirection | 'back' | 'press' | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowDown':
      return 'down';
    case 'ArrowUp':
      return 'up';
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'Tab':
      return event.shiftKey ? 'previous' : 'next';
    case 'Escape':
    case 'Backspace':
      return 'back';
    case 'Enter':
    case ' ':
      return 'press';
    default:
      return null;
  }
}

const PUSH_KEYS: Record<PushDirection, string> = {
  next: 'ArrowDown',
  previous: 'ArrowUp',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
};

function keydown(target: Element, key: string): void {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }),
  );
}

function find(root: ParentNode, selector: string, label: string): HTMLElement | null {
  return visible(root, selector).find((a) => actionLabel(a) === label) ?? null;
}

/** Selects `target` like the controller and presses it, or taps it. */
function activate(target: HTMLElement, via: FlowVia): void {
  if (via === 'touch') {
    target.click();
    return;
  }
  target.focus();
  keydown(deepActiveElement() ?? target, 'Enter');
}

/**
 * Does an HMI step in the page (a replay in the workbench). Throws when the screen does not offer
 * what the step needs, naming what it offers.
 */
export function performHmiAction(app: Element, action: FlowAction): void {
  const screen = topScreen(app);
  if (!screen) throw new Error('no screen on top yet');
  const root = screen.shadowRoot ?? screen;
  switch (action.do) {
    case 'choose': {
      const target = find(root, SCREEN_ACTIONS, action.label);
      if (!target)
        throw new Error(
          `"${action.label}" is not offered on ${screen.localName} (offered: ${readScreen(app).actions.join(', ') || 'none'})`,
        );
      return activate(target, action.via);
    }
    case 'panel': {
      const panel = openPanel(screen);
      const target = panel ? find(panel.shadowRoot ?? panel, PANEL_ACTIONS, action.label) : null;
      if (!target) throw new Error(`no open panel offers "${action.label}"`);
      return activate(target, action.via);
    }
    case 'key': {
      const keyboard = openPanel(screen)?.shadowRoot?.querySelector('sos-text-keyboard');
      const key = keyboard?.shadowRoot?.querySelector<HTMLElement>(
        `button[data-key="${CSS.escape(action.key)}"]`,
      );
      if (!key) throw new Error(`no keyboard key "${action.key}" on screen`);
      return activate(key, action.via);
    }
    case 'push':
      return keydown(deepActiveElement() ?? screen, PUSH_KEYS[action.direction]);
    case 'back':
      return keydown(deepActiveElement() ?? screen, 'Escape');
    default:
      throw new Error(`"${action.do}" is not an action on the HMI`);
  }
}

/** One painted frame (or 50 ms when frames do not come, e.g. a hidden tab). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

interface Updating {
  readonly updateComplete?: Promise<unknown>;
}

/** Resolves once the shell and the screen on top have rendered what the machines say now. */
export async function settled(app: Element): Promise<void> {
  await nextFrame();
  await (app as Element & Updating).updateComplete;
  const screen = topScreen(app) as (HTMLElement & Updating) | null;
  await screen?.updateComplete;
  const panel = screen ? (openPanel(screen) as (HTMLElement & Updating) | null) : null;
  await panel?.updateComplete;
  await nextFrame();
}

/** The screens are the same as far as a flow checks. */
export function sameScreen(a: ScreenShot, b: ScreenShot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
