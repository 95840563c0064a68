import { css } from 'lit';

export const statesSectionStyles = css`
  .states td:last-child {
    font:
      12px ui-monospace,
      monospace;
    color: var(--wb-accent, #6cb2ff);
    word-break: break-word;
  }
`;
