import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { callActionsStyles } from './call-actions.styles.js';

/**
 * `<sos-call-actions>`: the action row of a call screen. The actions are the screen's own
 * `sos-action-button`s, slotted: they stay in the screen's tree, where the iDrive controller finds
 * them in order and each sends the screen's event.
 *
 * @slot - the actions, in controller order
 */
@customElement('sos-call-actions')
export class SosCallActions extends LitElement {
  static override styles = callActionsStyles;

  /** One above the other, each the column's width (beside an open panel). */
  @property({ type: Boolean, reflect: true }) stacked = false;

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-actions': SosCallActions;
  }
}
