import { provide } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type {
  CallView,
  DiagnosticsPage,
  DiagnosticsView,
  MalfunctionView,
  SosStatusView,
} from '../machines/views.js';
import { applyTheme, type Theme } from '../styles/theme.js';
import { ActorController } from './controllers/actor-controller.js';
import { hmiContext, type HmiServices } from './hmiContext.js';
import { lazyChunk, lazyElement } from './lazy-chunk.js';
import * as t from './texts.js';
import '../components/status-bar/status-bar.js';
// The first frame needs only the bar and the status screen; the others register from `screens.ts`
// (`loadScreens`) before the vehicle link starts, so no event asks for an undefined one (docs/performance.md).
import './status-screen.js';

/**
 * Registers every screen but the status screen (the Check Control message, the call and diagnosis
 * screens). The page calls it after the first frame and before the vehicle link starts.
 */
export const loadScreens = (): Promise<unknown> => import('./screens.js');

/**
 * Registers the diagnosis pages (self-test results, MOST ring, guides, fault memory) and their texts:
 * a chunk of its own that the shell loads when diagnosis is first opened, not at start-up. After a
 * failure the next try loads it again (`lazyChunk`).
 */
export const loadDiagnosis: () => Promise<unknown> = lazyChunk(() => import('./diagnosis.js'), 'diagnosis');
// `diagnosis.ts` defines the fault memory last: when it is defined, every page is.
const diagnosisPagesDefined = lazyElement('sos-fault-memory', loadDiagnosis);

/** What `sos-app` reads from the status actor for the bar (and the clock minute, so the bar's clock moves with any snapshot). */
interface BarSlice {
  readonly view: SosStatusView;
  readonly minute: number;
}

/**
 * The shell: the status bar on top, then exactly one screen by priority — a call screen wins over
 * everything (emergency first), then the malfunction message, then the status screen. A live region
 * announces phase and malfunction changes (assertive for emergencies); a third one, a log, says each
 * new line from the emergency centre (assertive: an instruction to occupants). A request the car refused
 * (cancel, call now, a test call …) is one line in the status bar, an alert, over whatever screen is
 * up, so it never covers the screen's own status.
 */
@customElement('sos-app')
export class SosApp extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr;
      inline-size: 100%;
      block-size: 100%;
      min-block-size: 0;
      overflow: hidden;
      background: var(--sos-bg-gradient, var(--sos-bg));
      color: var(--sos-text);
      font-family: var(--sos-font, sans-serif);
    }
    main {
      min-block-size: 0;
      overflow: hidden;
    }
    main > * {
      block-size: 100%;
    }
    .live {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `;

  /** The running system, provided to every screen (set it before or after connecting). */
  @provide({ context: hmiContext })
  @property({ attribute: false })
  services!: HmiServices;

  /** Day or night; reflected to `data-theme` on the document element. */
  @property({ reflect: true }) theme: Theme = 'night';

  private readonly status = new ActorController<SosStatusView, BarSlice>(
    this,
    () => this.services?.status,
    (view) => ({ view, minute: Math.floor((this.services?.clockNow() ?? 0) / 60_000) }),
  );

  private readonly malfunction = new ActorController<MalfunctionView, MalfunctionView>(
    this,
    () => this.services?.malfunction,
    (view) => view,
  );

  /** Only what decides the screen and the announcements, not every second of a countdown. */
  private readonly call = new ActorController<
    CallView,
    Pick<CallView, 'screen' | 'phase' | 'kind' | 'attempt' | 'emergencyNumber' | 'refusal' | 'msd'> & {
      readonly fromCentre: CallView['conversation']['latestFromCentre'];
    }
  >(
    this,
    () => this.services?.call,
    (v) => ({
      screen: v.screen,
      phase: v.phase,
      kind: v.kind,
      attempt: v.attempt,
      emergencyNumber: v.emergencyNumber,
      refusal: v.refusal,
      msd: v.msd,
      fromCentre: v.conversation.latestFromCentre,
    }),
  );

  /** The diagnosis page on screen, if any. */
  private readonly diagnosticsPage = new ActorController<DiagnosticsView, DiagnosticsPage | null>(
    this,
    () => this.services?.diagnosis?.navigation,
    (view) => view.page,
  );

  constructor() {
    super();
    // The bar title and the announcements are texts too.
    updateWhenLocaleChanges(this);
  }

  /**
   * `index.html` carries this shell pre-rendered as declarative shadow DOM (the first frame, painted
   * before this code loads: docs/performance.md). Lit renders into an existing shadow root as it is,
   * so the pre-rendered picture is emptied first: it is replaced within the task, never painted twice.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    this.shadowRoot?.replaceChildren();
    return super.createRenderRoot();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) applyTheme(this.theme);
  }

  private renderScreen(): TemplateResult {
    const call = this.call.value;
    if (call && call.screen !== 'none') {
      switch (call.screen) {
        case 'cancelWindow':
          return html`<sos-cancel-flow></sos-cancel-flow>`;
        case 'active':
          return html`<sos-active-call></sos-active-call>`;
        case 'redialing':
          return html`<sos-call-redialing></sos-call-redialing>`;
        case 'failed':
        case 'unconfirmed':
          return html`<sos-call-failed></sos-call-failed>`;
        case 'ended':
          return html`<sos-call-ended></sos-call-ended>`;
        case 'cancelled':
          return html`<sos-call-cancelled></sos-call-cancelled>`;
        case 'callbackWaiting':
        case 'callback':
          return html`<sos-callback></sos-callback>`;
        case 'testEnded':
          return html`<sos-test-call-ended></sos-test-call-ended>`;
      }
    }
    if (this.malfunction.value?.visible) return html`<sos-malfunction-warning></sos-malfunction-warning>`;
    // Diagnosis is a chunk loaded on demand (a head unit seldom needs it): until its pages are defined,
    // or if it cannot load, the status screen stays up instead of an undefined, blank element.
    const page = this.diagnosticsPage.value;
    if (page && this.diagnosisDefined())
      switch (page.screen) {
        case 'selfTest':
          return html`<sos-self-test-results></sos-self-test-results>`;
        case 'ring':
          return html`<sos-ring-diagram></sos-ring-diagram>`;
        case 'guide':
          return html`<sos-guide></sos-guide>`;
        case 'faultMemory':
          return html`<sos-fault-memory></sos-fault-memory>`;
      }
    return html`<sos-status-screen></sos-status-screen>`;
  }

  /**
   * True when the diagnosis pages are defined; otherwise starts loading them and renders again when
   * they are. A chunk that cannot load is logged and diagnosis is closed again, so the bar says what
   * the screen shows and the next "Diagnosis" tries again.
   */
  private diagnosisDefined(): boolean {
    return diagnosisPagesDefined(this, (error) => {
      console.error('[sos-hmi] the diagnosis pages could not load; the status screen stays up:', error);
      this.services?.send({ type: 'user.closeDiagnostics' });
    });
  }

  /** [polite, assertive] announcements. */
  private announcements(): [string, string] {
    const call = this.services && this.call.value ? this.services.call.getSnapshot() : undefined;
    if (call && call.screen !== 'none') {
      const urgent =
        call.screen === 'cancelWindow' ||
        call.screen === 'active' ||
        call.screen === 'redialing' ||
        call.screen === 'failed' ||
        call.screen === 'unconfirmed';
      const text = t.announceCall({ ...call, attempt: this.call.value?.attempt ?? call.attempt });
      return urgent ? ['', text] : [text, ''];
    }
    const malfunction = this.malfunction.value;
    if (malfunction?.visible) return ['', t.announceMalfunction(malfunction)];
    const status = this.status.value?.view;
    return [status ? t.announceStatus(status) : '', ''];
  }

  /** The newest line from the centre, as the log region says it (empty without a call). */
  private centreAnnouncement(): string {
    const call = this.call.value;
    const line = call && call.screen !== 'none' ? call.fromCentre : null;
    if (!line) return '';
    const text = line.text ?? (line.phrase ? t.phraseText(line.phrase) : '');
    return text ? t.announceFromCentre(text) : '';
  }

  protected override render(): TemplateResult {
    const status = this.status.value?.view;
    const call = this.call.value;
    const inCall = call !== undefined && call.screen !== 'none';
    const [polite, assertive] = this.announcements();
    return html`<sos-status-bar
        telltale=${status?.telltale ?? 'unknown'}
        heading=${
          inCall
            ? call.kind === 'test'
              ? t.BAR_TITLE_TEST
              : t.BAR_TITLE_CALL
            : this.diagnosticsPage.value
              ? t.BAR_TITLE_DIAGNOSIS
              : t.BAR_TITLE_STATUS
        }
        clock=${this.services ? t.formatClock(this.services.clockNow()) : ''}
        connection=${status?.connection ?? 'connecting'}
        .cellularBars=${status?.cellularBars ?? null}
        .gnssFix=${status?.position?.fix ?? null}
        ?gnssTrusted=${status?.position?.trusted ?? false}
        notice=${call?.refusal ? t.refusalText(call.refusal) : ''}
      ></sos-status-bar>
      <main>${this.renderScreen()}</main>
      <div class="live" role="status" aria-live="polite" data-part="live-polite">${polite}</div>
      <div class="live" role="alert" aria-live="assertive" data-part="live-assertive">${assertive}</div>
      ${
        // Only during a call (so the pre-rendered first frame stays as it is); there from the call's start,
        // empty, so the centre's first line is a change a screen reader announces.
        inCall
          ? html`<div class="live" role="log" aria-live="assertive" data-part="live-centre">
              ${this.centreAnnouncement()}
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-app': SosApp;
  }
}
