import { css, type CSSResult } from 'lit';
import { visuallyHidden } from '../styles/visually-hidden.js';

/**
 * What every panel inside a call screen shares (the conversation, the safety card): it fills the
 * column it is given, draws its box on the raised surface and hides screen-reader-only words.
 */
export const panelStyles: CSSResult = css`
  :host {
    display: block;
    block-size: 100%;
    min-block-size: 0;
    box-sizing: border-box;
    color: var(--sos-text);
    font-family: var(--sos-font, sans-serif);
  }
  * {
    box-sizing: border-box;
  }
  .surface {
    border-radius: var(--sos-radius-lg);
    background: var(--sos-surface);
    border: 1px solid var(--sos-border);
  }
  ${visuallyHidden}
`;
