/**
 * `sos-workbench`: the designer's panel beside the head-unit frame. Its sections (`wb-…-section`,
 * src/designer/sections/) are panel elements — properties in, events out; this element owns the
 * state, does what they ask through the simulator, the simulated clock or the URL (never into the
 * machines), and records it as a flow when asked. Designer-facing, English only.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Hmi } from '../app/assembleHmi.js';
import { LANGUAGES, isLanguage, setLanguage, type Language } from '../i18n/localization.js';
import { isFault } from '../sim/faults.js';
import { DEFAULT_CALL_CENTRE, type CallCentreOptions } from '../sim/types.js';
import { THEMES, type Theme } from '../styles/theme.js';
import {
  applyTokenOverrides,
  decodeTokenOverrides,
  exportTokenOverrides,
  TOKENS_PARAM,
  type TokenOverride,
} from '../styles/tokens.js';
import { RealTimeDriver } from '../time/realTimeDriver.js';
import { writeDesignerState, type DesignerState } from './deepLink.js';
import {
  FLOW_FORMAT,
  appendStep,
  describeAction,
  flowFileName,
  keptParams,
  parseFlow,
  serializeFlow,
  type Flow,
  type FlowAction,
  type FlowStep,
} from './flow.js';
import { flowToPlaywrightTest } from './flowExport.js';
import {
  composedAncestors,
  controllerKey,
  deepActiveElement,
  hmiActionAt,
  performHmiAction,
  readScreen,
  sameScreen,
  settled,
} from './hmiPage.js';
import type { StateChartInspector } from './inspector.js';
import { machineActors, machineStates, type MachineState } from './machineStates.js';
import './sections/centre-section.js';
import './sections/crash-section.js';
import './sections/display-section.js';
import type {
  FlowCommand,
  WbActionEvent,
  WbDisplayEvent,
  WbFlowEvent,
  TokensCommand,
  WbSpeedEvent,
  WbTokensEvent,
  WbWordingEvent,
  WordingCommand,
} from './sections/events.js';
import './sections/faults-section.js';
import './sections/flow-section.js';
import type { FlowMode, StepResult } from './sections/flow-section.js';
import './sections/network-section.js';
import './sections/scenario-section.js';
import './sections/states-section.js';
import './sections/time-section.js';
import './sections/tokens-section.js';
import './sections/vehicle-section.js';
import './sections/wording-section.js';
import type { OverflowReport } from './sections/wording-section.js';
import {
  DEFAULT_VIEWPORT,
  ZOOMS,
  frameScale,
  layoutSize,
  physicalMm,
  viewportById,
  type Zoom,
} from './viewports.js';
import { EXPORT_FILE, withOverride, withoutOverride } from './tokenEdit.js';
import { workbenchStyles } from './workbench-panel.styles.js';
import {
  messagesOf,
  applyWording,
  textsOnScreen,
  xliffFile,
  type Message,
  type TextOnScreen,
} from './wording.js';
import {
  changedUnits,
  segmentsToText,
  serializeXliff,
  textToSegments,
  type Segments,
  type XliffFile,
} from './xliff.js';

/** A text marked on the frame (its box in the frame's layout px). */
interface TextMark {
  readonly id: string | null;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly overflow: boolean;
}

/** A text that does not fit, as the wording section lists it. */
function overflowReport(language: string, t: TextOnScreen): OverflowReport {
  return {
    language,
    id: t.message?.id ?? null,
    text: t.text,
    width: t.overflow?.width ?? 0,
    height: t.overflow?.height ?? 0,
  };
}

/** The shell the frame holds (typed loosely: the workbench only sets its theme). */
interface ThemedApp extends HTMLElement {
  theme: Theme;
}

/** Where a recording or replay lives while the page reloads (a scenario starts from a fresh page). */
const SESSION_KEY = 'sos-workbench-flow';
/** Wall time between two steps of a replay at speed. */
const PLAY_STEP_MS = 600;

/** A recording or a replay, as kept across a reload. */
interface FlowSession {
  readonly mode: Exclude<FlowMode, 'idle'>;
  readonly flow: Flow;
  readonly next: number;
  readonly results: readonly (StepResult | undefined)[];
}

@customElement('sos-workbench')
export class SosWorkbench extends LitElement {
  static override styles = workbenchStyles;

  /** The HMI in the frame (its simulator, clock and machines). */
  @property({ attribute: false }) hmi!: Hmi;
  /** The `sos-app` shell in the frame. */
  @property({ attribute: false }) app!: ThemedApp;
  /** The opt-in live state chart; null when not recorded. */
  @property({ attribute: false }) inspector: StateChartInspector | null = null;
  /** Where the workbench started (from the URL). */
  @property({ attribute: false }) initial!: DesignerState;

  @state() private scenario = 'ready';
  @state() private faults: readonly string[] = [];
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
  @state() private flowMode: FlowMode = 'idle';
  @state() private flow: Flow | null = null;
  @state() private next = 0;
  @state() private results: readonly (StepResult | undefined)[] = [];
  @state() private playing = false;
  @state() private problem = '';
  @state() private showIds = false;
  @state() private wordingStatus = '';
  @state() private messages: readonly Message[] = [];
  @state() private picked: string | null = null;
  @state() private wordingProblem = '';
  @state() private marks: readonly TextMark[] = [];
  @state() private overflows: readonly OverflowReport[] = [];
  /** What the last "Check every language" found (null: not run). */
  @state() private checkedOverflows: readonly OverflowReport[] | null = null;
  @state() private checking = false;
  /** Design tokens changed in the Tokens section (every frame shows them). */
  @state() private tokenOverrides: readonly TokenOverride[] = [];
  /** What the link's `tokens=` asked for that cannot apply. */
  @state() private tokenWarnings: readonly string[] = [];

  /** The XLIFF file of the language on screen (null while it loads). */
  private wordingFile: XliffFile | null = null;
  /** Wordings tried, per language: id → wording. */
  private readonly wordings = new Map<Language, Map<string, Segments>>();
  /** The texts on the frame at the last scan, by element. */
  private texts = new Map<Element, TextOnScreen>();

  private driver: RealTimeDriver | null = null;
  private readonly cleanups: (() => void)[] = [];
  private frame = 0;
  /** Simulated time written down so far (a recording's next wait starts here). */
  private recordedAt = 0;
  /** A controller key is being handled: the click it makes is the key's, not a tap. */
  private keying = false;
  /** Steps being recorded (each waits for the screen to settle), in order. */
  private recording: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    const s = this.initial;
    this.scenario = s.scenario;
    this.language = isLanguage(s.lang) ? s.lang : 'en';
    this.theme = (THEMES as readonly string[]).includes(s.theme) ? (s.theme as Theme) : 'night';
    this.viewport = viewportById(s.viewport)?.id ?? DEFAULT_VIEWPORT.id;
    this.zoom = (ZOOMS as readonly string[]).includes(s.zoom) ? (s.zoom as Zoom) : 'physical';
    this.centre = s.centre;
    this.tokenOverrides = s.tokens;
    this.tokenWarnings = decodeTokenOverrides(
      new URLSearchParams(location.search).get(TOKENS_PARAM),
    ).warnings;
    this.driver = this.hmi.driver;
    if (s.speed !== null) this.setSpeed(s.speed);
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
    // The HMI's own actions (taps, controller keys) are recorded as they happen.
    const onClick = (e: MouseEvent): void => this.onHmiClick(e);
    const onKey = (e: KeyboardEvent): void => this.onHmiKey(e);
    this.app.addEventListener('click', onClick, true);
    window.addEventListener('keydown', onKey, true);
    this.cleanups.push(() => {
      this.app.removeEventListener('click', onClick, true);
      window.removeEventListener('keydown', onKey, true);
    });
    // Live wording: the id of the text under the pointer, and a click on a text picks it.
    const onHover = (e: PointerEvent): void => this.onTextHover(e);
    const onPick = (e: MouseEvent): void => this.onTextPick(e);
    this.app.addEventListener('pointermove', onHover, true);
    this.app.addEventListener('click', onPick, true);
    this.cleanups.push(() => {
      this.app.removeEventListener('pointermove', onHover, true);
      this.app.removeEventListener('click', onPick, true);
    });
    void this.loadMessages();
    this.resumeSession();
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
    this.scanTexts();
  }

  private measure(): void {
    const stage = this.renderRoot.querySelector('.stage');
    if (!stage) return;
    this.space = { width: stage.clientWidth - 96, height: stage.clientHeight - 110 };
  }

  /** The workbench state now (what the link says). */
  private get designerState(): DesignerState {
    return {
      scenario: this.scenario,
      faults: this.faults,
      lang: this.language,
      theme: this.theme,
      viewport: this.viewport,
      zoom: this.zoom,
      speed: this.speed === null || (this.speed === 0 && !this.driver) ? null : this.speed,
      centre: this.centre,
      tokens: this.tokenOverrides,
    };
  }

  /** The deep link for what the panel shows now. */
  get link(): string {
    return `${location.origin}${location.pathname}${writeDesignerState(location.search, this.designerState)}`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('theme')) this.app.theme = this.theme;
    if (
      changed.has('viewport') ||
      changed.has('zoom') ||
      changed.has('space') ||
      changed.has('tokenOverrides')
    )
      this.layoutFrame();
    // A changed size can make a text outgrow its box: the wording marks follow.
    if (changed.has('tokenOverrides')) this.schedule();
    // The URL always says what is on screen.
    const link = this.link;
    if (link !== location.href) history.replaceState(null, '', link);
  }

  private get currentViewport(): ReturnType<typeof viewportById> & object {
    return viewportById(this.viewport) ?? DEFAULT_VIEWPORT;
  }

  private layoutFrame(): void {
    const v = this.currentViewport;
    // The changed tokens on the page; emergency actions stay at the (changed) mm on this panel's glass.
    applyTokenOverrides(this.tokenOverrides, { display: v });
  }

  private setSpeed(speed: number): void {
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
  }

  // ——— Actions ———

  /** Does one step: on the vehicle, the centre, the clock, the scenario or the HMI. */
  private perform(action: FlowAction): void {
    const sim = this.hmi.sim;
    switch (action.do) {
      case 'scenario':
        return this.jumpTo(action.name);
      case 'advance':
        return this.hmi.clock.advance(action.ms);
      case 'choose':
      case 'panel':
      case 'key':
      case 'push':
      case 'back':
        return performHmiAction(this.app, action);
    }
    if (!sim) throw new Error(`"${describeAction(action)}" needs the simulator (?bridge=mock)`);
    switch (action.do) {
      case 'ignition':
        return sim.ignition(action.state);
      case 'sos':
        return sim.pressSos(action.holdMs);
      case 'crash':
        return sim.crash(action.crash);
      case 'fault':
        if (!isFault(action.fault)) throw new Error(`unknown fault "${action.fault}"`);
        if (action.on) sim.inject(action.fault);
        else sim.clear(action.fault);
        return;
      case 'batteryReset':
        return sim.batteryReset();
      case 'centre':
        this.centre = { ...DEFAULT_CALL_CENTRE, ...action.options };
        return sim.callCentre(this.centre);
      case 'centreEndsCall':
        return sim.centreEndsCall();
      case 'centreCallsBack':
        return sim.centreCallsBack();
      case 'centreRequestsData':
        return sim.centreRequestsData();
      case 'centreSends':
        return sim.centreSends(action.text);
      case 'vehicleConfig': {
        const { do: _, ...config } = action;
        return sim.vehicleConfig(config);
      }
      case 'hazards':
        return sim.hazards(action.on);
    }
  }

  /** A section asked for an action: do it (and write it down when recording). */
  private onAction(e: WbActionEvent): void {
    const action = e.detail;
    if (this.flowMode === 'recording') this.record(action, () => this.perform(action));
    else this.perform(action);
    this.refresh();
    this.requestUpdate();
  }

  private onDisplay(e: WbDisplayEvent): void {
    const d = e.detail;
    if (d.viewport !== undefined) this.viewport = d.viewport;
    if (d.zoom !== undefined && (ZOOMS as readonly string[]).includes(d.zoom)) this.zoom = d.zoom as Zoom;
    if (d.theme !== undefined && (THEMES as readonly string[]).includes(d.theme))
      this.theme = d.theme as Theme;
    if (d.lang !== undefined && isLanguage(d.lang)) {
      this.language = d.lang;
      void setLanguage(d.lang).then(() => this.loadMessages());
    }
  }

  private jumpTo(scenario: string): void {
    // A named scenario starts from time 0 on a fresh simulator: reload with it (language, theme and
    // display stay; faults and call-centre settings are the scenario's own).
    this.scenario = scenario;
    this.faults = [];
    this.centre = null;
    location.assign(
      `${location.pathname}${writeDesignerState(location.search, {
        ...this.designerState,
        scenario,
        faults: null,
        centre: null,
      })}`,
    );
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

  // ——— Recording ———

  /** Stops the clock while a step is done and its screen read, so the screen is the one at that time. */
  private holdClock(): () => void {
    const driver = this.driver;
    if (!driver) return () => {};
    const speed = driver.speed;
    driver.speed = 0;
    return () => {
      if (this.driver === driver && driver.speed === 0) driver.speed = speed;
    };
  }

  /** Writes down the time that passed since the last step (the clock running, a step's own time). */
  private flushTime(): void {
    const now = this.hmi.clock.now();
    const ms = Math.round(now - this.recordedAt);
    if (ms > 0 && this.flow)
      this.flow = {
        ...this.flow,
        steps: appendStep(this.flow.steps, { action: { do: 'advance', ms }, screen: readScreen(this.app) }),
      };
    this.recordedAt = now;
  }

  /** Records a step: the time before it, then the step with the screen it reaches. */
  private record(action: FlowAction, run?: () => void): void {
    const release = this.holdClock();
    this.flushTime();
    if (action.do === 'scenario') {
      // The screen of a scenario is read after the reload (resumeSession).
      this.flow = this.flow && {
        ...this.flow,
        steps: [...this.flow.steps, { action, screen: readScreen(this.app) }],
      };
      this.saveSession({ pendingScreen: true });
      run?.();
      return;
    }
    run?.();
    this.recording = this.recording.then(async () => {
      await settled(this.app);
      if (!this.flow) return release();
      // A time step's own time is the step, not a wait before the next one.
      this.recordedAt = this.hmi.clock.now();
      this.flow = {
        ...this.flow,
        steps: appendStep(this.flow.steps, { action, screen: readScreen(this.app) }),
      };
      this.saveSession();
      release();
    });
  }

  private onHmiClick(e: MouseEvent): void {
    if (this.flowMode !== 'recording' || this.keying) return;
    const action = hmiActionAt(e.composedPath(), 'touch');
    if (action) this.record(action);
  }

  private onHmiKey(e: KeyboardEvent): void {
    if (this.flowMode !== 'recording' || e.repeat || !e.composedPath().includes(this.app)) return;
    const key = controllerKey(e);
    if (key === null) return;
    this.keying = true;
    setTimeout(() => (this.keying = false));
    if (key === 'back') return this.record({ do: 'back' });
    if (key !== 'press') return this.record({ do: 'push', direction: key });
    const active = deepActiveElement();
    const action = active ? hmiActionAt(composedAncestors(active), 'controller') : null;
    if (action) this.record(action);
  }

  // ——— Flow session (recording / replay across reloads) ———

  private saveSession(extra: { pendingScreen?: boolean } = {}): void {
    if (this.flowMode === 'idle' || !this.flow) {
      sessionStorage.removeItem(SESSION_KEY);
      return;
    }
    const session: FlowSession & { pendingScreen?: boolean } = {
      mode: this.flowMode,
      flow: this.flow,
      next: this.next,
      results: this.results,
      ...extra,
    };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  }

  private resumeSession(): void {
    this.recordedAt = this.hmi.clock.now();
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return;
    try {
      const session = JSON.parse(raw) as FlowSession & { pendingScreen?: boolean };
      this.flow = parseFlow(JSON.stringify(session.flow));
      this.flowMode = session.mode;
      this.next = session.next;
      this.results = session.results;
      if (session.mode === 'recording' && session.pendingScreen) {
        // The scenario step's screen: what the fresh page shows at time 0.
        const release = this.holdClock();
        this.recording = settled(this.app).then(() => {
          if (!this.flow) return release();
          const steps = [...this.flow.steps];
          const last = steps.pop();
          if (last) steps.push({ action: last.action, screen: readScreen(this.app) });
          this.flow = { ...this.flow, steps };
          this.recordedAt = this.hmi.clock.now();
          this.saveSession();
          release();
        });
      }
    } catch (error) {
      console.warn('[sos-hmi] the workbench could not resume its flow:', error);
      sessionStorage.removeItem(SESSION_KEY);
    }
  }

  /** The page for a flow's start (or a scenario step of it), paused at time 0. */
  private replayLink(flow: Flow, scenario = flow.start.scenario): string {
    const start = flow.start;
    const same = scenario === start.scenario;
    const search = new URLSearchParams(start.params);
    const query = writeDesignerState(`?${search.toString()}`, {
      scenario,
      faults: same ? start.faults : null,
      lang: start.lang,
      theme: start.theme,
      viewport: start.viewport,
      zoom: this.zoom,
      speed: 0,
      centre: same ? start.centre : null,
      tokens: this.tokenOverrides,
    });
    return `${location.pathname}${query}`;
  }

  private onFlow(e: WbFlowEvent): void {
    void this.flowCommand(e.detail);
  }

  private async flowCommand(command: FlowCommand): Promise<void> {
    switch (command.kind) {
      case 'record': {
        const state = this.designerState;
        this.flow = {
          format: FLOW_FORMAT,
          title: `${this.scenario} flow`,
          start: {
            scenario: state.scenario,
            faults: state.faults,
            centre: state.centre,
            lang: state.lang,
            theme: state.theme,
            viewport: state.viewport,
            params: keptParams(location.search),
          },
          steps: [],
        };
        this.flowMode = 'recording';
        this.next = 0;
        this.results = [];
        this.saveSession();
        // From time 0 of the set-up: a fresh page, so the flow replays from its link.
        location.assign(this.link);
        return;
      }
      case 'stop':
        await this.recording;
        this.flushTime();
        this.flowMode = 'idle';
        this.saveSession();
        return;
      case 'title':
        if (this.flow) this.flow = { ...this.flow, title: command.title.trim() || this.flow.title };
        this.saveSession();
        return;
      case 'open':
        try {
          this.flow = parseFlow(command.json);
        } catch (error) {
          this.problem = `${command.name}: ${(error as Error).message}`;
          return;
        }
        this.flowMode = 'replay';
        this.next = 0;
        this.results = [];
        this.problem = '';
        this.saveSession();
        location.assign(this.replayLink(this.flow));
        return;
      case 'step':
        await this.replayStep();
        return;
      case 'play':
        this.playing = true;
        while (this.playing && this.flow && this.next < this.flow.steps.length) {
          const ok = await this.replayStep();
          if (!ok) break;
          await new Promise((resolve) => setTimeout(resolve, PLAY_STEP_MS));
        }
        this.playing = false;
        return;
      case 'pause':
        this.playing = false;
        return;
      case 'close':
        this.playing = false;
        this.flowMode = 'idle';
        this.flow = null;
        this.problem = '';
        this.saveSession();
        return;
      case 'download':
        if (this.flow) this.download(command.what, this.flow);
        return;
    }
  }

  /** Replays the next step; false when it failed or reached another screen (a replay at speed stops). */
  private async replayStep(): Promise<boolean> {
    const flow = this.flow;
    const step: FlowStep | undefined = flow?.steps[this.next];
    if (!flow || !step) return false;
    const index = this.next;
    if (step.action.do === 'scenario') {
      this.next = index + 1;
      this.results = Object.assign([...this.results], { [index]: 'same' });
      this.saveSession();
      location.assign(this.replayLink(flow, step.action.name));
      return false;
    }
    let result: StepResult;
    try {
      this.perform(step.action);
      await settled(this.app);
      const reached = readScreen(this.app);
      result = sameScreen(reached, step.screen) ? 'same' : 'different';
      this.problem =
        result === 'same'
          ? ''
          : `Step ${index + 1}: expected ${JSON.stringify(step.screen)}\nreached ${JSON.stringify(reached)}`;
    } catch (error) {
      result = 'failed';
      this.problem = `Step ${index + 1}: ${(error as Error).message}`;
    }
    this.next = index + 1;
    this.results = Object.assign([...this.results], { [index]: result });
    this.refresh();
    this.saveSession();
    return result === 'same';
  }

  private download(what: 'json' | 'test', flow: Flow): void {
    const [text, name, type] =
      what === 'json'
        ? [serializeFlow(flow), flowFileName(flow.title), 'application/json']
        : [flowToPlaywrightTest(flow), flowFileName(flow.title, 'spec.ts'), 'text/typescript'];
    this.save(text, name, type);
  }

  /** Downloads a text file. */
  private save(text: string, name: string, type: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ——— Live wording ———

  /** The language on screen (the panel only ever sets a known one). */
  private get screenLanguage(): Language {
    return isLanguage(this.language) ? this.language : 'en';
  }

  private wordingsOf(language: Language): Map<string, Segments> {
    let changes = this.wordings.get(language);
    if (!changes) this.wordings.set(language, (changes = new Map<string, Segments>()));
    return changes;
  }

  /** Loads the messages of the language on screen (its XLIFF file, with the wordings tried). */
  private async loadMessages(): Promise<void> {
    const language = this.screenLanguage;
    let file: XliffFile;
    try {
      file = await xliffFile(language);
    } catch (error) {
      this.wordingStatus = `The ${language} messages could not load: ${(error as Error).message}`;
      return;
    }
    if (language !== this.screenLanguage) return;
    this.wordingFile = file;
    this.messages = messagesOf(file, this.wordingsOf(language));
    this.schedule();
  }

  /** Reads the texts on the frame: their ids, and which no longer fit their box. */
  private scanTexts(): void {
    const screen = this.renderRoot.querySelector<HTMLElement>('.screen');
    if (!screen || !this.app) return;
    const texts = textsOnScreen(this.app, this.messages);
    this.texts = new Map(texts.map((t) => [t.element, t]));
    const origin = screen.getBoundingClientRect();
    const scale = screen.offsetWidth ? origin.width / screen.offsetWidth : 1;
    const marks: TextMark[] = texts
      .filter((t) => (this.showIds && t.message) || t.overflow)
      .map((t) => {
        const r = t.element.getBoundingClientRect();
        return {
          id: t.message?.id ?? null,
          left: Math.round((r.left - origin.left) / scale),
          top: Math.round((r.top - origin.top) / scale),
          width: Math.round(r.width / scale),
          height: Math.round(r.height / scale),
          overflow: !!t.overflow,
        };
      });
    if (JSON.stringify(marks) !== JSON.stringify(this.marks)) this.marks = marks;
    const overflows = texts.filter((t) => t.overflow).map((t) => overflowReport(this.language, t));
    if (JSON.stringify(overflows) !== JSON.stringify(this.overflows)) this.overflows = overflows;
  }

  /** The text under the pointer (innermost first), if it is one the last scan found. */
  private textAt(path: readonly EventTarget[]): TextOnScreen | null {
    for (const target of path) {
      const text = target instanceof Element ? this.texts.get(target) : undefined;
      if (text) return text;
    }
    return null;
  }

  private onTextHover(e: PointerEvent): void {
    if (!this.showIds) return;
    const text = this.textAt(e.composedPath());
    if (!text) return;
    this.wordingStatus = text.message
      ? `${text.message.id} — “${text.text}”`
      : `not a message (a value): “${text.text}”`;
  }

  private onTextPick(e: MouseEvent): void {
    if (!this.showIds) return;
    const id = this.textAt(e.composedPath())?.message?.id;
    if (id) this.pick(id);
  }

  private pick(id: string): void {
    this.picked = id;
    this.wordingProblem = '';
    this.wordingStatus = `Editing ${id}`;
  }

  private onWording(e: WbWordingEvent): void {
    void this.wordingCommand(e.detail);
  }

  private async wordingCommand(command: WordingCommand): Promise<void> {
    switch (command.kind) {
      case 'show-ids':
        this.showIds = command.on;
        this.scanTexts();
        this.wordingStatus = command.on
          ? `${this.marks.filter((m) => m.id).length} texts marked with their ids — point at one`
          : '';
        return;
      case 'pick':
        return this.pick(command.id);
      case 'try':
        return this.tryWording(command.id, command.text);
      case 'reset': {
        const unit = this.wordingFile?.units.find((u) => u.id === command.id);
        if (!unit || !this.wordingFile) return;
        this.wordingsOf(this.screenLanguage).delete(command.id);
        this.showWording(command.id, null, unit.target ?? unit.source, this.wordingFile);
        this.wordingStatus = `${command.id} reads as translated again`;
        return;
      }
      case 'check-languages':
        return this.checkLanguages();
      case 'export': {
        const changes = this.wordingsOf(this.screenLanguage);
        if (!this.wordingFile || changes.size === 0) return;
        this.save(
          serializeXliff(changedUnits(this.wordingFile, changes)),
          `${this.screenLanguage}.xlf`,
          'application/xliff+xml',
        );
        this.wordingStatus = `Exported ${changes.size} unit(s) as ${this.screenLanguage}.xlf`;
        return;
      }
    }
  }

  /** Puts a wording typed in the panel on screen (placeholders checked against the source). */
  private tryWording(id: string, text: string): void {
    const file = this.wordingFile;
    const unit = file?.units.find((u) => u.id === id);
    if (!file || !unit) return;
    if (this.screenLanguage === 'en') {
      this.wordingProblem = 'English is the source: change its wording in src/screens/texts.ts';
      return;
    }
    let wording: Segments;
    try {
      wording = textToSegments(text, unit.source);
    } catch (error) {
      this.wordingProblem = (error as Error).message;
      return;
    }
    this.wordingProblem = '';
    const original = unit.target ?? unit.source;
    const changes = this.wordingsOf(this.screenLanguage);
    if (segmentsToText(wording) === segmentsToText(original)) changes.delete(id);
    else changes.set(id, wording);
    this.showWording(id, changes.get(id) ?? null, original, file);
  }

  private showWording(id: string, wording: Segments | null, original: Segments, file: XliffFile): void {
    try {
      applyWording(id, wording, original);
    } catch (error) {
      this.wordingProblem = (error as Error).message;
      return;
    }
    this.messages = messagesOf(file, this.wordingsOf(this.screenLanguage));
    this.schedule();
  }

  /** Shows the screen in every language in turn and lists the texts that do not fit. */
  private async checkLanguages(): Promise<void> {
    if (this.flowMode !== 'idle') {
      this.wordingStatus = 'Not while a flow records or replays (its language is fixed)';
      return;
    }
    const back = this.screenLanguage;
    const release = this.holdClock();
    this.checking = true;
    const found: OverflowReport[] = [];
    try {
      for (const language of LANGUAGES) {
        await setLanguage(language);
        const messages = messagesOf(await xliffFile(language), this.wordingsOf(language));
        await settled(this.app);
        found.push(
          ...textsOnScreen(this.app, messages)
            .filter((t) => t.overflow)
            .map((t) => overflowReport(language, t)),
        );
      }
    } finally {
      await setLanguage(back);
      await settled(this.app);
      release();
      this.checking = false;
    }
    this.checkedOverflows = found;
    this.wordingStatus = `${found.length} text(s) do not fit their box on this screen in ${LANGUAGES.length} languages`;
    this.schedule();
  }

  // ——— Design tokens ———

  private onTokens(e: WbTokensEvent): void {
    this.tokensCommand(e.detail);
  }

  private tokensCommand(command: TokensCommand): void {
    switch (command.kind) {
      case 'set':
        this.tokenOverrides = withOverride(this.tokenOverrides, {
          set: command.set,
          path: command.path,
          value: command.value,
        });
        return;
      case 'reset':
        this.tokenOverrides = withoutOverride(this.tokenOverrides, command.set, command.path);
        return;
      case 'reset-all':
        this.tokenOverrides = [];
        this.tokenWarnings = [];
        return;
      case 'export':
        if (this.tokenOverrides.length)
          this.save(exportTokenOverrides(this.tokenOverrides), EXPORT_FILE, 'application/json');
        return;
    }
  }

  private renderMarks(): TemplateResult | typeof nothing {
    if (!this.marks.length) return nothing;
    return html`<div class="marks" data-part="text-marks">
      ${this.marks.map(
        (m) =>
          html`<span
            class="mark ${m.overflow ? 'overflow' : ''}"
            data-id=${m.id ?? ''}
            data-part=${m.overflow ? 'overflow-mark' : 'id-mark'}
            style="left:${m.left}px;top:${m.top}px;width:${m.width}px;height:${m.height}px"
            >${this.showIds && m.id ? html`<b>${m.id}</b>` : nothing}</span
          >`,
      )}
    </div>`;
  }

  // ——— Rendering ———

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
            ${this.renderMarks()}
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

  protected override render(): TemplateResult {
    const sim = this.hmi.sim;
    const centre = { ...DEFAULT_CALL_CENTRE, ...(this.centre ?? sim?.centreOptions ?? {}) };
    return html`<div class="stage">${this.renderFrame()}</div>
      <aside
        aria-label="Designer workbench"
        @wb-action=${(e: WbActionEvent) => this.onAction(e)}
        @wb-display=${(e: WbDisplayEvent) => this.onDisplay(e)}
        @wb-speed=${(e: WbSpeedEvent) => this.setSpeed(e.detail)}
        @wb-flow=${(e: WbFlowEvent) => this.onFlow(e)}
        @wb-wording=${(e: WbWordingEvent) => this.onWording(e)}
        @wb-tokens=${(e: WbTokensEvent) => this.onTokens(e)}
        @wb-open-inspector=${() => void this.inspector?.open().then(() => this.requestUpdate())}
      >
        <header>
          <h1>SOS HMI workbench</h1>
          <div class="row">
            <input id="link" readonly aria-label="Deep link" .value=${this.link} />
            <button @click=${() => void this.copyLink()}>Copy link</button>
          </div>
          ${this.copied ? html`<span class="toast" role="status" data-part="toast">${this.copied}</span>` : ''}
        </header>
        <wb-flow-section
          .mode=${this.flowMode}
          .flowTitle=${this.flow?.title ?? ''}
          .steps=${this.flow?.steps ?? []}
          .next=${this.next}
          .results=${this.results}
          .playing=${this.playing}
          .problem=${this.problem}
        ></wb-flow-section>
        <wb-scenario-section .scenario=${this.scenario}></wb-scenario-section>
        <wb-wording-section
          .showIds=${this.showIds}
          .language=${this.language}
          .editable=${this.language !== 'en'}
          .status=${this.wordingStatus}
          .messages=${this.messages}
          .selected=${this.messages.find((m) => m.id === this.picked) ?? null}
          .changed=${this.messages.filter((m) => this.wordingsOf(this.screenLanguage).has(m.id))}
          .overflows=${[
            ...this.overflows,
            ...(this.checkedOverflows ?? []).filter((o) => o.language !== this.language),
          ]}
          .problem=${this.wordingProblem}
          .checking=${this.checking}
        ></wb-wording-section>
        <wb-time-section .now=${this.now} .speed=${this.speed} .simulated=${!!sim}></wb-time-section>
        <wb-display-section
          .viewport=${this.viewport}
          .zoom=${this.zoom}
          .theme=${this.theme}
          .language=${this.language}
          .langLocked=${this.flowMode !== 'idle'}
        ></wb-display-section>
        <wb-tokens-section
          .theme=${this.theme}
          .overrides=${this.tokenOverrides}
          .warnings=${this.tokenWarnings}
        ></wb-tokens-section>
        ${
          sim
            ? html`<wb-vehicle-section
                  .ignition=${sim.ignitionState}
                  .powertrain=${sim.config.powertrain}
                  .doorRelease=${sim.config.doorRelease}
                  .hazards=${sim.hazardLightsOn}
                ></wb-vehicle-section>
                <wb-crash-section></wb-crash-section>
                <wb-network-section .faults=${this.faults}></wb-network-section>
                <wb-faults-section .faults=${this.faults}></wb-faults-section>
                <wb-centre-section .centre=${centre} .inbox=${sim.centreInbox}></wb-centre-section>`
            : ''
        }
        <wb-states-section
          .states=${this.states}
          .inspector=${!!this.inspector}
          .inspectorOpened=${this.inspector?.opened ?? false}
        ></wb-states-section>
      </aside>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sos-workbench': SosWorkbench;
  }
}
