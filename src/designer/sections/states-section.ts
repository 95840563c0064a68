/** `wb-states-section`: each machine's current state, and the opt-in live state chart. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MachineState } from '../machineStates.js';
import { emit } from './events.js';
import { sectionStyles } from './section-styles.js';
import { statesSectionStyles } from './states-section.styles.js';

/** @fires wb-open-inspector - "Open live state chart" */
@customElement('wb-states-section')
export class WbStatesSection extends LitElement {
  static override styles = [sectionStyles, statesSectionStyles];

  /** Each machine's state now. */
  @property({ attribute: false }) states: readonly MachineState[] = [];
  /** The page can open the Stately inspector (the designer build records inspection events). */
  @property({ type: Boolean }) inspector = false;
  /** The inspector has been opened already. */
  @property({ type: Boolean }) inspectorOpened = false;

  protected override render(): TemplateResult {
    return html`<h2 id="wb-states">State chart</h2>
      <table class="states" data-part="machine-states">
        ${this.states.map(
          (s) =>
            html`<tr data-machine=${s.id}>
              <th scope="row">${s.id}</th>
              <td>${s.state}</td>
            </tr>`,
        )}
      </table>
      ${
        this.inspector
          ? html`<div class="row" style="margin-top:8px">
                <button
                  ?disabled=${this.inspectorOpened}
                  @click=${() => emit(this, 'wb-open-inspector', undefined)}
                >
                  Open live state chart (Stately inspector)
                </button>
              </div>
              <p class="hint">Opt-in: opens stately.ai/inspect in a new window (needs network).</p>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-states-section': WbStatesSection;
  }
}
