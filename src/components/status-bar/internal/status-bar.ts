import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { TelltaleState } from '../../../machines/views.js';
import '../../telltale/telltale.js';

/** Link to the vehicle side (same literals as the bridge's `BridgeConnection`). */
export type StatusBarConnection = 'connecting' | 'connected' | 'lost';
/** GNSS fix quality (same literals as the bridge's `GnssFix`). */
export type StatusBarFix = 'none' | '2d' | '3d';

/**
 * The head unit's top bar: SOS telltale, screen title, then position, network, vehicle link and the
 * clock on the right. Not focusable: the controller never stops here.
 */
export class StatusBar extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 22px;
      block-size: var(--sos-status-bar-height, 52px);
      padding: 0 24px;
      box-sizing: border-box;
      background: linear-gradient(to bottom, var(--sos-surface), transparent);
      border-block-end: 1px solid var(--sos-border);
      font: 600 var(--sos-font-size-scale-9) / 1 var(--sos-font, sans-serif);
      color: var(--sos-text-dim);
    }
    sos-telltale {
      --sos-telltale-size: 36px;
      --sos-telltale-cut: var(--sos-surface);
    }
    .title {
      color: var(--sos-text);
      font-weight: 650;
      letter-spacing: 0.02em;
      flex: 1;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .item {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      white-space: nowrap;
    }
    .item svg {
      inline-size: 26px;
      block-size: 26px;
    }
    .warn {
      color: var(--sos-limited);
    }
    .bad {
      color: var(--sos-danger);
    }
    .bar-on {
      fill: currentColor;
    }
    .bar-off {
      fill: currentColor;
      opacity: 0.25;
    }
    /* A refused request: one line in place of the title, amber like a limit, never over the screen. */
    .notice {
      flex: 1;
      min-inline-size: 0;
      display: flex;
      align-items: center;
      gap: 10px;
      block-size: 38px;
      margin: 0;
      padding: 0 16px 0 10px;
      border: 2px solid var(--sos-limited);
      border-radius: var(--sos-radius-sm);
      background: var(--sos-limited-soft);
      color: var(--sos-text);
      font-weight: 650;
    }
    .notice svg {
      flex: none;
      inline-size: 26px;
      block-size: 26px;
      color: var(--sos-limited);
    }
    .notice span {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .clock {
      color: var(--sos-text);
      font-size: var(--sos-font-size-scale-13);
      font-variant-numeric: tabular-nums;
      min-inline-size: 4.2ch;
      text-align: end;
    }
  `;

  /** The SOS telltale state. */
  @property() telltale: TelltaleState = 'off';

  /** Clock text, already formatted (the bar owns no timer). */
  @property() clock = '';

  /** Screen title shown next to the telltale. */
  @property() heading = '';

  /**
   * A one-line notice (a request the car refused), shown as an alert in place of the title while
   * non-empty; telltale, position, network and clock stay visible.
   */
  @property() notice = '';

  /** Vehicle link state; anything but `connected` is spelled out. */
  @property() connection: StatusBarConnection = 'connecting';

  /** Cellular signal 0–5 bars; null = no data. */
  @property({ attribute: false }) cellularBars: number | null = null;

  /** GNSS fix; null = no data. */
  @property({ attribute: false }) gnssFix: StatusBarFix | null = null;

  /** Position can be trusted (EN 15722: ±150 m at 95 %). */
  @property({ type: Boolean }) gnssTrusted = false;

  constructor() {
    super();
    // Re-render in the new language when it changes (@lit/localize).
    updateWhenLocaleChanges(this);
  }

  private renderCellular(): TemplateResult {
    const bars = this.cellularBars;
    const label =
      bars === null
        ? msg('Network: no data')
        : bars === 0
          ? msg('No network')
          : msg(str`Network: ${bars} of 5 bars`);
    const level = bars ?? 0;
    const cls = bars === null || bars === 0 ? 'bad' : bars <= 1 ? 'warn' : '';
    return html`<span
      class="item ${cls}"
      role="img"
      aria-label=${label}
      data-part="cellular"
      data-bars=${bars ?? 'none'}
    >
      <svg viewBox="0 0 26 26" aria-hidden="true">
        ${[0, 1, 2, 3, 4].map(
          (i) =>
            svg`<rect class=${i < level ? 'bar-on' : 'bar-off'} x=${1 + i * 5} y=${20 - i * 4.5} width="3.6" height=${4 + i * 4.5} rx="1" />`,
        )}
      </svg>
      ${bars === null || bars === 0 ? html`<span aria-hidden="true">${bars === null ? '?' : '✕'}</span>` : nothing}
    </span>`;
  }

  private renderGnss(): TemplateResult {
    const fix = this.gnssFix;
    const ok = fix === '2d' || fix === '3d';
    const label =
      fix === null
        ? msg('GPS: no data')
        : !ok
          ? msg('No GPS position')
          : this.gnssTrusted
            ? msg('GPS position')
            : msg('GPS position not trusted');
    const cls = !ok ? 'bad' : this.gnssTrusted ? '' : 'warn';
    return html`<span class="item ${cls}" role="img" aria-label=${label} data-part="gnss">
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"
        />
        ${ok ? nothing : svg`<line x1="3" y1="21" x2="21" y2="3" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />`}
      </svg>
      <span>${msg('GPS')}</span>
    </span>`;
  }

  private renderConnection(): TemplateResult | typeof nothing {
    if (this.connection === 'connected') return nothing;
    const lost = this.connection === 'lost';
    return html`<span class="item ${lost ? 'bad' : 'warn'}" data-part="connection">
      ${lost ? msg('Vehicle link lost') : msg('Connecting to vehicle…')}
    </span>`;
  }

  protected override render(): TemplateResult {
    return html`<sos-telltale state=${this.telltale}></sos-telltale>
      ${
        this.notice
          ? html`<p class="notice" role="alert" data-part="notice">
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path
                  fill="currentColor"
                  fill-rule="evenodd"
                  d="M12 2 1 21h22L12 2zm-1 7h2v6h-2V9zm0 8h2v2h-2v-2z"
                />
              </svg>
              <span>${this.notice}</span>
            </p>`
          : html`<span class="title">${this.heading}</span>`
      }
      ${this.renderConnection()} ${this.renderGnss()} ${this.renderCellular()}
      <span class="clock" data-part="clock">${this.clock}</span>`;
  }
}
