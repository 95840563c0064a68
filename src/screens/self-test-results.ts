import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { DiagnosisScreen, diagnosisStyles } from './diagnosis-screen.js';
import { screenStyles } from './screen-styles.js';
import * as dt from './diagnosis-texts.js';
import * as t from './texts.js';

/**
 * Self-test results: every part the SOS chain depends on with its result (OK / fault / not
 * checked / unknown) and the time of its last check; the UN R144 cases are marked. Actions: run
 * the self-test (through the bridge) and start a test call.
 */
@customElement('sos-self-test-results')
export class SosSelfTestResults extends DiagnosisScreen {
  static override styles = [
    screenStyles,
    diagnosisStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        grid-auto-flow: column;
        grid-template-rows: repeat(7, auto);
        gap: 3px 20px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .row {
        display: grid;
        grid-template-columns: 1fr auto auto;
        align-items: center;
        gap: 10px;
        padding: 3px 8px;
        border-radius: var(--sos-radius-sm);
        border-block-end: 1px solid var(--sos-border);
        font-size: var(--sos-font-size-scale-5);
      }
      .row[data-result='fault'] {
        background: var(--sos-danger-soft);
      }
      .name {
        min-inline-size: 0;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .r144 {
        margin-inline-start: 6px;
        font-size: var(--sos-font-size-scale-1);
        font-weight: 700;
        letter-spacing: 0.04em;
        color: var(--sos-accent);
        border: 1px solid var(--sos-accent);
        border-radius: var(--sos-radius-xs);
        padding: 1px 5px;
        vertical-align: 2px;
      }
      .row .result {
        min-inline-size: 92px;
      }
      .time {
        /* A time of day never breaks across two lines ("22:09:1" / "0"). */
        min-inline-size: 66px;
        white-space: nowrap;
        text-align: end;
        font-size: var(--sos-font-size-scale-4);
        color: var(--sos-text-faint);
        font-variant-numeric: tabular-nums;
      }
      .status[data-request='failed'] {
        color: var(--sos-danger);
      }
    `,
  ];

  protected override render(): TemplateResult {
    const view = this.diagnosis.value?.selfTest;
    const rows = view?.rows ?? [];
    return html`<div class="page">
      ${this.renderNav('selfTest')}
      <section class="content" aria-labelledby="title">
        <header>
          <h1 id="title" tabindex="-1" data-idrive-fallback>${dt.SELF_TEST_TITLE}</h1>
          <span class="sub" data-part="summary">${dt.selfTestSummary(rows)}</span>
        </header>
        <ul class="grid" aria-label=${dt.SELF_TEST_TITLE}>
          ${rows.map(
            (row) =>
              html`<li class="row" data-item=${row.item} data-result=${row.result}>
                <span class="name"
                  >${dt.selfTestItemName(row.item)}${
                    row.r144
                      ? html`<span class="r144" title=${dt.SELF_TEST_R144_HINT}>${dt.SELF_TEST_R144}</span>`
                      : nothing
                  }</span
                >
                <span class="result" data-result=${row.result}>${dt.selfTestResultText(row.result)}</span>
                <span class="time"
                  >${row.checkedAt === null ? dt.SELF_TEST_NEVER : t.formatTimeOfDay(row.checkedAt)}</span
                >
              </li>`,
          )}
        </ul>
        <div class="actions">
          <span class="note status" role="status" data-request=${view?.request ?? 'idle'}
            >${view ? dt.selfTestRequestText(view) : ''}</span
          >
          <sos-action-button
            label=${t.DIAG_BUTTON.testCall}
            @click=${() => this.send({ type: 'user.testCall' })}
          ></sos-action-button>
          <sos-action-button
            data-default
            variant="primary"
            label=${dt.DIAG_PAGE_BUTTON.runSelfTest}
            ?disabled=${view?.request === 'running'}
            @click=${() => this.send({ type: 'user.selfTest' })}
          ></sos-action-button>
        </div>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-self-test-results': SosSelfTestResults;
  }
}
