import { css } from 'lit';

export const scenarioSectionStyles = css`
  select {
    width: 100%;
  }
`;
