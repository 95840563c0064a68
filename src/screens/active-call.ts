import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import {
  centreLine,
  conversationPanel,
  dataPanel,
  endHint,
  focusWhenRendered,
  mutedIcon,
  phaseStepper,
  safetyAction,
  safetyCard,
  textAction,
} from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/hold-progress/hold-progress.js';
import { ledMirror, ledMirrorStyles } from '../components/led-mirror/led-mirror.js';

/**
 * The call in progress: phase (h1), voice timer, call type, the phase stepper, what was sent (what
 * the centre has, or the position to read out when it has no data), crash data for an automatic
 * call, how the call can end, and the LED mirror. `Cancel call` only while the machine offers it
 * (a 0 s cancel window before connection). The newest line from the centre is one line on the
 * left; `Text` opens the conversation and `Safety steps` the post-crash card, each in place of the
 * right-hand column (wider), under the header and stepper, which never move.
 */
@customElement('sos-active-call')
export class SosActiveCall extends CallScreen {
  static override styles = [
    screenStyles,
    callStyles,
    ledMirrorStyles,
    css`
      .screen {
        grid-template-rows: auto auto 1fr;
        gap: 16px;
        padding: 22px 36px 24px;
      }
      header {
        display: flex;
        align-items: center;
        gap: 24px;
      }
      /* The status is one line (glanceability): the LED mirror's label beside it wraps first. */
      header h1 {
        font-size: 50px;
        white-space: nowrap;
        flex: none;
      }
      header .spacer {
        flex: 1;
      }
      .content {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 560px;
        gap: 28px;
        min-block-size: 0;
      }
      .left {
        gap: 8px;
      }
      .status {
        gap: 8px;
      }
      .right {
        min-block-size: 0;
        min-inline-size: 0;
      }
      .right .panel {
        padding: 12px 20px;
        max-block-size: 100%;
        overflow: hidden;
      }
      .actions:empty {
        display: none;
      }
      .status .hint-ready {
        font-size: 22px;
      }
      .status .end-hint {
        font-size: 19px;
      }
      .status .meta {
        font-size: 16px;
      }
      .actions sos-action-button {
        min-inline-size: 180px;
      }
      /* Text and Safety steps: secondary actions, a little smaller than the emergency ones. */
      .actions sos-action-button:not([data-emergency]) {
        --sos-action-height: 64px;
        min-inline-size: 160px;
      }
      .actions sos-action-button:not([data-emergency])::part(button) {
        padding: 0 22px;
        font-size: 23px;
      }
      .wide .status {
        gap: 8px;
      }
      .wide .hint-limited,
      .wide .end-hint {
        font-size: 18px;
      }
      .wide .actions {
        flex-direction: column;
        align-items: stretch;
      }
      .wide .actions sos-action-button {
        min-inline-size: 0;
      }
      sos-hold-progress {
        max-inline-size: 520px;
      }
      /* A test call must never be mistaken for an emergency: blue, labelled, no red. */
      .screen.test-call {
        grid-template-rows: auto auto auto 1fr;
        gap: 12px;
        padding-block-start: 12px;
        background: repeating-linear-gradient(
          -45deg,
          transparent 0 22px,
          var(--sos-surface-sunken) 22px 44px
        );
      }
      .test-banner {
        display: flex;
        gap: 18px;
        align-items: baseline;
        margin: 0;
        padding: 8px 16px;
        border-radius: var(--sos-radius-md);
        background: var(--sos-accent-strong);
        color: var(--sos-on-accent);
        font-size: 17px;
      }
      .test-banner strong {
        font-size: 21px;
        letter-spacing: 0.04em;
        white-space: nowrap;
      }
      .test-banner span {
        font-size: 15px;
      }
    `,
  ];

  /** The safety card was open at the last render (its action comes back when it closes). */
  private safetyWasOpen = false;

  protected override updated(): void {
    const view = this.call.value;
    const open = view?.safety.open ?? false;
    // The card took the focus with it: back to the action that opened it.
    if (this.safetyWasOpen && !open)
      void focusWhenRendered(this.renderRoot.querySelector<HTMLElement>('[data-part="safety-action"]'));
    this.safetyWasOpen = open;
  }

  private renderLeft(view: CallView, wide: boolean): TemplateResult {
    const holding = view.holdProgress !== null && view.canEndByHold;
    const panel = view.conversation.panel !== null;
    // "The centre has your position" is not said when it has no data from the car (the read-out says why).
    const noData = view.transport === 'plain112' || view.msd === 'ackNegative';
    return html`<div class="left column">
      <div class="status fading">
        ${panel ? nothing : centreLine(view, wide)}
        ${
          // Redialled at once after a drop: said in words, never mistaken for the centre hanging up.
          view.callEnd === 'dropped' && view.phase !== 'voice'
            ? html`<p class="hint-limited" data-part="call-end">${t.CALL_DROPPED_AGAIN}</p>`
            : nothing
        }
        ${view.audioMayBeLost ? html`<p class="hint-limited" data-part="audio-lost" role="alert">${t.AUDIO_MAY_BE_LOST}</p>` : nothing}
        ${
          // Beside the open panel or card the narrow column keeps what is essential.
          view.noVoiceHint && view.kind !== 'test' && !noData && !wide
            ? html`<p class="hint-ready" data-part="no-voice" role="note">${t.NO_VOICE_HINT}</p>`
            : nothing
        }
        ${endHint(view)}
        ${
          holding
            ? html`<sos-hold-progress
                value=${view.holdProgress ?? 0}
                label=${t.HOLD_PROGRESS_LABEL}
              ></sos-hold-progress>`
            : nothing
        }
        ${
          wide
            ? nothing
            : html`<div class="meta">
                ${view.audioMuted ? html`<span data-part="muted">${mutedIcon}${t.AUDIO_MUTED}</span>` : nothing}
                ${view.contactsNotified ? html`<span data-part="contacts-notified">${t.CONTACTS_NOTIFIED}</span>` : nothing}
                ${view.attempt > 1 ? html`<span>${t.attemptText(view.attempt)}</span>` : nothing}
              </div>`
        }
      </div>
      <div class="actions">${this.renderActions(view)}</div>
    </div>`;
  }

  private renderActions(view: CallView): TemplateResult {
    const panel = view.conversation.panel !== null;
    return html`${
      view.canCancel
        ? html`<sos-action-button
            data-default
            data-emergency
            variant="primary"
            label=${t.BUTTON.cancelCall}
            @click=${() => this.send({ type: 'user.cancel' })}
          ></sos-action-button>`
        : view.kind === 'test'
          ? html`<sos-action-button
              data-default
              label=${t.DIAG_BUTTON.endTestCall}
              @click=${() => this.send({ type: 'user.endTestCall' })}
            ></sos-action-button>`
          : nothing
    }${textAction(view, (e) => this.send(e))}${panel ? nothing : safetyAction(view, (e) => this.send(e))}`;
  }

  private renderRight(view: CallView): TemplateResult | typeof nothing {
    if (view.conversation.panel !== null) return conversationPanel(view, (e) => this.send(e));
    if (view.safety.open) return safetyCard(view, (e) => this.send(e), 2);
    // The header's badge names the call type: the panel does not repeat it.
    const data = dataPanel(view, true, false);
    return data === nothing ? nothing : html`<div class="panel">${data}</div>`;
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    const tone =
      view.kind === 'automatic' ? 'tone-danger' : view.kind === 'test' ? 'tone-accent' : 'tone-danger';
    const test = view.kind === 'test';
    const wide = view.conversation.panel !== null || view.safety.open;
    return html`<section class="screen ${test ? 'test-call' : ''}" aria-labelledby="title">
      ${
        test
          ? html`<p class="test-banner" role="note" data-part="test-banner">
              <strong>${t.TEST_CALL_BANNER}</strong><span>${t.TEST_CALL_EXPLANATION}</span>
            </p>`
          : nothing
      }
      <header>
        <h1 id="title" tabindex="-1" data-idrive-fallback>
          ${view.phase ? t.phaseTitle(view.phase, view.attempt, view.msd) : ''}
        </h1>
        ${
          view.phase === 'voice'
            ? html`<span class="timer" role="timer" aria-label=${t.CALL_TIME_LABEL} data-part="timer"
                >${t.formatMmSs(view.elapsedS)}</span
              >`
            : nothing
        }
        <span class="spacer"></span>
        ${ledMirror(view.led)}
        ${view.kind ? html`<span class="badge ${tone}" data-part="kind">${t.callKindLabel(view.kind)}</span>` : nothing}
      </header>
      ${phaseStepper(view.phase, view)}
      <div class="content ${wide ? 'wide' : ''}">
        ${this.renderLeft(view, wide)}
        <div class="right">${this.renderRight(view)}</div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-active-call': SosActiveCall;
  }
}
