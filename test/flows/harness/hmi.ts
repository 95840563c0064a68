/**
 * The whole HMI page as a harness: open it (manual clock), move time, act as the vehicle through
 * `window.sosHmi.sim`, and read what the shell shows — the screen on top (with its screen harness),
 * the status-bar telltale and notice, live-region announcements, and where the focus really is.
 */
import type { Locator, Page } from '@playwright/test';
import type { CallSessionSignal, ConversationSignal } from '../../../src/bridge/signals.js';
import type { HmiState } from '../../../src/machines/views.js';
import type { TransitionTraceReport } from '../../../src/app/transitionTrace.js';
import { PanelHarness, SCREEN_HARNESSES, ScreenHarness } from './screens.js';

export type LinkState = 'lost' | 'connecting' | 'connected';

interface TracedAutomation {
  trace(): TransitionTraceReport | null;
  sim: {
    injectRaw(raw: unknown): void;
    link(state: LinkState): void;
    linkProblem(problem: 'unauthorized' | null): void;
    readonly session: CallSessionSignal | null;
    readonly conversation: ConversationSignal;
  };
}

/** What has focus, seen through every shadow root. */
export interface FocusInfo {
  /** Tag names from the document down to the focused element. */
  readonly path: readonly string[];
  /** The focused element is the body or nothing (focus lost). */
  readonly lost: boolean;
  /** Its accessible label (label attribute or text), if any. */
  readonly label: string | null;
}

export class HmiHarness {
  constructor(readonly page: Page) {}

  /** Opens the page with a query (`clock=manual&…`) and waits for the automation contract. */
  async open(query: string): Promise<void> {
    await this.page.goto(`/?${query}`);
    await this.page.waitForFunction(() => typeof window.sosHmi?.state === 'function' && !!window.sosHmi.sim);
  }

  /** Moves the simulated clock. */
  advance(ms: number): Promise<void> {
    return this.page.evaluate((step) => window.sosHmi.sim.advance(step), ms);
  }

  state(): Promise<HmiState> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify(window.sosHmi.state())) as HmiState);
  }

  /** Feeds a message as if the vehicle sent it now (`ts` = the vehicle clock). */
  vehicleSays(signal: Record<string, unknown>): Promise<void> {
    return this.page.evaluate((s) => {
      const hmi = window.sosHmi as unknown as TracedAutomation & { state(): { now: number } };
      hmi.sim.injectRaw({ ...s, ts: hmi.state().now });
    }, signal);
  }

  /** A raw message as if from the vehicle, exactly as given (validated at the bridge like any other). */
  injectRaw(message: unknown): Promise<void> {
    return this.page.evaluate(
      (m) => (window.sosHmi as unknown as TracedAutomation).sim.injectRaw(m),
      message,
    );
  }

  /** The telematics unit's latest session report (what the call screens mirror); null before the first. */
  session(): Promise<CallSessionSignal | null> {
    return this.page.evaluate(() => (window.sosHmi as unknown as TracedAutomation).sim.session);
  }

  /** The telematics unit's latest conversation with the centre. */
  conversation(): Promise<ConversationSignal> {
    return this.page.evaluate(() => (window.sosHmi as unknown as TracedAutomation).sim.conversation);
  }

  /** The vehicle link refuses this display (`unauthorized`) or serves it again (null). */
  linkProblem(problem: 'unauthorized' | null): Promise<void> {
    return this.page.evaluate(
      (p) => (window.sosHmi as unknown as TracedAutomation).sim.linkProblem(p),
      problem,
    );
  }

  link(state: LinkState): Promise<void> {
    return this.page.evaluate((s) => (window.sosHmi as unknown as TracedAutomation).sim.link(s), state);
  }

  /** Machine states and transitions seen so far (`?trace=transitions`). */
  trace(): Promise<TransitionTraceReport | null> {
    return this.page.evaluate(() => (window.sosHmi as unknown as TracedAutomation).trace());
  }

  /** The element of the screen on top. */
  screenLocator(): Locator {
    return this.page.locator('sos-app main > *').first();
  }

  /** The h1 of whichever screen is on top (follows the screen as it changes). */
  heading(): Locator {
    return this.screenLocator().locator('h1').first();
  }

  /** The harness of the screen on top (the right subclass for its tag). */
  async screen(): Promise<ScreenHarness> {
    const root = this.screenLocator();
    const tag = await root.evaluate((el) => el.localName);
    const Harness = SCREEN_HARNESSES[tag as keyof typeof SCREEN_HARNESSES] ?? ScreenHarness;
    return new Harness(this.page, root);
  }

  /** The panels open over the screen on top (none, or one). */
  panels(): Locator {
    return this.screenLocator().locator(PanelHarness.tags.join(', '));
  }

  /** The harness of the panel open over the screen on top; fails if none is. */
  async panel(): Promise<PanelHarness> {
    const root = this.panels().first();
    await root.waitFor({ timeout: 5000 });
    return new PanelHarness(this.page, root);
  }

  /**
   * The harness of a known screen, once it is on top; fails within `timeout` ms (default 10 s),
   * naming the screen that is on top instead.
   */
  async as<T extends ScreenHarness>(
    Harness: (new (page: Page, root: Locator) => T) & { readonly tag: string },
    { timeout = 10_000 }: { timeout?: number } = {},
  ): Promise<T> {
    const root = this.page.locator(`sos-app main > ${Harness.tag}`);
    try {
      await root.waitFor({ timeout });
    } catch (error) {
      const onTop = await this.screenLocator()
        .evaluate((el) => el.localName, undefined, { timeout: 1000 })
        .catch(() => 'no screen');
      throw new Error(`${Harness.tag} is not on screen within ${timeout} ms (on top: ${onTop})`, {
        cause: error,
      });
    }
    return new Harness(this.page, root);
  }

  /** The status-bar telltale's state (`ready`, `malfunction`, …). */
  telltale(): Promise<string | null> {
    return this.page.locator('sos-status-bar sos-telltale').first().getAttribute('state');
  }

  /** The status bar's one-line notice (a request the car refused); absent when there is none. */
  notice(): Locator {
    return this.page.locator('sos-status-bar [data-part="notice"]');
  }

  /** Text of the polite and the assertive live region. */
  async announcements(): Promise<{ polite: string; assertive: string }> {
    const polite = (await this.page.locator('sos-app [data-part="live-polite"]').textContent()) ?? '';
    const assertive = (await this.page.locator('sos-app [data-part="live-assertive"]').textContent()) ?? '';
    return { polite: polite.trim(), assertive: assertive.trim() };
  }

  /** Where the focus is, through the shadow roots. */
  focus(): Promise<FocusInfo> {
    return this.page.evaluate(() => {
      const path: string[] = [];
      let active: Element | null = document.activeElement;
      if (active) path.push(active.localName);
      while (active?.shadowRoot?.activeElement) {
        active = active.shadowRoot.activeElement;
        path.push(active.localName);
      }
      const lost = !active || active === document.body || active === document.documentElement;
      const label =
        active?.getAttribute('label') ??
        active?.closest?.('sos-action-button')?.getAttribute('label') ??
        (active?.textContent?.replace(/\s+/g, ' ').trim() || null);
      // Inside an action button the focus is on its native button: name the action.
      const host = (active?.getRootNode() as ShadowRoot | Document | undefined) ?? document;
      const hostLabel = host instanceof ShadowRoot ? host.host.getAttribute('label') : null;
      return { path, lost, label: hostLabel ?? label };
    });
  }

  /** Switches the theme like the car's day/night signal (the page must not pin `?theme=`). */
  dayNight(mode: 'day' | 'night'): Promise<void> {
    return this.page.evaluate((m) => window.sosHmi.sim.dayNight(m), mode);
  }
}
