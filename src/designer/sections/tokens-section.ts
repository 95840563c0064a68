/**
 * `wb-tokens-section`: the design tokens live (issue #20 §1). Every token of the theme on screen by
 * group with its value; change one (colour picker or text, a number for sizes and times) and every
 * frame follows; the contrast and emergency-target checks run on the changed values and flag what
 * falls below its target; reset one or all; export the changes as DTCG JSON for tokens/.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Theme } from '../../styles/theme.js';
import {
  contrastReport,
  targetReport,
  type ContrastCheck,
  type TokenOverride,
  type TokenValue,
} from '../../styles/tokens.js';
import {
  numberOf,
  parseInput,
  pickerColor,
  rowLabel,
  tokenGroups,
  unitOf,
  valueText,
  withPickedColor,
  type TokenRow,
} from '../tokenEdit.js';
import { emit } from './events.js';
import { sectionStyles } from './section-styles.js';
import { tokensSectionStyles } from './tokens-section.styles.js';

const keyOf = (row: TokenRow): string => `${row.token.set}:${row.token.path}`;
/** A colour path as the checks show it: `color.danger-soft over color.bg` → `danger-soft over bg`. */
const short = (paths: string): string => paths.replaceAll('color.', '');

/** @fires wb-tokens - a token set or reset, every token reset, or the changes exported */
@customElement('wb-tokens-section')
export class WbTokensSection extends LitElement {
  static override styles = [sectionStyles, tokensSectionStyles];

  /** The theme on screen: its set's colours are listed (with the base set). */
  @property() theme: Theme = 'night';
  /** The tokens changed so far, in every set. */
  @property({ attribute: false }) overrides: readonly TokenOverride[] = [];
  /** What a link asked for that cannot apply (an unknown token, a value of the wrong type). */
  @property({ attribute: false }) warnings: readonly string[] = [];

  @state() private query = '';
  @state() private changedOnly = false;
  /** Why the last input of a token was not taken, by `set:path`. */
  @state() private errors: ReadonlyMap<string, string> = new Map();

  private setError(key: string, error: string | null): void {
    const next = new Map(this.errors);
    if (error) next.set(key, error);
    else next.delete(key);
    this.errors = next;
  }

  private input(row: TokenRow, raw: string, as: 'text' | 'number'): void {
    const parsed = parseInput(row.token, raw, as);
    if ('error' in parsed) return this.setError(keyOf(row), parsed.error);
    this.setError(keyOf(row), null);
    this.send(row, parsed.value);
  }

  private send(row: TokenRow, value: TokenValue): void {
    emit(this, 'wb-tokens', { kind: 'set', set: row.token.set, path: row.token.path, value });
  }

  private renderControl(row: TokenRow, label: string): TemplateResult {
    const { token, value } = row;
    if (row.readOnly)
      return html`<output class="derived" aria-label=${label}>${valueText(token.type, value)}</output>`;
    const text = html`<input
      class="text"
      aria-label=${label}
      spellcheck="false"
      .value=${valueText(token.type, value)}
      @input=${(e: InputEvent) => this.input(row, (e.target as HTMLInputElement).value, 'text')}
    />`;
    if (token.type === 'color')
      return html`<input
          type="color"
          aria-label=${`${label} (picker)`}
          .value=${pickerColor(value)}
          @input=${(e: InputEvent) => this.send(row, withPickedColor(value, (e.target as HTMLInputElement).value))}
        />${text}`;
    const n = numberOf(token.type, value);
    if (n !== null)
      return html`<input
          type="number"
          aria-label=${label}
          step=${token.type === 'fontWeight' ? 50 : 1}
          .value=${String(n)}
          @input=${(e: InputEvent) => this.input(row, (e.target as HTMLInputElement).value, 'number')}
        /><span class="unit">${unitOf(token.type)}</span>`;
    return text;
  }

  private renderRow(row: TokenRow, flagged: ReadonlySet<string>): TemplateResult {
    const { token } = row;
    const error = this.errors.get(keyOf(row));
    const low = flagged.has(token.path);
    return html`<div
      class="token"
      data-part="token"
      data-path=${token.path}
      data-set=${token.set}
      ?data-changed=${row.changed}
      ?data-low=${low}
    >
      <span class="name" title=${token.description}>
        ${
          token.type === 'color' || token.type === 'gradient'
            ? html`<i class="swatch" style=${`background:${row.css}`}></i>`
            : nothing
        }
        <code>${rowLabel(token.path)}</code>
        ${token.set !== 'base' ? html`<small>${token.set}</small>` : nothing}
        ${token.alias && !row.changed ? html`<small title="an alias: it follows that token">= ${token.alias}</small>` : nothing}
        ${
          low
            ? html`<b
                class="flag"
                role="img"
                aria-label="low contrast"
                title="In a pair below its contrast target"
                >⚠</b
              >`
            : nothing
        }
      </span>
      <span class="control">${this.renderControl(row, token.path)}</span>
      <button
        class="reset"
        aria-label=${`Reset ${token.path}`}
        title="Back to the value in tokens/"
        ?hidden=${!row.changed}
        @click=${() => {
          this.setError(keyOf(row), null);
          emit(this, 'wb-tokens', { kind: 'reset', set: token.set, path: token.path });
        }}
      >
        ↺
      </button>
      ${error ? html`<span class="error" role="alert">${error}</span>` : nothing}
    </div>`;
  }

  private renderCheck(c: ContrastCheck): TemplateResult {
    return html`<li
      data-part="contrast-miss"
      data-fg=${c.fg}
      data-bg=${c.bg}
      data-min=${c.min}
      title=${`${c.role}; lowest at ${c.worst}`}
    >
      <b>${c.ratio.toFixed(2)}</b>/${c.min} <code>${short(c.fg)}</code> on <code>${short(c.bg)}</code>
    </li>`;
  }

  private renderChecks(checks: readonly ContrastCheck[]): TemplateResult {
    const misses = checks.filter((c) => !c.pass);
    const targets = targetReport(this.overrides);
    const targetMisses = targets.filter((t) => !t.pass);
    return html`<div class="checks" data-part="token-checks">
      <p class="verdict ${misses.length ? 'fail' : 'pass'}" data-part="contrast-verdict" role="status">
        ${
          misses.length
            ? `Contrast: ${misses.length} of ${checks.length} pairs below target (${this.theme})`
            : `Contrast: all ${checks.length} pairs meet their target (${this.theme})`
        }
      </p>
      ${
        misses.length
          ? html`<ul class="misses">
              ${misses.map((c) => this.renderCheck(c))}
            </ul>`
          : nothing
      }
      <p class="verdict ${targetMisses.length ? 'fail' : 'pass'}" data-part="target-verdict">
        Emergency targets ≥ 15 mm:
        ${targets.map(
          (t, i) =>
            html`${i ? ' · ' : ''}<span class="target" ?data-low=${!t.pass} title=${`${t.renderedPx} CSS px`}
                >${t.display} ${t.mm.toFixed(1)} mm</span
              >`,
        )}
      </p>
      <details>
        <summary>Every pair (${this.theme}): ratio / target</summary>
        <table class="pairs">
          <tbody>
            ${checks.map(
              (c) =>
                html`<tr ?data-low=${!c.pass} title=${c.role}>
                  <td>${c.ratio.toFixed(2)}</td>
                  <td>${c.min}</td>
                  <td><code>${short(c.fg)}</code> on <code>${short(c.bg)}</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </details>
    </div>`;
  }

  protected override render(): TemplateResult {
    const checks = contrastReport(this.theme, this.overrides);
    // The colours in a failing pair: their rows are flagged too.
    const flagged = new Set(checks.filter((c) => !c.pass).flatMap((c) => [c.fg, ...c.bg.split(' over ')]));
    const q = this.query.trim().toLowerCase();
    const groups = tokenGroups(this.theme, this.overrides)
      .map((g) => ({
        ...g,
        rows: g.rows.filter(
          (r) =>
            (!this.changedOnly || r.changed) &&
            (!q || r.token.path.includes(q) || (r.token.name ?? '').includes(q)),
        ),
      }))
      .filter((g) => g.rows.length);
    const elsewhere = this.overrides.filter((o) => o.set !== 'base' && o.set !== this.theme).length;
    const count = this.overrides.length;
    return html`<h2 id="wb-tokens">Tokens</h2>
      <p class="hint" data-part="tokens-summary">
        ${this.theme} theme: base and ${this.theme} sets · ${count}
        changed${elsewhere ? ` (${elsewhere} in other themes)` : ''}
      </p>
      <div class="row bar">
        <input
          type="search"
          aria-label="Find a token"
          placeholder="Find a token"
          .value=${this.query}
          @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)}
        />
        <label
          ><input
            type="checkbox"
            .checked=${this.changedOnly}
            @change=${(e: Event) => (this.changedOnly = (e.target as HTMLInputElement).checked)}
          />
          Changed only</label
        >
      </div>
      <div class="row bar">
        <button ?disabled=${!count} @click=${() => emit(this, 'wb-tokens', { kind: 'export' })}>
          Export JSON (${count})
        </button>
        <button
          ?disabled=${!count}
          @click=${() => {
            this.errors = new Map();
            emit(this, 'wb-tokens', { kind: 'reset-all' });
          }}
        >
          Reset all
        </button>
      </div>
      ${
        this.warnings.length
          ? html`<ul class="warnings" role="alert">
              ${this.warnings.map((w) => html`<li>${w}</li>`)}
            </ul>`
          : nothing
      }
      ${this.renderChecks(checks)}
      ${groups.map(
        (g) =>
          html`<details class="group" data-group=${g.name} ?open=${!!q || this.changedOnly}>
            <summary>
              ${g.name} <small>${g.rows.length}</small>
              ${g.rows.some((r) => r.changed) ? html`<b class="dot" title="changed">●</b>` : nothing}
            </summary>
            ${g.rows.map((r) => this.renderRow(r, flagged))}
          </details>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-tokens-section': WbTokensSection;
  }
}
