import { css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { cancelCallAction } from './call-parts.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';
import '../components/countdown/countdown.js';

/**
 * The cancel window after a manual SOS press: a countdown, then the car dials by itself.
 * `Cancel call` has the initial focus — an inadvertent press is undone with one push.
 */
@customElement('sos-cancel-flow')
export class SosCancelFlow extends CallScreen {
  static override styles = [
    screenStyles,
    css`
      .screen {
        grid-template-columns: 260px 1fr;
        align-items: center;
        gap: 48px;
        padding-inline: 56px;
        background: radial-gradient(ellipse 60% 90% at 15% 50%, var(--sos-danger-soft), transparent 70%);
      }
      sos-countdown {
        --sos-countdown-size: 240px;
      }
      .main {
        display: grid;
        gap: 16px;
      }
      h1 {
        font-size: var(--sos-font-size-scale-23);
        font-variant-numeric: tabular-nums;
      }
      sos-call-actions {
        margin-block-start: 18px;
      }
      sos-call-actions sos-action-button {
        min-inline-size: 280px;
      }
    `,
  ];

  protected override render(): TemplateResult {
    const view = this.call.value;
    const remaining = view?.countdownS ?? 0;
    const total = view?.countdownTotalS ?? remaining;
    return html`<section class="screen tone-danger" aria-labelledby="title">
      <sos-countdown remaining=${remaining} total=${total}></sos-countdown>
      <div class="main">
        <h1 id="title" tabindex="-1" data-idrive-fallback>${t.cancelTitle(remaining)}</h1>
        <p class="lead strong">${t.CANCEL_EXPLANATION}</p>
        <p class="lead">${t.CANCEL_HINT}</p>
        <sos-call-actions>
          ${cancelCallAction((e) => this.send(e), view?.canCancel ?? true)}
          <sos-action-button
            data-emergency
            variant="danger"
            label=${t.BUTTON.callNow}
            ?hidden=${view ? !view.canCallNow : false}
            @click=${() => this.send({ type: 'user.callNow' })}
          ></sos-action-button>
        </sos-call-actions>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-cancel-flow': SosCancelFlow;
  }
}
