import { ElementHarness } from '../harness.js';
import type { SosActionButton } from './action-button.js';

/** Operates an `sos-action-button` for tests. */
export class ActionButtonHarness extends ElementHarness<SosActionButton> {
  /** The native button that takes focus and clicks. */
  async interactive(): Promise<HTMLButtonElement> {
    const button = (await this.rendered()).querySelector('button');
    if (!button) throw new Error('sos-action-button has not rendered its button');
    return button;
  }

  /** The accessible name, as a screen reader announces it. */
  async name(): Promise<string> {
    return (await this.interactive()).textContent?.trim() ?? '';
  }

  /** Presses it like a finger would. */
  async press(): Promise<void> {
    (await this.interactive()).click();
  }

  /** The inner button has focus (the selection frame is on this action). */
  async isFocused(): Promise<boolean> {
    return this.element.shadowRoot?.activeElement === (await this.interactive());
  }

  /** Height in CSS pixels (touch targets must be ≥ 15 mm). */
  async height(): Promise<number> {
    return (await this.interactive()).getBoundingClientRect().height;
  }
}
