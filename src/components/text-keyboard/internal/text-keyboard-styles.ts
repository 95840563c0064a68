import { css, type CSSResult } from 'lit';
import { visuallyHidden } from '../../../styles/visually-hidden.js';
import { focusRing } from '../../../styles/theme.js';

/**
 * The keyboard: the draft line on top, then a grid of ten columns. Keys are at least 44 px tall
 * (`--sos-key-height`) — a finger in a moving car — and as wide as the column allows.
 */
export const textKeyboardStyles: CSSResult = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--sos-key-gap, 5px);
    min-inline-size: 0;
    color: var(--sos-text);
    font-family: var(--sos-font, sans-serif);
  }
  * {
    box-sizing: border-box;
  }
  .draft {
    display: flex;
    align-items: center;
    gap: 12px;
    min-block-size: 40px;
    padding: 4px 12px;
    border-radius: var(--sos-radius-sm);
    background: var(--sos-surface-sunken);
    border: 1px solid var(--sos-border);
  }
  /*
   * The end of the text, where the caret is, stays in view: a short draft starts on the left, a long
   * one is cut at its start. (A right-to-left box overflows to the left; the text inside is isolated
   * left-to-right, so its punctuation stays where it was typed.)
   */
  .text {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    direction: rtl;
    text-align: left;
    white-space: pre;
    font-size: var(--sos-font-size-scale-10);
    line-height: 1.2;
  }
  .line {
    direction: ltr;
    unicode-bidi: isolate;
  }
  .placeholder {
    color: var(--sos-text-faint);
  }
  .caret {
    display: inline-block;
    vertical-align: text-bottom;
    inline-size: 2px;
    block-size: 1.1em;
    margin-inline-start: 1px;
    background: var(--sos-accent);
  }
  .remaining {
    flex: none;
    font-size: var(--sos-font-size-scale-4);
    font-variant-numeric: tabular-nums;
    color: var(--sos-text-faint);
    white-space: nowrap;
  }
  .remaining.low {
    color: var(--sos-limited);
    font-weight: 700;
  }
  .keys {
    display: grid;
    grid-template-columns: repeat(10, minmax(0, 1fr));
    gap: var(--sos-key-gap, 5px);
  }
  button {
    min-block-size: var(--sos-key-height, 44px);
    min-inline-size: 0;
    padding: 0 4px;
    border-radius: var(--sos-radius-sm);
    border: 1px solid var(--sos-neutral-button-border);
    background: var(--sos-neutral-button);
    color: var(--sos-text);
    font: 650 var(--sos-font-size-scale-11) / 1 var(--sos-font, sans-serif);
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  button:focus {
    ${focusRing}
    position: relative;
    z-index: 1;
  }
  button:active {
    background: var(--sos-surface-raised);
  }
  .command {
    font-size: var(--sos-font-size-scale-7);
  }
  .layer,
  .accents {
    grid-column: span 2;
  }
  .space {
    grid-column: span 3;
  }
  .backspace {
    font-size: var(--sos-font-size-scale-13);
  }
  .send {
    grid-column: span 2;
    background: var(--sos-accent-strong);
    border-color: var(--sos-accent-strong);
    color: var(--sos-on-accent);
  }
  .send[aria-disabled='true'] {
    background: var(--sos-neutral-button);
    border-color: var(--sos-neutral-button-border);
    color: var(--sos-text-faint);
    cursor: default;
  }
  ${visuallyHidden}
`;
