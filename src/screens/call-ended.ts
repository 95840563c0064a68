import { css, html, nothing, type TemplateResult } from 'lit';
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
        grid-template-columns: 1fr 440px;
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
      .contacts {
        font-size: 21px;
        font-weight: 650;
        color: var(--sos-ready);
      }
      .side {
        display: flex;
        flex-direction: column;
        gap: 12px;
        min-block-size: 0;
      }
      .side .panel {
        padding: 12px 18px;
      }
      .pois ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 6px;
      }
      .pois li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0 12px;
        font-size: 16px;
      }
      .pois li[data-guiding] .kind {
        color: var(--sos-accent);
      }
      .pois .kind {
        font-weight: 700;
      }
      .pois .dist {
        font-variant-numeric: tabular-nums;
        color: var(--sos-text-dim);
      }
      .pois .name {
        grid-column: 1 / -1;
        color: var(--sos-text-dim);
        font-size: 15px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .guiding {
        margin-block-start: 6px;
        font-size: 14px;
        color: var(--sos-accent);
      }
      .actions sos-action-button {
        min-inline-size: 150px;
        flex: none;
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
        ${
          view?.contactsNotified
            ? html`<p class="contacts" data-part="contacts-notified">✓ ${t.CONTACTS_NOTIFIED_AFTER}</p>`
            : nothing
        }
        <div class="grow"></div>
        <div class="actions">
          <sos-action-button
            data-default
            variant="primary"
            label=${t.BUTTON.close}
            @click=${() => this.send({ type: 'user.dismiss' })}
          ></sos-action-button>
          ${(view?.pointsOfInterest ?? []).map(
            (p) =>
              html`<sos-action-button
                label=${p.kind === 'police' ? t.DIAG_BUTTON.police : t.DIAG_BUTTON.hospital}
                @click=${() => this.send({ type: 'user.startGuidance', kind: p.kind })}
              ></sos-action-button>`,
          )}
        </div>
      </div>
      <div class="side">
        ${view?.sent ? html`<div class="panel">${sentPanel(view.sent)}</div>` : ''}
        ${
          view?.pointsOfInterest.length
            ? html`<div class="panel pois" data-part="directions">
                <h2>${t.DIRECTIONS_HEADING}</h2>
                <ul>
                  ${view.pointsOfInterest.map(
                    (p) =>
                      html`<li data-poi=${p.kind} ?data-guiding=${view.guidanceTo === p.kind}>
                        <span class="kind">${t.poiKindText(p.kind)}</span>
                        <span class="dist"
                          >${t.distanceText(p.distanceM)} ${t.compassText(p.bearingDeg)}</span
                        >
                        <span class="name">${p.name}</span>
                      </li>`,
                  )}
                </ul>
                ${view.guidanceTo ? html`<p class="guiding" role="status">${t.guidanceStarted(view.guidanceTo)}</p>` : nothing}
              </div>`
            : nothing
        }
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-ended': SosCallEnded;
  }
}
