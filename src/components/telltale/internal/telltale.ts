import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, svg, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { TelltaleState } from '../../../machines/views.js';

/** Words for the telltale's accessible name, one per state. */
function telltaleLabel(state: TelltaleState): string {
  switch (state) {
    case 'off':
      return msg('SOS telltale off');
    case 'bulbCheck':
      return msg('SOS telltale: self-test');
    case 'ready':
      return msg('SOS ready');
    case 'limited':
      return msg('SOS limited');
    case 'malfunction':
      return msg('SOS malfunction');
    case 'unknown':
      return msg('SOS status unknown');
  }
}

/**
 * The emergency-call telltale: a telephone handset over "SOS" lettering, in the manner of the
 * UN R121 emergency-call symbol. A malfunction crosses the symbol out with a diagonal bar; an
 * unknown status greys it and adds a question mark.
 */
export class Telltale extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      inline-size: var(--sos-telltale-size, 40px);
      block-size: var(--sos-telltale-size, 40px);
      color: var(--sos-telltale-off);
      flex: none;
    }
    :host([state='bulbCheck']) {
      color: var(--sos-limited);
    }
    :host([state='ready']) {
      color: var(--sos-ready);
    }
    :host([state='limited']) {
      color: var(--sos-limited);
    }
    :host([state='malfunction']) {
      color: var(--sos-danger);
    }
    :host([state='unknown']) {
      color: var(--sos-unknown);
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      overflow: visible;
    }
    .lettering {
      font: 900 var(--sos-font-size-scale-8) / 1 var(--sos-font, sans-serif);
      letter-spacing: 0.5px;
    }
    .cut {
      stroke: var(--sos-telltale-cut, var(--sos-bg));
    }
    .q {
      font: 900 var(--sos-font-size-scale-9) / 1 var(--sos-font, sans-serif);
    }
  `;

  /** What the telltale shows; reflected so themes and tests can select on it. */
  @property({ reflect: true }) state: TelltaleState = 'off';

  /** Overrides the accessible name (defaults to a phrase per state). */
  @property() label: string | null = null;

  constructor() {
    super();
    // Re-render in the new language when it changes (@lit/localize).
    updateWhenLocaleChanges(this);
  }

  protected override render(): TemplateResult {
    const crossed = this.state === 'malfunction';
    const unknown = this.state === 'unknown';
    return html`<svg
      viewBox="0 0 64 64"
      role="img"
      aria-label=${this.label ?? telltaleLabel(this.state)}
      part="svg"
    >
      ${svg`
        <rect x="3" y="3" width="58" height="58" rx="12" fill="none" stroke="currentColor" stroke-width="3.5" />
        <g transform="translate(19.5 7) scale(1.05)">
          <path fill="currentColor" d="M6.62 10.79c1.44 2.83 3.76 5.14 6.59 6.59l2.2-2.2c.27-.27.67-.36 1.02-.24 1.12.37 2.33.57 3.57.57.55 0 1 .45 1 1V20c0 .55-.45 1-1 1-9.39 0-17-7.61-17-17 0-.55.45-1 1-1h3.5c.55 0 1 .45 1 1 0 1.25.2 2.45.57 3.57.11.35.03.74-.25 1.02l-2.2 2.2z" />
        </g>
        <text class="lettering" x="32" y="53" text-anchor="middle" fill="currentColor">SOS</text>
      `}
      ${
        crossed
          ? svg`<g data-part="cross">
            <line class="cut" x1="6" y1="58" x2="58" y2="6" stroke-width="11" stroke-linecap="round" />
            <line x1="6" y1="58" x2="58" y2="6" stroke="currentColor" stroke-width="5.5" stroke-linecap="round" />
          </g>`
          : null
      }
      ${
        unknown
          ? svg`<g data-part="question">
            <circle cx="54" cy="12" r="13" fill="currentColor" class="badge" />
            <text class="q" x="54" y="19" text-anchor="middle" fill="var(--sos-bg)">?</text>
          </g>`
          : null
      }
    </svg>`;
  }
}
