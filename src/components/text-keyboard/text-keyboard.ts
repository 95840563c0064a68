import { customElement } from 'lit/decorators.js';
import { TextKeyboard, type SosTextCancelEvent, type SosTextSendEvent } from './internal/text-keyboard.js';

export type { SosTextCancelEvent, SosTextSendEvent };
export type { KeyboardLayer } from './internal/keys.js';

/**
 * `<sos-text-keyboard max-length="160">`: an on-screen keyboard for a message to the emergency
 * centre, for the rotary controller (rotate through the keys, press to type) and for touch.
 *
 * @fires sos-text-send - `{ text }`: Send was pressed with a draft that is not blank (cancelable).
 * @fires sos-text-cancel - the occupants left the keyboard (Back).
 */
@customElement('sos-text-keyboard')
export class SosTextKeyboard extends TextKeyboard {}

declare global {
  interface HTMLElementEventMap {
    'sos-text-send': SosTextSendEvent;
    'sos-text-cancel': SosTextCancelEvent;
  }
  interface HTMLElementTagNameMap {
    'sos-text-keyboard': SosTextKeyboard;
  }
}
