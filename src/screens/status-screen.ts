import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { SosLevel, SosStatusView } from '../machines/views.js';
import { ActorController } from './controllers/actor-controller.js';
import { MalfunctionScreen } from './hmi-screen.js';
import { screenStyles } from './screen-styles.js';
import * as t from './texts.js';
import '../components/telltale/telltale.js';

const TONES: Record<SosLevel, string> = {
  ready: 'tone-ready',
  limited: 'tone-limited',
  unavailable: 'tone-danger',
  unknown: 'tone-unknown',
  selfTest: 'tone-accent',
  off: 'tone-unknown',
};

/**
 * Home: the SOS status in one glance — a big telltale, the status line, why (in the driver's
 * words), and small facts about position and network. Actions: self-test, and the malfunction
 * details again once the Check Control message was acknowledged.
 */
@customElement('sos-status-screen')
export class SosStatusScreen extends MalfunctionScreen {
  static override styles = [
    screenStyles,
    css`
      .screen {
        grid-template-columns: 330px 1fr;
        align-items: stretch;
      }
      .emblem {
        display: grid;
        grid-template-rows: 1fr auto;
        justify-items: center;
        align-items: center;
        padding: 18px 20px 20px;
        border-radius: var(--sos-radius-3xl);
        background:
          radial-gradient(circle at 50% 45%, var(--sos-tone-soft) 0%, transparent 70%), var(--sos-surface);
        border: 1px solid var(--sos-border);
      }
      sos-telltale {
        --sos-telltale-size: 150px;
        --sos-telltale-cut: var(--sos-surface);
      }
      .main {
        display: grid;
        grid-template-rows: auto auto 1fr auto;
        gap: 14px;
        min-inline-size: 0;
      }
      h1 {
        font-size: var(--sos-font-size-scale-22);
        color: var(--sos-tone);
      }
      :host([level='ready']) h1,
      :host([level='selfTest']) h1,
      :host([level='off']) h1 {
        color: var(--sos-text);
      }
      h1 .link {
        font-size: 0.6em;
        font-weight: 600;
        color: var(--sos-text-dim);
      }
      .causes {
        align-self: start;
      }
      .cause-title {
        font-weight: 700;
      }
      .actions {
        justify-content: flex-end;
      }
      .actions sos-action-button {
        min-inline-size: 200px;
      }
      dl.facts {
        justify-self: stretch;
        grid-template-columns: auto 1fr;
        gap: 4px 14px;
        font-size: var(--sos-font-size-scale-5);
        white-space: nowrap;
      }
    `,
  ];

  private readonly status = new ActorController<SosStatusView, SosStatusView>(
    this,
    () => this.services?.status,
    (view) => view,
  );

  protected override updated(): void {
    const level = this.status.value?.level;
    if (level) this.setAttribute('level', level);
  }

  protected override render(): TemplateResult {
    const view = this.status.value;
    const connecting = html` <span class="link">${t.CONNECTING_TO_VEHICLE}</span>`;
    // Before the vehicle's first report (and in the pre-rendered first frame): the unknown layout, nothing more.
    if (!view)
      return html`<div class="screen tone-unknown">
        <div class="emblem"><sos-telltale state="unknown"></sos-telltale></div>
        <div class="main">
          <h1 tabindex="-1" data-idrive-fallback>${t.statusLine('unknown')}${connecting}</h1>
        </div>
      </div>`;
    const number = this.services?.emergencyNumber ?? '112';
    const malfunction = this.malfunction.value;
    const causes = view.causes.slice(0, 3);
    const ring = view.ring;
    return html`<section class="screen ${TONES[view.level]}" aria-labelledby="title">
      <div class="emblem">
        <sos-telltale state=${view.telltale}></sos-telltale>
        <dl class="facts">
          <dt>${t.FACT_POSITION}</dt>
          <dd>${t.positionFact(view.position)}</dd>
          <dt>${t.FACT_NETWORK}</dt>
          <dd>${t.networkFact(view.cellularBars)}</dd>
          <dt>${t.FACT_GNSS}</dt>
          <dd>${t.gnssFact(view.position)}</dd>
        </dl>
      </div>
      <div class="main">
        <h1 id="title" tabindex="-1" data-idrive-fallback>
          ${t.statusLine(view.level)}${view.level === 'unknown' && view.connection === 'connecting' ? connecting : nothing}${
            view.level === 'unknown' && view.connection === 'connected' && view.linkProblem === 'unauthorized'
              ? html` <span class="link">${t.LINK_REFUSED_DISPLAY}</span>`
              : nothing
          }
        </h1>
        <p class="lead">${t.statusExplanation(view.level, number)}</p>
        ${
          causes.length
            ? html`<div class="causes">
                <h2>${t.CAUSES_HEADING}</h2>
                <ul class="list">
                  ${causes.map(
                    (c) =>
                      html`<li data-cause=${c.id}>
                        <span class="cause-title">${t.causeTitle(c.id)}.</span>
                        ${t.causeText(c.id, c.id === 'ringBreak' ? ring : null)}
                      </li>`,
                  )}
                </ul>
              </div>`
            : html`<div></div>`
        }
        <div class="bottom actions">
          ${
            malfunction?.present && !malfunction.visible
              ? html`<sos-action-button
                  label=${t.BUTTON.showMalfunction}
                  @click=${() => this.send({ type: 'user.showMalfunction' })}
                ></sos-action-button>`
              : nothing
          }
          ${
            this.services?.diagnosis
              ? html`<sos-action-button
                  label=${t.DIAG_BUTTON.diagnosis}
                  @click=${() => {
                    // With a fault, the diagnosis opens on its guide; otherwise on the self-test results.
                    const guide = this.guide.value;
                    this.send({
                      type: 'user.openDiagnostics',
                      page: guide ? { screen: 'guide', guide } : { screen: 'selfTest' },
                    });
                  }}
                ></sos-action-button>`
              : nothing
          }
          <sos-action-button
            data-default
            label=${t.BUTTON.selfTest}
            ?disabled=${view.level === 'selfTest' || view.level === 'off'}
            @click=${() => this.send({ type: 'user.selfTest' })}
          ></sos-action-button>
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-status-screen': SosStatusScreen;
  }
}
