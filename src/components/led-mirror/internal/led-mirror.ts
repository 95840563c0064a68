import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';

/** The SOS LED above the mirror (same literals as the bridge's `LedState`). */
export type LedMirrorState = 'off' | 'green-blinking' | 'green-steady' | 'red';

function ledWords(state: LedMirrorState): string {
  switch (state) {
    case 'off':
      return msg('off');
    case 'green-blinking':
      return msg('green, blinking');
    case 'green-steady':
      return msg('green');
    case 'red':
      return msg('red');
  }
}

/** Mirrors the SOS LED on screen, so the occupant sees the same signal as above the mirror. */
export class LedMirror extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      font: 600 18px/1.2 var(--sos-font, sans-serif);
      color: var(--sos-text-dim);
    }
    .led {
      position: relative;
      inline-size: 18px;
      block-size: 18px;
      border-radius: 50%;
      background: var(--sos-telltale-off);
      box-shadow: inset 0 0 0 2px rgba(0, 0, 0, 0.25);
      flex: none;
    }
    /* The lit LED is a layer over the dark one: blinking fades only its opacity, which the compositor
       animates without repainting the call screen twice a second. */
    .led::after {
      content: '';
      position: absolute;
      inset: 0;
      border-radius: 50%;
      opacity: 0;
    }
    :host([state='green-steady']) .led::after,
    :host([state='green-blinking']) .led::after {
      background: var(--sos-ready);
      box-shadow: 0 0 12px 2px var(--sos-ready);
      opacity: 1;
    }
    :host([state='red']) .led::after {
      background: var(--sos-danger);
      box-shadow: 0 0 12px 2px var(--sos-danger);
      opacity: 1;
    }
    :host([state='green-blinking']) .led::after {
      animation: blink 1s steps(1, end) infinite;
    }
    @keyframes blink {
      50% {
        opacity: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      /* No flashing: a ring tells "blinking" apart from "steady". */
      :host([state='green-blinking']) .led::after {
        animation: none;
      }
      :host([state='green-blinking']) .led {
        box-shadow:
          0 0 0 3px var(--sos-surface),
          0 0 0 5px var(--sos-ready);
      }
    }
  `;

  /** LED state to mirror. */
  @property({ reflect: true }) state: LedMirrorState = 'off';

  /** Caption before the state words (default: "SOS LED" in the current language). */
  @property() label: string | null = null;

  constructor() {
    super();
    // Re-render in the new language when it changes (@lit/localize).
    updateWhenLocaleChanges(this);
  }

  protected override render(): TemplateResult {
    return html`<span class="led" part="led" aria-hidden="true"></span>
      <span class="caption">${this.label ?? msg('SOS LED')}: ${ledWords(this.state)}</span>`;
  }
}
