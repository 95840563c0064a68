import type { TelltaleState } from '../../machines/views.js';
import { ElementHarness } from '../harness.js';
import type { SosTelltale } from './telltale.js';

/** Reads an `sos-telltale` the way a test (or a designer's script) would look at it. */
export class TelltaleHarness extends ElementHarness<SosTelltale> {
  async state(): Promise<TelltaleState> {
    await this.rendered();
    return this.element.state;
  }

  /** The accessible name of the symbol. */
  async name(): Promise<string> {
    return (await this.rendered()).querySelector('svg')?.getAttribute('aria-label') ?? '';
  }

  /** The diagonal bar of a malfunction is drawn. */
  async isCrossedOut(): Promise<boolean> {
    return (await this.part('cross')) !== null;
  }

  /** The question mark of an unknown status is drawn. */
  async hasQuestionMark(): Promise<boolean> {
    return (await this.part('question')) !== null;
  }

  /** The colour the symbol is painted in. */
  async colour(): Promise<string> {
    await this.rendered();
    return getComputedStyle(this.element).color;
  }
}
