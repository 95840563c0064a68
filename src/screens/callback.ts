import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { centreLine, closeAction, conversationPanel, conversationShown, textAction } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';
import '../components/call-header/call-header.js';
import '../components/call-meta/call-meta.js';

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
        font-size: var(--sos-font-size-scale-7);
      }
      /* Glanceability: the status is one line, never wrapped by the timer beside it. */
      sos-call-header h1 {
        white-space: nowrap;
      }
      .remaining {
        font-size: var(--sos-font-size-scale-15);
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
    // The conversation panel is a chunk of its own: until it is defined, the screen is as with it closed.
    const panel = active && conversationShown(view, this, (e) => this.send(e));
    return html`<section class="screen" aria-labelledby="title">
      <sos-call-header
        timer=${active ? t.formatMmSs(view.elapsedS) : ''}
        timer-label=${t.CALL_TIME_LABEL}
        led=${view.led}
      >
        <h1 id="title" tabindex="-1" data-idrive-fallback>
          ${active ? t.CALLBACK_ACTIVE_TITLE : t.CALLBACK_WAITING_TITLE}
        </h1>
      </sos-call-header>
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
            <sos-call-meta
              .items=${view.audioMuted ? [{ text: t.AUDIO_MUTED, part: 'muted', icon: 'muted' as const }] : []}
            ></sos-call-meta>
          </div>
          <sos-call-actions ?stacked=${panel}
            >${active ? textAction(view, (e) => this.send(e)) : closeAction((e) => this.send(e))}</sos-call-actions
          >
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
