import { customElement } from 'lit/decorators.js';
import { StatusBar } from './internal/status-bar.js';

export type { StatusBarConnection, StatusBarFix } from './internal/status-bar.js';

/** `<sos-status-bar telltale="ready" clock="14:05">`: the top bar of the head unit. */
@customElement('sos-status-bar')
export class SosStatusBar extends StatusBar {}

declare global {
  interface HTMLElementTagNameMap {
    'sos-status-bar': SosStatusBar;
  }
}
