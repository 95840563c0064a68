import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, svg, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';

const RADIUS = 54;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * A ring that empties as the cancel window runs out, with the seconds left as a big number. It
 * only shows what it is given: the machine owns the timer.
 */
export class Countdown extends LitElement {
  static override styles = css`
    :host {
      display: inline-grid;
      place-items: center;
      inline-size: var(--sos-countdown-size, 200px);
      block-size: var(--sos-countdown-size, 200px);
      position: relative;
      color: var(--sos-danger);
      flex: none;
    }
    svg {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      transform: rotate(-90deg);
    }
    .track {
      stroke: var(--sos-surface-raised);
    }
    .bar {
      stroke: currentColor;
      transition: stroke-dashoffset var(--sos-duration-tick) var(--sos-easing-linear);
    }
    .number {
      position: relative;
      font: 800 calc(var(--sos-countdown-size, 200px) * 0.42) / 1 var(--sos-font, sans-serif);
      font-variant-numeric: tabular-nums;
      color: var(--sos-text);
      letter-spacing: -0.02em;
    }
    .unit {
      font-size: 0.36em;
      font-weight: 650;
      color: var(--sos-text-dim);
      margin-inline-start: 0.08em;
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        transition: none;
      }
    }
  `;

  /** Whole seconds left. */
  @property({ type: Number }) remaining = 0;

  /** Whole seconds of the full window (the ring is full at this value). */
  @property({ type: Number }) total = 0;

  /** Fraction of the window still left, 0–1. */
  get fraction(): number {
    if (this.total <= 0) return 0;
    return Math.min(1, Math.max(0, this.remaining / this.total));
  }

  constructor() {
    super();
    // Re-render in the new language when it changes (@lit/localize).
    updateWhenLocaleChanges(this);
  }

  protected override render(): TemplateResult {
    const offset = CIRCUMFERENCE * (1 - this.fraction);
    return html`<div
        role="timer"
        aria-label=${msg(str`${this.remaining} seconds left`)}
        class="number"
        part="number"
      >
        ${this.remaining}<span class="unit" aria-hidden="true">s</span>
      </div>
      <svg viewBox="0 0 120 120" aria-hidden="true">
        ${svg`
          <circle class="track" cx="60" cy="60" r=${RADIUS} fill="none" stroke-width="9" />
          <circle class="bar" data-part="bar" cx="60" cy="60" r=${RADIUS} fill="none" stroke-width="9"
            stroke-linecap="round" stroke-dasharray=${CIRCUMFERENCE} stroke-dashoffset=${offset} />
        `}
      </svg>`;
  }
}
