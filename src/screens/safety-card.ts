import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SafetyGuidanceView, SafetyStepId } from '../machines/views.js';
import { ModalPanel } from './modal-panel.js';
import { panelStyles } from './panel-styles.js';
import { safetyCardStyles } from './safety-card-styles.js';
import * as t from './texts.js';
import '../components/action-button/action-button.js';

export type SosSafetyHazardLightsEvent = CustomEvent<void>;
export type SosSafetyCloseEvent = CustomEvent<void>;

/**
 * Post-crash guidance: what to do now, in the order that keeps people alive (`steps`, as the
 * machine gives them) — hazard lights (with a button that asks the car to switch them on: pending
 * while asked, ticked once the car reports them on), getting out away from traffic, vest and
 * triangle, keeping clear, high voltage (a warning) and where the door release is.
 *
 * A modal part of a call screen like the conversation panel: focus goes in when it opens and stays
 * inside; Back closes it.
 *
 * @fires sos-safety-hazard-lights - switch the hazard lights on.
 * @fires sos-safety-close - close the card.
 */
@customElement('sos-safety-card')
export class SosSafetyCard extends ModalPanel {
  static override styles = [panelStyles, safetyCardStyles];

  /** The guidance (`CallView.safety`). */
  @property({ attribute: false }) view: SafetyGuidanceView | null = null;

  /** Steps in one column (a tall, narrow place) or two (a wide, low one). */
  @property({ type: Number, reflect: true }) columns: 1 | 2 = 1;

  /** Back closes the card. */
  protected override back(): void {
    this.emit('sos-safety-close');
  }

  private emit(type: 'sos-safety-hazard-lights' | 'sos-safety-close'): void {
    this.dispatchEvent(new CustomEvent<void>(type, { bubbles: true, composed: true }));
  }

  private renderHazardAction(view: SafetyGuidanceView): TemplateResult {
    if (view.hazardLightsOn === true)
      return html`<span class="done" role="status" data-part="hazard-done">✓ ${t.HAZARD_LIGHTS_DONE}</span>`;
    const pending = view.hazardLightsRequested;
    return html`<span class="step-action"
      ><sos-action-button
        data-part="hazard-button"
        data-default
        ?data-pending=${pending}
        aria-busy=${pending ? 'true' : 'false'}
        label=${pending ? t.HAZARD_LIGHTS_PENDING : t.HAZARD_LIGHTS_BUTTON}
        @click=${() => {
          // Asked already: the car is switching them on.
          if (!pending) this.emit('sos-safety-hazard-lights');
        }}
      ></sos-action-button
    ></span>`;
  }

  private renderStep(view: SafetyGuidanceView, step: SafetyStepId, index: number): TemplateResult {
    const hazard = step === 'hazardLights';
    const warning = step === 'highVoltage';
    const done = hazard && view.hazardLightsOn === true;
    return html`<li data-part="step" data-step=${step} ?data-warning=${warning} ?data-done=${done}>
      <span class="num" aria-hidden="true">${done ? '✓' : index + 1}</span>
      <span class="text"
        >${warning ? html`<span class="warning-sign" aria-hidden="true">⚠</span><span class="visually-hidden">${t.SAFETY_WARNING}:</span> ` : nothing}${t.safetyStepText(
          step,
          view.doorRelease,
        )}</span
      >
      ${hazard ? this.renderHazardAction(view) : html`<span></span>`}
    </li>`;
  }

  /** One list, or two side by side (steps 1–3 and 4–6: read down, then across). */
  private renderSteps(view: SafetyGuidanceView): TemplateResult {
    const steps = view.steps.map((step, i) => this.renderStep(view, step, i));
    if (this.columns === 1)
      return html`<div class="steps">
        <ol>
          ${steps}
        </ol>
      </div>`;
    const half = Math.ceil(steps.length / 2);
    return html`<div class="steps">
      <ol>
        ${steps.slice(0, half)}
      </ol>
      <ol start=${half + 1}>
        ${steps.slice(half)}
      </ol>
    </div>`;
  }

  protected override render(): TemplateResult {
    const view = this.view;
    if (!view) return html``;
    return html`<section class="card surface" role="dialog" aria-labelledby="title">
      <div class="head">
        <h2 id="title">${t.SAFETY_TITLE}</h2>
        <sos-action-button
          data-part="close"
          label=${t.BUTTON.close}
          @click=${() => this.emit('sos-safety-close')}
        ></sos-action-button>
      </div>
      ${this.renderSteps(view)}
    </section>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'sos-safety-hazard-lights': SosSafetyHazardLightsEvent;
    'sos-safety-close': SosSafetyCloseEvent;
  }
  interface HTMLElementTagNameMap {
    'sos-safety-card': SosSafetyCard;
  }
}
