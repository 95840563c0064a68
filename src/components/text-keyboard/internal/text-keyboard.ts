import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { erased, sendable, typed } from './draft.js';
import { keyId, keysOf, type KeyDef, type KeyboardLayer } from './keys.js';
import { textKeyboardStyles } from './text-keyboard-styles.js';

/** `sos-text-send`: the occupants send the draft (trimmed, never blank). Cancelable: then the draft stays. */
export type SosTextSendEvent = CustomEvent<{ readonly text: string }>;
/** `sos-text-cancel`: the occupants leave the keyboard (Back, or Escape). */
export type SosTextCancelEvent = CustomEvent<void>;

/** One wheel notch is 100 px in Chromium (the same step as the screens' controller). */
const WHEEL_STEP = 100;

/**
 * An on-screen keyboard for a message to the emergency centre: a draft line with the characters
 * left, letters (or digits), space, delete, and Send. The draft is the keyboard's own presentation
 * state; sending hands it over as `sos-text-send` and clears it.
 *
 * Controller: rotate or push (arrow keys, Tab, the wheel) moves through the keys, press (Enter,
 * Space) types the selected key, Back (Escape) leaves with `sos-text-cancel`; Backspace deletes the
 * last character, and leaves once the draft is empty. At the first and the last key a rotation is
 * not taken: it goes on to whatever holds the keyboard (its screen's next or previous action).
 * Touch: tap a key. A hardware keyboard types its characters directly.
 */
export class TextKeyboard extends LitElement {
  static override styles = textKeyboardStyles;

  /** Typed text is cut to this many characters (`ConversationView.maxLength`). */
  @property({ type: Number, attribute: 'max-length' }) maxLength = 160;

  @state() private text = '';
  @state() private layer: KeyboardLayer = 'letters';
  /** The key the controller is on (roving focus: the only key in the tab order). */
  @state() private selected = 0;

  private wheelAccumulator = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.addEventListener('keydown', this.onKeyDown);
    this.addEventListener('keyup', this.onKeyUp);
    this.addEventListener('wheel', this.onWheel, { passive: false });
  }

  /** The text typed so far (not sent). */
  get draft(): string {
    return this.text;
  }

  /** Characters that can still be typed. */
  get remaining(): number {
    return Math.max(0, this.maxLength - [...this.text].length);
  }

  /** Empties the draft. */
  clear(): void {
    this.text = '';
  }

  /** Focuses the selected key (where the controller was), not the first one. */
  override focus(options?: FocusOptions): void {
    if (!this.hasUpdated) {
      void this.updateComplete.then(() => this.focus(options));
      return;
    }
    this.keyButtons()[this.selected]?.focus(options);
  }

  private get keys(): readonly KeyDef[] {
    return keysOf(this.layer);
  }

  private keyButtons(): HTMLButtonElement[] {
    return Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-key]'));
  }

  /** Moves the selection; false (and nothing moves) past the first or the last key. */
  private move(step: number): boolean {
    const next = this.selected + step;
    if (next < 0 || next >= this.keys.length) return false;
    this.selected = next;
    this.keyButtons()[next]?.focus({ preventScroll: true });
    return true;
  }

  private activate(index: number): void {
    const key = this.keys[index];
    if (!key) return;
    this.selected = index;
    switch (key.kind) {
      case 'char':
        this.text = typed(this.text, key.char, this.maxLength);
        break;
      case 'space':
        this.text = typed(this.text, ' ', this.maxLength);
        break;
      case 'backspace':
        this.text = erased(this.text);
        break;
      case 'layer':
        this.layer = this.layer === 'digits' ? 'letters' : 'digits';
        break;
      case 'accents':
        this.layer = this.layer === 'accents' ? 'letters' : 'accents';
        break;
      case 'send':
        this.send();
        break;
    }
  }

  private send(): void {
    const text = sendable(this.text);
    if (text === null) return;
    const event: SosTextSendEvent = new CustomEvent('sos-text-send', {
      detail: { text },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (this.dispatchEvent(event)) this.text = '';
  }

  private cancel(): void {
    const event: SosTextCancelEvent = new CustomEvent('sos-text-cancel', { bubbles: true, composed: true });
    this.dispatchEvent(event);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        if (!this.move(1)) return;
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        if (!this.move(-1)) return;
        break;
      case 'Tab':
        if (!this.move(event.shiftKey ? -1 : 1)) return;
        break;
      case 'Enter':
      case ' ':
        if (!event.repeat) this.activate(this.selected);
        break;
      case 'Escape':
        if (!event.repeat) this.cancel();
        break;
      case 'Backspace':
        if (this.text !== '') this.text = erased(this.text);
        else if (!event.repeat) this.cancel();
        break;
      default:
        // A hardware keyboard (desktop, workbench) types straight into the draft.
        if (event.key.length !== 1 || event.isComposing) return;
        this.text = typed(this.text, event.key, this.maxLength);
    }
    // The native button would click again on Enter/Space: the press above is the one.
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') event.preventDefault();
  };

  private readonly onWheel = (event: WheelEvent): void => {
    let steps: number;
    if (event.deltaMode !== WheelEvent.DOM_DELTA_PIXEL) {
      steps = Math.sign(event.deltaY);
    } else {
      this.wheelAccumulator += event.deltaY;
      steps = Math.trunc(this.wheelAccumulator / WHEEL_STEP);
      this.wheelAccumulator -= steps * WHEEL_STEP;
    }
    const step = Math.sign(steps);
    let moved = 0;
    while (moved < Math.abs(steps) && this.move(step)) moved++;
    // Past the first or last key: the turn belongs to whatever holds the keyboard.
    if (steps !== 0 && moved === 0) {
      this.wheelAccumulator = 0;
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  private keyLabel(key: KeyDef): string {
    switch (key.kind) {
      case 'char':
        return key.char;
      case 'space':
        return msg('Space', { desc: 'On-screen keyboard: the space bar.' });
      case 'backspace':
        return '⌫';
      case 'layer':
        return this.layer === 'digits' ? this.lettersLabel() : '123';
      case 'accents':
        return this.layer === 'accents' ? this.lettersLabel() : 'ÄÉ';
      case 'send':
        return msg('Send', { desc: 'On-screen keyboard: sends the typed message to the emergency centre.' });
    }
  }

  /** The accessible name where the visible label is a symbol. */
  private keyName(key: KeyDef): string {
    return key.kind === 'backspace'
      ? msg('Delete', { desc: 'On-screen keyboard: deletes the last character.' })
      : this.keyLabel(key);
  }

  private lettersLabel(): string {
    return msg('ABC', { desc: 'On-screen keyboard: key that switches back to letters.' });
  }

  /** Said after the visible label of a layer key ("123, digits and symbols"). */
  private layerHint(kind: 'layer' | 'accents'): string {
    if (kind === 'layer') return this.layer === 'digits' ? msg('Letters') : msg('Digits and symbols');
    return this.layer === 'accents' ? msg('Letters') : msg('Accented letters');
  }

  private renderKey(key: KeyDef, index: number, blank: boolean): TemplateResult {
    return html`<button
      type="button"
      class="${key.kind} ${key.kind === 'char' ? '' : 'command'}"
      data-key=${keyId(key)}
      tabindex=${index === this.selected ? 0 : -1}
      aria-label=${key.kind === 'layer' || key.kind === 'accents' ? nothing : this.keyName(key)}
      aria-disabled=${key.kind === 'send' && blank ? 'true' : 'false'}
      @click=${() => this.activate(index)}
      @focus=${() => (this.selected = index)}
    >
      ${this.keyLabel(key)}${
        key.kind === 'layer' || key.kind === 'accents'
          ? html`<span class="visually-hidden">, ${this.layerHint(key.kind)}</span>`
          : ''
      }
    </button>`;
  }

  protected override render(): TemplateResult {
    const blank = sendable(this.text) === null;
    const remaining = this.remaining;
    return html`<div class="draft" data-part="draft">
        <span class="visually-hidden">${msg('Your message')}</span>
        <span class="text" data-part="draft-text"
          ><span class="line"
            >${
              this.text === ''
                ? html`<span class="placeholder">${msg('Type your message')}</span>`
                : this.text
            }<span class="caret" aria-hidden="true"></span></span
        ></span>
        <span class="remaining ${remaining <= 10 ? 'low' : ''}" data-part="remaining"
          >${msg(str`${remaining} characters left`)}</span
        >
      </div>
      <div class="keys" role="group" aria-label=${msg('Keyboard')}>
        ${this.keys.map((key, i) => this.renderKey(key, i, blank))}
      </div>`;
  }
}
