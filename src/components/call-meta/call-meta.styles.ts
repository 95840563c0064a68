import { css, type CSSResult } from 'lit';
import { ledMirrorStyles } from '../led-mirror/led-mirror.js';

/** The meta row: small, dim entries side by side, wrapping when the column is narrow. */
export const callMetaStyles: CSSResult[] = [
  ledMirrorStyles,
  css`
    :host {
      display: block;
      font-size: var(--sos-font-size-scale-7);
      color: var(--sos-text-dim);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 26px;
      align-items: center;
    }
    .meta span {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .meta svg {
      inline-size: 22px;
      block-size: 22px;
    }
  `,
];
