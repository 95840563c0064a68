import { css } from 'lit';

export const faultsSectionStyles = css`
  .ring {
    margin-top: 8px;
  }
  .ring td {
    text-align: center;
  }
  .ring td:first-child {
    text-align: start;
  }
`;
