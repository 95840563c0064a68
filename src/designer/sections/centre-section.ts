/** `wb-centre-section`: how the emergency centre behaves, what it does now, and what it received. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_CALL_CENTRE, type CallCentreOptions, type CentreInboxEntry } from '../../sim/types.js';
import { emitAction } from './events.js';
import { centreSectionStyles } from './centre-section.styles.js';
import { sectionStyles } from './section-styles.js';

/** How many of the centre's received texts the section lists (newest last). */
const INBOX_SHOWN = 5;

/**
 * @fires wb-action - `centre` (the whole centre after a change), `centreEndsCall`,
 *   `centreCallsBack`, `centreRequestsData`, `centreSends`
 */
@customElement('wb-centre-section')
export class WbCentreSection extends LitElement {
  static override styles = [sectionStyles, centreSectionStyles];

  /** The centre as it behaves now. */
  @property({ attribute: false }) centre: CallCentreOptions = DEFAULT_CALL_CENTRE;
  /** What the centre received from the occupants, oldest first. */
  @property({ attribute: false }) inbox: readonly CentreInboxEntry[] = [];

  /** The text "Send message" sends (a form value). */
  @state() private text = 'Help is on the way.';

  private set(patch: Partial<CallCentreOptions>): void {
    emitAction(this, { do: 'centre', options: { ...DEFAULT_CALL_CENTRE, ...this.centre, ...patch } });
  }

  protected override render(): TemplateResult {
    const c = { ...DEFAULT_CALL_CENTRE, ...this.centre };
    const inbox = this.inbox;
    const seconds = (ms: number | null): string => (ms === null ? '' : String(ms / 1000));
    const msOrNull = (e: Event): number | null => {
      const raw = (e.target as HTMLInputElement).value;
      return raw === '' ? null : Math.round(Number(raw) * 1000);
    };
    const checked = (e: Event): boolean => (e.target as HTMLInputElement).checked;
    return html`<h2 id="wb-centre">Emergency centre</h2>
      <div class="grid">
        <label class="field"
          >Answer after (s)<input
            type="number"
            min="0"
            .value=${seconds(c.answerDelayMs)}
            @change=${(e: Event) => this.set({ answerDelayMs: msOrNull(e) ?? 0 })}
        /></label>
        <label class="end"
          ><input
            type="checkbox"
            .checked=${c.noAnswer}
            @change=${(e: Event) => this.set({ noAnswer: checked(e) })}
          />Never answers</label
        >
        <label class="field"
          >Data acknowledgement<select
            aria-label="Data acknowledgement"
            @change=${(e: Event) =>
              this.set({
                msdAck: (e.target as HTMLSelectElement).value === 'negative' ? 'negative' : 'positive',
              })}
          >
            ${(['positive', 'negative'] as const).map(
              (a) => html`<option value=${a} ?selected=${c.msdAck === a}>${a}</option>`,
            )}
          </select></label
        >
        <label class="end" title="Off: the centre takes only circuit-switched eCall"
          ><input
            type="checkbox"
            .checked=${c.ngECall}
            @change=${(e: Event) => this.set({ ngECall: checked(e) })}
          />NG-eCall</label
        >
        <label class="field"
          >Asks for fresh data after voice (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.requestDataAfterMs)}
            @change=${(e: Event) => this.set({ requestDataAfterMs: msOrNull(e) })}
        /></label>
        <label class="end"
          ><input
            type="checkbox"
            .checked=${c.replies}
            @change=${(e: Event) => this.set({ replies: checked(e) })}
          />Answers texts</label
        >
        <label class="field"
          >Drop after voice (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.dropAfterMs)}
            @change=${(e: Event) => this.set({ dropAfterMs: msOrNull(e) })}
        /></label>
        <label class="field"
          >Drops (count)<input
            type="number"
            min="1"
            placeholder="every call"
            .value=${c.dropCount === null ? '' : String(c.dropCount)}
            @change=${(e: Event) => {
              const raw = (e.target as HTMLInputElement).value;
              this.set({ dropCount: raw === '' ? null : Number(raw) });
            }}
        /></label>
        <label class="field"
          >Operator ends after (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.endAfterMs)}
            @change=${(e: Event) => this.set({ endAfterMs: msOrNull(e) })}
        /></label>
        <label class="field"
          >Calls back after (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.callbackAfterMs)}
            @change=${(e: Event) => this.set({ callbackAfterMs: msOrNull(e) })}
        /></label>
      </div>
      <div class="row" style="margin-top:8px">
        <button @click=${() => emitAction(this, { do: 'centreEndsCall' })}>Centre ends call</button>
        <button @click=${() => emitAction(this, { do: 'centreCallsBack' })}>Centre calls back</button>
        <button @click=${() => emitAction(this, { do: 'centreRequestsData' })}>Ask for fresh data</button>
      </div>
      <form
        class="row"
        style="margin-top:6px"
        @submit=${(e: Event) => {
          e.preventDefault();
          const text = this.text.trim();
          if (text) emitAction(this, { do: 'centreSends', text });
        }}
      >
        <input
          aria-label="Message from the centre"
          class="message"
          .value=${this.text}
          @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" ?disabled=${!this.text.trim()}>Send message</button>
      </form>
      <p class="hint" id="wb-inbox">
        Received from the
        occupants${inbox.length === 0 ? ': nothing yet' : inbox.length > INBOX_SHOWN ? ` (last ${INBOX_SHOWN}):` : ':'}
      </p>
      ${
        inbox.length
          ? html`<ul class="inbox" data-part="centre-inbox" aria-labelledby="wb-inbox">
              ${inbox.slice(-INBOX_SHOWN).map(
                (entry) =>
                  html`<li>
                    <time>${new Date(entry.at).toLocaleTimeString('en-GB')}</time>
                    ${entry.phrase ? html`<code>${entry.phrase}</code>` : html`<span>${entry.text ?? ''}</span>`}
                  </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-centre-section': WbCentreSection;
  }
}
