import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import { crashPanel, endHint, mutedIcon, phaseStepper, sentPanel } from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/hold-progress/hold-progress.js';
import { ledMirror, ledMirrorStyles } from '../components/led-mirror/led-mirror.js';

/**
 * The call in progress: phase (h1), voice timer, call type, the phase stepper, what was sent,
 * crash data for an automatic call, how the call can end, and the LED mirror. `Cancel call` only
 * while the machine offers it (a 0 s cancel window before connection).
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
      header h1 {
        font-size: 50px;
      }
      header .spacer {
        flex: 1;
      }
      .content {
        display: grid;
        grid-template-columns: 1fr 500px;
        gap: 28px;
        min-block-size: 0;
      }
      .left {
        display: flex;
        flex-direction: column;
        gap: 14px;
        min-block-size: 0;
      }
      .left .grow {
        flex: 1;
      }
      .right .panel {
        padding-block: 14px;
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
        border-radius: 12px;
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

  private renderLeft(view: CallView): TemplateResult {
    const holding = view.holdProgress !== null && view.canEndByHold;
    return html`<div class="left">
      ${view.audioMayBeLost ? html`<p class="hint-limited" data-part="audio-lost" role="alert">${t.AUDIO_MAY_BE_LOST}</p>` : nothing}
      ${view.noVoiceHint && view.kind !== 'test' ? html`<p class="hint-ready" data-part="no-voice" role="note">${t.NO_VOICE_HINT}</p>` : nothing}
      ${endHint(view)}
      ${
        holding
          ? html`<sos-hold-progress
              value=${view.holdProgress ?? 0}
              label=${t.HOLD_PROGRESS_LABEL}
            ></sos-hold-progress>`
          : nothing
      }
      <div class="meta">
        ${view.audioMuted ? html`<span data-part="muted">${mutedIcon}${t.AUDIO_MUTED}</span>` : nothing}
        ${view.contactsNotified ? html`<span data-part="contacts-notified">${t.CONTACTS_NOTIFIED}</span>` : nothing}
        ${view.attempt > 1 ? html`<span>${t.attemptText(view.attempt)}</span>` : nothing}
      </div>
      <div class="grow"></div>
      ${
        view.canCancel
          ? html`<div class="actions">
              <sos-action-button
                data-default
                data-emergency
                variant="primary"
                label=${t.BUTTON.cancelCall}
                @click=${() => this.send({ type: 'user.cancel' })}
              ></sos-action-button>
            </div>`
          : view.kind === 'test'
            ? html`<div class="actions">
                <sos-action-button
                  data-default
                  label=${t.DIAG_BUTTON.endTestCall}
                  @click=${() => this.send({ type: 'user.endTestCall' })}
                ></sos-action-button>
              </div>`
            : nothing
      }
    </div>`;
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    const tone =
      view.kind === 'automatic' ? 'tone-danger' : view.kind === 'test' ? 'tone-accent' : 'tone-danger';
    const test = view.kind === 'test';
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
          ${view.phase ? t.phaseTitle(view.phase, view.attempt) : ''}
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
      ${phaseStepper(view.phase)}
      <div class="content">
        ${this.renderLeft(view)}
        <div class="right">
          ${view.sent ? html`<div class="panel">${sentPanel(view.sent)} ${crashPanel(view.crash)}</div>` : nothing}
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-active-call': SosActiveCall;
  }
}
