import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterNextPaint } from './after-next-paint.js';

/** A screen element the controller can drive: it renders its actions into `renderRoot`. */
export type IDriveHost = ReactiveControllerHost &
  HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface IDriveOptions {
  /**
   * Modal: take focus on connect even if it is elsewhere, keep it inside (a focus that leaves is
   * pulled back), and give it back to where it was on disconnect. A modal part inside a screen (the
   * text conversation, the safety card) works the same way: while it is connected, the screen's own
   * controller leaves the focus to it.
   */
  readonly modal?: boolean;
  /** Selector for the actions, in controller order. Default: enabled `sos-action-button`s and `[data-idrive-action]`. */
  readonly actions?: string;
}

/** Fired on the screen when the controller's Back is used (Escape or Backspace). */
export type SosBackEvent = CustomEvent<void>;

declare global {
  interface HTMLElementEventMap {
    'sos-back': SosBackEvent;
  }
}

const DEFAULT_ACTIONS = 'sos-action-button:not([disabled]):not([hidden]), [data-idrive-action]';
/** One wheel notch is 100 px in Chromium; trackpads send many small deltas that add up to it. */
const WHEEL_STEP = 100;

/**
 * Modal controllers whose host is connected now, in the order they connected: a screen's controller
 * defers to one inside it, and only the newest traps the focus (two traps would pull it to and fro).
 */
const connectedModals = new Set<IDriveController>();

/** `node` is `ancestor` or inside it, also across shadow roots. */
function isInside(node: Node | null, ancestor: Node): boolean {
  while (node) {
    if (node === ancestor) return true;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}

/** The element that really has focus, looking through open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * The iDrive controller for one screen, mapped from keyboard and mouse wheel:
 * - rotate (ArrowUp/ArrowDown, mouse wheel, Tab/Shift+Tab) = previous/next action, wrapping;
 * - push left/right (ArrowLeft/ArrowRight) = previous/next too, as the actions sit side by side;
 * - press (Enter, Space) = activate the selected action (a `click`);
 * - Back (Escape, Backspace) = `sos-back` on the screen.
 * Focus never leaves the screen's actions; initial focus goes to the default action
 * (`[data-default]`, e.g. "Cancel call" — the safe choice), and if the selected action disappears
 * the default is selected again. A screen without actions keeps focus on its `[data-idrive-fallback]`
 * (its heading) so a key press never falls into the void.
 */
export class IDriveController implements ReactiveController {
  private readonly host: IDriveHost;
  private readonly selector: string;
  private readonly modal: boolean;
  private wheelAccumulator = 0;
  private returnFocusTo: HTMLElement | null = null;
  private firstFocusDone = false;
  /** A focus check is queued for after the next painted frame. */
  private focusQueued = false;
  private focusPending: Promise<void> | null = null;

  constructor(host: IDriveHost, options: IDriveOptions = {}) {
    this.selector = options.actions ?? DEFAULT_ACTIONS;
    this.modal = options.modal ?? false;
    (this.host = host).addController(this);
  }

  /** The actions in controller order. */
  get actions(): HTMLElement[] {
    return Array.from(this.host.renderRoot.querySelectorAll<HTMLElement>(this.selector));
  }

  /** The action that is selected now, if the focus is on one of this screen's actions. */
  get current(): HTMLElement | null {
    const root = this.host.renderRoot;
    const active = root instanceof ShadowRoot ? root.activeElement : document.activeElement;
    return this.actions.find((a) => a === active || a.contains(active)) ?? null;
  }

  /** The action selected when the screen appears. */
  get defaultAction(): HTMLElement | null {
    const actions = this.actions;
    return actions.find((a) => a.hasAttribute('data-default')) ?? actions[0] ?? null;
  }

  hostConnected(): void {
    this.firstFocusDone = false;
    this.host.addEventListener('keydown', this.onKeyDown);
    this.host.addEventListener('keyup', this.onKeyUp);
    this.host.addEventListener('wheel', this.onWheel, { passive: false });
    document.addEventListener('keydown', this.onDocumentKeyDown);
    if (this.modal) {
      const before = deepActiveElement();
      this.returnFocusTo = before instanceof HTMLElement && before !== document.body ? before : null;
      document.addEventListener('focusin', this.onDocumentFocusIn);
      connectedModals.add(this);
    }
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
    this.host.removeEventListener('keyup', this.onKeyUp);
    this.host.removeEventListener('wheel', this.onWheel);
    document.removeEventListener('keydown', this.onDocumentKeyDown);
    if (this.modal) {
      connectedModals.delete(this);
      document.removeEventListener('focusin', this.onDocumentFocusIn);
      const target = this.returnFocusTo;
      this.returnFocusTo = null;
      // Shoelace-style: give focus back to what had it before the modal opened.
      if (target?.isConnected) target.focus();
    }
  }

  hostUpdated(): void {
    // Focus after the frame that shows the screen: a focus() now forces style and layout of the new
    // screen before it is painted, delaying an emergency screen by that much (docs/performance.md).
    if (this.focusQueued) return;
    this.focusQueued = true;
    this.focusPending = afterNextPaint().then(async () => {
      this.focusQueued = false;
      // Actions are elements of their own: wait until they have rendered their buttons.
      await this.actionsUpdated();
      this.keepFocus();
    });
  }

  /** Resolves when every action has rendered and the screen's focus has landed (one frame after an update). */
  async actionsRendered(): Promise<void> {
    await this.actionsUpdated();
    await this.focusSettled();
  }

  /** Resolves once no focus check is waiting for a frame any more. */
  async focusSettled(): Promise<void> {
    while (this.focusPending) {
      const pending = this.focusPending;
      await pending;
      if (pending === this.focusPending) this.focusPending = null;
    }
  }

  private async actionsUpdated(): Promise<void> {
    await Promise.all(
      this.actions.map((a) => (a as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete),
    );
  }

  /** A modal part inside this host (not the host itself) is open: it owns the focus meanwhile. */
  private nestedModal(): IDriveController | null {
    for (const modal of connectedModals) {
      if (modal !== this && modal.host.isConnected && isInside(modal.host, this.host)) return modal;
    }
    return null;
  }

  private keepFocus(): void {
    if (!this.host.isConnected) return;
    if (this.nestedModal()) return;
    if (!this.firstFocusDone) {
      this.firstFocusDone = true;
      if (this.modal || this.focusIsLost()) this.focusDefault();
      return;
    }
    // The selected action went away (e.g. Cancel disappears once connected): select the default.
    if (this.current === null && (this.focusIsLost() || this.focusIsInHost())) this.focusDefault();
  }

  /** Selects the default action (or the fallback when the screen has no actions). */
  focusDefault(): void {
    const target = this.defaultAction ?? this.fallback();
    target?.focus({ preventScroll: true });
  }

  /** Rotates the selection by `steps` (negative = previous), wrapping around. */
  rotate(steps: number): void {
    const actions = this.actions;
    if (actions.length === 0) {
      this.fallback()?.focus({ preventScroll: true });
      return;
    }
    const current = this.current;
    const index = current ? actions.indexOf(current) : -1;
    const base = index === -1 ? (steps > 0 ? -1 : 0) : index;
    const next = (((base + steps) % actions.length) + actions.length) % actions.length;
    actions[next]?.focus({ preventScroll: true });
  }

  /** Presses the selected action. */
  press(): void {
    const current = this.current;
    if (current) current.click();
    else this.focusDefault();
  }

  private fallback(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('[data-idrive-fallback]');
  }

  /** The focus is on this screen, also deep inside an action's own shadow root (its native button). */
  private focusIsInHost(): boolean {
    return isInside(deepActiveElement(), this.host);
  }

  private focusIsLost(): boolean {
    const active = deepActiveElement();
    return (
      active === null ||
      active === document.body ||
      active === document.documentElement ||
      !active.isConnected
    );
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowUp':
      case 'ArrowLeft':
        this.rotate(-1);
        break;
      case 'ArrowDown':
      case 'ArrowRight':
        this.rotate(1);
        break;
      case 'Tab':
        this.rotate(event.shiftKey ? -1 : 1);
        break;
      case 'Enter':
      case ' ':
        if (event.repeat) break;
        this.press();
        break;
      case 'Escape':
      case 'Backspace':
        this.host.dispatchEvent(new CustomEvent('sos-back', { bubbles: true, composed: true }));
        break;
      default:
        return;
    }
    // The native button would click again on Enter/Space; the controller's press is the one click.
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') event.preventDefault();
  };

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    // One controller turns per notch: the innermost (a modal part's), not the screen's as well.
    event.stopPropagation();
    // Turned over the screen while a modal part has the focus: the part's selection moves.
    const target = this.nestedModal() ?? this;
    if (event.deltaMode !== WheelEvent.DOM_DELTA_PIXEL) {
      if (event.deltaY !== 0) target.rotate(Math.sign(event.deltaY));
      return;
    }
    this.wheelAccumulator += event.deltaY;
    while (Math.abs(this.wheelAccumulator) >= WHEEL_STEP) {
      const step = Math.sign(this.wheelAccumulator);
      this.wheelAccumulator -= step * WHEEL_STEP;
      target.rotate(step);
    }
  };

  /** A key with the focus nowhere (e.g. after a tap on the status bar) brings it back to this screen. */
  private readonly onDocumentKeyDown = (event: KeyboardEvent): void => {
    // A modal part inside this screen brings a lost focus back to itself.
    if (event.defaultPrevented || !this.focusIsLost() || this.nestedModal()) return;
    // Back pressed in the frame between a screen appearing and its focus landing is still Back.
    if (event.key === 'Escape' || event.key === 'Backspace') {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      this.host.dispatchEvent(new CustomEvent('sos-back', { bubbles: true, composed: true }));
      return;
    }
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', ' '].includes(event.key)) return;
    event.preventDefault();
    this.focusDefault();
  };

  /** Modal trap: focus that escapes (a tap or a script elsewhere) is brought back inside. */
  private readonly onDocumentFocusIn = (): void => {
    if (!this.host.isConnected || this.focusIsInHost()) return;
    if ([...connectedModals].at(-1) !== this) return;
    this.focusDefault();
  };
}
