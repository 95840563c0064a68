import { LitElement, css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * How far the SOS button has been held toward ending the call: a bar from 0 to 1 with a label.
 * Releasing early changes nothing, so the bar simply goes back to 0.
 */
export class HoldProgress extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--sos-text);
    }
    .label {
      display: flex;
      justify-content: space-between;
      font: 600 var(--sos-font-size-scale-9) / 1.2 var(--sos-font, sans-serif);
      margin-block-end: 8px;
    }
    .track {
      block-size: 14px;
      border-radius: var(--sos-radius-pill);
      background: var(--sos-surface-sunken);
      border: 1px solid var(--sos-border);
      overflow: hidden;
    }
    .fill {
      block-size: 100%;
      background: var(--sos-danger);
      border-radius: inherit;
      transform-origin: left center;
    }
  `;

  /** Progress toward the end of the hold, 0–1. */
  @property({ type: Number }) value = 0;

  /** What holding does, e.g. "Hold SOS button for 2 s to end call". */
  @property() label = '';

  protected override render(): TemplateResult {
    const value = Math.min(1, Math.max(0, Number.isFinite(this.value) ? this.value : 0));
    const percent = Math.round(value * 100);
    return html`<div class="label"><span>${this.label}</span><span>${percent} %</span></div>
      <div
        class="track"
        role="progressbar"
        aria-label=${this.label}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
      >
        <div class="fill" part="fill" style="transform: scaleX(${value})"></div>
      </div>`;
  }
}
