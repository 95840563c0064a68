/** The workbench's own layout: the stage with the head-unit frame, and the panel's header. */
import { css } from 'lit';

export const workbenchStyles = css`
  :host {
    --wb-bg: #15171c;
    --wb-panel: #1d2027;
    --wb-raised: #262a33;
    --wb-line: #343945;
    --wb-text: #e9ecf2;
    --wb-dim: #9aa3b2;
    --wb-accent: #6cb2ff;
    --wb-on: #2f6fdb;
    display: grid;
    grid-template-columns: 1fr 400px;
    position: fixed;
    inset: 0;
    background: var(--wb-bg);
    color: var(--wb-text);
    font:
      13px/1.4 system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      sans-serif;
    color-scheme: dark;
  }
  :host([panel-hidden]) {
    grid-template-columns: 1fr;
  }
  :host([panel-hidden]) aside {
    display: none;
  }
  .stage {
    position: relative;
    overflow: auto;
    display: grid;
    place-items: center;
    padding: 32px;
    background:
      linear-gradient(90deg, rgba(255, 255, 255, 0.025) 1px, transparent 1px) 0 0 / 24px 24px,
      linear-gradient(rgba(255, 255, 255, 0.025) 1px, transparent 1px) 0 0 / 24px 24px,
      var(--wb-bg);
  }
  figure {
    margin: 0;
    display: grid;
    gap: 10px;
    justify-items: center;
  }
  .bezel {
    padding: 14px;
    border-radius: 18px;
    background: linear-gradient(160deg, #2b2f37, #0c0d10);
    box-shadow:
      0 30px 60px rgba(0, 0, 0, 0.55),
      inset 0 1px 0 rgba(255, 255, 255, 0.08);
  }
  .glass {
    position: relative;
    overflow: hidden;
    border-radius: 6px;
    background: #000;
  }
  .screen {
    position: absolute;
    inset: 0 auto auto 0;
    transform-origin: 0 0;
  }
  .marks {
    position: absolute;
    inset: 0;
    z-index: 10;
    pointer-events: none;
  }
  .mark {
    position: absolute;
    outline: 1px dashed rgba(108, 178, 255, 0.8);
  }
  .mark.overflow {
    outline: 2px solid #ff5252;
  }
  .mark b {
    position: absolute;
    inset: -12px auto auto 0;
    padding: 0 2px;
    font:
      600 9px/11px ui-monospace,
      monospace;
    white-space: nowrap;
    color: #000;
    background: rgba(108, 178, 255, 0.9);
  }
  figcaption {
    color: var(--wb-dim);
    font-variant-numeric: tabular-nums;
  }
  aside {
    overflow-y: auto;
    background: var(--wb-panel);
    border-inline-start: 1px solid var(--wb-line);
  }
  header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: grid;
    gap: 8px;
    padding: 14px 16px 12px;
    background: var(--wb-panel);
    border-block-end: 1px solid var(--wb-line);
  }
  header h1 {
    margin: 0;
    font-size: 15px;
    letter-spacing: 0.02em;
  }
  header .row {
    display: flex;
    gap: 6px;
  }
  header input,
  header button {
    font: inherit;
    color: var(--wb-text);
    background: var(--wb-raised);
    border: 1px solid var(--wb-line);
    border-radius: 6px;
    padding: 4px 8px;
  }
  header input {
    flex: 1;
    min-width: 0;
    font:
      12px ui-monospace,
      monospace;
  }
  header button {
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--wb-accent);
    outline-offset: 2px;
  }
  .toast {
    color: #7ee2a8;
    font-size: 12px;
  }
`;
