import { customElement } from 'lit/decorators.js';
import { ActionButton } from './internal/action-button.js';

export type { ActionVariant } from './internal/action-button.js';

/**
 * `<sos-action-button label="Cancel call" variant="primary">`: a big HMI action.
 * Emits the native `click` (pointer, touch, or the controller's press).
 */
@customElement('sos-action-button')
export class SosActionButton extends ActionButton {}

declare global {
  interface HTMLElementTagNameMap {
    'sos-action-button': SosActionButton;
  }
}
