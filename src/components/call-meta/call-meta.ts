import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ledMirror, type LedMirrorState } from '../led-mirror/led-mirror.js';
import { callMetaStyles } from './call-meta.styles.js';

/** One entry of the meta row: a few words (the muted speaker before them), or the SOS LED mirror. */
export type CallMetaItem =
  | {
      readonly text: string;
      /** Its `data-part` name, for tests and scripts. */
      readonly part?: string;
      readonly icon?: 'muted';
    }
  | { readonly led: LedMirrorState };

/** The muted speaker before "Entertainment audio muted". */
const mutedIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3z" />
  <path stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M16 9l5 6M21 9l-5 6" />
</svg>`;

/**
 * `<sos-call-meta>`: the meta row of a call screen — what is true of the call beside its status
 * (entertainment audio muted, contacts notified, the attempt, why the last one failed, the LED).
 */
@customElement('sos-call-meta')
export class SosCallMeta extends LitElement {
  static override styles = callMetaStyles;

  constructor() {
    super();
    // The LED mirror's words are the current language's.
    updateWhenLocaleChanges(this);
  }

  /** The entries, in reading order; none: an empty row. */
  @property({ attribute: false }) items: readonly CallMetaItem[] = [];

  protected override render(): TemplateResult {
    return html`<div class="meta">${this.items.map((item) => this.renderItem(item))}</div>`;
  }

  private renderItem(item: CallMetaItem): TemplateResult {
    if ('led' in item) return ledMirror(item.led);
    return html`<span data-part=${item.part ?? 'meta'}
      >${item.icon === 'muted' ? mutedIcon : nothing}${item.text}</span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-call-meta': SosCallMeta;
  }
}
