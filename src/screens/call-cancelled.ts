import { css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';

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
        font-size: 56px;
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
      <div class="actions">
        <sos-action-button
          data-default
          variant="primary"
          label=${t.BUTTON.close}
          @click=${() => this.send({ type: 'user.dismiss' })}
        ></sos-action-button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-cancelled': SosCallCancelled;
  }
}
