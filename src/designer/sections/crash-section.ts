/** `wb-crash-section`: a crash from the airbag unit, with its severity, airbag, rollover and occupants. */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CrashInput } from '../../sim/types.js';
import { emitAction } from './events.js';
import { sectionStyles } from './section-styles.js';

/** @fires wb-action - `{ do: 'crash', crash }` on "Crash" */
@customElement('wb-crash-section')
export class WbCrashSection extends LitElement {
  static override styles = sectionStyles;

  /** The crash the button sends (a form value, not vehicle state). */
  @state() private crash: Required<CrashInput> = {
    severity: 3,
    airbagDeployed: true,
    rollover: false,
    occupants: 2,
  };

  protected override render(): TemplateResult {
    return html`<h2 id="wb-crash">Crash</h2>
      <div class="row">
        <label class="field"
          >Severity<select
            @change=${(e: Event) =>
              (this.crash = { ...this.crash, severity: Number((e.target as HTMLSelectElement).value) })}
          >
            ${[1, 2, 3, 4].map((n) => html`<option value=${n} ?selected=${this.crash.severity === n}>${n}</option>`)}
          </select></label
        >
        <label class="field"
          >Occupants<input
            type="number"
            min="0"
            max="9"
            .value=${String(this.crash.occupants)}
            @change=${(e: Event) =>
              (this.crash = { ...this.crash, occupants: Number((e.target as HTMLInputElement).value) })}
        /></label>
        <label
          ><input
            type="checkbox"
            .checked=${this.crash.airbagDeployed}
            @change=${(e: Event) =>
              (this.crash = { ...this.crash, airbagDeployed: (e.target as HTMLInputElement).checked })}
          />Airbag</label
        >
        <label
          ><input
            type="checkbox"
            .checked=${this.crash.rollover}
            @change=${(e: Event) =>
              (this.crash = { ...this.crash, rollover: (e.target as HTMLInputElement).checked })}
          />Rollover</label
        >
        <button class="primary" @click=${() => emitAction(this, { do: 'crash', crash: { ...this.crash } })}>
          Crash
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-crash-section': WbCrashSection;
  }
}
