import { css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { sentPanel } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';

/** The centre ended the call: a summary and `Close`. */
@customElement('sos-call-ended')
export class SosCallEnded extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    css`
      .screen {
        grid-template-columns: 1fr 500px;
        gap: 32px;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      .grow {
        flex: 1;
      }
    `,
  ];

  constructor() {
    super();
    this.addEventListener('sos-back', () => this.send({ type: 'user.dismiss' }));
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    return html`<section class="screen" aria-labelledby="title">
      <div class="main">
        <h1 id="title" tabindex="-1" data-idrive-fallback>${t.ENDED_TITLE}</h1>
        <p class="lead strong">${t.endedSummary(view?.elapsedS ?? 0)}</p>
        <p class="lead">${t.ENDED_CALLBACK}</p>
        <div class="grow"></div>
        <div class="actions">
          <sos-action-button
            data-default
            variant="primary"
            label=${t.BUTTON.close}
            @click=${() => this.send({ type: 'user.dismiss' })}
          ></sos-action-button>
        </div>
      </div>
      <div>${view?.sent ? html`<div class="panel">${sentPanel(view.sent)}</div>` : ''}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-ended': SosCallEnded;
  }
}
