import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import {
  centreLine,
  closeAction,
  dataPanel,
  focusWhenRendered,
  safetyAction,
  safetyCard,
} from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';

/** At most this many actions on an emergency screen (glanceability). */
const MAX_ACTIONS = 3;

/**
 * The call is over: who ended it (the centre cleared it down), a summary, what the centre has, and
 * `Close`; after a crash `Safety steps` opens the post-crash card (then it takes the screen under the
 * heading), and directions to the nearest police station and hospital — at most three actions, the
 * safety steps before directions.
 */
@customElement('sos-call-ended')
export class SosCallEnded extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    css`
      .screen {
        grid-template-columns: minmax(0, 1fr) 440px;
        gap: 32px;
      }
      .main {
        gap: 16px;
      }
      .info {
        gap: 12px;
      }
      .info .lead {
        font-size: var(--sos-font-size-scale-11);
      }
      .summary .time {
        font-weight: 400;
        color: var(--sos-text-dim);
        white-space: nowrap;
      }
      .grow {
        flex: 1;
      }
      .contacts {
        font-size: var(--sos-font-size-scale-10);
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
        font-size: var(--sos-font-size-scale-5);
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
        font-size: var(--sos-font-size-scale-4);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .guiding {
        margin-block-start: 6px;
        font-size: var(--sos-font-size-scale-3);
        color: var(--sos-accent);
      }
      /* Three actions share the column (long German words too): they shrink, a label may wrap. */
      sos-call-actions {
        gap: 16px;
      }
      sos-call-actions sos-action-button {
        min-inline-size: 0;
        flex: 0 1 auto;
      }
      sos-call-actions sos-action-button::part(button) {
        padding: 0 14px;
        font-size: var(--sos-font-size-scale-10);
      }
      /* The safety card is open: heading and summary on top, the card below (its Close leads back). */
      .screen.card-open {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto minmax(0, 1fr);
        gap: 14px;
        padding-block: 18px 20px;
      }
      .card-open .top {
        display: flex;
        align-items: baseline;
        gap: 28px;
        min-inline-size: 0;
      }
      .card-open .top h1 {
        white-space: nowrap;
      }
      .card-open .top .lead {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
    `,
  ];

  constructor() {
    super();
    this.addEventListener('sos-back', () => this.send({ type: 'user.dismiss' }));
  }

  /** The safety card was open at the last render (its action comes back when it closes). */
  private safetyWasOpen = false;

  protected override updated(): void {
    const open = this.call.value?.safety.open ?? false;
    if (this.safetyWasOpen && !open)
      void focusWhenRendered(this.renderRoot.querySelector<HTMLElement>('[data-part="safety-action"]'));
    this.safetyWasOpen = open;
  }

  /** What the centre has — or, when it has no data from the car, the position to read out. */
  private renderData(view: CallView | undefined): TemplateResult | typeof nothing {
    const data = view ? dataPanel(view, false) : nothing;
    return data === nothing ? nothing : html`<div class="panel">${data}</div>`;
  }

  /** Who ended the call, then how long it lasted. */
  private summary(view: CallView | undefined): TemplateResult {
    const elapsedS = view?.elapsedS ?? 0;
    if (view?.callEnd === 'clearDown')
      return html`<p class="lead strong summary">
        <span data-part="call-end">${t.CENTRE_ENDED_CALL}</span>
        ${elapsedS > 0 ? html`<span class="time">· ${t.endedSummary(elapsedS)}</span>` : nothing}
      </p>`;
    return html`<p class="lead strong">${t.endedSummary(elapsedS)}</p>`;
  }

  private renderActions(view: CallView | undefined): TemplateResult {
    const send = this.send.bind(this);
    const actions = [
      closeAction(send, 'primary'),
      ...(view && view.safety.available && !view.safety.open ? [safetyAction(view, send)] : []),
      ...(view?.pointsOfInterest ?? []).map(
        (p) =>
          html`<sos-action-button
            label=${p.kind === 'police' ? t.DIAG_BUTTON.police : t.DIAG_BUTTON.hospital}
            @click=${() => this.send({ type: 'user.startGuidance', kind: p.kind })}
          ></sos-action-button>`,
      ),
    ];
    return html`<sos-call-actions>${actions.slice(0, MAX_ACTIONS)}</sos-call-actions>`;
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (view?.safety.open)
      return html`<section class="screen card-open" aria-labelledby="title">
        <div class="top">
          <h1 id="title" tabindex="-1" data-idrive-fallback>${t.ENDED_TITLE}</h1>
          ${this.summary(view)}
        </div>
        ${safetyCard(view, this.send.bind(this), 2)}
      </section>`;
    return html`<section class="screen" aria-labelledby="title">
      <div class="main column">
        <div class="info fading">
          <h1 id="title" tabindex="-1" data-idrive-fallback>${t.ENDED_TITLE}</h1>
          ${this.summary(view)} ${view ? centreLine(view) : nothing}
          <p class="lead">${t.ENDED_CALLBACK}</p>
          ${
            view?.contactsNotified
              ? html`<p class="contacts" data-part="contacts-notified">✓ ${t.CONTACTS_NOTIFIED_AFTER}</p>`
              : nothing
          }
        </div>
        ${this.renderActions(view)}
      </div>
      <div class="side">
        ${this.renderData(view)}
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
