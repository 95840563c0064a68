import { css, type CSSResult } from 'lit';

/** `.visually-hidden`: words for screen readers only (a label, a delivery state), never drawn. */
export const visuallyHidden: CSSResult = css`
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
