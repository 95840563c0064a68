/**
 * `wb-flow-section`: record what is done in the workbench as a flow, replay a flow file step by step
 * or at speed, and download a flow as JSON or as a Playwright test.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { describeAction, type FlowStep } from '../flow.js';
import { emit } from './events.js';
import { flowSectionStyles } from './flow-section.styles.js';
import { sectionStyles } from './section-styles.js';

/** What the flow section is doing. */
export type FlowMode = 'idle' | 'recording' | 'replay';
/** A replayed step reached the recorded screen (`same`), another one (`different`), or failed. */
export type StepResult = 'same' | 'different' | 'failed';

/** @fires wb-flow - record, stop, open (a file's text), step, play, pause, close, download */
@customElement('wb-flow-section')
export class WbFlowSection extends LitElement {
  static override styles = [sectionStyles, flowSectionStyles];

  @property() mode: FlowMode = 'idle';
  /** The flow's title. */
  @property() flowTitle = '';
  /** The steps recorded so far, or the flow being replayed. */
  @property({ attribute: false }) steps: readonly FlowStep[] = [];
  /** Replay: the index of the next step. */
  @property({ type: Number }) next = 0;
  /** Replay: the outcome of each step done (by index). */
  @property({ attribute: false }) results: readonly (StepResult | undefined)[] = [];
  /** Replay: steps run one after another. */
  @property({ type: Boolean }) playing = false;
  /** Why the last replayed step failed or differed. */
  @property() problem = '';

  private async open(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    emit(this, 'wb-flow', { kind: 'open', json: await file.text(), name: file.name });
    input.value = '';
  }

  private renderSteps(): TemplateResult {
    return html`<ol class="steps" data-part="flow-steps">
      ${this.steps.map((s, i) => {
        const result = this.results[i];
        return html`<li
          data-step=${i + 1}
          data-result=${result ?? (this.mode === 'replay' && i === this.next ? 'next' : '')}
          title=${`${s.screen.tag} — ${s.screen.h1}${s.screen.actions.length ? ` [${s.screen.actions.join(', ')}]` : ''}`}
        >
          <span>${describeAction(s.action)}</span>
          <small>→ ${s.screen.h1 || s.screen.tag}</small>
        </li>`;
      })}
    </ol>`;
  }

  protected override render(): TemplateResult {
    const downloads = html`<button
        ?disabled=${!this.steps.length}
        @click=${() => emit(this, 'wb-flow', { kind: 'download', what: 'json' })}
      >
        Download flow
      </button>
      <button
        ?disabled=${!this.steps.length}
        @click=${() => emit(this, 'wb-flow', { kind: 'download', what: 'test' })}
      >
        Export test
      </button>`;
    return html`<h2 id="wb-flow">Flow</h2>
      ${
        this.mode === 'idle'
          ? html`<div class="row">
                <button class="record" @click=${() => emit(this, 'wb-flow', { kind: 'record' })}>
                  ● Record
                </button>
                <label class="file"
                  >Replay a flow…<input
                    type="file"
                    accept=".json,application/json"
                    @change=${(e: Event) => void this.open(e)}
                /></label>
                ${downloads}
              </div>
              <p class="hint">
                Record restarts the current set-up at time 0 and writes down every step with the screen it
                reaches.
              </p>`
          : nothing
      }
      ${
        this.mode === 'recording'
          ? html`<div class="row">
              <span class="rec" data-part="recording">● Recording</span>
              <input
                aria-label="Flow title"
                class="title"
                .value=${this.flowTitle}
                @change=${(e: Event) => emit(this, 'wb-flow', { kind: 'title', title: (e.target as HTMLInputElement).value })}
              />
              <button @click=${() => emit(this, 'wb-flow', { kind: 'stop' })}>Stop</button>
              ${downloads}
            </div>`
          : nothing
      }
      ${
        this.mode === 'replay'
          ? html`<div class="row">
                <span data-part="replaying">Replay: ${this.flowTitle}</span>
              </div>
              <div class="row" style="margin-top:6px">
                <button
                  ?disabled=${this.playing || this.next >= this.steps.length}
                  @click=${() => emit(this, 'wb-flow', { kind: 'step' })}
                >
                  Step
                </button>
                ${
                  this.playing
                    ? html`<button @click=${() => emit(this, 'wb-flow', { kind: 'pause' })}>Pause</button>`
                    : html`<button
                        ?disabled=${this.next >= this.steps.length}
                        @click=${() => emit(this, 'wb-flow', { kind: 'play' })}
                      >
                        Play
                      </button>`
                }
                <button @click=${() => emit(this, 'wb-flow', { kind: 'close' })}>Close</button>
                ${downloads}
                <span class="hint" data-part="replay-progress">${this.next} / ${this.steps.length}</span>
              </div>
              ${this.problem ? html`<p class="problem" role="status">${this.problem}</p>` : nothing}`
          : nothing
      }
      ${this.steps.length ? this.renderSteps() : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-flow-section': WbFlowSection;
  }
}
