import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { GuideId, GuideStepId } from '../machines/model/guides.js';
import { guide as guideSteps } from '../machines/model/guideSteps.js';
import type { GuideView } from '../machines/views.js';
import { ActorController } from './controllers/actor-controller.js';
import { DiagnosisScreen, diagnosisStyles } from './diagnosis-screen.js';
import { screenStyles } from './screen-styles.js';
import * as dt from './diagnosis-texts.js';

/** Guides for a limit of the place, not a fault of the car: SOS is not down, so no "no substitute" warning. */
const LIMIT_GUIDES: ReadonlySet<GuideId> = new Set<GuideId>(['noEcallNetwork']);
/** Steps that only tell the driver something: badged "good to know", not "you can do this". */
const INFO_STEPS: ReadonlySet<GuideStepId> = new Set<GuideStepId>([
  'carIsFine',
  'sosStillCalls112',
  'ecallReturnsWithNetwork',
]);

/**
 * Guided troubleshooting for one cause: what it means, that SOS is no substitute for 112/911 while
 * it is down, and the steps in order — each marked "you can do this" or "workshop", with its
 * cautions. The steps are a list the controller scrolls through; ring guides lead to the diagram.
 */
@customElement('sos-guide')
export class SosGuide extends DiagnosisScreen {
  static override styles = [
    screenStyles,
    diagnosisStyles,
    css`
      .content {
        grid-template-rows: auto auto minmax(0, 1fr) auto;
        gap: 10px;
      }
      .intro {
        font-size: var(--sos-font-size-scale-6);
        line-height: 1.35;
        color: var(--sos-text-dim);
      }
      .warning {
        display: flex;
        gap: 10px;
        align-items: center;
        padding: 8px 14px;
        border-radius: var(--sos-radius-md);
        background: var(--sos-danger-soft);
        border: 1px solid var(--sos-danger);
        color: var(--sos-text);
        font-size: var(--sos-font-size-scale-6);
        font-weight: 650;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 8px;
      }
      .step {
        display: grid;
        grid-template-columns: 34px 1fr 150px;
        gap: 4px 14px;
        align-items: start;
        padding: 9px 12px;
        border-radius: var(--sos-radius-md);
        background: var(--sos-surface);
        border: 1px solid var(--sos-border);
      }
      .num {
        display: grid;
        place-items: center;
        inline-size: 30px;
        block-size: 30px;
        border-radius: var(--sos-radius-round);
        background: var(--sos-surface-raised);
        border: 2px solid var(--sos-accent);
        font-weight: 800;
        font-size: var(--sos-font-size-scale-5);
      }
      .text {
        font-size: var(--sos-font-size-scale-7);
        line-height: 1.35;
      }
      .who {
        justify-self: end;
        font-size: var(--sos-font-size-scale-3);
        font-weight: 750;
        padding: 3px 10px;
        border-radius: var(--sos-radius-pill);
        white-space: nowrap;
      }
      .who[data-who='driver'] {
        color: var(--sos-ready);
        border: 1px solid var(--sos-ready);
        background: var(--sos-ready-soft);
      }
      .who[data-who='workshop'] {
        color: var(--sos-accent);
        border: 1px solid var(--sos-accent);
      }
      .who[data-who='info'] {
        color: var(--sos-text-dim);
        border: 1px solid var(--sos-border);
      }
      /* A limit of the place (no eCall network): said calmly, not as a fault. */
      .note {
        display: flex;
        gap: 10px;
        align-items: center;
        padding: 8px 14px;
        border-radius: var(--sos-radius-md);
        background: var(--sos-limited-soft);
        border: 1px solid var(--sos-limited);
        color: var(--sos-text);
        font-size: var(--sos-font-size-scale-6);
        font-weight: 650;
      }
      .cautions {
        grid-column: 2 / 4;
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 2px;
      }
      .cautions li {
        font-size: var(--sos-font-size-scale-4);
        line-height: 1.3;
        color: var(--sos-limited);
      }
      .cautions li::before {
        content: '⚠ ';
      }
      .reference {
        font-size: var(--sos-font-size-scale-4);
        color: var(--sos-text-faint);
      }
    `,
  ];

  private readonly guideView = new ActorController<GuideView, GuideView>(
    this,
    () => {
      const page = this.navigation.value?.page;
      const id: GuideId = page?.screen === 'guide' ? page.guide : 'ringBreak';
      return this.services?.diagnosis?.guide(id);
    },
    (view) => view,
  );

  protected override render(): TemplateResult {
    const view = this.guideView.value;
    const number = this.emergencyNumber;
    if (!view) return html`<div class="page">${this.renderNav('guide')}</div>`;
    const guide = guideSteps(view.id);
    return html`<div class="page">
      ${this.renderNav('guide')}
      <section class="content" aria-labelledby="title" data-guide=${guide.id}>
        <header>
          <h1 id="title" tabindex="-1" data-idrive-fallback>${dt.guideTitle(guide.id)}</h1>
          ${view.causes.length === 0 ? html`<span class="sub reference">${dt.GUIDE_NOT_PRESENT}</span>` : nothing}
        </header>
        <div>
          <p class="intro">${dt.guideIntro(guide.id)}</p>
        </div>
        <div class="scroll">
          ${
            LIMIT_GUIDES.has(guide.id)
              ? html`<p class="note" role="note" data-part="not-a-fault">${dt.notAFault(number)}</p>`
              : html`<p class="warning" role="note" data-part="no-substitute">
                  ${dt.notASubstitute(number)}
                </p>`
          }
          <h2 class="visually-hidden">${dt.GUIDE_STEPS_HEADING}</h2>
          <ol aria-label=${dt.GUIDE_STEPS_HEADING} style="margin-block-start: 10px">
            ${guide.steps.map(
              (step, i) =>
                html`<li
                  class="step"
                  data-idrive-action
                  tabindex="0"
                  data-step=${step.id}
                  ?data-default=${i === 0}
                >
                  <span class="num" aria-hidden="true">${i + 1}</span>
                  <span class="text">${dt.guideStepText(step, number)}</span>
                  ${
                    INFO_STEPS.has(step.id)
                      ? html`<span class="who" data-who="info">${dt.GUIDE_GOOD_TO_KNOW}</span>`
                      : html`<span class="who" data-who=${step.who}>${dt.GUIDE_WHO[step.who]}</span>`
                  }
                  ${
                    step.cautions.length
                      ? html`<ul class="cautions" aria-label=${dt.CAUTION_LABEL}>
                          ${step.cautions.map((c) => html`<li data-caution=${c}>${dt.cautionText(c)}</li>`)}
                        </ul>`
                      : nothing
                  }
                </li>`,
            )}
          </ol>
        </div>
        <div class="actions">
          ${view.current
            .filter((g) => g !== guide.id)
            .slice(0, 1)
            .map(
              (g) =>
                html`<sos-action-button
                  label=${dt.guideTitle(g)}
                  @click=${() => this.open({ screen: 'guide', guide: g })}
                ></sos-action-button>`,
            )}
          ${
            guide.ring
              ? html`<sos-action-button
                  variant="primary"
                  label=${dt.DIAG_PAGE_BUTTON.ring}
                  @click=${() => this.open({ screen: 'ring' })}
                ></sos-action-button>`
              : html`<sos-action-button
                  label=${dt.DIAG_PAGE_BUTTON.selfTest}
                  @click=${() => this.open({ screen: 'selfTest' })}
                ></sos-action-button>`
          }
        </div>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-guide': SosGuide;
  }
}
