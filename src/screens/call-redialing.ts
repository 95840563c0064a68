import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import { cancelCallAction, centreLine, dataPanel, endHint } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';
import type { CallMetaItem } from '../components/call-meta/call-meta.js';
import '../components/call-meta/call-meta.js';

/**
 * The call dropped or failed; the car redials within the EN 16062 redial window. A connected call
 * that dropped (not one the centre cleared down) says so; the newest line from the centre stays.
 */
@customElement('sos-call-redialing')
export class SosCallRedialing extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
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
        font-size: var(--sos-font-size-scale-18);
        white-space: nowrap;
        color: var(--sos-limited);
      }
      .next {
        font-size: var(--sos-font-size-scale-15);
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

  /** The attempt, why the last one failed, the LED and the muted audio. */
  private metaItems(view: CallView): CallMetaItem[] {
    return [
      { text: t.attemptText(view.attempt), part: 'attempt' },
      ...(view.failureReason ? [{ text: t.failureReasonText(view.failureReason), part: 'failure' }] : []),
      { led: view.led },
      ...(view.audioMuted ? [{ text: t.AUDIO_MUTED, part: 'muted', icon: 'muted' as const }] : []),
    ];
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
        <sos-call-meta .items=${this.metaItems(view)}></sos-call-meta>
        ${view.kind ? endHint(view) : nothing} ${centreLine(view)}
        <div class="grow"></div>
        ${
          view.canCancel
            ? html`<sos-call-actions>${cancelCallAction((e) => this.send(e))}</sos-call-actions>`
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
