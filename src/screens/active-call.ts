import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { CallView } from '../machines/views.js';
import {
  cancelCallAction,
  centreLine,
  conversationPanel,
  conversationShown,
  dataPanel,
  endHint,
  focusWhenRendered,
  phaseStepper,
  safetyAction,
  safetyCard,
  textAction,
} from './call-parts.js';
import { callStyles } from './call-styles.js';
import { CallScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/call-actions/call-actions.js';
import '../components/call-header/call-header.js';
import type { CallMetaItem } from '../components/call-meta/call-meta.js';
import '../components/call-meta/call-meta.js';
import '../components/hold-progress/hold-progress.js';

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
    css`
      .screen {
        grid-template-rows: auto auto 1fr;
        gap: 16px;
        padding: 22px 36px 24px;
      }
      /* The status is one line (glanceability): the LED mirror's label beside it wraps first. */
      sos-call-header h1 {
        font-size: var(--sos-font-size-scale-21);
        white-space: nowrap;
        flex: none;
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
      sos-call-actions:empty {
        display: none;
      }
      .status .hint-ready {
        font-size: var(--sos-font-size-scale-11);
      }
      .status .end-hint {
        font-size: var(--sos-font-size-scale-8);
      }
      .status sos-call-meta {
        font-size: var(--sos-font-size-scale-5);
      }
      sos-call-actions sos-action-button {
        min-inline-size: 180px;
      }
      /* Text and Safety steps: secondary actions, a little smaller than the emergency ones. */
      sos-call-actions sos-action-button:not([data-emergency]) {
        --sos-action-height: 64px;
        min-inline-size: 160px;
      }
      sos-call-actions sos-action-button:not([data-emergency])::part(button) {
        padding: 0 22px;
        font-size: var(--sos-font-size-scale-12);
      }
      .wide .status {
        gap: 8px;
      }
      .wide .hint-limited,
      .wide .end-hint {
        font-size: var(--sos-font-size-scale-7);
      }
      sos-call-actions[stacked] sos-action-button {
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
        font-size: var(--sos-font-size-scale-6);
      }
      .test-banner strong {
        font-size: var(--sos-font-size-scale-10);
        letter-spacing: 0.04em;
        white-space: nowrap;
      }
      .test-banner span {
        font-size: var(--sos-font-size-scale-4);
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

  private renderLeft(view: CallView, wide: boolean, panel: boolean): TemplateResult {
    const holding = view.holdProgress !== null && view.canEndByHold;
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
        ${wide ? nothing : html`<sos-call-meta .items=${this.metaItems(view)}></sos-call-meta>`}
      </div>
      <sos-call-actions ?stacked=${wide}>${this.renderActions(view, panel)}</sos-call-actions>
    </div>`;
  }

  private metaItems(view: CallView): CallMetaItem[] {
    return [
      ...(view.audioMuted ? [{ text: t.AUDIO_MUTED, part: 'muted', icon: 'muted' as const }] : []),
      ...(view.contactsNotified ? [{ text: t.CONTACTS_NOTIFIED, part: 'contacts-notified' }] : []),
      ...(view.attempt > 1 ? [{ text: t.attemptText(view.attempt), part: 'attempt' }] : []),
    ];
  }

  private renderActions(view: CallView, panel: boolean): TemplateResult {
    return html`${
      view.canCancel
        ? cancelCallAction((e) => this.send(e))
        : view.kind === 'test'
          ? html`<sos-action-button
              data-default
              label=${t.DIAG_BUTTON.endTestCall}
              @click=${() => this.send({ type: 'user.endTestCall' })}
            ></sos-action-button>`
          : nothing
    }${textAction(view, (e) => this.send(e))}${panel ? nothing : safetyAction(view, (e) => this.send(e))}`;
  }

  private renderRight(view: CallView, panel: boolean): TemplateResult | typeof nothing {
    if (panel) return conversationPanel(view, (e) => this.send(e));
    if (view.safety.open) return safetyCard(view, (e) => this.send(e), 2);
    // The header's badge names the call type: the panel does not repeat it.
    const data = dataPanel(view, true, false);
    return data === nothing ? nothing : html`<div class="panel">${data}</div>`;
  }

  protected override render(): TemplateResult {
    const view = this.call.value;
    if (!view) return html`<div class="screen"></div>`;
    const test = view.kind === 'test';
    // The conversation panel is a chunk of its own: until it is defined, the screen is as with it closed.
    const panel = conversationShown(view, this, (e) => this.send(e));
    const wide = panel || view.safety.open;
    return html`<section class="screen ${test ? 'test-call' : ''}" aria-labelledby="title">
      ${
        test
          ? html`<p class="test-banner" role="note" data-part="test-banner">
              <strong>${t.TEST_CALL_BANNER}</strong><span>${t.TEST_CALL_EXPLANATION}</span>
            </p>`
          : nothing
      }
      <sos-call-header
        timer=${view.phase === 'voice' ? t.formatMmSs(view.elapsedS) : ''}
        timer-label=${t.CALL_TIME_LABEL}
        led=${view.led}
        badge=${view.kind ? t.callKindLabel(view.kind) : ''}
        tone=${view.kind === 'test' ? 'accent' : 'danger'}
      >
        <h1 id="title" tabindex="-1" data-idrive-fallback>
          ${view.phase ? t.phaseTitle(view.phase, view.attempt, view.msd) : ''}
        </h1>
      </sos-call-header>
      ${phaseStepper(view.phase, view)}
      <div class="content ${wide ? 'wide' : ''}">
        ${this.renderLeft(view, wide, panel)}
        <div class="right">${this.renderRight(view, panel)}</div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-active-call': SosActiveCall;
  }
}
