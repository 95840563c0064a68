import { ElementHarness } from '../harness.js';
import type { SosTextKeyboard } from './text-keyboard.js';

/**
 * Operates an `sos-text-keyboard`: keys by name (`A`, `.`, `space`, `backspace`, `layer`, `send`),
 * with the controller (rotate, press, back) or by touch, and reads the draft.
 */
export class TextKeyboardHarness extends ElementHarness<SosTextKeyboard> {
  /** The key buttons in controller order. */
  async keys(): Promise<HTMLButtonElement[]> {
    return Array.from((await this.rendered()).querySelectorAll<HTMLButtonElement>('button[data-key]'));
  }

  /** Names of the keys in controller order. */
  async keyNames(): Promise<string[]> {
    return (await this.keys()).map((k) => k.dataset['key'] ?? '');
  }

  /** One key by name. */
  async keyButton(name: string): Promise<HTMLButtonElement> {
    const key = (await this.keys()).find((k) => k.dataset['key'] === name);
    if (!key) throw new Error(`sos-text-keyboard has no key "${name}"`);
    return key;
  }

  /** Taps a key like a finger. */
  async tap(name: string): Promise<void> {
    (await this.keyButton(name)).click();
    await this.element.updateComplete;
  }

  /** Types `text` by tapping its keys (letters, digits and . , ? ! on this layer; space). */
  async tapText(text: string): Promise<void> {
    for (const char of text) await this.tap(char === ' ' ? 'space' : char.toUpperCase());
  }

  /** The name of the focused key, or null. */
  async focusedKey(): Promise<string | null> {
    const active = (await this.rendered()).activeElement;
    return active instanceof HTMLElement ? (active.dataset['key'] ?? null) : null;
  }

  /** Turns the controller by `notches` (positive: next key), as arrow keys. */
  async rotate(notches: number): Promise<void> {
    for (let i = 0; i < Math.abs(notches); i++) await this.key(notches > 0 ? 'ArrowDown' : 'ArrowUp');
  }

  /** Presses the controller: types the selected key. */
  async press(): Promise<void> {
    await this.key('Enter');
  }

  /** The controller's Back. */
  async back(): Promise<void> {
    await this.key('Escape');
  }

  /** The typed text as shown. */
  async draft(): Promise<string> {
    await this.rendered();
    return this.element.draft;
  }

  /** The "N characters left" figure shown. */
  async remaining(): Promise<number> {
    const text = (await this.part('remaining'))?.textContent ?? '';
    return Number(/\d+/.exec(text)?.[0] ?? NaN);
  }

  /** Send can be pressed (the draft is not blank). */
  async canSend(): Promise<boolean> {
    return (await this.keyButton('send')).getAttribute('aria-disabled') !== 'true';
  }
}
