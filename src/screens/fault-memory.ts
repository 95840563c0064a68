import { css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { faultLogJson } from '../machines/model/faultLogExport.js';
import type { FaultMemoryView } from '../machines/views.js';
import { ActorController } from './controllers/actor-controller.js';
import { DiagnosisScreen, diagnosisStyles } from './diagnosis-screen.js';
import { screenStyles } from './screen-styles.js';
import * as dt from './diagnosis-texts.js';

/**
 * Fault memory: every fault, ignition cycle, self-test, call and outcome with time and cause,
 * newest first, kept across restarts. The controller scrolls through the entries; "Export JSON"
 * saves the whole memory for a workshop.
 */
@customElement('sos-fault-memory')
export class SosFaultMemory extends DiagnosisScreen {
  static override styles = [
    screenStyles,
    diagnosisStyles,
    css`
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 4px;
      }
      .entry {
        display: grid;
        grid-template-columns: 150px 80px 1fr;
        gap: 14px;
        align-items: baseline;
        padding: 7px 12px;
        border-radius: var(--sos-radius-sm);
        border-block-end: 1px solid var(--sos-border);
        font-size: var(--sos-font-size-scale-6);
      }
      .when {
        font-variant-numeric: tabular-nums;
        color: var(--sos-text-dim);
        font-size: var(--sos-font-size-scale-4);
      }
      .cycle {
        font-size: var(--sos-font-size-scale-2);
        color: var(--sos-text-faint);
      }
      .entry[data-kind='fault'] .what {
        color: var(--sos-danger);
        font-weight: 650;
      }
      .entry[data-kind='faultCleared'] .what {
        color: var(--sos-ready);
      }
      .entry[data-kind='call'] .what,
      .entry[data-kind='callOutcome'] .what {
        color: var(--sos-accent);
      }
      .empty {
        font-size: var(--sos-font-size-scale-9);
        color: var(--sos-text-faint);
      }
    `,
  ];

  @state() private exported = false;

  private readonly log = new ActorController<FaultMemoryView, FaultMemoryView>(
    this,
    () => this.services?.diagnosis?.faultMemory,
    (view) => view,
  );

  /** Saves the memory as a JSON file (oldest first, as a workshop reads it). */
  private export(): void {
    const entries = [...(this.log.value?.entries ?? [])].reverse();
    const json = faultLogJson(entries, {
      exportedAt: this.services?.clockNow() ?? 0,
      vin: this.services?.diagnosis?.vin ?? null,
    });
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'sos-fault-memory.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.exported = true;
  }

  protected override render(): TemplateResult {
    const entries = this.log.value?.entries ?? [];
    return html`<div class="page">
      ${this.renderNav('faultMemory')}
      <section class="content" aria-labelledby="title">
        <header>
          <h1 id="title" tabindex="-1" data-idrive-fallback>${dt.FAULT_MEMORY_TITLE}</h1>
          <span class="sub">${dt.faultMemoryCount(entries.length)}</span>
        </header>
        <div class="scroll">
          ${
            entries.length
              ? html`<ol aria-label=${dt.FAULT_MEMORY_TITLE}>
                  ${entries.map(
                    (e) =>
                      html`<li
                        class="entry"
                        data-idrive-action
                        tabindex="0"
                        data-kind=${e.kind}
                        data-seq=${e.seq}
                      >
                        <span class="when">${dt.faultLogEntryTime(e)}</span>
                        <span class="cycle">${dt.cycleText(e.cycle)}</span>
                        <span class="what">${dt.faultLogEntryText(e)}</span>
                      </li>`,
                  )}
                </ol>`
              : html`<p class="empty">${dt.FAULT_MEMORY_EMPTY}</p>`
          }
        </div>
        <div class="actions">
          <span class="note" role="status">${this.exported ? dt.FAULT_MEMORY_EXPORTED : ''}</span>
          <sos-action-button
            data-default
            variant="primary"
            label=${dt.DIAG_PAGE_BUTTON.exportJson}
            ?disabled=${entries.length === 0}
            @click=${() => this.export()}
          ></sos-action-button>
        </div>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-fault-memory': SosFaultMemory;
  }
}
