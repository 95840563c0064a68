import { css } from 'lit';

/** The Tokens section: compact rows (name, controls, reset) and the checks box above them. */
export const tokensSectionStyles = css`
  .bar {
    margin-block-end: 6px;
  }
  input[type='search'] {
    flex: 1;
    min-width: 0;
  }
  .warnings {
    margin: 4px 0;
    padding-inline-start: 18px;
    color: #ffb4a9;
    font-size: 12px;
  }
  .checks {
    margin: 8px 0 10px;
    padding: 8px 10px;
    border: 1px solid var(--wb-line, #343945);
    border-radius: 6px;
    background: var(--wb-bg, #15171c);
    font-size: 12px;
  }
  .verdict {
    margin: 0 0 4px;
    font-weight: 600;
  }
  .verdict.pass {
    color: #7ee2a8;
  }
  .verdict.fail {
    color: #ff8a80;
  }
  .target {
    font-weight: 400;
    color: var(--wb-dim, #9aa3b2);
    white-space: nowrap;
  }
  .target[data-low] {
    color: #ff8a80;
  }
  .misses {
    max-height: 132px;
    overflow-y: auto;
    margin: 0 0 6px;
    padding-inline-start: 16px;
    color: #ffb4a9;
    font-variant-numeric: tabular-nums;
  }
  .misses code {
    color: var(--wb-text, #e9ecf2);
  }
  summary {
    cursor: pointer;
    color: var(--wb-dim, #9aa3b2);
  }
  .pairs {
    margin-top: 4px;
    font-variant-numeric: tabular-nums;
  }
  .pairs tr[data-low] {
    color: #ff8a80;
  }
  .group {
    margin-top: 6px;
  }
  .group > summary {
    padding: 3px 0;
    font-weight: 600;
    color: var(--wb-text, #e9ecf2);
  }
  .group > summary small {
    color: var(--wb-dim, #9aa3b2);
    font-weight: 400;
  }
  .dot {
    color: var(--wb-accent, #6cb2ff);
    font-size: 10px;
  }
  .token {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto 26px;
    align-items: center;
    gap: 2px 6px;
    padding: 3px 4px;
    border-radius: 4px;
  }
  .token:hover {
    background: var(--wb-raised, #262a33);
  }
  .token[data-changed] {
    box-shadow: inset 3px 0 0 var(--wb-accent, #6cb2ff);
  }
  .token[data-low] {
    box-shadow: inset 3px 0 0 #ff5252;
  }
  .name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 6px;
    min-width: 0;
  }
  .name code {
    font-size: 12px;
    overflow-wrap: anywhere;
  }
  .name small {
    color: var(--wb-dim, #9aa3b2);
    font-size: 11px;
  }
  .flag {
    color: #ff8a80;
    font-size: 11px;
  }
  .swatch {
    display: inline-block;
    width: 14px;
    height: 14px;
    border-radius: 3px;
    border: 1px solid rgba(255, 255, 255, 0.25);
    background-image: none;
  }
  .control {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .control input.text {
    width: 118px;
    font:
      12px ui-monospace,
      monospace;
  }
  .control input[type='number'] {
    width: 72px;
  }
  .control input[type='color'] {
    width: 28px;
    height: 24px;
    padding: 1px;
  }
  .unit {
    width: 20px;
    color: var(--wb-dim, #9aa3b2);
    font-size: 11px;
  }
  .derived {
    font:
      12px ui-monospace,
      monospace;
    color: var(--wb-dim, #9aa3b2);
  }
  .reset {
    padding: 0 4px;
  }
  .reset[hidden] {
    visibility: hidden;
    display: inline-block;
  }
  .error {
    grid-column: 1 / -1;
    color: #ff8a80;
    font-size: 11px;
  }
`;
