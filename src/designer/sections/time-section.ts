/** `wb-time-section`: the simulated clock, its speed and time steps. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit, emitAction } from './events.js';
import { sectionStyles } from './section-styles.js';
import { timeSectionStyles } from './time-section.styles.js';

const SPEEDS = [0, 1, 10, 60] as const;
const STEPS: readonly (readonly [string, number])[] = [
  ['+1 s', 1_000],
  ['+10 s', 10_000],
  ['+1 min', 60_000],
  ['+10 min', 600_000],
];

/**
 * @fires wb-speed - a speed button (simulated ms per wall ms; 0 pauses)
 * @fires wb-action - a time step (`{ do: 'advance', ms }`)
 */
@customElement('wb-time-section')
export class WbTimeSection extends LitElement {
  static override styles = [sectionStyles, timeSectionStyles];

  /** The simulated time now (epoch ms). */
  @property({ type: Number }) now = 0;
  /** The clock's speed; null when no driver runs it (manual clock). */
  @property({ attribute: false }) speed: number | null = null;
  /** False on the vehicle bridge: the car's clock rules. */
  @property({ type: Boolean }) simulated = true;

  protected override render(): TemplateResult {
    return html`<h2 id="wb-time">Time</h2>
      <div class="row">
        <span class="clock" data-part="sim-clock" title="Simulated time"
          >${new Date(this.now).toLocaleTimeString('en-GB')}</span
        >
        <span class="hint">simulated</span>
      </div>
      <div class="row" role="group" aria-label="Speed" style="margin-top:8px">
        ${SPEEDS.map(
          (s) =>
            html`<button
              aria-pressed=${this.speed === s ? 'true' : 'false'}
              @click=${() => emit(this, 'wb-speed', s)}
            >
              ${s === 0 ? 'Pause' : `${s}×`}
            </button>`,
        )}
      </div>
      <div class="row" role="group" aria-label="Step" style="margin-top:6px">
        ${STEPS.map(
          ([label, ms]) =>
            html`<button @click=${() => emitAction(this, { do: 'advance', ms })}>${label}</button>`,
        )}
      </div>
      ${this.simulated ? nothing : html`<p class="hint">Vehicle bridge: time comes from the car.</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-time-section': WbTimeSection;
  }
}
