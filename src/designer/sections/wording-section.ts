/**
 * `wb-wording-section`: live wording (issue #20 §2). Show the message ids of the texts on the frame
 * (the one under the pointer on the status line), find a message and try another wording for the
 * language on screen (live in the frame), list the texts that no longer fit their box, and export the
 * changed units as XLIFF for `npm run localize:build`.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Message } from '../wording.js';
import { segmentsToText } from '../xliff.js';
import { emit } from './events.js';
import { sectionStyles } from './section-styles.js';

/** A text on screen that no longer fits its box. */
export interface OverflowReport {
  readonly language: string;
  /** Its message id; null for a text that is not a message (a value). */
  readonly id: string | null;
  readonly text: string;
  /** How much wider / taller the text is than its box, in CSS px. */
  readonly width: number;
  readonly height: number;
}

/** How many search results the picker lists. */
const MAX_RESULTS = 8;

/** @fires wb-wording - ids shown, a message picked, a wording tried or reset, a check, an export */
@customElement('wb-wording-section')
export class WbWordingSection extends LitElement {
  static override styles = [
    sectionStyles,
    css`
      .status {
        margin: 6px 0 0;
        min-height: 1.3em;
        font:
          12px ui-monospace,
          monospace;
        color: var(--wb-text, #e9ecf2);
        overflow-wrap: anywhere;
      }
      .results {
        display: grid;
        gap: 2px;
        margin: 4px 0 0;
        padding: 0;
        list-style: none;
      }
      .results button {
        width: 100%;
        text-align: start;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      code {
        font-size: 11px;
        color: var(--wb-dim, #9aa3b2);
      }
      textarea {
        font: inherit;
        width: 100%;
        box-sizing: border-box;
        min-height: 3.2em;
        color: var(--wb-text, #e9ecf2);
        background: var(--wb-raised, #262a33);
        border: 1px solid var(--wb-line, #343945);
        border-radius: 6px;
        padding: 4px 8px;
      }
      .problem {
        color: #ff8a80;
      }
      ul.list {
        margin: 4px 0 0;
        padding-inline-start: 18px;
        font-size: 12px;
      }
      input[type='search'] {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];

  /** The texts on the frame are marked with their ids. */
  @property({ type: Boolean }) showIds = false;
  /** The language on screen. */
  @property() language = 'en';
  /** Wordings can be tried (not in English, the source). */
  @property({ type: Boolean }) editable = false;
  /** The status line: the id of the text under the pointer, or what just happened. */
  @property() status = '';
  /** Every message of the language on screen (for the search). */
  @property({ attribute: false }) messages: readonly Message[] = [];
  /** The message being edited, or null. */
  @property({ attribute: false }) selected: Message | null = null;
  /** The messages whose wording was changed in this language. */
  @property({ attribute: false }) changed: readonly Message[] = [];
  /** Texts that no longer fit their box (the frame, or every language after a check). */
  @property({ attribute: false }) overflows: readonly OverflowReport[] = [];
  /** Why the last wording was not taken, if it was not. */
  @property() problem = '';
  /** A check of every language is running. */
  @property({ type: Boolean }) checking = false;

  @state() private query = '';

  private results(): readonly Message[] {
    const q = this.query.trim().toLowerCase();
    if (!q) return [];
    return this.messages
      .filter(
        (m) =>
          m.id.toLowerCase().includes(q) ||
          segmentsToText(m.text).toLowerCase().includes(q) ||
          segmentsToText(m.source).toLowerCase().includes(q),
      )
      .slice(0, MAX_RESULTS);
  }

  private renderEditor(m: Message): TemplateResult {
    const changed = this.changed.some((c) => c.id === m.id);
    return html`<div data-part="wording-editor" data-id=${m.id}>
      <p class="hint">
        <code>${m.id}</code> · English: “${segmentsToText(m.source)}”${m.note ? html` · ${m.note}` : nothing}
      </p>
      <label class="field"
        >Wording (${this.language})
        <textarea
          aria-label="Wording"
          .value=${segmentsToText(m.text)}
          ?disabled=${!this.editable}
          @input=${(e: InputEvent) =>
            emit(this, 'wb-wording', {
              kind: 'try',
              id: m.id,
              text: (e.target as HTMLTextAreaElement).value,
            })}
        ></textarea>
      </label>
      <div class="row" style="margin-top:6px">
        <button ?disabled=${!changed} @click=${() => emit(this, 'wb-wording', { kind: 'reset', id: m.id })}>
          Reset wording
        </button>
      </div>
      ${
        this.editable
          ? html`<p class="hint">Values stay as {0}, {1} …; the frame shows the wording as you type.</p>`
          : html`<p class="hint">English is the source: change it in src/screens/texts.ts.</p>`
      }
      ${this.problem ? html`<p class="hint problem" role="alert">${this.problem}</p>` : nothing}
    </div>`;
  }

  protected override render(): TemplateResult {
    const results = this.results();
    return html`<h2 id="wb-wording">Wording</h2>
      <div class="row">
        <label
          ><input
            type="checkbox"
            .checked=${this.showIds}
            @change=${(e: Event) =>
              emit(this, 'wb-wording', { kind: 'show-ids', on: (e.target as HTMLInputElement).checked })}
          />
          Show ids</label
        >
        <button
          ?disabled=${this.checking}
          @click=${() => emit(this, 'wb-wording', { kind: 'check-languages' })}
        >
          ${this.checking ? 'Checking…' : 'Check every language'}
        </button>
      </div>
      <p class="status" role="status" data-part="wording-status">${this.status}</p>
      <label class="field"
        >Find a message (id or words)
        <input
          type="search"
          aria-label="Find a message"
          .value=${this.query}
          @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)}
        />
      </label>
      ${
        results.length
          ? html`<ul class="results" data-part="wording-results">
              ${results.map(
                (m) =>
                  html`<li>
                    <button
                      data-id=${m.id}
                      @click=${() => {
                        this.query = '';
                        emit(this, 'wb-wording', { kind: 'pick', id: m.id });
                      }}
                    >
                      ${segmentsToText(m.text)} <code>${m.id}</code>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${this.selected ? this.renderEditor(this.selected) : nothing}
      ${
        this.changed.length
          ? html`<p class="hint">Changed in ${this.language}:</p>
              <ul class="list" data-part="wording-changes">
                ${this.changed.map((m) => html`<li><code>${m.id}</code> ${segmentsToText(m.text)}</li>`)}
              </ul>
              <div class="row" style="margin-top:6px">
                <button @click=${() => emit(this, 'wb-wording', { kind: 'export' })}>
                  Export XLIFF (${this.changed.length})
                </button>
              </div>`
          : nothing
      }
      ${
        this.overflows.length
          ? html`<p class="hint problem">Texts that do not fit their box:</p>
              <ul class="list" data-part="overflows">
                ${this.overflows.map(
                  (o) =>
                    html`<li data-id=${o.id ?? ''}>
                      ${o.language} · ${o.id ? html`<code>${o.id}</code> ` : nothing}“${o.text}”
                      ${o.width ? `+${Math.round(o.width)} px wide` : ''}
                      ${o.height ? `+${Math.round(o.height)} px tall` : ''}
                    </li>`,
                )}
              </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-wording-section': WbWordingSection;
  }
}
