/** `wb-faults-section`: every fault of the product description, the MOST ring's and a battery reset. */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ALL_FAULTS, RING_UNITS } from '../../sim/faults.js';
import { emitAction } from './events.js';
import { faultsSectionStyles } from './faults-section.styles.js';
import { sectionStyles } from './section-styles.js';

const SIMPLE_FAULTS = ALL_FAULTS.filter((f) => !f.includes(':'));
const RING_FAULT_KINDS = [
  ['most-node-failure', 'Node failed'],
  ['fibre-damage', 'Fibre into it'],
  ['blown-fuse', 'Fuse blown'],
] as const;

/** @fires wb-action - `{ do: 'fault', fault, on }` per checkbox, `batteryReset` */
@customElement('wb-faults-section')
export class WbFaultsSection extends LitElement {
  static override styles = [sectionStyles, faultsSectionStyles];

  /** Every fault present now. */
  @property({ attribute: false }) faults: readonly string[] = [];

  private toggle(fault: string, e: Event): void {
    emitAction(this, { do: 'fault', fault, on: (e.target as HTMLInputElement).checked });
  }

  protected override render(): TemplateResult {
    const has = (f: string): boolean => this.faults.includes(f);
    return html`<h2 id="wb-faults">Faults</h2>
      <div class="grid">
        ${SIMPLE_FAULTS.map(
          (f) =>
            html`<label
              ><input
                type="checkbox"
                data-fault=${f}
                .checked=${has(f)}
                @change=${(e: Event) => this.toggle(f, e)}
              />${f}</label
            >`,
        )}
      </div>
      <table class="ring">
        <thead>
          <tr>
            <th>MOST ring unit</th>
            ${RING_FAULT_KINDS.map(([, label]) => html`<th>${label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${RING_UNITS.map(
            (unit) =>
              html`<tr>
                <td>${unit}</td>
                ${RING_FAULT_KINDS.map(([kind, label]) => {
                  const fault = `${kind}:${unit}`;
                  return html`<td>
                    <input
                      type="checkbox"
                      data-fault=${fault}
                      aria-label="${label}: ${unit}"
                      .checked=${has(fault)}
                      @change=${(e: Event) => this.toggle(fault, e)}
                    />
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
      <div class="row" style="margin-top:8px">
        <button @click=${() => emitAction(this, { do: 'batteryReset' })}>Battery reset</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-faults-section': WbFaultsSection;
  }
}
