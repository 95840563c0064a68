import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CheckControlMessage, RingView } from '../machines/views.js';
import { MalfunctionScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/telltale/telltale.js';

/**
 * The Check Control message "SOS malfunction": a modal card with the crossed-out telltale, the
 * cause in the driver's words, what to do and what the driver will notice. `OK` acknowledges it
 * until the next ignition (UN R144: shown again every cycle); `Details` shows every fault found and
 * the fibre-optic ring. Focus is trapped in the card and given back when it closes.
 */
@customElement('sos-malfunction-warning')
export class SosMalfunctionWarning extends MalfunctionScreen {
  protected static override readonly modal = true;

  static override styles = [
    screenStyles,
    css`
      .backdrop {
        block-size: 100%;
        padding: 18px 28px;
        display: grid;
        grid-template-rows: minmax(0, 1fr);
      }
      .card {
        display: grid;
        overflow: hidden;
        grid-template-columns: 1fr 230px;
        gap: 10px 28px;
        padding: 20px 26px 22px 26px;
        border-radius: var(--sos-radius-2xl);
        background: var(--sos-surface);
        border: 1px solid var(--sos-border);
        border-inline-start: 10px solid var(--sos-danger);
        box-shadow: var(--sos-shadow);
        min-block-size: 0;
        --sos-tone: var(--sos-danger);
      }
      .title {
        display: flex;
        align-items: center;
        gap: 20px;
      }
      sos-telltale {
        --sos-telltale-size: 64px;
        --sos-telltale-cut: var(--sos-surface);
      }
      .body {
        display: flex;
        flex-direction: column;
        gap: 12px;
        min-block-size: 0;
        overflow: hidden;
      }
      h1 {
        font-size: var(--sos-font-size-scale-19);
        color: var(--sos-danger);
      }
      .cause {
        font-size: var(--sos-font-size-scale-12);
        line-height: 1.3;
        color: var(--sos-text);
      }
      .phone {
        font-size: var(--sos-font-size-scale-10);
        font-weight: 700;
        color: var(--sos-text);
      }
      ul.list li[data-continued]::after {
        content: ' …';
        color: var(--sos-text-faint);
      }
      .columns {
        display: grid;
        grid-template-columns: 1.25fr 1fr;
        gap: 28px;
        margin-block-start: 6px;
        flex: 1 1 auto;
        min-block-size: 0;
      }
      ul.list li {
        font-size: var(--sos-font-size-scale-7);
      }
      .effects ul.list li::before {
        background: var(--sos-limited);
      }
      .actions {
        flex-direction: column;
        justify-content: flex-end;
        align-items: stretch;
        gap: 14px;
      }
      .actions sos-action-button {
        min-inline-size: 0;
      }
      .columns[data-part='details'] {
        grid-template-columns: 0.8fr 1.7fr;
      }
      .ring {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        font-size: var(--sos-font-size-scale-4);
      }
      .node {
        padding: 4px 9px;
        border-radius: var(--sos-radius-sm);
        border: 2px solid var(--sos-ready);
        color: var(--sos-text);
      }
      .node[data-silent] {
        border-color: var(--sos-limited);
        color: var(--sos-text-dim);
      }
      .node[data-suspect] {
        border-color: var(--sos-danger);
        background: var(--sos-danger-soft);
        font-weight: 700;
      }
      .node small {
        display: block;
        font-size: var(--sos-font-size-scale-2);
        color: var(--sos-text-faint);
      }
      .link {
        color: var(--sos-text-faint);
      }
      .link[data-broken] {
        color: var(--sos-danger);
        font-weight: 800;
      }
    `,
  ];

  /** Details view (all faults and the ring) instead of advice and effects. */
  @state() private details = false;

  constructor() {
    super();
    // Back closes the details first, then the message (as OK does).
    this.addEventListener('sos-back', () => {
      if (this.details) this.details = false;
      else this.acknowledge();
    });
  }

  private acknowledge(): void {
    this.send({ type: 'user.acknowledge' });
  }

  private renderRing(ring: RingView): TemplateResult {
    const nodes = ring.nodes;
    return html`<div class="ring" role="list" aria-label=${t.MALFUNCTION_RING_HEADING}>
      ${nodes.map((node, i) => {
        const next = nodes[(i + 1) % nodes.length];
        const broken =
          ring.breakBetween !== null && ring.breakBetween[0] === node && ring.breakBetween[1] === next;
        const silent = ring.silent.includes(node);
        const suspect = ring.suspect === node;
        return html`<span class="node" role="listitem" ?data-silent=${silent} ?data-suspect=${suspect}
            >${t.unitName(node)}<small
              >${suspect ? t.RING_NODE_SUSPECT : silent ? t.RING_NODE_SILENT : t.RING_NODE_OK}</small
            ></span
          >
          <span class="link" aria-hidden="true" ?data-broken=${broken}>${broken ? '✕' : '→'}</span>`;
      })}
    </div>`;
  }

  private renderSummary(message: CheckControlMessage, number: '112' | '911'): TemplateResult {
    // The phone instruction has a line of its own under the cause (render()), never in a list.
    const advice = message.advice.filter((a) => a !== 'callFromPhone');
    // The gravest effect first: when the card is short of room, entries go from the end.
    const effects = [...message.effects].sort(
      (a, b) => Number(b === 'noCallPossible') - Number(a === 'noCallPossible'),
    );
    return html`<div class="columns">
      <div class="advice">
        <h2>${t.MALFUNCTION_ADVICE_HEADING}</h2>
        <ul class="list" data-fit>
          ${advice.map((a) => html`<li data-advice=${a}>${t.adviceText(a, message.ring, number)}</li>`)}
        </ul>
      </div>
      <div class="effects">
        <h2>${t.MALFUNCTION_EFFECTS_HEADING}</h2>
        <ul class="list" data-fit>
          ${effects.map((e) => html`<li data-effect=${e}>${t.effectText(e)}</li>`)}
        </ul>
      </div>
    </div>`;
  }

  /**
   * Long texts (German, several faults) can need more lines than the card has: an entry that does
   * not fit whole is hidden and the last one shown ends in "…" instead of a line cut in half (the
   * full advice is in the guide). Runs after layout, before paint (ResizeObserver).
   */
  private readonly fit = new ResizeObserver(() => this.fitLists());

  private fitLists(): void {
    const body = this.renderRoot.querySelector<HTMLElement>('.body');
    if (!body) return;
    const lists = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('ul[data-fit]'), (list) =>
      Array.from(list.querySelectorAll<HTMLElement>(':scope > li')),
    );
    // Writes, then reads, then writes: one layout when nothing overflows, two when something does.
    for (const item of lists.flat()) {
      if (item.hidden) item.hidden = false;
      if (item.hasAttribute('data-continued')) item.removeAttribute('data-continued');
    }
    const limit = body.getBoundingClientRect().bottom + 0.5;
    const cut = lists
      .map((items) => {
        const bottoms = items.map((item) => item.getBoundingClientRect().bottom);
        let shown = items.length;
        // Keep at least one entry; drop whole entries from the end until the rest fit.
        while (shown > 1 && bottoms[shown - 1]! > limit) shown--;
        return { items, shown };
      })
      .filter(({ items, shown }) => shown < items.length);
    for (const { items, shown } of cut) {
      for (const item of items.slice(shown)) item.hidden = true;
      items[shown - 1]!.setAttribute('data-continued', '');
    }
    // The " …" can wrap the last entry onto one more line: then that entry goes too.
    for (const entry of cut) {
      const last = entry.items[entry.shown - 1]!;
      if (entry.shown > 1 && last.getBoundingClientRect().bottom > limit) {
        last.removeAttribute('data-continued');
        last.hidden = true;
        entry.items[entry.shown - 2]!.setAttribute('data-continued', '');
      }
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    // The card fixes the body's size; observing it anew reports at once, after this render's layout.
    this.fit.disconnect();
    const body = this.renderRoot.querySelector<HTMLElement>('.body');
    if (body) this.fit.observe(body);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.fit.disconnect();
  }

  private renderDetails(message: CheckControlMessage): TemplateResult {
    return html`<div class="columns" data-part="details">
      <div>
        <h2>${t.MALFUNCTION_CAUSES_HEADING}</h2>
        <ul class="list">
          ${message.causes.map((c) => html`<li data-cause=${c}>${t.causeTitle(c)}</li>`)}
        </ul>
      </div>
      ${
        message.ring
          ? html`<div>
              <h2>${t.MALFUNCTION_RING_HEADING}</h2>
              ${this.renderRing(message.ring)}
            </div>`
          : nothing
      }
    </div>`;
  }

  protected override render(): TemplateResult {
    const message = this.malfunction.value?.message ?? null;
    const number = this.services?.emergencyNumber ?? '112';
    return html`<div class="backdrop">
      <section
        class="card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="title"
        aria-describedby=${message?.advice.includes('callFromPhone') ? 'cause phone' : 'cause'}
      >
        <div class="body">
          <div class="title">
            <sos-telltale state="malfunction"></sos-telltale>
            <h1 id="title" tabindex="-1" data-idrive-fallback>${t.MALFUNCTION_TITLE}</h1>
          </div>
          <p class="cause" id="cause">${message ? t.causeText(message.primary, message.ring) : ''}</p>
          ${
            message?.advice.includes('callFromPhone')
              ? html`<p class="phone" id="phone" data-advice="callFromPhone">
                  ${t.adviceText('callFromPhone', message.ring, number)}
                </p>`
              : nothing
          }
          ${message ? (this.details ? this.renderDetails(message) : this.renderSummary(message, number)) : nothing}
        </div>
        <div class="actions">
          <sos-action-button
            data-default
            variant="primary"
            label=${t.BUTTON.ok}
            @click=${() => this.acknowledge()}
          ></sos-action-button>
          <sos-action-button
            label=${t.BUTTON.details}
            aria-expanded=${this.details ? 'true' : 'false'}
            @click=${() => (this.details = !this.details)}
          ></sos-action-button>
          ${
            this.details && this.guide.value
              ? html`<sos-action-button
                  label=${t.DIAG_BUTTON.guide}
                  @click=${() =>
                    this.send({
                      type: 'user.openDiagnostics',
                      page: { screen: 'guide', guide: this.guide.value! },
                    })}
                ></sos-action-button>`
              : nothing
          }
        </div>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-malfunction-warning': SosMalfunctionWarning;
  }
}
