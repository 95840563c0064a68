import { LitElement, css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { focusRing } from '../../../styles/theme.js';

/** How an action looks: `danger` starts or keeps an emergency, `primary` is the safe main action. */
export type ActionVariant = 'primary' | 'danger' | 'neutral';

/**
 * A large head-unit button (72 px tall; `--sos-action-height`) for the controller and for touch. The native
 * `click` is the event: it is composed, so it reaches listeners on the host.
 */
export class ActionButton extends LitElement {
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  static override styles = css`
    :host {
      display: inline-flex;
      min-inline-size: 200px;
    }
    :host([hidden]) {
      display: none;
    }
    button {
      flex: 1;
      min-block-size: var(--sos-action-height, 72px);
      padding: 0 36px;
      border-radius: var(--sos-radius-lg);
      border: 2px solid transparent;
      font: 650 var(--sos-font-size-scale-14) / 1.1 var(--sos-font, sans-serif);
      letter-spacing: 0.01em;
      cursor: pointer;
      color: var(--sos-text);
      background: var(--sos-neutral-button);
      border-color: var(--sos-neutral-button-border);
      transition:
        transform var(--sos-duration-press) var(--sos-easing-standard),
        box-shadow var(--sos-duration-focus) var(--sos-easing-standard);
      -webkit-tap-highlight-color: transparent;
    }
    :host([variant='primary']) button {
      background: var(--sos-accent-strong);
      border-color: var(--sos-accent-strong);
      color: var(--sos-on-accent);
    }
    :host([variant='danger']) button {
      background: var(--sos-danger-strong);
      border-color: var(--sos-danger-strong);
      color: var(--sos-on-danger);
    }
    button:focus {
      ${focusRing}
    }
    button:active {
      transform: scale(0.98);
    }
    button:disabled {
      opacity: 0.45;
      cursor: default;
    }
    @media (prefers-reduced-motion: reduce) {
      button {
        transition: none;
      }
    }
  `;

  /** The visible text and the accessible name (the e2e contract relies on it). */
  @property() label = '';

  /** Look of the action. */
  @property({ reflect: true }) variant: ActionVariant = 'neutral';

  /** A disabled action cannot be pressed and is skipped by the controller. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  protected override render(): TemplateResult {
    return html`<button part="button" type="button" ?disabled=${this.disabled}>${this.label}</button>`;
  }
}
