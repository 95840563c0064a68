import type { SosActionButton } from '../components/action-button/action-button.js';
import { ElementHarness } from '../components/harness.js';
import type { SosSafetyCard } from './safety-card.js';

/** Operates an `sos-safety-card`: its steps, the hazard-lights button, Close. */
export class SafetyCardHarness extends ElementHarness<SosSafetyCard> {
  /** Step ids in the order shown. */
  async steps(): Promise<string[]> {
    return (await this.parts('step')).map((li) => li.dataset['step'] ?? '');
  }

  /** The words of one step, as a screen reader says them (signs drawn for the eye left out). */
  async stepText(step: string): Promise<string> {
    const li = (await this.parts('step')).find((l) => l.dataset['step'] === step);
    const text = li?.querySelector('.text')?.cloneNode(true) as HTMLElement | undefined;
    text?.querySelectorAll('[aria-hidden="true"]').forEach((sign) => sign.remove());
    return text?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The step is drawn as a warning. */
  async isWarning(step: string): Promise<boolean> {
    return (await this.parts('step')).some(
      (l) => l.dataset['step'] === step && l.hasAttribute('data-warning'),
    );
  }

  /** The hazard-lights button, if it is offered. */
  async hazardButton(): Promise<SosActionButton | null> {
    return this.part<SosActionButton>('hazard-button');
  }

  /** "Hazard lights are on" is shown. */
  async hazardDone(): Promise<boolean> {
    return (await this.part('hazard-done')) !== null;
  }

  /** Presses "Hazard lights on" like a finger. */
  async pressHazard(): Promise<void> {
    (await this.hazardButton())?.shadowRoot?.querySelector('button')?.click();
  }

  /** Presses Close. */
  async close(): Promise<void> {
    (await this.part<SosActionButton>('close'))?.shadowRoot?.querySelector('button')?.click();
  }

  /** Label of the action with focus in the card, or null. */
  async focused(): Promise<string | null> {
    await this.element.idrive.focusSettled();
    const active = (await this.rendered()).activeElement as Partial<SosActionButton> | null;
    return active?.label ?? null;
  }
}
