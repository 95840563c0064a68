/** `wb-scenario-section`: jump to a named scenario (a fresh simulator at time 0). */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SCENARIOS, SCENARIO_NAMES } from '../../sim/scenarios.js';
import { emitAction } from './events.js';
import { sectionStyles } from './section-styles.js';
import { scenarioSectionStyles } from './scenario-section.styles.js';

/** @fires wb-action - `{ do: 'scenario', name }` when another scenario is chosen */
@customElement('wb-scenario-section')
export class WbScenarioSection extends LitElement {
  static override styles = [sectionStyles, scenarioSectionStyles];

  /** The scenario the page started with. */
  @property() scenario = 'ready';

  protected override render(): TemplateResult {
    const scenario = SCENARIOS[this.scenario];
    return html`<h2 id="wb-scenario">Scenario</h2>
      <select
        aria-label="Scenario"
        @change=${(e: Event) => emitAction(this, { do: 'scenario', name: (e.target as HTMLSelectElement).value })}
      >
        ${SCENARIO_NAMES.map((n) => html`<option value=${n} ?selected=${n === this.scenario}>${n}</option>`)}
      </select>
      ${scenario ? html`<p class="hint">${scenario.description}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-scenario-section': WbScenarioSection;
  }
}
