/**
 * The events the workbench's section elements send up (properties in, events out): every vehicle,
 * centre and time action as one `wb-action` (the workbench does it and the recorder writes it down),
 * and the workbench's own settings as their own events.
 */
import type { TokenSet, TokenValue } from '../../styles/tokens.js';
import type { FlowAction } from '../flow.js';

/** Something done to the vehicle, the centre, the clock or the scenario (a flow step). */
export type WbActionEvent = CustomEvent<FlowAction>;

/** A display setting changed (any subset). */
export interface DisplayChange {
  readonly viewport?: string;
  readonly zoom?: string;
  readonly theme?: string;
  readonly lang?: string;
}
export type WbDisplayEvent = CustomEvent<DisplayChange>;

/** The simulated clock's speed (simulated ms per wall ms; 0 pauses). */
export type WbSpeedEvent = CustomEvent<number>;

/** What the flow section asks of the workbench. */
export type FlowCommand =
  | { readonly kind: 'record' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'open'; readonly json: string; readonly name: string }
  | { readonly kind: 'step' }
  | { readonly kind: 'play' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'close' }
  | { readonly kind: 'title'; readonly title: string }
  | { readonly kind: 'download'; readonly what: 'json' | 'test' };
export type WbFlowEvent = CustomEvent<FlowCommand>;

/** What the wording section asks of the workbench (live wording, issue #20 §2). */
export type WordingCommand =
  /** Mark the texts on the frame with their message ids (and name the one under the pointer). */
  | { readonly kind: 'show-ids'; readonly on: boolean }
  /** Edit this message. */
  | { readonly kind: 'pick'; readonly id: string }
  /** Show this wording (placeholders as `{0}` …) for the language on screen. */
  | { readonly kind: 'try'; readonly id: string; readonly text: string }
  /** Back to the translators' wording. */
  | { readonly kind: 'reset'; readonly id: string }
  /** Check every language for texts that no longer fit their box. */
  | { readonly kind: 'check-languages' }
  /** Download the changed units of the language on screen as XLIFF. */
  | { readonly kind: 'export' };
export type WbWordingEvent = CustomEvent<WordingCommand>;

/** What the Tokens section asks of the workbench (design tokens edited live, issue #20 §1). */
export type TokensCommand =
  /** Show this value for the token (a DTCG `$value`, already checked). */
  | { readonly kind: 'set'; readonly set: TokenSet; readonly path: string; readonly value: TokenValue }
  /** Back to the value in tokens/. */
  | { readonly kind: 'reset'; readonly set: TokenSet; readonly path: string }
  /** Every token back to tokens/. */
  | { readonly kind: 'reset-all' }
  /** Download the changed tokens as a DTCG JSON file. */
  | { readonly kind: 'export' };
export type WbTokensEvent = CustomEvent<TokensCommand>;

declare global {
  interface HTMLElementEventMap {
    'wb-action': WbActionEvent;
    'wb-display': WbDisplayEvent;
    'wb-speed': WbSpeedEvent;
    'wb-flow': WbFlowEvent;
    'wb-wording': WbWordingEvent;
    'wb-tokens': WbTokensEvent;
    /** Open the Stately inspector (opt-in, needs a click). */
    'wb-open-inspector': CustomEvent<void>;
  }
}

/** Sends `wb-action` from a section (bubbles and crosses the workbench's shadow root). */
export function emitAction(from: HTMLElement, action: FlowAction): void {
  from.dispatchEvent(new CustomEvent('wb-action', { detail: action, bubbles: true, composed: true }));
}

/** Sends one of the workbench's own events from a section. */
export function emit<
  K extends 'wb-display' | 'wb-speed' | 'wb-flow' | 'wb-wording' | 'wb-tokens' | 'wb-open-inspector',
>(from: HTMLElement, type: K, detail: HTMLElementEventMap[K]['detail']): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
