import { css } from 'lit';

export const centreSectionStyles = css`
  label.end {
    align-self: end;
  }
  input.message {
    flex: 1;
    min-width: 0;
  }
  .inbox {
    margin: 6px 0 0;
    padding: 0;
    list-style: none;
    font-size: 12px;
  }
  .inbox li {
    display: flex;
    gap: 8px;
  }
  .inbox time {
    color: var(--wb-dim, #9aa3b2);
    font-variant-numeric: tabular-nums;
  }
  .inbox code {
    color: var(--wb-accent, #6cb2ff);
  }
`;
