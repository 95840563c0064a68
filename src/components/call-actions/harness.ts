import type { SosActionButton } from '../action-button/action-button.js';
import { ElementHarness } from '../harness.js';
import type { SosCallActions } from './call-actions.js';

/** Operates an `sos-call-actions` row for tests: its actions as an occupant sees and presses them. */
export class CallActionsHarness extends ElementHarness<SosCallActions> {
  /** The actions shown (not hidden), in order. */
  async actions(): Promise<SosActionButton[]> {
    const slot = (await this.rendered()).querySelector('slot');
    return (slot?.assignedElements() ?? []).filter(
      (e): e is SosActionButton => e.localName === 'sos-action-button' && !e.hasAttribute('hidden'),
    );
  }

  /** Their labels, in order. */
  async labels(): Promise<string[]> {
    return (await this.actions()).map((a) => a.label);
  }

  /** Presses the action with this label like a finger would. */
  async press(label: string): Promise<void> {
    const action = (await this.actions()).find((a) => a.label === label);
    if (!action) throw new Error(`no action "${label}" in the row`);
    await action.updateComplete;
    action.shadowRoot?.querySelector('button')?.click();
  }

  /** Whether the row stacks its actions (beside an open panel). */
  stacked(): boolean {
    return this.element.stacked;
  }
}
