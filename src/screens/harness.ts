import { ElementHarness } from '../components/harness.js';
import { deepActiveElement } from './controllers/idrive-controller.js';
import type { HmiScreen } from './hmi-screen.js';

/**
 * Operates a screen like an occupant with the iDrive controller: read the h1 and the actions, rotate,
 * push, press, Back. Key presses are dispatched as events on the focused element, exactly where the
 * real keyboard would deliver them.
 */
export class ScreenHarness extends ElementHarness<HmiScreen | HTMLElement> {
  private get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error(`${this.element.localName} has no shadow root`);
    return root;
  }

  /** The screen has rendered and its focus has landed (the controller focuses one frame later). */
  async settled(): Promise<void> {
    await (this.element as HmiScreen).updateComplete;
    await (this.element as Partial<HmiScreen>).idrive?.focusSettled();
  }

  /** Text of the screen's h1. */
  async heading(): Promise<string> {
    await this.settled();
    return this.root.querySelector('h1')?.textContent?.trim() ?? '';
  }

  /** Labels of the visible, enabled actions in controller order. */
  async actions(): Promise<string[]> {
    await this.settled();
    return Array.from(this.root.querySelectorAll('sos-action-button:not([hidden]):not([disabled])')).map(
      (b) => b.getAttribute('label') ?? (b as HTMLElement & { label: string }).label,
    );
  }

  /** The action with this label. */
  async action(label: string): Promise<HTMLElement | null> {
    await this.settled();
    return (
      Array.from(this.root.querySelectorAll<HTMLElement & { label: string }>('sos-action-button')).find(
        (b) => b.label === label,
      ) ?? null
    );
  }

  /** Label of the action that has focus, or null. */
  async focusedAction(): Promise<string | null> {
    await this.settled();
    const active = this.root.activeElement as (HTMLElement & { label?: string }) | null;
    return active?.localName === 'sos-action-button' ? (active.label ?? null) : null;
  }

  /** All visible text of the screen (for "does it say …" checks), once it has settled. */
  override async text(): Promise<string> {
    await this.settled();
    return super.text();
  }

  /** Sends a key to whatever has focus in the document (or the screen), where a keyboard would. */
  override async key(key: string, init: KeyboardEventInit = {}): Promise<void> {
    const target = deepActiveElement() ?? this.element;
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }),
    );
    target.dispatchEvent(
      new KeyboardEvent('keyup', { key, bubbles: true, composed: true, cancelable: true, ...init }),
    );
    await this.settled();
  }

  /** Turns the controller: positive = clockwise (next). */
  async rotate(notches: number): Promise<void> {
    this.element.dispatchEvent(
      new WheelEvent('wheel', { deltaY: notches * 100, bubbles: true, composed: true, cancelable: true }),
    );
    await this.settled();
  }

  async press(): Promise<void> {
    await this.key('Enter');
  }

  async back(): Promise<void> {
    await this.key('Escape');
  }
}
