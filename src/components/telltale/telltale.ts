import { customElement } from 'lit/decorators.js';
import { Telltale } from './internal/telltale.js';

/**
 * `<sos-telltale state="malfunction">`: the SOS emergency-call telltale.
 * States: off | bulbCheck | ready | limited | malfunction (crossed out) | unknown (grey, "?").
 */
@customElement('sos-telltale')
export class SosTelltale extends Telltale {}

declare global {
  interface HTMLElementTagNameMap {
    'sos-telltale': SosTelltale;
  }
}
