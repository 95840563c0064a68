import { css, type CSSResult } from 'lit';
import { ledMirrorStyles } from '../led-mirror/led-mirror.js';

/** The call header's row: heading, timer, then the LED mirror and the call type at the far end. */
export const callHeaderStyles: CSSResult[] = [
  ledMirrorStyles,
  css`
    :host {
      display: flex;
      align-items: center;
      gap: 24px;
    }
    .spacer {
      flex: 1;
    }
    .timer {
      font-size: var(--sos-font-size-scale-20);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      color: var(--sos-ready);
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      padding: 6px 14px;
      border-radius: var(--sos-radius-pill);
      font-size: var(--sos-font-size-badge);
      font-weight: var(--sos-font-weight-label);
      letter-spacing: 0.02em;
      background: var(--sos-tone-soft);
      color: var(--sos-tone);
      border: 1px solid var(--sos-tone);
      white-space: nowrap;
    }
    .badge[data-tone='danger'] {
      --sos-tone: var(--sos-danger);
      --sos-tone-soft: var(--sos-danger-soft);
    }
    .badge[data-tone='accent'] {
      --sos-tone: var(--sos-accent);
      --sos-tone-soft: transparent;
    }
  `,
];
