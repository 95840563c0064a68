import { css, type CSSResult } from 'lit';
import { visuallyHidden } from '../styles/visually-hidden.js';

/**
 * Layout shared by every screen: the area under the status bar (1280×428 at the default size),
 * a large h1, calm secondary text, and an action row at the bottom.
 */
export const screenStyles: CSSResult = css`
  :host {
    display: block;
    block-size: 100%;
    box-sizing: border-box;
    color: var(--sos-text);
    font-family: var(--sos-font, sans-serif);
    --sos-tone: var(--sos-accent);
    --sos-tone-soft: transparent;
    /* German compounds ("Lichtwellenleiter-Ring") must wrap, never push a column or a button out. */
    overflow-wrap: break-word;
    hyphens: auto;
  }
  * {
    box-sizing: border-box;
  }
  .screen {
    block-size: 100%;
    display: grid;
    padding: var(--sos-space-screen-block) var(--sos-space-screen-inline) var(--sos-space-screen-block);
    gap: var(--sos-space-screen-gap);
    overflow: hidden;
  }
  h1 {
    margin: 0;
    font-size: var(--sos-font-size-status);
    line-height: 1.05;
    font-weight: var(--sos-font-weight-status);
    letter-spacing: -0.01em;
  }
  h1:focus {
    outline: none;
  }
  h2 {
    margin: 0 0 8px;
    font-size: var(--sos-font-size-label);
    font-weight: var(--sos-font-weight-label);
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--sos-text-faint);
  }
  p {
    margin: 0;
  }
  .lead {
    font-size: var(--sos-font-size-lead);
    line-height: 1.3;
    color: var(--sos-text-dim);
  }
  .strong {
    color: var(--sos-text);
    font-weight: var(--sos-font-weight-strong);
  }
  .actions {
    display: flex;
    gap: var(--sos-space-actions-gap);
    align-items: center;
  }
  .actions sos-action-button {
    min-inline-size: 220px;
  }
  /* Emergency actions: at least 15 mm at the display's pixel density (--sos-emergency-target, docs/headunit.md). */
  .actions sos-action-button[data-emergency] {
    --sos-action-height: max(
      var(--sos-emergency-target-min),
      var(--sos-emergency-target, var(--sos-emergency-target-min))
    );
  }
  ul.list {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--sos-space-list-gap);
  }
  ul.list li {
    position: relative;
    padding-inline-start: 22px;
    font-size: var(--sos-font-size-body);
    line-height: 1.3;
  }
  ul.list li::before {
    content: '';
    position: absolute;
    inset-inline-start: 2px;
    inset-block-start: 0.5em;
    inline-size: 8px;
    block-size: 8px;
    border-radius: var(--sos-radius-round);
    background: var(--sos-tone);
  }
  .panel {
    background: var(--sos-surface);
    border: 1px solid var(--sos-border);
    border-radius: var(--sos-radius-xl);
    padding: var(--sos-space-panel-block) var(--sos-space-panel-inline);
  }
  dl.facts {
    margin: 0;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 6px 18px;
    font-size: var(--sos-font-size-facts);
    line-height: 1.3;
  }
  dl.facts dt {
    color: var(--sos-text-faint);
  }
  dl.facts dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .tone-danger {
    --sos-tone: var(--sos-danger);
    --sos-tone-soft: var(--sos-danger-soft);
  }
  .tone-ready {
    --sos-tone: var(--sos-ready);
    --sos-tone-soft: var(--sos-ready-soft);
  }
  .tone-limited {
    --sos-tone: var(--sos-limited);
    --sos-tone-soft: var(--sos-limited-soft);
  }
  .tone-unknown {
    --sos-tone: var(--sos-unknown);
    --sos-tone-soft: var(--sos-unknown-soft);
  }
  .tone-accent {
    --sos-tone: var(--sos-accent);
    --sos-tone-soft: transparent;
  }
  .mono {
    font-variant-numeric: tabular-nums;
  }
  ${visuallyHidden}
`;
