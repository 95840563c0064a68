import { css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { closeAction, sentPanel } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';

/** The eCall TEST session is over: passed or failed, in test colours, with what was sent. */
@customElement('sos-test-call-ended')
export class SosTestCallEnded extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    css`
      .screen {
        grid-template-columns: 1fr 480px;
        grid-template-rows: auto 1fr;
        gap: 14px 32px;
        padding-block-start: 12px;
      }
      .test-banner {
        grid-column: 1 / -1;
        margin: 0;
        padding: 8px 16px;
        border-radius: var(--sos-radius-md);
        background: var(--sos-accent-strong);
        color: var(--sos-on-accent);
        font-size: var(--sos-font-size-scale-10);
        font-weight: 800;
        letter-spacing: 0.04em;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      .grow {
        flex: 1;
      }
      h1[data-outcome='passed'] {
        color: var(--sos-ready);
      }
      h1[data-outcome='failed'] {
        color: var(--sos-danger);
      }
    `,
  ];

  constructor() {
    super();
    this.addEventListener('sos-back', () => this.send({ type: 'user.dismiss' }));
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    const passed = view?.testOutcome === 'passed';
    return html`<section class="screen" aria-labelledby="title">
      <p class="test-banner" role="note" data-part="test-banner">${t.TEST_CALL_BANNER}</p>
      <div class="main">
        <h1 id="title" tabindex="-1" data-idrive-fallback data-outcome=${passed ? 'passed' : 'failed'}>
          ${passed ? t.TEST_PASSED_TITLE : t.TEST_FAILED_TITLE}
        </h1>
        <p class="lead strong">
          ${passed ? t.TEST_PASSED_TEXT : t.testFailedText(view?.failureReason ?? null, view?.emergencyNumber ?? '112')}
        </p>
        <div class="grow"></div>
        <sos-call-actions>
          ${closeAction((e) => this.send(e), 'primary')}
          <sos-action-button
            label=${t.DIAG_BUTTON.testCall}
            @click=${() => this.send({ type: 'user.testCall' })}
          ></sos-action-button>
        </sos-call-actions>
      </div>
      <div>${view?.sent ? html`<div class="panel">${sentPanel(view.sent)}</div>` : ''}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-test-call-ended': SosTestCallEnded;
  }
}
