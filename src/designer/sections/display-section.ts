/** `wb-display-section`: viewport (a preset or a free size), zoom, theme and language. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LANGUAGES, LANGUAGE_NAMES } from '../../i18n/localization.js';
import { THEMES } from '../../styles/theme.js';
import { VIEWPORTS, ZOOMS } from '../viewports.js';
import { emit } from './events.js';
import { sectionStyles } from './section-styles.js';

/** @fires wb-display - the setting that changed (`viewport`, `zoom`, `theme` or `lang`) */
@customElement('wb-display-section')
export class WbDisplaySection extends LitElement {
  static override styles = sectionStyles;

  /** A preset's id or a free `WxH`. */
  @property() viewport = '1280x480';
  @property() zoom = 'physical';
  @property() theme = 'night';
  @property() language = 'en';
  /** The language cannot change now (a flow is being recorded or replayed in this language). */
  @property({ type: Boolean }) langLocked = false;

  /** The free size the inputs edit (a form value). */
  @state() private freeSize = { width: 1600, height: 600 };

  private setFree(patch: Partial<{ width: number; height: number }>): void {
    this.freeSize = { ...this.freeSize, ...patch };
    emit(this, 'wb-display', { viewport: `${this.freeSize.width}x${this.freeSize.height}` });
  }

  protected override render(): TemplateResult {
    const free = !VIEWPORTS.some((v) => v.id === this.viewport);
    const value = (e: Event): string => (e.target as HTMLSelectElement).value;
    return html`<h2 id="wb-display">Display</h2>
      <div class="grid">
        <label class="field"
          >Viewport<select
            aria-label="Viewport"
            @change=${(e: Event) => {
              const id = value(e);
              emit(this, 'wb-display', {
                viewport: id === 'free' ? `${this.freeSize.width}x${this.freeSize.height}` : id,
              });
            }}
          >
            ${VIEWPORTS.map((v) => html`<option value=${v.id} ?selected=${v.id === this.viewport}>${v.label}</option>`)}
            <option value="free" ?selected=${free}>Free size…</option>
          </select></label
        >
        <label class="field"
          >Zoom<select
            aria-label="Zoom"
            @change=${(e: Event) => emit(this, 'wb-display', { zoom: value(e) })}
          >
            ${ZOOMS.map((z) => html`<option value=${z} ?selected=${z === this.zoom}>${z}</option>`)}
          </select></label
        >
        <label class="field"
          >Theme<select
            aria-label="Theme"
            @change=${(e: Event) => emit(this, 'wb-display', { theme: value(e) })}
          >
            ${THEMES.map((t) => html`<option value=${t} ?selected=${t === this.theme}>${t}</option>`)}
          </select></label
        >
        <label class="field"
          >Language<select
            aria-label="Language"
            ?disabled=${this.langLocked}
            title=${this.langLocked ? 'A flow keeps the language it was recorded in' : ''}
            @change=${(e: Event) => emit(this, 'wb-display', { lang: value(e) })}
          >
            ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === this.language}>${LANGUAGE_NAMES[l]}</option>`)}
          </select></label
        >
      </div>
      ${
        free
          ? html`<div class="row" style="margin-top:6px">
              <label class="field"
                >Width<input
                  type="number"
                  min="320"
                  max="3840"
                  .value=${String(this.freeSize.width)}
                  @change=${(e: Event) => this.setFree({ width: Number((e.target as HTMLInputElement).value) })}
              /></label>
              <label class="field"
                >Height<input
                  type="number"
                  min="200"
                  max="2160"
                  .value=${String(this.freeSize.height)}
                  @change=${(e: Event) => this.setFree({ height: Number((e.target as HTMLInputElement).value) })}
              /></label>
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-display-section': WbDisplaySection;
  }
}
