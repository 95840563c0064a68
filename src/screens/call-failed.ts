import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import { closeAction } from './call-parts.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';

/**
 * The car could not reach the centre within the redial window (`failed`), or the car's telematics unit
 * has not confirmed an emergency call after a crash or stopped reporting mid-call (`unconfirmed`):
 * tell the occupant to call the emergency number from a phone, big, and give the position to read
 * out (5 decimals, N/E).
 */
@customElement('sos-call-failed')
export class SosCallFailed extends CallScreen {
  static override styles = [
    screenStyles,
    css`
      .screen {
        grid-template-columns: 1fr 420px;
        gap: 36px;
        padding-block: 22px;
        background: radial-gradient(ellipse 60% 90% at 10% 40%, var(--sos-danger-soft), transparent 70%);
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      h1 {
        color: var(--sos-danger);
        text-wrap: balance;
      }
      /* A longer title: one line in English; two in Italian or Spanish still leave room for Close. */
      .screen[data-screen='unconfirmed'] h1 {
        font-size: var(--sos-font-size-scale-17);
      }
      .call-phone {
        font-size: var(--sos-font-size-scale-23);
        font-weight: 800;
        line-height: 1.1;
        color: var(--sos-text);
      }
      .grow {
        flex: 1;
      }
      .readout {
        align-self: center;
        display: grid;
        gap: 10px;
      }
      .coords {
        font-size: var(--sos-font-size-scale-15);
        font-weight: 700;
        line-height: 1.25;
        font-variant-numeric: tabular-nums;
      }
      .coords span {
        display: block;
      }
    `,
  ];

  constructor() {
    super();
    this.addEventListener('sos-back', () => this.send({ type: 'user.dismiss' }));
  }

  private position(view: CallView): TemplateResult {
    const position = view.position ?? view.sent?.position ?? null;
    if (!position) return html`<p class="coords">${t.NOT_AVAILABLE}</p>`;
    const [lat, lon] = t.formatPosition(position).split(', ');
    return html`<p class="coords" data-part="position"><span>${lat}</span><span>${lon}</span></p>
      ${position.trusted ? nothing : html`<p class="lead">${t.POSITION_NOT_TRUSTED}</p>`}`;
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    const unconfirmed = view.screen === 'unconfirmed';
    const explanation = unconfirmed
      ? view.crash !== null
        ? t.UNCONFIRMED_CRASH
        : t.UNCONFIRMED_NOT_RESPONDING
      : t.FAILED_EXPLANATION;
    return html`<section class="screen" aria-labelledby="title" data-screen=${view.screen}>
      <div class="main">
        <h1 id="title" tabindex="-1" data-idrive-fallback>
          ${unconfirmed ? t.UNCONFIRMED_TITLE : t.FAILED_TITLE}
        </h1>
        <p class="call-phone" data-part="call-phone">${t.callFromPhoneText(view.emergencyNumber)}</p>
        <p class="lead" data-part="explanation">${explanation}</p>
        ${view.failureReason ? html`<p class="lead">${t.failureReasonText(view.failureReason)}</p>` : nothing}
        <div class="grow"></div>
        <sos-call-actions>${closeAction((e) => this.send(e))}</sos-call-actions>
      </div>
      <div class="panel readout">
        <h2>${t.READ_OUT_HEADING}</h2>
        ${this.position(view)}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-failed': SosCallFailed;
  }
}
