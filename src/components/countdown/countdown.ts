import { customElement } from 'lit/decorators.js';
import { Countdown } from './internal/countdown.js';

/** `<sos-countdown remaining="7" total="10">`: the cancel-window countdown ring. */
@customElement('sos-countdown')
export class SosCountdown extends Countdown {}

declare global {
  interface HTMLElementTagNameMap {
    'sos-countdown': SosCountdown;
  }
}
