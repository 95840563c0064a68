import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { centreLine, conversationPanel, mutedIcon, textAction } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import { ledMirror, ledMirrorStyles } from '../components/led-mirror/led-mirror.js';

/**
 * After the call: the window in which the centre may call back (answered automatically), and the
 * call-back itself once it comes in — with the newest line from the centre and, while the text
 * channel is up, `Text` (the conversation panel then takes the right-hand side).
 */
@customElement('sos-callback')
export class SosCallback extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    ledMirrorStyles,
    css`
      .screen {
        grid-template-rows: auto minmax(0, 1fr);
        gap: 18px;
      }
      .content {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 28px;
        min-block-size: 0;
      }
      .body {
        gap: 18px;
      }
      .status {
        display: flex;
        flex-direction: column;
        gap: 16px;
        min-block-size: 0;
        overflow: hidden;
      }
      .wide .lead,
      .wide .hint-limited {
        font-size: 18px;
      }
      .wide .actions {
        flex-direction: column;
        align-items: stretch;
      }
      .wide .actions sos-action-button {
        min-inline-size: 0;
      }
      header {
        display: flex;
        align-items: center;
        gap: 24px;
      }
      /* Glanceability: the status is one line, never wrapped by the timer beside it. */
      header h1 {
        white-space: nowrap;
      }
      .spacer {
        flex: 1;
      }
      .remaining {
        font-size: 34px;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  constructor() {
    super();
    this.addEventListener('sos-back', () => {
      if (this.call.value?.screen === 'callbackWaiting') this.send({ type: 'user.dismiss' });
    });
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    const active = view.screen === 'callback';
    const panel = active && view.conversation.panel !== null;
    return html`<section class="screen" aria-labelledby="title">
      <header>
        <h1 id="title" tabindex="-1" data-idrive-fallback>
          ${active ? t.CALLBACK_ACTIVE_TITLE : t.CALLBACK_WAITING_TITLE}
        </h1>
        ${active ? html`<span class="timer" role="timer" aria-label=${t.CALL_TIME_LABEL}>${t.formatMmSs(view.elapsedS)}</span>` : nothing}
        <span class="spacer"></span>
        ${ledMirror(view.led)}
      </header>
      <div class="content ${panel ? 'wide' : ''}">
        <div class="body column">
          <div class="status">
            ${panel ? nothing : centreLine(view)}
            ${
              active
                ? html`<p class="lead strong">${t.ONLY_CENTRE_ENDS}</p>`
                : html`<p class="remaining" data-part="remaining">
                    ${t.callbackRemainingText(view.callbackRemainingS ?? 0)}
                  </p>`
            }
            <p class="lead">${t.CALLBACK_EXPLANATION}</p>
            ${active && view.audioMayBeLost ? html`<p class="hint-limited" data-part="audio-lost" role="alert">${t.AUDIO_MAY_BE_LOST}</p>` : nothing}
            <div class="meta">
              ${view.audioMuted ? html`<span>${mutedIcon}${t.AUDIO_MUTED}</span>` : nothing}
            </div>
          </div>
          ${
            active
              ? html`<div class="actions">${textAction(view, (e) => this.send(e))}</div>`
              : html`<div class="actions">
                  <sos-action-button
                    data-default
                    label=${t.BUTTON.close}
                    @click=${() => this.send({ type: 'user.dismiss' })}
                  ></sos-action-button>
                </div>`
          }
        </div>
        ${panel ? conversationPanel(view, (e) => this.send(e)) : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-callback': SosCallback;
  }
}
