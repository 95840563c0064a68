import { css, type CSSResult } from 'lit';

/** Styles of the shared call-screen parts (stepper, sent panel, crash data, hints). */
export const callStyles: CSSResult = css`
  /* A column whose text takes the room and whose actions stay at the bottom. */
  .column {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) auto;
    min-block-size: 0;
    min-inline-size: 0;
  }
  /* What does not fit fades out at the bottom; the actions below never move. */
  .fading {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    overflow: hidden;
    mask-image: linear-gradient(to bottom, #000 calc(100% - 14px), transparent);
  }
  /* The conversation or the safety card is open: it takes the room, the status stays readable. */
  .content.wide {
    grid-template-columns: minmax(0, 1fr) 920px;
  }
  .stepper {
    display: flex;
    gap: 10px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .stepper li {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 12px;
    border-radius: var(--sos-radius-md);
    font-size: var(--sos-font-size-scale-7);
    font-weight: 600;
    color: var(--sos-text-faint);
    background: var(--sos-surface-sunken);
    border: 1px solid var(--sos-border);
    white-space: nowrap;
  }
  .stepper .dot {
    display: inline-grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    border-radius: var(--sos-radius-round);
    border: 2px solid currentColor;
    font-size: var(--sos-font-size-scale-4);
    font-weight: 800;
    flex: none;
  }
  .stepper li[data-state='done'] {
    color: var(--sos-ready);
  }
  .stepper li[data-state='current'] {
    color: var(--sos-text);
    background: var(--sos-surface-raised);
    border-color: var(--sos-accent);
    box-shadow: inset 0 -3px 0 var(--sos-accent);
  }
  .stepper li[data-state='current'] .dot {
    background: var(--sos-accent-strong);
    border-color: var(--sos-accent-strong);
    color: var(--sos-on-accent);
  }
  /* The centre acknowledged the data negatively: a warning, never a tick. */
  .stepper li[data-state='failed'] {
    color: var(--sos-limited);
    border-color: var(--sos-limited);
    background: var(--sos-limited-soft);
  }
  .stepper li[data-state='failed'][aria-current='step'] {
    box-shadow: inset 0 -3px 0 var(--sos-limited);
  }
  .sent dl.facts {
    font-size: var(--sos-font-size-scale-6);
    gap: 1px 16px;
  }
  /* The centre has the data: the heading says so, in words, instead of a bare tick. */
  .sent h2.ack {
    margin-block-end: 6px;
    font-size: var(--sos-font-size-scale-6);
    line-height: 1.25;
    letter-spacing: 0;
    text-transform: none;
    color: var(--sos-ready);
  }
  .sent .updated {
    margin-block-start: 4px;
    font-size: var(--sos-font-size-scale-4);
    line-height: 1.25;
    color: var(--sos-text-dim);
  }
  /* No data from the car: why, and the position to read out, big. */
  .readout {
    display: grid;
    gap: 6px;
    align-content: start;
  }
  .readout .notice {
    font-size: var(--sos-font-size-scale-9);
    line-height: 1.3;
    font-weight: 650;
    color: var(--sos-limited);
  }
  .readout h2 {
    margin: 4px 0 0;
  }
  .readout .coords {
    font-size: var(--sos-font-size-scale-15);
    font-weight: 750;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  .readout .coords span {
    display: block;
  }
  .readout .untrusted {
    font-size: var(--sos-font-size-scale-5);
    color: var(--sos-text-dim);
  }
  /* The newest message from the centre: marked, up to three lines (160 characters read whole), never over the call status. */
  .centre-line {
    display: flex;
    align-items: center;
    gap: 10px;
    flex: none;
    min-inline-size: 0;
    padding: 7px 14px;
    border-radius: var(--sos-radius-md);
    background: var(--sos-surface-raised);
    border: 1px solid var(--sos-accent);
    color: var(--sos-text);
    font-size: var(--sos-font-size-scale-8);
    font-weight: 650;
  }
  .centre-line svg {
    flex: none;
    inline-size: 24px;
    block-size: 24px;
    color: var(--sos-accent);
  }
  .centre-line .msg {
    min-inline-size: 0;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
    line-height: 1.25;
  }
  .centre-line.stacked {
    display: grid;
    gap: 2px;
    padding: 6px 12px;
    font-size: var(--sos-font-size-scale-7);
  }
  .centre-line.stacked .label {
    font-size: var(--sos-font-size-scale-2);
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--sos-accent);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .trust {
    color: var(--sos-tone);
    font-weight: 650;
  }
  /* Tight enough that what was sent and the crash data stay on screen when the trust wraps (de, it, es). */
  .crash {
    margin-block-start: 6px;
    padding-block-start: 6px;
    border-block-start: 1px solid var(--sos-border);
  }
  .crash h2 {
    margin-block-end: 2px;
  }
  .crash-grid {
    display: grid;
    grid-template-columns: 1.4fr 1fr 0.8fr;
    gap: 12px;
  }
  .crash-grid .k {
    display: block;
    font-size: var(--sos-font-size-scale-4);
    color: var(--sos-text-faint);
  }
  .crash-grid .v {
    display: block;
    font-size: var(--sos-font-size-scale-7);
    font-weight: 650;
  }
  /* A field the car reported missing or out of range: readable, but not dressed as data. */
  .unknown {
    color: var(--sos-text-dim);
    font-style: italic;
  }
  .end-hint {
    font-size: var(--sos-font-size-scale-11);
    font-weight: 650;
    color: var(--sos-text);
  }
  .hint-ready {
    font-size: var(--sos-font-size-scale-13);
    line-height: 1.3;
    font-weight: 650;
    color: var(--sos-ready);
  }
  .hint-limited {
    font-size: var(--sos-font-size-scale-13);
    line-height: 1.3;
    font-weight: 650;
    color: var(--sos-limited);
  }
`;
