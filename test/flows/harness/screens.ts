/**
 * Playwright harnesses for the SOS screens, in the style of `@material/web`'s `harness.ts`: a small
 * class per screen that knows how to read it (h1, offered actions, focus) and operate it like a
 * person — with the iDrive controller (rotate = ArrowDown/ArrowUp or the mouse wheel, press =
 * Enter, Back = Escape) or by touch. Integrators: `new HmiHarness(page).screen()` gives the
 * harness of whatever screen is on top; `HmiHarness.as(CancelFlowHarness)` one of a known screen.
 */
import type { Locator, Page } from '@playwright/test';
import type { MostNode, PointOfInterestKind, SelfTestItem } from '../../../src/bridge/signals.js';
import type { FaultLogKind } from '../../../src/machines/model/faultLog.js';
import type { RingNodeState } from '../../../src/machines/model/ringDiagnosis.js';

/** How an action is chosen: the controller (rotate, then press) or a tap. */
export type Via = 'controller' | 'touch';

/** A push of the controller: `next`/`previous` (= down/up), or one of its four directions. */
export type PushDirection = 'next' | 'previous' | 'up' | 'down' | 'left' | 'right';

const PUSH_KEYS: Record<PushDirection, string> = {
  next: 'ArrowDown',
  previous: 'ArrowUp',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
};

const ACTIONS = 'sos-action-button:not([hidden]):not([disabled]), [data-idrive-action]';

/** Matches a whole text, whatever whitespace the markup puts between its words. */
function wholeText(text: string): RegExp {
  const words = text
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*${words.join('\\s+')}\\s*$`);
}

/** Any screen: heading, actions, focus, controller and touch. */
export class ScreenHarness {
  /** The custom element's tag this harness operates (base: any screen). */
  static readonly tag: string = '*';

  constructor(
    readonly page: Page,
    /** The screen element (its shadow root is pierced by Playwright's CSS locators). */
    readonly root: Locator,
  ) {}

  /** The screen's tag name. */
  async tag(): Promise<string> {
    return this.root.evaluate((el) => el.localName);
  }

  heading(): Locator {
    return this.root.locator('h1').first();
  }

  async headingText(): Promise<string> {
    return ((await this.heading().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Where the screen shows this text (substring, case-insensitive unless a RegExp): "does it say …". */
  text(content: string | RegExp): Locator {
    return this.root.getByText(content);
  }

  /** Resolves once the screen has rendered and its controller selection has landed (a frame later). */
  async settled(): Promise<void> {
    await this.root.evaluate(async (el) => {
      const screen = el as Element & {
        updateComplete?: Promise<unknown>;
        idrive?: { focusSettled(): Promise<void> };
      };
      await screen.updateComplete;
      await screen.idrive?.focusSettled();
    });
  }

  /** What counts as an action of this screen (its own shadow root only: a panel has its own). */
  protected get actionSelector(): string {
    return ACTIONS;
  }

  /** Names of the visible, enabled actions in controller order. */
  async visibleActions(): Promise<string[]> {
    return this.root.evaluate((el, selector) => {
      const root = el.shadowRoot ?? el;
      return Array.from(root.querySelectorAll<HTMLElement>(selector))
        .filter((a) => a.getClientRects().length > 0)
        .map((a) => (a.getAttribute('label') ?? a.textContent ?? '').replace(/\s+/g, ' ').trim());
    }, this.actionSelector);
  }

  /** The action with exactly this name (a guide step that merely mentions it is not the action). */
  action(name: string): Locator {
    return this.root
      .locator(`sos-action-button[label=${JSON.stringify(name)}]`)
      .or(this.root.locator('[data-idrive-action]').filter({ hasText: wholeText(name) }));
  }

  /** Name of the action that has the controller's selection, or null. */
  async focusedAction(): Promise<string | null> {
    return this.root.evaluate((el, selector) => {
      const root = el.shadowRoot;
      const active = root?.activeElement as HTMLElement | null | undefined;
      if (!active || !active.matches(selector)) return null;
      return (active.getAttribute('label') ?? active.textContent ?? '').replace(/\s+/g, ' ').trim();
    }, this.actionSelector);
  }

  /** Turns the controller `notches` (positive = clockwise = next) with the mouse wheel. */
  async rotate(notches: number): Promise<void> {
    const box = await this.root.boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < Math.abs(notches); i++) await this.page.mouse.wheel(0, Math.sign(notches) * 100);
  }

  /** Pushes the controller (arrow keys): `next` = down, `previous` = up; right/left step the same way. */
  async push(direction: PushDirection): Promise<void> {
    await this.page.keyboard.press(PUSH_KEYS[direction]);
  }

  /** Presses the controller (activates the selected action). */
  async press(): Promise<void> {
    await this.page.keyboard.press('Enter');
  }

  /** The controller's Back button. */
  async back(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /**
   * Chooses an action: with the controller (push until it is selected, then press) or by touch.
   * Waits until the screen has settled; fails if it does not offer the action then.
   */
  async choose(name: string, via: Via = 'controller'): Promise<void> {
    await this.settled();
    const offered = await this.visibleActions();
    if (!offered.includes(name))
      throw new Error(
        `"${name}" is not offered on ${await this.tag()} (offered: ${offered.join(', ') || 'none'})`,
      );
    if (via === 'touch') {
      await this.action(name).first().click();
      return;
    }
    for (let i = 0; i <= offered.length; i++) {
      if ((await this.focusedAction()) === name) return this.press();
      await this.push('next');
    }
    throw new Error(`the controller never selected "${name}" on ${await this.tag()}`);
  }
}

export class StatusScreenHarness extends ScreenHarness {
  static override readonly tag = 'sos-status-screen';
  runSelfTest(via?: Via) {
    return this.choose('Self-test', via);
  }
  openDiagnosis(via?: Via) {
    return this.choose('Diagnosis', via);
  }
  showMalfunction(via?: Via) {
    return this.choose('Show malfunction', via);
  }
}

export class MalfunctionHarness extends ScreenHarness {
  static override readonly tag = 'sos-malfunction-warning';
  acknowledge(via?: Via) {
    return this.choose('OK', via);
  }
  /** Unfolds the details (the Guide action appears). */
  details(via?: Via) {
    return this.choose('Details', via);
  }
  async openGuide(via?: Via): Promise<void> {
    if (!(await this.visibleActions()).includes('Guide')) await this.details(via);
    await this.choose('Guide', via);
  }
  /** The "call 112 from a phone" line under the cause (present when no call is possible). */
  phoneInstruction(): Locator {
    return this.root.locator('[data-advice="callFromPhone"]');
  }
  /** Advice and effect entries on screen, and how many of them end below the card's body (cut). */
  async listEntries(): Promise<{ shown: number; hidden: number; cut: number; ellipsis: boolean }> {
    return this.root.evaluate((el) => {
      const root = el.shadowRoot!;
      const limit = root.querySelector('.body')!.getBoundingClientRect().bottom;
      const entries = [...root.querySelectorAll<HTMLElement>('ul[data-fit] > li')];
      const shown = entries.filter((li) => !li.hidden);
      return {
        shown: shown.length,
        hidden: entries.length - shown.length,
        cut: shown.filter((li) => li.getBoundingClientRect().bottom > limit + 0.5).length,
        ellipsis: shown.some((li) => li.hasAttribute('data-continued')),
      };
    });
  }
}

export class CancelFlowHarness extends ScreenHarness {
  static override readonly tag = 'sos-cancel-flow';
  pressCancel(via?: Via) {
    return this.choose('Cancel call', via);
  }
  callNow(via?: Via) {
    return this.choose('Call now', via);
  }
  /** Seconds left, as the h1 says them. */
  async secondsLeft(): Promise<number> {
    return Number(/(\d+)\s*s/.exec(await this.headingText())?.[1] ?? NaN);
  }
}

export class ActiveCallHarness extends ScreenHarness {
  static override readonly tag = 'sos-active-call';
  pressCancel(via?: Via) {
    return this.choose('Cancel call', via);
  }
  endTestCall(via?: Via) {
    return this.choose('End test call', via);
  }
  /** The hint on how (or whether) the occupant can end the call. */
  async endHint(): Promise<string> {
    return ((await this.root.locator('[data-part="end-hint"]').textContent()) ?? '').trim();
  }
  /** Holds the car's SOS button `ms` of simulated time, then releases it (hold-to-end). */
  async holdSosFor(ms: number): Promise<void> {
    await this.page.evaluate((hold) => {
      const sim = window.sosHmi.sim;
      sim.holdSos();
      sim.advance(hold);
      sim.releaseSos();
    }, ms);
  }
  /** The on-screen mirror of the SOS LED; its state is `data-led`. */
  ledMirror(): Locator {
    return this.root.locator('[data-part="led-mirror"]');
  }
  /** The hold-to-end progress bar, shown while the SOS button is held. */
  holdProgress(): Locator {
    return this.root.locator('sos-hold-progress').getByRole('progressbar');
  }
  /** The notice that the emergency contacts have been told. */
  contactsNotified(): Locator {
    return this.root.locator('[data-part="contacts-notified"]');
  }
}

export class RedialingHarness extends ScreenHarness {
  static override readonly tag = 'sos-call-redialing';
  pressCancel(via?: Via) {
    return this.choose('Cancel call', via);
  }
}

/** Screens whose only way on is Close (failed, cancelled, call-back waiting). */
export class ClosableHarness extends ScreenHarness {
  close(via?: Via) {
    return this.choose('Close', via);
  }
}

export class CallFailedHarness extends ClosableHarness {
  static override readonly tag = 'sos-call-failed';
  /** "Call 112 from a phone" (911 by region). */
  async callFromPhone(): Promise<string> {
    return ((await this.root.locator('[data-part="call-phone"]').textContent()) ?? '').trim();
  }
}

export class CallEndedHarness extends ClosableHarness {
  static override readonly tag = 'sos-call-ended';
  directionsTo(kind: PointOfInterestKind, via?: Via) {
    return this.choose(kind === 'police' ? 'Police station' : 'Hospital', via);
  }
  /** The nearest police station or hospital as the screen lists it (kind, distance, name). */
  place(kind: PointOfInterestKind): Locator {
    return this.root.locator(`[data-poi="${kind}"]`);
  }
}

export class CallCancelledHarness extends ClosableHarness {
  static override readonly tag = 'sos-call-cancelled';
}

export class CallbackHarness extends ClosableHarness {
  static override readonly tag = 'sos-callback';
}

export class TestCallEndedHarness extends ClosableHarness {
  static override readonly tag = 'sos-test-call-ended';
  testAgain(via?: Via) {
    return this.choose('Test call', via);
  }
}

/** Diagnosis pages: the menu rail (Self-test, MOST ring, Guide, Fault memory, Close) and Back. */
export class DiagnosisHarness extends ScreenHarness {
  open(page: 'Self-test' | 'MOST ring' | 'Guide' | 'Fault memory', via?: Via) {
    return this.choose(page, via);
  }
  close(via?: Via) {
    return this.choose('Close', via);
  }
}

export class SelfTestResultsHarness extends DiagnosisHarness {
  static override readonly tag = 'sos-self-test-results';
  runSelfTest(via?: Via) {
    return this.choose('Run self-test', via);
  }
  testCall(via?: Via) {
    return this.choose('Test call', via);
  }
  /** The row of one checked item; its `data-result` is `ok`, `fault`, … */
  row(item: SelfTestItem): Locator {
    return this.root.locator(`[data-item="${item}"]`);
  }
  /** The UN R144 mark on an item's row (the regulation requires that check). */
  r144Mark(item: SelfTestItem): Locator {
    return this.row(item).locator('.r144');
  }
}

export class RingDiagramHarness extends DiagnosisHarness {
  static override readonly tag = 'sos-ring-diagram';
  /** One unit on the ring; its `data-state` says how the diagnosis sees it. */
  unit(unit: MostNode): Locator {
    return this.root.locator(`[data-node="${unit}"]`);
  }
  /** Every unit the diagram shows in this state. */
  unitsIn(state: RingNodeState): Locator {
    return this.root.locator(`g.node[data-state="${state}"]`);
  }
  /** The verdict line; its `data-verdict` is the diagnosis (`breakLocated`, `closedWithBypass`, …). */
  verdict(): Locator {
    return this.root.locator('[data-part="verdict"]');
  }
}

export class GuideHarness extends DiagnosisHarness {
  static override readonly tag = 'sos-guide';
  /** Opens the ring diagram (guides of a ring fault only). */
  ringDiagram(via?: Via) {
    return this.choose('Ring diagram', via);
  }
  /** The warning that the guide is no substitute for calling the emergency number. */
  notASubstitute(): Locator {
    return this.root.locator('[data-part="no-substitute"]');
  }
}

export class FaultMemoryHarness extends DiagnosisHarness {
  static override readonly tag = 'sos-fault-memory';
  /** The entries in the order the page lists them; only those of one kind if given. */
  entries(kind?: FaultLogKind): Locator {
    return this.root.locator(kind ? `.entry[data-kind="${kind}"]` : '.entry');
  }
  /** Downloads the fault memory as `sos-fault-memory.json`. */
  exportJson(via?: Via) {
    return this.choose('Export JSON', via);
  }
}

/**
 * A panel open over a call screen (`sos-call-conversation`, `sos-safety-card`): it traps the
 * controller, so its actions are chosen like a screen's; the keyboard's keys are not actions.
 */
export class PanelHarness extends ScreenHarness {
  /** The panels a call screen can open. */
  static readonly tags = ['sos-call-conversation', 'sos-safety-card'] as const;

  protected override get actionSelector(): string {
    return 'sos-action-button:not([hidden]):not([disabled])';
  }

  override heading(): Locator {
    return this.root.locator('h2').first();
  }

  /** The conversation's keyboard mode: the names of its keys (`A`, `space`, `send`) in controller order. */
  async keys(): Promise<string[]> {
    return this.root
      .locator('sos-text-keyboard button[data-key]')
      .evaluateAll((keys) => keys.map((k) => (k as HTMLElement).dataset['key'] ?? ''));
  }

  /** The key with the controller's selection inside the keyboard, or null. */
  async focusedKey(): Promise<string | null> {
    return this.root.locator('sos-text-keyboard').evaluate((kb) => {
      const active = kb.shadowRoot?.activeElement as HTMLElement | null | undefined;
      return active?.dataset['key'] ?? null;
    });
  }

  /** Presses one key: by touch, or turning the controller to it and pressing. */
  async key(name: string, via: Via = 'controller'): Promise<void> {
    if (via === 'touch') {
      await this.root.locator(`sos-text-keyboard button[data-key=${JSON.stringify(name)}]`).click();
      return;
    }
    const keys = await this.keys();
    const target = keys.indexOf(name);
    if (target < 0) throw new Error(`the keyboard has no key "${name}" (keys: ${keys.join(' ')})`);
    const from = keys.indexOf((await this.focusedKey()) ?? '');
    if (from < 0) throw new Error('no key of the keyboard has the controller');
    for (let i = 0; i < Math.abs(target - from); i++) await this.push(target > from ? 'next' : 'previous');
    await this.press();
  }

  /** Types `text` on the keyboard (letters, digits on their layer, space), then Send. */
  async type(text: string, via: Via = 'controller'): Promise<void> {
    await this.settled();
    for (const char of text) await this.key(char === ' ' ? 'space' : char.toUpperCase(), via);
    await this.key('send', via);
  }
}

/** Every screen harness by the tag of its screen. */
export const SCREEN_HARNESSES = {
  'sos-status-screen': StatusScreenHarness,
  'sos-malfunction-warning': MalfunctionHarness,
  'sos-cancel-flow': CancelFlowHarness,
  'sos-active-call': ActiveCallHarness,
  'sos-call-redialing': RedialingHarness,
  'sos-call-failed': CallFailedHarness,
  'sos-call-ended': CallEndedHarness,
  'sos-call-cancelled': CallCancelledHarness,
  'sos-callback': CallbackHarness,
  'sos-test-call-ended': TestCallEndedHarness,
  'sos-self-test-results': SelfTestResultsHarness,
  'sos-ring-diagram': RingDiagramHarness,
  'sos-guide': GuideHarness,
  'sos-fault-memory': FaultMemoryHarness,
} as const;
