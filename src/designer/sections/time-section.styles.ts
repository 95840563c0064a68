import { css } from 'lit';

export const timeSectionStyles = css`
  .clock {
    font:
      600 20px/1 ui-monospace,
      monospace;
    font-variant-numeric: tabular-nums;
  }
`;
