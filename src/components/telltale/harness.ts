import type { TelltaleState } from '../../machines/views.js';
import type { SosTelltale } from './telltale.js';

/** Reads an `sos-telltale` the way a test (or a designer's script) would look at it. */
export class TelltaleHarness {
  constructor(readonly element: SosTelltale) {}

  async state(): Promise<TelltaleState> {
    await this.element.updateComplete;
    return this.element.state;
  }

  /** The accessible name of the symbol. */
  async name(): Promise<string> {
    await this.element.updateComplete;
    return this.element.renderRoot.querySelector('svg')?.getAttribute('aria-label') ?? '';
  }

  /** The diagonal bar of a malfunction is drawn. */
  async isCrossedOut(): Promise<boolean> {
    await this.element.updateComplete;
    return this.element.renderRoot.querySelector('[data-part="cross"]') !== null;
  }

  /** The question mark of an unknown status is drawn. */
  async hasQuestionMark(): Promise<boolean> {
    await this.element.updateComplete;
    return this.element.renderRoot.querySelector('[data-part="question"]') !== null;
  }

  /** The colour the symbol is painted in. */
  async colour(): Promise<string> {
    await this.element.updateComplete;
    return getComputedStyle(this.element).color;
  }
}
