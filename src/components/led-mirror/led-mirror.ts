import { customElement } from 'lit/decorators.js';
import { LedMirror } from './internal/led-mirror.js';

export type { LedMirrorState } from './internal/led-mirror.js';

/** `<sos-led-mirror state="green-blinking">`: on-screen mirror of the SOS LED. */
@customElement('sos-led-mirror')
export class SosLedMirror extends LedMirror {}

declare global {
  interface HTMLElementTagNameMap {
    'sos-led-mirror': SosLedMirror;
  }
}
