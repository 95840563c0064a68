import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import { centreLine, dataPanel, endHint, mutedIcon } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import { ledMirror, ledMirrorStyles } from '../components/led-mirror/led-mirror.js';

/**
 * The call dropped or failed; the car redials within the EN 16062 redial window. A connected call
 * that dropped (not one the centre cleared down) says so; the newest line from the centre stays.
 */
@customElement('sos-call-redialing')
export class SosCallRedialing extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    ledMirrorStyles,
    css`
      /* The heading spans the screen: one line in every language ("Anruf abgebrochen — erneute Anwahl"). */
      .screen {
        grid-template-columns: minmax(0, 1fr) 440px;
        grid-template-rows: auto minmax(0, 1fr);
        gap: 16px 32px;
      }
      .screen > h1 {
        grid-column: 1 / -1;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 16px;
        min-inline-size: 0;
        min-block-size: 0;
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

  /** What was sent — or, when the centre has no data from the car, the position to read out. */
  private renderData(view: CallView): TemplateResult | typeof nothing {
    const data = dataPanel(view, false);
    return data === nothing ? nothing : html`<div class="panel">${data}</div>`;
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    return html`<section class="screen" aria-labelledby="title">
      <h1 id="title" tabindex="-1" data-idrive-fallback>${t.REDIAL_TITLE}</h1>
      <div class="main">
        ${view.callEnd === 'dropped' ? html`<p class="lead strong" data-part="call-end">${t.CALL_DROPPED_AGAIN}</p>` : nothing}
        <p class="next" data-part="redial-in">
          ${view.redialInS !== null && view.redialInS > 0 ? t.redialInText(view.redialInS) : t.REDIAL_NOW}
        </p>
        <div class="meta">
          <span>${t.attemptText(view.attempt)}</span>
          ${view.failureReason ? html`<span>${t.failureReasonText(view.failureReason)}</span>` : nothing}
          ${ledMirror(view.led)}
          ${view.audioMuted ? html`<span>${mutedIcon}${t.AUDIO_MUTED}</span>` : nothing}
        </div>
        ${view.kind ? endHint(view) : nothing} ${centreLine(view)}
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
      <div>${this.renderData(view)}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-redialing': SosCallRedialing;
  }
}
