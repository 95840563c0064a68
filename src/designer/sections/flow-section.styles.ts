import { css } from 'lit';

export const flowSectionStyles = css`
  button.record {
    color: #ff8a80;
  }
  .rec {
    color: #ff8a80;
    font-weight: 600;
  }
  label.file {
    position: relative;
    border: 1px solid var(--wb-line, #343945);
    border-radius: 6px;
    padding: 4px 8px;
    background: var(--wb-raised, #262a33);
    cursor: pointer;
  }
  label.file input {
    position: absolute;
    inset: 0;
    opacity: 0;
    cursor: pointer;
  }
  input.title {
    flex: 1;
    min-width: 0;
  }
  .steps {
    margin: 8px 0 0;
    padding-inline-start: 22px;
    max-height: 220px;
    overflow-y: auto;
    font-size: 12px;
  }
  .steps li {
    padding: 1px 0;
  }
  .steps small {
    display: block;
    color: var(--wb-dim, #9aa3b2);
  }
  .steps li[data-result='same'] {
    color: #7ee2a8;
  }
  .steps li[data-result='different'],
  .steps li[data-result='failed'] {
    color: #ff8a80;
  }
  .steps li[data-result='next'] {
    outline: 1px solid var(--wb-accent, #6cb2ff);
  }
  .problem {
    margin: 6px 0 0;
    color: #ff8a80;
    font-size: 12px;
    white-space: pre-wrap;
  }
`;
