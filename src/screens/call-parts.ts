import { html, nothing, type TemplateResult } from 'lit';
import type { CallPhaseView, CallView, CrashView, SentDataView } from '../machines/views.js';
import * as t from './texts.js';

/** Template parts several call screens share (no element of their own: they are just markup). */

/** "What was sent": call type, position and trust, time, occupants. */
export function sentPanel(sent: SentDataView | null): TemplateResult | typeof nothing {
  if (!sent) return nothing;
  return html`<section class="sent" aria-labelledby="sent-title" data-part="sent">
    <h2 id="sent-title">${t.SENT_HEADING}</h2>
    <dl class="facts">
      <dt>${t.SENT_KIND}</dt>
      <dd>${t.callKindShort(sent.kind)}</dd>
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
  </section>`;
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

const ORDER: readonly CallPhaseView[] = ['connecting', 'dataSent', 'acknowledged', 'voice'];

/** connecting → location sent → received → voice, the current step highlighted. */
export function phaseStepper(phase: CallPhaseView | null): TemplateResult {
  const at = phase ? ORDER.indexOf(phase) : -1;
  return html`<ol class="stepper" aria-label=${t.CALL_PROGRESS_LABEL}>
    ${t.PHASE_STEPS.map((step, i) => {
      const state = i < at ? 'done' : i === at ? 'current' : 'todo';
      return html`<li data-state=${state} aria-current=${i === at ? 'step' : 'false'}>
        <span class="dot" aria-hidden="true">${i < at ? '✓' : i + 1}</span>${step.label}
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

/** Muted-speaker icon next to "Entertainment audio muted". */
export const mutedIcon: TemplateResult = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3z" />
  <path stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M16 9l5 6M21 9l-5 6" />
</svg>`;
