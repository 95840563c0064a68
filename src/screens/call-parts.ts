import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UserEvent } from '../machines/events.js';
import type { CallPhaseView, CallView, CrashView, PositionView, SentDataView } from '../machines/views.js';
import { lazyChunk, lazyElement } from './lazy-chunk.js';
import * as t from './texts.js';
import type {
  SosConversationModeEvent,
  SosConversationPhraseEvent,
  SosConversationTextEvent,
} from './call-conversation.js';
import './safety-card.js';

/** Template parts several call screens share (no element of their own: they are just markup). */

/** Sends an occupant's event (the screen's `send`). */
type Send = (event: UserEvent) => void;

/** What the centre made of the data: shown with what was sent. */
type DataState = Pick<CallView, 'msd' | 'dataUpdatedAt'>;

/**
 * "What was sent": call type, position and trust, time, occupants. Once the centre has acknowledged
 * the data positively the heading says what it has; a fresh position sent at its request is a line.
 */
export function sentPanel(
  sent: SentDataView | null,
  data: DataState = { msd: 'none', dataUpdatedAt: null },
  showKind = true,
): TemplateResult | typeof nothing {
  if (!sent) return nothing;
  const received = data.msd === 'ackPositive';
  return html`<section class="sent" aria-labelledby="sent-title" data-part="sent">
    ${
      received
        ? html`<h2 id="sent-title" class="ack" data-part="msd-ack">
            <span aria-hidden="true">✓</span> ${t.msdReceivedText(sent.kind === 'automatic')}
          </h2>`
        : html`<h2 id="sent-title">${t.SENT_HEADING}</h2>`
    }
    <dl class="facts">
      ${
        showKind
          ? html`<dt>${t.SENT_KIND}</dt>
              <dd>${t.callKindShort(sent.kind)}</dd>`
          : nothing
      }
      <dt>${t.SENT_POSITION}</dt>
      <dd>
        ${
          sent.position
            ? html`${t.formatPosition(sent.position)}
                <span class="trust ${sent.position.trusted ? 'tone-ready' : 'tone-limited'}"
                  >(${t.trustText(sent.position.trusted)})</span
                >`
            : t.NOT_AVAILABLE
        }
      </dd>
      <dt>${t.SENT_TIME}</dt>
      <dd>${t.formatTimeOfDay(sent.time)}</dd>
      <dt>${t.SENT_OCCUPANTS}</dt>
      <dd>${sent.occupants === null ? unknown() : sent.occupants}</dd>
    </dl>
    ${
      data.dataUpdatedAt === null
        ? nothing
        : html`<p class="updated" data-part="data-updated">${t.dataUpdatedText(data.dataUpdatedAt)}</p>`
    }
  </section>`;
}

/** The position the occupants read out when the centre has no data from the car. */
export function readOutPosition(view: Pick<CallView, 'position' | 'sent'>): PositionView | null {
  return view.position ?? view.sent?.position ?? null;
}

/**
 * The centre has no data from the car (a plain 112 call, or the data did not arrive): why, in one
 * sentence, and the position to read out, big.
 */
export function readOutPanel(notice: string, position: PositionView | null, part: string): TemplateResult {
  const [lat, lon] = position ? t.formatPosition(position).split(', ') : [];
  return html`<section class="readout" aria-labelledby="readout-title" data-part=${part}>
    <p class="notice" role="note" data-part="readout-notice">${notice}</p>
    <h2 id="readout-title">${t.READ_OUT_HEADING}</h2>
    ${
      position
        ? html`<p class="coords" data-part="position"><span>${lat}</span> <span>${lon}</span></p>
            ${position.trusted ? nothing : html`<p class="untrusted">${t.POSITION_NOT_TRUSTED}</p>`}`
        : html`<p class="coords">${t.NOT_AVAILABLE}</p>`
    }
  </section>`;
}

/**
 * What the right-hand column says about the data: the read-out when the centre has none, else what
 * was sent (without the call type when the screen's header already says it) and the crash data.
 */
export function dataPanel(
  view: CallView,
  withCrash: boolean,
  showKind = true,
): TemplateResult | typeof nothing {
  if (view.transport === 'plain112')
    return readOutPanel(t.plainCallText(view.emergencyNumber), readOutPosition(view), 'plain-call');
  if (view.msd === 'ackNegative')
    return readOutPanel(t.MSD_NOT_RECEIVED, readOutPosition(view), 'msd-not-received');
  if (!view.sent) return nothing;
  return html`${sentPanel(view.sent, view, showKind)} ${withCrash ? crashPanel(view.crash) : nothing}`;
}

/**
 * The newest message from the centre, up to three lines (the conversation panel has the others). `stacked`: in
 * a narrow column the label goes above the line, so the message itself keeps the width.
 */
export function centreLine(view: CallView, stacked = false): TemplateResult | typeof nothing {
  const line = view.conversation.latestFromCentre;
  if (!line) return nothing;
  const text = line.text ?? (line.phrase ? t.phraseText(line.phrase) : '');
  if (stacked)
    return html`<p class="centre-line stacked" data-part="from-centre">
      <span class="label">${t.FROM_CENTRE}</span><span class="msg">${text}</span>
    </p>`;
  return html`<p class="centre-line" data-part="from-centre">
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path
        fill="currentColor"
        d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
      />
    </svg>
    <span class="msg">${t.fromCentreText(text)}</span>
  </p>`;
}

/** "Text": opens the conversation with the centre, while the unit's text channel is up. */
export function textAction(view: CallView, send: Send): TemplateResult | typeof nothing {
  if (!view.conversation.available) return nothing;
  return html`<sos-action-button
    data-part="text-action"
    label=${t.TEXT_ACTION}
    @click=${() => {
      if (view.conversation.panel === null) send({ type: 'user.openText' });
    }}
  ></sos-action-button>`;
}

/** "Safety steps": opens the post-crash card while it is offered and closed. */
export function safetyAction(view: CallView, send: Send): TemplateResult | typeof nothing {
  if (!view.safety.available || view.safety.open) return nothing;
  return html`<sos-action-button
    data-part="safety-action"
    label=${t.SAFETY_ACTION}
    @click=${() => send({ type: 'user.openSafety' })}
  ></sos-action-button>`;
}

/**
 * Registers the text conversation panel (`sos-call-conversation`, its on-screen keyboard and words): a
 * chunk of its own that loads when the occupants first open the panel, not at start-up. The call
 * screens, their actions and the centre's newest line never wait for it. After a failure the next
 * try loads it again (`lazyChunk`).
 */
export const loadConversation: () => Promise<unknown> = lazyChunk(
  () => import('./call-conversation.js'),
  'call-conversation',
);

const conversationDefined = lazyElement('sos-call-conversation', loadConversation);

/**
 * True when the conversation panel is open and defined. Open but not yet defined, it starts loading
 * the panel and has `host` render again when it is; until then the screen shows itself as with the
 * panel closed. A chunk that cannot load is logged and the panel is closed again (`user.closeText`),
 * so the call screen stays as it was and the next `Text` tries again.
 */
export function conversationShown(view: CallView, host: ReactiveControllerHost, send: Send): boolean {
  if (view.conversation.panel === null) return false;
  return conversationDefined(host, (error) => {
    console.error('[sos-hmi] the text conversation could not load; the call screen stays:', error);
    send({ type: 'user.closeText' });
  });
}

/** The conversation panel, wired to the occupants' events (after `conversationShown`). */
export function conversationPanel(view: CallView, send: Send): TemplateResult {
  return html`<sos-call-conversation
    .view=${view.conversation}
    @sos-conversation-phrase=${(e: SosConversationPhraseEvent) =>
      send({ type: 'user.sendPhrase', phrase: e.detail.phrase })}
    @sos-conversation-text=${(e: SosConversationTextEvent) => send({ type: 'user.sendText', text: e.detail.text })}
    @sos-conversation-mode=${(e: SosConversationModeEvent) => send({ type: 'user.textMode', mode: e.detail.mode })}
    @sos-conversation-close=${() => send({ type: 'user.closeText' })}
  ></sos-call-conversation>`;
}

/** The safety card, wired to the occupants' events. */
export function safetyCard(view: CallView, send: Send, columns: 1 | 2): TemplateResult {
  return html`<sos-safety-card
    .view=${view.safety}
    columns=${columns}
    @sos-safety-hazard-lights=${() => send({ type: 'user.hazardLights' })}
    @sos-safety-close=${() => send({ type: 'user.closeSafety' })}
  ></sos-safety-card>`;
}

/**
 * Moves the focus to `action` once it has rendered (a part that closed took the focus with it, and
 * the action that opened it is back): the occupant continues where they were.
 */
export async function focusWhenRendered(action: HTMLElement | null | undefined): Promise<void> {
  if (!action) return;
  await (action as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  if (action.isConnected) action.focus({ preventScroll: true });
}

/** "Unknown", dimmed: a field the car reported missing or out of range. */
function unknown(): TemplateResult {
  return html`<span class="unknown" data-unknown>${t.UNKNOWN}</span>`;
}

/** One crash fact; a field the airbag unit did not report is "Unknown". */
function crashFact(key: string, value: string | null, part: string): TemplateResult {
  return html`<div data-part=${part}>
    <span class="k">${key}</span><span class="v">${value === null ? unknown() : value}</span>
  </div>`;
}

/** Crash data of an automatic call; each field may have arrived unknown (the crash is never dropped for it). */
export function crashPanel(crash: CrashView | null): TemplateResult | typeof nothing {
  if (!crash) return nothing;
  return html`<section class="crash" aria-labelledby="crash-title" data-part="crash">
    <h2 id="crash-title">${t.CRASH_HEADING}</h2>
    <div class="crash-grid">
      ${crashFact(
        t.CRASH_SEVERITY,
        crash.severity === null ? null : t.crashSeverityText(crash.severity),
        'crash-severity',
      )}
      ${crashFact(
        t.CRASH_AIRBAGS,
        crash.airbagDeployed === null ? null : t.airbagText(crash.airbagDeployed),
        'crash-airbags',
      )}
      ${crashFact(t.CRASH_ROLLOVER, crash.rollover === null ? null : t.yesNo(crash.rollover), 'crash-rollover')}
    </div>
  </section>`;
}

/** Only the steps a plain 112 call has: no data is sent, so none is claimed. */
const PLAIN_CALL_STEPS: readonly CallPhaseView[] = ['connecting', 'voice'];

/**
 * connecting → location sent → received → voice, the current step highlighted. A negative
 * acknowledgement is "not received" (a warning, never a tick); a plain 112 call shows only
 * connecting → voice.
 */
export function phaseStepper(
  phase: CallPhaseView | null,
  data: Pick<CallView, 'msd' | 'transport'> = { msd: 'none', transport: null },
): TemplateResult {
  const plain = data.transport === 'plain112';
  const steps = plain ? t.PHASE_STEPS.filter((s) => PLAIN_CALL_STEPS.includes(s.phase)) : t.PHASE_STEPS;
  const found = phase ? steps.findIndex((s) => s.phase === phase) : -1;
  // A plain call never sends data: a data phase is still the call being connected.
  const at = phase && found === -1 ? 0 : found;
  return html`<ol
    class="stepper"
    aria-label=${t.CALL_PROGRESS_LABEL}
    data-transport=${plain ? 'plain112' : 'data'}
  >
    ${steps.map((step, i) => {
      const notReceived = data.msd === 'ackNegative' && step.phase === 'acknowledged' && i <= at;
      const state = notReceived ? 'failed' : i < at ? 'done' : i === at ? 'current' : 'todo';
      return html`<li data-step=${step.phase} data-state=${state} aria-current=${i === at ? 'step' : 'false'}>
        <span class="dot" aria-hidden="true">${notReceived ? '!' : i < at ? '✓' : i + 1}</span>${
          notReceived ? t.STEP_NOT_RECEIVED : step.label
        }
      </li>`;
    })}
  </ol>`;
}

/**
 * How this call can end, as the telematics unit says: by holding the SOS button when it allows that
 * now; otherwise only the centre ends an emergency call (automatic or manual); a test call has its own
 * button, so nothing.
 */
export function endHint(view: CallView): TemplateResult | typeof nothing {
  if (view.canEndByHold) {
    return html`<p class="end-hint" data-part="end-hint">${t.holdToEndText(view.holdToEndS)}</p>`;
  }
  // While the occupants can still cancel, "only the centre ends it" would contradict the button.
  if (view.canCancel) return nothing;
  if (view.kind === 'automatic' || view.kind === 'manual') {
    return html`<p class="end-hint" data-part="end-hint">${t.ONLY_CENTRE_ENDS}</p>`;
  }
  return nothing;
}

/** `Close`: the occupants dismiss what is over; the screen's default action. */
export function closeAction(send: Send, variant: 'primary' | 'neutral' = 'neutral'): TemplateResult {
  return html`<sos-action-button
    data-default
    variant=${variant}
    label=${t.BUTTON.close}
    @click=${() => send({ type: 'user.dismiss' })}
  ></sos-action-button>`;
}

/** `Cancel call`: the safe choice, the default action while the unit lets the occupants cancel. */
export function cancelCallAction(send: Send, enabled = true): TemplateResult {
  return html`<sos-action-button
    data-default
    data-emergency
    variant="primary"
    label=${t.BUTTON.cancelCall}
    ?disabled=${!enabled}
    @click=${() => send({ type: 'user.cancel' })}
  ></sos-action-button>`;
}
