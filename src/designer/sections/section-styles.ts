/** What every workbench section shares: its heading, rows and grids, and the form controls. */
import { css } from 'lit';

export const sectionStyles = css`
  :host {
    display: block;
    padding: 12px 16px 14px;
    border-block-end: 1px solid var(--wb-line, #343945);
  }
  h2 {
    margin: 0 0 8px;
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--wb-dim, #9aa3b2);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 6px 10px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .hint {
    margin: 6px 0 0;
    color: var(--wb-dim, #9aa3b2);
    font-size: 12px;
  }
  label {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  label.field {
    display: grid;
    gap: 2px;
    color: var(--wb-dim, #9aa3b2);
    font-size: 12px;
  }
  button,
  select,
  input {
    font: inherit;
    color: var(--wb-text, #e9ecf2);
    background: var(--wb-raised, #262a33);
    border: 1px solid var(--wb-line, #343945);
    border-radius: 6px;
    padding: 4px 8px;
  }
  input[type='checkbox'],
  input[type='radio'] {
    accent-color: var(--wb-on, #2f6fdb);
  }
  input[type='number'] {
    width: 88px;
  }
  button {
    cursor: pointer;
  }
  button:hover {
    border-color: var(--wb-accent, #6cb2ff);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button[aria-pressed='true'] {
    background: var(--wb-on, #2f6fdb);
    border-color: var(--wb-on, #2f6fdb);
    color: #fff;
  }
  button.primary {
    background: #b3261e;
    border-color: #b3261e;
    color: #fff;
  }
  :focus-visible {
    outline: 2px solid var(--wb-accent, #6cb2ff);
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  td,
  th {
    padding: 2px 4px;
    text-align: start;
  }
  th {
    color: var(--wb-dim, #9aa3b2);
    font-weight: 600;
  }
`;
