/**
 * `sos-workbench`: the designer's scenario panel beside the head-unit frame. Everything it does goes
 * through the simulator, the simulated clock or the URL — never into the machines — so what a
 * designer sets up here is exactly what the vehicle could do. Designer-facing, English only.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Hmi } from '../app/assembleHmi.js';
import { emergencyTargetPx } from '../app/display.js';
import { RealTimeDriver } from '../time/realTimeDriver.js';
import {
  DOOR_RELEASES,
  POWERTRAINS,
  type DoorRelease,
  type IgnitionState,
  type Powertrain,
} from '../bridge/signals.js';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, setLanguage } from '../i18n/localization.js';
import { ALL_FAULTS, RING_UNITS, type Fault } from '../sim/faults.js';
import { SCENARIOS, SCENARIO_NAMES } from '../sim/scenarios.js';
import { DEFAULT_CALL_CENTRE, type CallCentreOptions } from '../sim/types.js';
import { THEMES, type Theme } from '../styles/theme.js';
import { writeDesignerState, type DesignerState } from './deepLink.js';
import type { StateChartInspector } from './inspector.js';
import { machineActors, machineStates, type MachineState } from './machineStates.js';
import {
  DEFAULT_VIEWPORT,
  VIEWPORTS,
  ZOOMS,
  frameScale,
  layoutSize,
  physicalMm,
  viewportById,
  type Zoom,
} from './viewports.js';

/** The shell the frame holds (typed loosely: the workbench only sets its theme). */
interface ThemedApp extends HTMLElement {
  theme: Theme;
}

const SPEEDS = [0, 1, 10, 60] as const;
const STEPS: readonly (readonly [string, number])[] = [
  ['+1 s', 1_000],
  ['+10 s', 10_000],
  ['+1 min', 60_000],
  ['+10 min', 600_000],
];
const SIMPLE_FAULTS = ALL_FAULTS.filter((f) => !f.includes(':'));
/** How many of the centre's received texts the panel lists (newest last). */
const INBOX_SHOWN = 5;
const RING_FAULT_KINDS = [
  ['most-node-failure', 'Node failed'],
  ['fibre-damage', 'Fibre into it'],
  ['blown-fuse', 'Fuse blown'],
] as const;

@customElement('sos-workbench')
export class SosWorkbench extends LitElement {
  static override styles = css`
    :host {
      --wb-bg: #15171c;
      --wb-panel: #1d2027;
      --wb-raised: #262a33;
      --wb-line: #343945;
      --wb-text: #e9ecf2;
      --wb-dim: #9aa3b2;
      --wb-accent: #6cb2ff;
      --wb-on: #2f6fdb;
      display: grid;
      grid-template-columns: 1fr 400px;
      position: fixed;
      inset: 0;
      background: var(--wb-bg);
      color: var(--wb-text);
      font:
        13px/1.4 system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        sans-serif;
      color-scheme: dark;
    }
    .stage {
      position: relative;
      overflow: auto;
      display: grid;
      place-items: center;
      padding: 32px;
      background:
        linear-gradient(90deg, rgba(255, 255, 255, 0.025) 1px, transparent 1px) 0 0 / 24px 24px,
        linear-gradient(rgba(255, 255, 255, 0.025) 1px, transparent 1px) 0 0 / 24px 24px,
        var(--wb-bg);
    }
    figure {
      margin: 0;
      display: grid;
      gap: 10px;
      justify-items: center;
    }
    .bezel {
      padding: 14px;
      border-radius: 18px;
      background: linear-gradient(160deg, #2b2f37, #0c0d10);
      box-shadow:
        0 30px 60px rgba(0, 0, 0, 0.55),
        inset 0 1px 0 rgba(255, 255, 255, 0.08);
    }
    .glass {
      position: relative;
      overflow: hidden;
      border-radius: 6px;
      background: #000;
    }
    .screen {
      position: absolute;
      inset: 0 auto auto 0;
      transform-origin: 0 0;
    }
    figcaption {
      color: var(--wb-dim);
      font-variant-numeric: tabular-nums;
    }
    aside {
      overflow-y: auto;
      background: var(--wb-panel);
      border-inline-start: 1px solid var(--wb-line);
    }
    header {
      position: sticky;
      top: 0;
      z-index: 1;
      display: grid;
      gap: 8px;
      padding: 14px 16px 12px;
      background: var(--wb-panel);
      border-block-end: 1px solid var(--wb-line);
    }
    header h1 {
      margin: 0;
      font-size: 15px;
      letter-spacing: 0.02em;
    }
    header .row {
      display: flex;
      gap: 6px;
    }
    header input {
      flex: 1;
      min-width: 0;
      font:
        12px ui-monospace,
        monospace;
    }
    section {
      padding: 12px 16px 14px;
      border-block-end: 1px solid var(--wb-line);
    }
    h2 {
      margin: 0 0 8px;
      font-size: 11px;
      font-weight: 700;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--wb-dim);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 6px 10px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .hint {
      margin: 6px 0 0;
      color: var(--wb-dim);
      font-size: 12px;
    }
    label {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    label.field {
      display: grid;
      gap: 2px;
      color: var(--wb-dim);
      font-size: 12px;
    }
    button,
    select,
    input {
      font: inherit;
      color: var(--wb-text);
      background: var(--wb-raised);
      border: 1px solid var(--wb-line);
      border-radius: 6px;
      padding: 4px 8px;
    }
    input[type='checkbox'],
    input[type='radio'] {
      accent-color: var(--wb-on);
    }
    input[type='number'] {
      width: 88px;
    }
    button {
      cursor: pointer;
    }
    button:hover {
      border-color: var(--wb-accent);
    }
    button[aria-pressed='true'] {
      background: var(--wb-on);
      border-color: var(--wb-on);
      color: #fff;
    }
    button.primary {
      background: #b3261e;
      border-color: #b3261e;
      color: #fff;
    }
    :focus-visible {
      outline: 2px solid var(--wb-accent);
      outline-offset: 2px;
    }
    .clock {
      font:
        600 20px/1 ui-monospace,
        monospace;
      font-variant-numeric: tabular-nums;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    td,
    th {
      padding: 2px 4px;
      text-align: start;
    }
    th {
      color: var(--wb-dim);
      font-weight: 600;
    }
    .states td:last-child {
      font:
        12px ui-monospace,
        monospace;
      color: var(--wb-accent);
      word-break: break-word;
    }
    .ring td {
      text-align: center;
    }
    .ring td:first-child {
      text-align: start;
    }
    .toast {
      color: #7ee2a8;
      font-size: 12px;
    }
    .inbox {
      margin: 6px 0 0;
      padding: 0;
      list-style: none;
      font-size: 12px;
    }
    .inbox li {
      display: flex;
      gap: 8px;
    }
    .inbox time {
      color: var(--wb-dim);
      font-variant-numeric: tabular-nums;
    }
    .inbox code {
      color: var(--wb-accent);
    }
  `;

  @property({ attribute: false }) hmi!: Hmi;
  @property({ attribute: false }) app!: ThemedApp;
  @property({ attribute: false }) inspector: StateChartInspector | null = null;
  /** Where the workbench started (from the URL). */
  @property({ attribute: false }) initial!: DesignerState;

  @state() private scenario = 'ready';
  @state() private faults: readonly Fault[] = [];
  @state() private language = 'en';
  @state() private theme: Theme = 'night';
  @state() private viewport = DEFAULT_VIEWPORT.id;
  @state() private zoom: Zoom = 'physical';
  @state() private speed: number | null = null;
  @state() private centre: CallCentreOptions | null = null;
  @state() private now = 0;
  @state() private states: MachineState[] = [];
  @state() private space = { width: 1200, height: 700 };
  @state() private copied = '';
  @state() private holdMs = 2500;
  @state() private crash = { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 };
  @state() private freeSize = { width: 1600, height: 600 };
  @state() private centreText = 'Help is on the way.';

  private driver: RealTimeDriver | null = null;
  private readonly cleanups: (() => void)[] = [];
  private frame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const s = this.initial;
    this.scenario = s.scenario;
    this.language = isLanguage(s.lang) ? s.lang : 'en';
    this.theme = (THEMES as readonly string[]).includes(s.theme) ? (s.theme as Theme) : 'night';
    this.viewport = viewportById(s.viewport)?.id ?? DEFAULT_VIEWPORT.id;
    this.zoom = (ZOOMS as readonly string[]).includes(s.zoom) ? (s.zoom as Zoom) : 'physical';
    this.centre = s.centre;
    this.driver = this.hmi.driver;
    if (s.speed !== null) this.setSpeed(s.speed, false);
    else this.speed = this.driver ? this.driver.speed : 0;
    if (this.hmi.sim && s.faults) {
      // The link lists every fault: clear what the scenario added beyond it.
      for (const f of this.hmi.sim.faults) if (!s.faults.includes(f)) this.hmi.sim.clear(f);
    }
    if (this.hmi.sim && s.centre) this.hmi.sim.callCentre(s.centre);
    this.refresh();
    // Repaint the readouts on every clock step and state change, at most once per frame.
    this.cleanups.push(this.hmi.clock.onAdvance(() => this.schedule()));
    for (const [, actor] of machineActors(this.hmi)) {
      const sub = actor.subscribe(() => this.schedule());
      this.cleanups.push(() => sub.unsubscribe());
    }
    const resize = new ResizeObserver(() => this.measure());
    resize.observe(this);
    this.cleanups.push(() => resize.disconnect());
    const key = (e: KeyboardEvent): void => {
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'd') this.toggleHidden();
    };
    window.addEventListener('keydown', key);
    this.cleanups.push(() => window.removeEventListener('keydown', key));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  }

  private refresh(): void {
    this.now = this.hmi.clock.now();
    this.states = machineStates(this.hmi);
    const faults = this.hmi.sim ? [...this.hmi.sim.faults] : [];
    if (faults.join() !== this.faults.join()) this.faults = faults;
  }

  private measure(): void {
    const stage = this.renderRoot.querySelector('.stage');
    if (!stage) return;
    this.space = { width: stage.clientWidth - 96, height: stage.clientHeight - 110 };
  }

  /** The deep link for what the panel shows now. */
  get link(): string {
    const state: DesignerState = {
      scenario: this.scenario,
      faults: this.faults,
      lang: this.language,
      theme: this.theme,
      viewport: this.viewport,
      zoom: this.zoom,
      speed: this.speed === null || (this.speed === 0 && !this.driver) ? null : this.speed,
      centre: this.centre,
    };
    return `${location.origin}${location.pathname}${writeDesignerState(location.search, state)}`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('theme')) this.app.theme = this.theme;
    if (changed.has('viewport') || changed.has('zoom') || changed.has('space')) this.layoutFrame();
    // The URL always says what is on screen.
    const link = this.link;
    if (link !== location.href) history.replaceState(null, '', link);
  }

  private get currentViewport(): ReturnType<typeof viewportById> & object {
    return viewportById(this.viewport) ?? DEFAULT_VIEWPORT;
  }

  private layoutFrame(): void {
    const v = this.currentViewport;
    // Emergency actions stay ≥ 15 mm on this panel's glass (docs/headunit.md).
    document.documentElement.style.setProperty(
      '--sos-emergency-target',
      `${emergencyTargetPx(v.density, v.dpr)}px`,
    );
  }

  private setSpeed(speed: number, record = true): void {
    if (!this.driver) {
      if (speed === 0) {
        this.speed = 0;
        return;
      }
      // A manual clock gets a driver the first time time should run.
      this.driver = new RealTimeDriver(this.hmi.clock);
      this.driver.start();
    }
    this.driver.speed = speed;
    this.speed = speed;
    if (record) this.requestUpdate();
  }

  private toggleFault(fault: Fault, on: boolean): void {
    const sim = this.hmi.sim;
    if (!sim) return;
    if (on) sim.inject(fault);
    else sim.clear(fault);
    this.refresh();
  }

  /** Cellular quality as the faults that make it (no-cellular / weak-cellular). */
  private setCellular(quality: 'good' | 'weak' | 'none'): void {
    this.toggleFault('no-cellular', quality === 'none');
    this.toggleFault('weak-cellular', quality === 'weak');
  }

  private setCentre(patch: Partial<CallCentreOptions>): void {
    const next = { ...DEFAULT_CALL_CENTRE, ...(this.centre ?? this.hmi.sim?.centreOptions ?? {}), ...patch };
    this.centre = next;
    this.hmi.sim?.callCentre(next);
  }

  private async setLang(lang: string): Promise<void> {
    if (!isLanguage(lang)) return;
    this.language = lang;
    await setLanguage(lang);
  }

  private jumpTo(scenario: string): void {
    // A named scenario starts from time 0 on a fresh simulator: reload with it (language, theme and
    // display stay; faults and call-centre settings are the scenario's own).
    this.scenario = scenario;
    this.faults = [];
    this.centre = null;
    const state: DesignerState = {
      scenario,
      faults: null,
      lang: this.language,
      theme: this.theme,
      viewport: this.viewport,
      zoom: this.zoom,
      speed: this.speed === null || (this.speed === 0 && !this.driver) ? null : this.speed,
      centre: null,
    };
    location.assign(`${location.pathname}${writeDesignerState(location.search, state)}`);
  }

  private async copyLink(): Promise<void> {
    const link = this.link;
    try {
      await navigator.clipboard.writeText(link);
      this.copied = 'Link copied';
    } catch {
      // No clipboard permission (plain http, automation): select the field so Ctrl+C works.
      this.renderRoot.querySelector<HTMLInputElement>('#link')?.select();
      this.copied = 'Link selected — press Ctrl+C';
    }
    setTimeout(() => (this.copied = ''), 2500);
  }

  private toggleHidden(): void {
    this.toggleAttribute('panel-hidden');
  }

  private renderFrame(): TemplateResult {
    const v = this.currentViewport;
    const layout = layoutSize(v);
    const scale = frameScale(v, this.zoom, this.space);
    const mm = physicalMm(v);
    return html`<figure>
      <div class="bezel">
        <div
          class="glass"
          style="width:${Math.round(layout.width * scale)}px;height:${Math.round(layout.height * scale)}px"
        >
          <div
            class="screen"
            data-part="frame"
            style="width:${layout.width}px;height:${layout.height}px;transform:scale(${scale})"
          >
            <slot></slot>
          </div>
        </div>
      </div>
      <figcaption data-part="frame-caption">
        ${v.width}×${v.height} px${v.diagonalIn ? ` · ${v.diagonalIn}″` : ''} ·
        ${Math.round(mm.width)}×${Math.round(mm.height)} mm · ${v.density.toFixed(2)} px/mm · layout
        ${layout.width}×${layout.height} CSS px at ${v.dpr}× · shown
        ${this.zoom === 'physical' ? 'at physical size' : this.zoom === 'pixels' ? '1 panel px per screen px' : 'fitted'}
        (${Math.round(scale * 100)} %)
      </figcaption>
    </figure>`;
  }

  private renderTime(): TemplateResult {
    const sim = this.hmi.sim;
    return html`<section aria-labelledby="wb-time">
      <h2 id="wb-time">Time</h2>
      <div class="row">
        <span class="clock" data-part="sim-clock" title="Simulated time"
          >${new Date(this.now).toLocaleTimeString('en-GB')}</span
        >
        <span class="hint">simulated</span>
      </div>
      <div class="row" role="group" aria-label="Speed" style="margin-top:8px">
        ${SPEEDS.map(
          (s) =>
            html`<button aria-pressed=${this.speed === s ? 'true' : 'false'} @click=${() => this.setSpeed(s)}>
              ${s === 0 ? 'Pause' : `${s}×`}
            </button>`,
        )}
      </div>
      <div class="row" role="group" aria-label="Step" style="margin-top:6px">
        ${STEPS.map(
          ([label, ms]) => html`<button @click=${() => this.hmi.clock.advance(ms)}>${label}</button>`,
        )}
      </div>
      ${sim ? nothing : html`<p class="hint">Vehicle bridge: time comes from the car.</p>`}
    </section>`;
  }

  private renderVehicle(): TemplateResult | typeof nothing {
    const sim = this.hmi.sim;
    if (!sim) return nothing;
    const ignitions: IgnitionState[] = ['off', 'accessory', 'on'];
    const config = sim.config;
    return html`<section aria-labelledby="wb-vehicle">
        <h2 id="wb-vehicle">Vehicle</h2>
        <div class="row" role="group" aria-label="Ignition">
          ${ignitions.map(
            (i) =>
              html`<button
                aria-pressed=${sim.ignitionState === i ? 'true' : 'false'}
                @click=${() => {
                  sim.ignition(i);
                  this.refresh();
                }}
              >
                Ignition ${i}
              </button>`,
          )}
        </div>
        <div class="row" style="margin-top:8px">
          <button class="primary" @click=${() => sim.pressSos()}>Press SOS</button>
          <label class="field"
            >Hold (ms)<input
              type="number"
              min="100"
              step="100"
              .value=${String(this.holdMs)}
              @change=${(e: Event) => (this.holdMs = Number((e.target as HTMLInputElement).value) || 0)}
          /></label>
          <button @click=${() => sim.pressSos(this.holdMs)}>Hold SOS</button>
        </div>
        <div class="row" role="group" aria-label="Build and hazard lights" style="margin-top:8px">
          <label class="field"
            >Powertrain<select
              aria-label="Powertrain"
              @change=${(e: Event) => {
                const value = (e.target as HTMLSelectElement).value;
                sim.vehicleConfig({ powertrain: value === '' ? null : (value as Powertrain) });
                this.requestUpdate();
              }}
            >
              <option value="" ?selected=${config.powertrain === null}>unknown</option>
              ${POWERTRAINS.map(
                (p) => html`<option value=${p} ?selected=${config.powertrain === p}>${p}</option>`,
              )}
            </select></label
          >
          <label class="field"
            >Door release<select
              aria-label="Door release"
              @change=${(e: Event) => {
                const value = (e.target as HTMLSelectElement).value;
                sim.vehicleConfig({ doorRelease: value === '' ? null : (value as DoorRelease) });
                this.requestUpdate();
              }}
            >
              <option value="" ?selected=${config.doorRelease === null}>unknown</option>
              ${DOOR_RELEASES.map(
                (d) => html`<option value=${d} ?selected=${config.doorRelease === d}>${d}</option>`,
              )}
            </select></label
          >
          <label style="align-self:end"
            ><input
              type="checkbox"
              data-part="hazards"
              .checked=${sim.hazardLightsOn}
              @change=${(e: Event) => {
                sim.hazards((e.target as HTMLInputElement).checked);
                this.requestUpdate();
              }}
            />Hazard lights</label
          >
        </div>
      </section>
      <section aria-labelledby="wb-crash">
        <h2 id="wb-crash">Crash</h2>
        <div class="row">
          <label class="field"
            >Severity<select
              @change=${(e: Event) =>
                (this.crash = { ...this.crash, severity: Number((e.target as HTMLSelectElement).value) })}
            >
              ${[1, 2, 3, 4].map((n) => html`<option value=${n} ?selected=${this.crash.severity === n}>${n}</option>`)}
            </select></label
          >
          <label class="field"
            >Occupants<input
              type="number"
              min="0"
              max="9"
              .value=${String(this.crash.occupants)}
              @change=${(e: Event) =>
                (this.crash = { ...this.crash, occupants: Number((e.target as HTMLInputElement).value) })}
          /></label>
          <label
            ><input
              type="checkbox"
              .checked=${this.crash.airbagDeployed}
              @change=${(e: Event) =>
                (this.crash = { ...this.crash, airbagDeployed: (e.target as HTMLInputElement).checked })}
            />Airbag</label
          >
          <label
            ><input
              type="checkbox"
              .checked=${this.crash.rollover}
              @change=${(e: Event) =>
                (this.crash = { ...this.crash, rollover: (e.target as HTMLInputElement).checked })}
            />Rollover</label
          >
          <button class="primary" @click=${() => sim.crash(this.crash)}>Crash</button>
        </div>
      </section>`;
  }

  private renderFaults(): TemplateResult | typeof nothing {
    const sim = this.hmi.sim;
    if (!sim) return nothing;
    const has = (f: Fault): boolean => this.faults.includes(f);
    const cellular = has('no-cellular') ? 'none' : has('weak-cellular') ? 'weak' : 'good';
    return html`<section aria-labelledby="wb-net">
        <h2 id="wb-net">Cellular and GNSS</h2>
        <div class="row" role="radiogroup" aria-label="Cellular">
          ${(['good', 'weak', 'none'] as const).map(
            (q) =>
              html`<label
                ><input
                  type="radio"
                  name="cellular"
                  .checked=${cellular === q}
                  @change=${() => this.setCellular(q)}
                />Cellular ${q}</label
              >`,
          )}
        </div>
        <div class="row" role="radiogroup" aria-label="GNSS" style="margin-top:4px">
          <label
            ><input
              type="radio"
              name="gnss"
              .checked=${!has('no-gps')}
              @change=${() => this.toggleFault('no-gps', false)}
            />GNSS fix</label
          >
          <label
            ><input
              type="radio"
              name="gnss"
              .checked=${has('no-gps')}
              @change=${() => this.toggleFault('no-gps', true)}
            />No fix</label
          >
        </div>
      </section>
      <section aria-labelledby="wb-faults">
        <h2 id="wb-faults">Faults</h2>
        <div class="grid">
          ${SIMPLE_FAULTS.map(
            (f) =>
              html`<label
                ><input
                  type="checkbox"
                  data-fault=${f}
                  .checked=${has(f)}
                  @change=${(e: Event) => this.toggleFault(f, (e.target as HTMLInputElement).checked)}
                />${f}</label
              >`,
          )}
        </div>
        <table class="ring" style="margin-top:8px">
          <thead>
            <tr>
              <th>MOST ring unit</th>
              ${RING_FAULT_KINDS.map(([, label]) => html`<th>${label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${RING_UNITS.map(
              (unit) =>
                html`<tr>
                  <td>${unit}</td>
                  ${RING_FAULT_KINDS.map(([kind, label]) => {
                    const fault = `${kind}:${unit}` as Fault;
                    return html`<td>
                      <input
                        type="checkbox"
                        data-fault=${fault}
                        aria-label="${label}: ${unit}"
                        .checked=${has(fault)}
                        @change=${(e: Event) => this.toggleFault(fault, (e.target as HTMLInputElement).checked)}
                      />
                    </td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
        <div class="row" style="margin-top:8px">
          <button @click=${() => sim.batteryReset()}>Battery reset</button>
        </div>
      </section>`;
  }

  private renderCentre(): TemplateResult | typeof nothing {
    const sim = this.hmi.sim;
    if (!sim) return nothing;
    const c = { ...DEFAULT_CALL_CENTRE, ...(this.centre ?? sim.centreOptions) };
    const inbox = sim.centreInbox;
    const seconds = (ms: number | null): string => (ms === null ? '' : String(ms / 1000));
    const msOrNull = (e: Event): number | null => {
      const raw = (e.target as HTMLInputElement).value;
      return raw === '' ? null : Math.round(Number(raw) * 1000);
    };
    return html`<section aria-labelledby="wb-centre">
      <h2 id="wb-centre">Emergency centre</h2>
      <div class="grid">
        <label class="field"
          >Answer after (s)<input
            type="number"
            min="0"
            .value=${seconds(c.answerDelayMs)}
            @change=${(e: Event) => this.setCentre({ answerDelayMs: msOrNull(e) ?? 0 })}
        /></label>
        <label style="align-self:end"
          ><input
            type="checkbox"
            .checked=${c.noAnswer}
            @change=${(e: Event) => this.setCentre({ noAnswer: (e.target as HTMLInputElement).checked })}
          />Never answers</label
        >
        <label class="field"
          >Data acknowledgement<select
            aria-label="Data acknowledgement"
            @change=${(e: Event) =>
              this.setCentre({
                msdAck: (e.target as HTMLSelectElement).value === 'negative' ? 'negative' : 'positive',
              })}
          >
            ${(['positive', 'negative'] as const).map(
              (a) => html`<option value=${a} ?selected=${c.msdAck === a}>${a}</option>`,
            )}
          </select></label
        >
        <label style="align-self:end" title="Off: the centre takes only circuit-switched eCall"
          ><input
            type="checkbox"
            .checked=${c.ngECall}
            @change=${(e: Event) => this.setCentre({ ngECall: (e.target as HTMLInputElement).checked })}
          />NG-eCall</label
        >
        <label class="field"
          >Asks for fresh data after voice (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.requestDataAfterMs)}
            @change=${(e: Event) => this.setCentre({ requestDataAfterMs: msOrNull(e) })}
        /></label>
        <label style="align-self:end"
          ><input
            type="checkbox"
            .checked=${c.replies}
            @change=${(e: Event) => this.setCentre({ replies: (e.target as HTMLInputElement).checked })}
          />Answers texts</label
        >
        <label class="field"
          >Drop after voice (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.dropAfterMs)}
            @change=${(e: Event) => this.setCentre({ dropAfterMs: msOrNull(e) })}
        /></label>
        <label class="field"
          >Drops (count)<input
            type="number"
            min="1"
            placeholder="every call"
            .value=${c.dropCount === null ? '' : String(c.dropCount)}
            @change=${(e: Event) => {
              const raw = (e.target as HTMLInputElement).value;
              this.setCentre({ dropCount: raw === '' ? null : Number(raw) });
            }}
        /></label>
        <label class="field"
          >Operator ends after (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.endAfterMs)}
            @change=${(e: Event) => this.setCentre({ endAfterMs: msOrNull(e) })}
        /></label>
        <label class="field"
          >Calls back after (s)<input
            type="number"
            min="0"
            placeholder="never"
            .value=${seconds(c.callbackAfterMs)}
            @change=${(e: Event) => this.setCentre({ callbackAfterMs: msOrNull(e) })}
        /></label>
      </div>
      <div class="row" style="margin-top:8px">
        <button @click=${() => sim.centreEndsCall()}>Centre ends call</button>
        <button @click=${() => sim.centreCallsBack()}>Centre calls back</button>
        <button @click=${() => sim.centreRequestsData()}>Ask for fresh data</button>
      </div>
      <form
        class="row"
        style="margin-top:6px"
        @submit=${(e: Event) => {
          e.preventDefault();
          const text = this.centreText.trim();
          if (text) sim.centreSends(text);
        }}
      >
        <input
          aria-label="Message from the centre"
          style="flex:1;min-width:0"
          .value=${this.centreText}
          @input=${(e: Event) => (this.centreText = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" ?disabled=${!this.centreText.trim()}>Send message</button>
      </form>
      <p class="hint" id="wb-inbox">
        Received from the
        occupants${
          inbox.length === 0 ? ': nothing yet' : inbox.length > INBOX_SHOWN ? ` (last ${INBOX_SHOWN}):` : ':'
        }
      </p>
      ${
        inbox.length
          ? html`<ul class="inbox" data-part="centre-inbox" aria-labelledby="wb-inbox">
              ${inbox.slice(-INBOX_SHOWN).map(
                (entry) =>
                  html`<li>
                    <time>${new Date(entry.at).toLocaleTimeString('en-GB')}</time>
                    ${entry.phrase ? html`<code>${entry.phrase}</code>` : html`<span>${entry.text ?? ''}</span>`}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`;
  }

  private renderDisplay(): TemplateResult {
    const free = !VIEWPORTS.some((v) => v.id === this.viewport);
    return html`<section aria-labelledby="wb-display">
      <h2 id="wb-display">Display</h2>
      <div class="grid">
        <label class="field"
          >Viewport<select
            aria-label="Viewport"
            @change=${(e: Event) => {
              const id = (e.target as HTMLSelectElement).value;
              this.viewport = id === 'free' ? `${this.freeSize.width}x${this.freeSize.height}` : id;
            }}
          >
            ${VIEWPORTS.map((v) => html`<option value=${v.id} ?selected=${v.id === this.viewport}>${v.label}</option>`)}
            <option value="free" ?selected=${free}>Free size…</option>
          </select></label
        >
        <label class="field"
          >Zoom<select
            aria-label="Zoom"
            @change=${(e: Event) => (this.zoom = (e.target as HTMLSelectElement).value as Zoom)}
          >
            ${ZOOMS.map((z) => html`<option value=${z} ?selected=${z === this.zoom}>${z}</option>`)}
          </select></label
        >
        <label class="field"
          >Theme<select
            aria-label="Theme"
            @change=${(e: Event) => (this.theme = (e.target as HTMLSelectElement).value as Theme)}
          >
            ${THEMES.map((t) => html`<option value=${t} ?selected=${t === this.theme}>${t}</option>`)}
          </select></label
        >
        <label class="field"
          >Language<select
            aria-label="Language"
            @change=${(e: Event) => void this.setLang((e.target as HTMLSelectElement).value)}
          >
            ${LANGUAGES.map(
              (l) => html`<option value=${l} ?selected=${l === this.language}>${LANGUAGE_NAMES[l]}</option>`,
            )}
          </select></label
        >
      </div>
      ${
        free
          ? html`<div class="row" style="margin-top:6px">
              <label class="field"
                >Width<input
                  type="number"
                  min="320"
                  max="3840"
                  .value=${String(this.freeSize.width)}
                  @change=${(e: Event) => {
                    this.freeSize = { ...this.freeSize, width: Number((e.target as HTMLInputElement).value) };
                    this.viewport = `${this.freeSize.width}x${this.freeSize.height}`;
                  }}
              /></label>
              <label class="field"
                >Height<input
                  type="number"
                  min="200"
                  max="2160"
                  .value=${String(this.freeSize.height)}
                  @change=${(e: Event) => {
                    this.freeSize = {
                      ...this.freeSize,
                      height: Number((e.target as HTMLInputElement).value),
                    };
                    this.viewport = `${this.freeSize.width}x${this.freeSize.height}`;
                  }}
              /></label>
            </div>`
          : nothing
      }
    </section>`;
  }

  private renderStates(): TemplateResult {
    return html`<section aria-labelledby="wb-states">
      <h2 id="wb-states">State chart</h2>
      <table class="states" data-part="machine-states">
        ${this.states.map(
          (s) =>
            html`<tr data-machine=${s.id}>
              <th scope="row">${s.id}</th>
              <td>${s.state}</td>
            </tr>`,
        )}
      </table>
      ${
        this.inspector
          ? html`<div class="row" style="margin-top:8px">
                <button
                  ?disabled=${this.inspector.opened}
                  @click=${() => void this.inspector?.open().then(() => this.requestUpdate())}
                >
                  Open live state chart (Stately inspector)
                </button>
              </div>
              <p class="hint">Opt-in: opens stately.ai/inspect in a new window (needs network).</p>`
          : nothing
      }
    </section>`;
  }

  protected override render(): TemplateResult {
    const scenario = SCENARIOS[this.scenario];
    return html`<div class="stage">${this.renderFrame()}</div>
      <aside aria-label="Designer workbench">
        <header>
          <h1>SOS HMI workbench</h1>
          <div class="row">
            <input id="link" readonly aria-label="Deep link" .value=${this.link} />
            <button @click=${() => void this.copyLink()}>Copy link</button>
          </div>
          ${this.copied ? html`<span class="toast" role="status" data-part="toast">${this.copied}</span>` : nothing}
        </header>
        <section aria-labelledby="wb-scenario">
          <h2 id="wb-scenario">Scenario</h2>
          <select
            aria-label="Scenario"
            style="width:100%"
            @change=${(e: Event) => this.jumpTo((e.target as HTMLSelectElement).value)}
          >
            ${SCENARIO_NAMES.map((n) => html`<option value=${n} ?selected=${n === this.scenario}>${n}</option>`)}
          </select>
          ${scenario ? html`<p class="hint">${scenario.description}</p>` : nothing}
        </section>
        ${this.renderTime()} ${this.renderDisplay()} ${this.renderVehicle()} ${this.renderFaults()}
        ${this.renderCentre()} ${this.renderStates()}
      </aside>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-workbench': SosWorkbench;
  }
}
