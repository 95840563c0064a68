import { css, type CSSResult } from 'lit';

/**
 * The safety card (on `panelStyles`): title and Close on top, then the steps, numbered, one or two columns
 * (`columns`). The high-voltage step is a warning; a done step is ticked.
 */
export const safetyCardStyles: CSSResult = css`
  .card {
    block-size: 100%;
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    gap: 6px;
    padding: 8px 16px 10px;
    overflow: hidden;
  }
  .head {
    display: flex;
    align-items: center;
    gap: 16px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: var(--sos-font-size-scale-11);
    font-weight: 750;
    color: var(--sos-text);
  }
  .head sos-action-button {
    min-inline-size: 130px;
    --sos-action-height: 44px;
  }
  .head sos-action-button::part(button) {
    padding: 0 16px;
    font-size: var(--sos-font-size-scale-8);
  }
  .steps {
    display: grid;
    gap: 14px;
    align-items: start;
    min-block-size: 0;
  }
  :host([columns='2']) .steps {
    grid-template-columns: 1fr 1fr;
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 5px;
  }
  li {
    display: grid;
    grid-template-columns: 28px minmax(0, 1fr) auto;
    align-items: center;
    gap: 10px;
    padding: 3px 8px;
    border: 1px solid transparent;
    border-radius: var(--sos-radius-md);
    font-size: var(--sos-font-size-scale-6);
    line-height: 1.25;
    min-block-size: 44px;
  }
  /* Side by side the lines are shorter: a little smaller, so three steps fit a column. */
  :host([columns='2']) li {
    font-size: var(--sos-font-size-scale-5);
  }
  .num {
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    border-radius: var(--sos-radius-round);
    border: 2px solid var(--sos-accent);
    font-size: var(--sos-font-size-scale-4);
    font-weight: 800;
  }
  li[data-done] .num {
    border-color: var(--sos-ready);
    background: var(--sos-ready);
    color: var(--sos-bg);
  }
  /* High voltage: a warning, not one step among equals. */
  li[data-warning] {
    background: var(--sos-danger-soft);
    border: 1px solid var(--sos-danger);
    font-weight: 600;
  }
  li[data-warning] .num {
    border-color: var(--sos-danger);
    color: var(--sos-danger);
  }
  /* Numbered like every step (no gap in 4, 5, 6); the sign marks the words as a warning. */
  .warning-sign {
    margin-inline-end: 6px;
    color: var(--sos-danger);
  }
  .step-action sos-action-button {
    min-inline-size: 0;
    --sos-action-height: 44px;
  }
  .step-action sos-action-button::part(button) {
    padding: 0 14px;
    font-size: var(--sos-font-size-scale-6);
    white-space: nowrap;
  }
  .done {
    font-size: var(--sos-font-size-scale-5);
    font-weight: 700;
    color: var(--sos-ready);
    white-space: nowrap;
  }
`;
