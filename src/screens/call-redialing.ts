import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { endHint, mutedIcon, sentPanel } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import { ledMirror, ledMirrorStyles } from '../components/led-mirror/led-mirror.js';

/** The call dropped or failed; the car redials within the EN 16062 redial window. */
@customElement('sos-call-redialing')
export class SosCallRedialing extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    ledMirrorStyles,
    css`
      .screen {
        grid-template-columns: 1fr 460px;
        gap: 32px;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      h1 {
        font-size: 44px;
        white-space: nowrap;
        color: var(--sos-limited);
      }
      .next {
        font-size: 34px;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .grow {
        flex: 1;
      }
    `,
  ];

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    return html`<section class="screen" aria-labelledby="title">
      <div class="main">
        <h1 id="title" tabindex="-1" data-idrive-fallback>${t.REDIAL_TITLE}</h1>
        <p class="next" data-part="redial-in">
          ${view.redialInS !== null && view.redialInS > 0 ? t.redialInText(view.redialInS) : t.REDIAL_NOW}
        </p>
        <div class="meta">
          <span>${t.attemptText(view.attempt)}</span>
          ${view.failureReason ? html`<span>${t.failureReasonText(view.failureReason)}</span>` : nothing}
          ${ledMirror(view.led)}
          ${view.audioMuted ? html`<span>${mutedIcon}${t.AUDIO_MUTED}</span>` : nothing}
        </div>
        ${view.kind ? endHint(view) : nothing}
        <div class="grow"></div>
        ${
          view.canCancel
            ? html`<div class="actions">
                <sos-action-button
                  data-default
                  data-emergency
                  variant="primary"
                  label=${t.BUTTON.cancelCall}
                  @click=${() => this.send({ type: 'user.cancel' })}
                ></sos-action-button>
              </div>`
            : nothing
        }
      </div>
      <div>${view.sent ? html`<div class="panel">${sentPanel(view.sent)}</div>` : nothing}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-redialing': SosCallRedialing;
  }
}
