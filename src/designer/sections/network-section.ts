/** `wb-network-section`: cellular quality and GNSS, as the faults that make them. */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emitAction } from './events.js';
import { sectionStyles } from './section-styles.js';

type Cellular = 'good' | 'weak' | 'none';

/** @fires wb-action - `fault` on/off for `no-cellular`, `weak-cellular` and `no-gps` */
@customElement('wb-network-section')
export class WbNetworkSection extends LitElement {
  static override styles = sectionStyles;

  /** Every fault present now. */
  @property({ attribute: false }) faults: readonly string[] = [];

  private setCellular(quality: Cellular): void {
    const want: Record<string, boolean> = {
      'no-cellular': quality === 'none',
      'weak-cellular': quality === 'weak',
    };
    for (const [fault, on] of Object.entries(want))
      if (this.faults.includes(fault) !== on) emitAction(this, { do: 'fault', fault, on });
  }

  protected override render(): TemplateResult {
    const has = (f: string): boolean => this.faults.includes(f);
    const cellular: Cellular = has('no-cellular') ? 'none' : has('weak-cellular') ? 'weak' : 'good';
    return html`<h2 id="wb-net">Cellular and GNSS</h2>
      <div class="row" role="radiogroup" aria-label="Cellular">
        ${(['good', 'weak', 'none'] as const).map(
          (q) =>
            html`<label
              ><input
                type="radio"
                name="cellular"
                .checked=${cellular === q}
                @change=${() => this.setCellular(q)}
              />Cellular ${q}</label
            >`,
        )}
      </div>
      <div class="row" role="radiogroup" aria-label="GNSS" style="margin-top:4px">
        <label
          ><input
            type="radio"
            name="gnss"
            .checked=${!has('no-gps')}
            @change=${() => emitAction(this, { do: 'fault', fault: 'no-gps', on: false })}
          />GNSS fix</label
        >
        <label
          ><input
            type="radio"
            name="gnss"
            .checked=${has('no-gps')}
            @change=${() => emitAction(this, { do: 'fault', fault: 'no-gps', on: true })}
          />No fix</label
        >
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-network-section': WbNetworkSection;
  }
}
