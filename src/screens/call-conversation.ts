import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PresetPhrase, TextDelivery } from '../bridge/signals.js';
import type { ConversationLineView, ConversationView } from '../machines/views.js';
import { callConversationStyles } from './call-conversation-styles.js';
import { panelStyles } from './panel-styles.js';
import { ModalPanel } from './modal-panel.js';
import * as ct from './conversation-texts.js';
import * as t from './texts.js';
import '../components/action-button/action-button.js';
import '../components/text-keyboard/text-keyboard.js';

/** How many lines of the conversation the panel shows (the newest). */
export const VISIBLE_LINES = 4;

/** Marks beside an occupants' line: on its way, sent, delivered to the centre, failed. */
const DELIVERY_MARKS: Readonly<Record<TextDelivery, string>> = {
  sending: '…',
  sent: '✓',
  delivered: '✓✓',
  failed: '!',
};

/** Marks a line from the centre (its words are in bold beside it; occupants' lines have a delivery mark). */
const CENTRE_ICON = svg`<svg class="from-centre" viewBox="0 0 24 24" aria-hidden="true">
  <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
</svg>`;

export type SosConversationPhraseEvent = CustomEvent<{ readonly phrase: PresetPhrase }>;
export type SosConversationTextEvent = CustomEvent<{ readonly text: string }>;
export type SosConversationModeEvent = CustomEvent<{ readonly mode: 'phrases' | 'keyboard' }>;
export type SosConversationCloseEvent = CustomEvent<void>;

/**
 * The text conversation with the emergency centre, for occupants who cannot speak or hear: the
 * preset phrases as big buttons (one press sends one), or the on-screen keyboard; beside them the
 * newest lines, one line each, the occupants' with how far they got and the centre's marked as
 * the centre's. A phrase shows in the language on screen.
 *
 * A modal part of a call screen: the focus goes into it when it opens, stays inside (rotate,
 * push, press) and goes back to where it was — the Text action — when it closes. Back leaves the
 * keyboard for the phrases, and the phrases for the call screen.
 *
 * @fires sos-conversation-phrase - `{ phrase }`: send this preset phrase.
 * @fires sos-conversation-text - `{ text }`: send this typed text.
 * @fires sos-conversation-mode - `{ mode }`: switch between the phrases and the keyboard.
 * @fires sos-conversation-close - close the panel (the conversation goes on).
 */
@customElement('sos-call-conversation')
export class SosCallConversation extends ModalPanel {
  static override styles = [panelStyles, callConversationStyles];

  /** The conversation (`CallView.conversation`); the panel shows `panel` (phrases or keyboard). */
  @property({ attribute: false }) view: ConversationView | null = null;

  /** Back leaves the keyboard for the phrases, and the phrases for the call screen. */
  protected override back(): void {
    if (this.view?.panel === 'keyboard') this.emitMode('phrases');
    else this.emitClose();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('view') as ConversationView | null | undefined;
    // The occupant asked for the keyboard (or the phrases): the selection goes there, not left on the switch.
    if (before?.panel && this.view?.panel && before.panel !== this.view.panel)
      void this.idrive.focusSettled().then(() => this.idrive.focusDefault());
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private emitMode(mode: 'phrases' | 'keyboard'): void {
    this.emit('sos-conversation-mode', { mode });
  }

  private emitClose(): void {
    this.emit('sos-conversation-close', undefined);
  }

  private renderLine(line: ConversationLineView): TemplateResult {
    const text = line.phrase ? t.phraseText(line.phrase) : (line.text ?? '');
    const centre = line.from === 'centre';
    return html`<li
      data-part="line"
      data-from=${line.from}
      data-delivery=${line.delivery}
      data-line=${line.id}
    >
      ${centre ? CENTRE_ICON : nothing}
      <span class="visually-hidden">${centre ? t.FROM_CENTRE : ct.YOU_TAG}:</span>
      <span class="msg">${text}</span>
      ${
        centre
          ? nothing
          : html`<span class="mark" aria-hidden="true" data-part="mark">${DELIVERY_MARKS[line.delivery]}</span
              ><span class="visually-hidden">(${ct.deliveryText(line.delivery)})</span>`
      }
    </li>`;
  }

  private renderPhrases(view: ConversationView): TemplateResult {
    return html`<div class="phrases" role="group" aria-label=${ct.PHRASES_LABEL}>
      ${view.phrases.map(
        (phrase, i) =>
          html`<sos-action-button
            data-phrase=${phrase}
            ?data-default=${i === 0}
            label=${t.phraseText(phrase)}
            @click=${() => this.emit('sos-conversation-phrase', { phrase })}
          ></sos-action-button>`,
      )}
    </div>`;
  }

  private renderKeyboard(view: ConversationView): TemplateResult {
    return html`<sos-text-keyboard
      data-idrive-action
      data-default
      max-length=${view.maxLength}
      @sos-text-send=${(event: CustomEvent<{ readonly text: string }>) =>
        this.emit('sos-conversation-text', { text: event.detail.text })}
      @sos-text-cancel=${() => this.emitMode('phrases')}
    ></sos-text-keyboard>`;
  }

  protected override render(): TemplateResult {
    const view = this.view;
    if (!view) return html``;
    const keyboard = view.panel === 'keyboard';
    const lines = view.lines.slice(-VISIBLE_LINES);
    return html`<section
      class="panel"
      role="dialog"
      aria-labelledby="title"
      data-mode=${view.panel ?? 'closed'}
    >
      <div class="main">${keyboard ? this.renderKeyboard(view) : this.renderPhrases(view)}</div>
      <div class="side surface">
        <h2 id="title">${ct.CONVERSATION_TITLE}</h2>
        ${
          lines.length
            ? html`<ol class="lines" aria-label=${ct.CONVERSATION_LINES} data-part="lines">
                ${lines.map((line) => this.renderLine(line))}
              </ol>`
            : html`<p class="lines empty" data-part="lines">${ct.CONVERSATION_EMPTY}</p>`
        }
        <div class="actions">
          <sos-action-button
            data-part="mode"
            label=${keyboard ? ct.PHRASES_ACTION : ct.KEYBOARD_ACTION}
            @click=${() => this.emitMode(keyboard ? 'phrases' : 'keyboard')}
          ></sos-action-button>
          <sos-action-button
            data-part="close"
            label=${t.BUTTON.close}
            @click=${() => this.emitClose()}
          ></sos-action-button>
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'sos-conversation-phrase': SosConversationPhraseEvent;
    'sos-conversation-text': SosConversationTextEvent;
    'sos-conversation-mode': SosConversationModeEvent;
    'sos-conversation-close': SosConversationCloseEvent;
  }
  interface HTMLElementTagNameMap {
    'sos-call-conversation': SosCallConversation;
  }
}
