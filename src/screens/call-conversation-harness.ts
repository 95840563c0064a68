import type { SosActionButton } from '../components/action-button/action-button.js';
import { ElementHarness } from '../components/harness.js';
import { TextKeyboardHarness } from '../components/text-keyboard/harness.js';
import type { SosCallConversation } from './call-conversation.js';

/** One conversation line as the panel shows it. */
export interface ShownLine {
  readonly from: 'centre' | 'occupants';
  readonly text: string;
  /** The occupants' mark (… ✓ ✓✓ !), empty for the centre's lines. */
  readonly mark: string;
  readonly delivery: string;
}

/** Operates an `sos-call-conversation` panel: phrases, the keyboard, the lines, Close. */
export class CallConversationHarness extends ElementHarness<SosCallConversation> {
  private async buttons(): Promise<SosActionButton[]> {
    return Array.from((await this.rendered()).querySelectorAll<SosActionButton>('sos-action-button'));
  }

  /** `phrases` or `keyboard`. */
  async mode(): Promise<string> {
    return (await this.rendered()).querySelector('section')?.dataset['mode'] ?? '';
  }

  /** The phrase buttons' labels, in order. */
  async phrases(): Promise<string[]> {
    return (await this.buttons()).filter((b) => b.dataset['phrase']).map((b) => b.label);
  }

  /** Presses the phrase with this code (`cannotSpeak`) like a finger. */
  async tapPhrase(phrase: string): Promise<void> {
    const button = (await this.buttons()).find((b) => b.dataset['phrase'] === phrase);
    if (!button) throw new Error(`no phrase "${phrase}"`);
    button.shadowRoot?.querySelector('button')?.click();
    await this.element.updateComplete;
  }

  /** The lines shown, oldest first. */
  async lines(): Promise<ShownLine[]> {
    return (await this.parts('line')).map((li) => ({
      from: li.dataset['from'] === 'centre' ? 'centre' : 'occupants',
      text: li.querySelector('.msg')?.textContent?.trim() ?? '',
      mark: li.querySelector('[data-part="mark"]')?.textContent?.trim() ?? '',
      delivery: li.dataset['delivery'] ?? '',
    }));
  }

  /** The keyboard, in keyboard mode. */
  async keyboard(): Promise<TextKeyboardHarness | null> {
    const kb = (await this.rendered()).querySelector('sos-text-keyboard');
    return kb ? new TextKeyboardHarness(kb) : null;
  }

  /** Presses "Keyboard" / "Phrases". */
  async toggleMode(): Promise<void> {
    (await this.part<SosActionButton>('mode'))?.shadowRoot?.querySelector('button')?.click();
  }

  /** Presses Close. */
  async close(): Promise<void> {
    (await this.part<SosActionButton>('close'))?.shadowRoot?.querySelector('button')?.click();
  }

  /** What has focus in the panel: an action's label, or `key:<name>` inside the keyboard. */
  async focused(): Promise<string | null> {
    await this.element.idrive.focusSettled();
    const active = (await this.rendered()).activeElement;
    if (!active) return null;
    if (active.localName === 'sos-text-keyboard') {
      const key = active.shadowRoot?.activeElement;
      return key instanceof HTMLElement ? `key:${key.dataset['key'] ?? ''}` : null;
    }
    return (active as Partial<SosActionButton>).label ?? null;
  }
}
