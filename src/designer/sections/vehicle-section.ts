/** `wb-vehicle-section`: ignition, the SOS button, the car's build and its hazard lights. */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  DOOR_RELEASES,
  IGNITION_STATES,
  POWERTRAINS,
  type DoorRelease,
  type IgnitionState,
  type Powertrain,
} from '../../bridge/signals.js';
import { emitAction } from './events.js';
import { sectionStyles } from './section-styles.js';

/** A short press of the SOS button (the simulator's default). */
const SHORT_PRESS_MS = 200;

/** @fires wb-action - `ignition`, `sos`, `vehicleConfig` or `hazards` */
@customElement('wb-vehicle-section')
export class WbVehicleSection extends LitElement {
  static override styles = sectionStyles;

  /** The terminal state now. */
  @property() ignition: IgnitionState = 'on';
  /** The car's powertrain (null: unknown). */
  @property({ attribute: false }) powertrain: Powertrain | null = null;
  /** Where the door release is (null: unknown). */
  @property({ attribute: false }) doorRelease: DoorRelease | null = null;
  /** The hazard lights are on. */
  @property({ type: Boolean }) hazards = false;

  /** How long "Hold SOS" holds the button (a form value, not vehicle state). */
  @state() private holdMs = 2500;

  protected override render(): TemplateResult {
    return html`<h2 id="wb-vehicle">Vehicle</h2>
      <div class="row" role="group" aria-label="Ignition">
        ${IGNITION_STATES.map(
          (i) =>
            html`<button
              aria-pressed=${this.ignition === i ? 'true' : 'false'}
              @click=${() => emitAction(this, { do: 'ignition', state: i })}
            >
              Ignition ${i}
            </button>`,
        )}
      </div>
      <div class="row" style="margin-top:8px">
        <button class="primary" @click=${() => emitAction(this, { do: 'sos', holdMs: SHORT_PRESS_MS })}>
          Press SOS
        </button>
        <label class="field"
          >Hold (ms)<input
            type="number"
            min="100"
            step="100"
            .value=${String(this.holdMs)}
            @change=${(e: Event) => (this.holdMs = Number((e.target as HTMLInputElement).value) || 0)}
        /></label>
        <button @click=${() => emitAction(this, { do: 'sos', holdMs: this.holdMs })}>Hold SOS</button>
      </div>
      <div class="row" role="group" aria-label="Build and hazard lights" style="margin-top:8px">
        <label class="field"
          >Powertrain<select
            aria-label="Powertrain"
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              emitAction(this, {
                do: 'vehicleConfig',
                powertrain: value === '' ? null : (value as Powertrain),
              });
            }}
          >
            <option value="" ?selected=${this.powertrain === null}>unknown</option>
            ${POWERTRAINS.map((p) => html`<option value=${p} ?selected=${this.powertrain === p}>${p}</option>`)}
          </select></label
        >
        <label class="field"
          >Door release<select
            aria-label="Door release"
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              emitAction(this, {
                do: 'vehicleConfig',
                doorRelease: value === '' ? null : (value as DoorRelease),
              });
            }}
          >
            <option value="" ?selected=${this.doorRelease === null}>unknown</option>
            ${DOOR_RELEASES.map((d) => html`<option value=${d} ?selected=${this.doorRelease === d}>${d}</option>`)}
          </select></label
        >
        <label style="align-self:end"
          ><input
            type="checkbox"
            data-part="hazards"
            .checked=${this.hazards}
            @change=${(e: Event) => emitAction(this, { do: 'hazards', on: (e.target as HTMLInputElement).checked })}
          />Hazard lights</label
        >
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-vehicle-section': WbVehicleSection;
  }
}
