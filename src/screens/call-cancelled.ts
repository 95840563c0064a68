import { css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { closeAction } from './call-parts.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';

/** Shown briefly after `Cancel call`: nothing was sent. */
@customElement('sos-call-cancelled')
export class SosCallCancelled extends CallScreen {
  static override styles = [
    screenStyles,
    css`
      .screen {
        align-content: center;
        justify-items: center;
        text-align: center;
        gap: 20px;
      }
      h1 {
        font-size: var(--sos-font-size-scale-24);
      }
    `,
  ];

  constructor() {
    super();
    this.addEventListener('sos-back', () => this.send({ type: 'user.dismiss' }));
  }

  protected override render(): TemplateResult {
    return html`<section class="screen" aria-labelledby="title">
      <h1 id="title" tabindex="-1" data-idrive-fallback>${t.CANCELLED_TITLE}</h1>
      <p class="lead">${t.CANCELLED_EXPLANATION}</p>
      <sos-call-actions>${closeAction((e) => this.send(e), 'primary')}</sos-call-actions>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-cancelled': SosCallCancelled;
  }
}
