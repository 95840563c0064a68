import { customElement } from 'lit/decorators.js';
import { HoldProgress } from './internal/hold-progress.js';

/** `<sos-hold-progress value="0.4" label="…">`: progress of holding the SOS button to end a call. */
@customElement('sos-hold-progress')
export class SosHoldProgress extends HoldProgress {}

declare global {
  interface HTMLElementTagNameMap {
    'sos-hold-progress': SosHoldProgress;
  }
}
