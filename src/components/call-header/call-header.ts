import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ledMirror, type LedMirrorState } from '../led-mirror/led-mirror.js';
import { callHeaderStyles } from './call-header.styles.js';

/** The colour of the call-type badge: an emergency call, or a test call that must never look like one. */
export type CallBadgeTone = 'danger' | 'accent';

/**
 * `<sos-call-header>`: the header row of a call screen — the heading, the voice timer, and at the far
 * end the on-screen mirror of the SOS LED and the call type. The heading is the screen's own `h1`,
 * slotted, so it stays the screen's title (its label, its focus fallback).
 *
 * @slot - the screen's heading
 */
@customElement('sos-call-header')
export class SosCallHeader extends LitElement {
  static override styles = callHeaderStyles;

  constructor() {
    super();
    // The LED mirror's words are the current language's.
    updateWhenLocaleChanges(this);
  }

  /** The voice time as shown ("01:23"); empty: no voice yet, no timer. */
  @property() timer = '';

  /** What a screen reader calls the timer ("Call time"). */
  @property({ attribute: 'timer-label' }) timerLabel = '';

  /** What the SOS LED above the mirror shows. */
  @property() led: LedMirrorState = 'off';

  /** The call type in words ("Automatic emergency call"); empty: no badge. */
  @property() badge = '';

  /** The badge's colour. */
  @property() tone: CallBadgeTone = 'danger';

  protected override render(): TemplateResult {
    const timer = this.timer
      ? html`<span class="timer" role="timer" aria-label=${this.timerLabel} data-part="timer"
          >${this.timer}</span
        >`
      : nothing;
    const badge = this.badge
      ? html`<span class="badge" data-tone=${this.tone} data-part="kind">${this.badge}</span>`
      : nothing;
    return html`<slot></slot>${timer}<span class="spacer"></span>${ledMirror(this.led)}${badge}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-header': SosCallHeader;
  }
}
