import { msg } from '@lit/localize';
import { css, html, type CSSResult, type TemplateResult } from 'lit';

/** The SOS LED above the mirror (same literals as the bridge's `LedState`). */
export type LedMirrorState = 'off' | 'green-blinking' | 'green-steady' | 'red';

function ledWords(state: LedMirrorState): string {
  switch (state) {
    case 'off':
      return msg('off');
    case 'green-blinking':
      return msg('green, blinking');
    case 'green-steady':
      return msg('green');
    case 'red':
      return msg('red');
  }
}

/**
 * Mirrors the SOS LED on screen, so the occupant sees the same signal as above the mirror: a dot and
 * "SOS LED: green, blinking". Plain markup in the tree of the row that shows it (the call header or
 * meta row), not an element with a shadow root of its own: it is inserted in the crash frame, where
 * an element, its shadow root and its stylesheet cost about a tenth of the event (docs/performance.md,
 * round 4). The row that shows it adds `ledMirrorStyles` to its styles; it re-renders on a locale change.
 *
 * @param state the LED state to mirror (`data-led` on the part, for tests and styles)
 * @param label caption before the state words (default: "SOS LED" in the current language)
 */
export function ledMirror(state: LedMirrorState, label: string = msg('SOS LED')): TemplateResult {
  return html`<span class="led-mirror" data-part="led-mirror" data-led=${state}
    ><span class="led" aria-hidden="true"></span
    ><span class="caption">${label}: ${ledWords(state)}</span></span
  >`;
}

/** The styles of `ledMirror()`, for the screens that show it. */
export const ledMirrorStyles: CSSResult = css`
  .led-mirror {
    display: inline-flex;
    align-items: center;
    gap: 10px;
    font: 600 var(--sos-font-size-scale-7) / 1.2 var(--sos-font, sans-serif);
    color: var(--sos-text-dim);
  }
  .led-mirror .led {
    position: relative;
    inline-size: 18px;
    block-size: 18px;
    border-radius: var(--sos-radius-round);
    background: var(--sos-telltale-off);
    box-shadow: inset 0 0 0 2px var(--sos-led-rim);
    flex: none;
  }
  /* The lit LED is a layer over the dark one: blinking fades only its opacity, which the compositor
     animates without repainting the call screen twice a second. */
  .led-mirror .led::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--sos-radius-round);
    opacity: 0;
  }
  .led-mirror[data-led='green-steady'] .led::after,
  .led-mirror[data-led='green-blinking'] .led::after {
    background: var(--sos-ready);
    box-shadow: 0 0 12px 2px var(--sos-ready);
    opacity: 1;
  }
  .led-mirror[data-led='red'] .led::after {
    background: var(--sos-danger);
    box-shadow: 0 0 12px 2px var(--sos-danger);
    opacity: 1;
  }
  .led-mirror[data-led='green-blinking'] .led::after {
    animation: sos-led-blink var(--sos-duration-blink) steps(1, end) infinite;
  }
  @keyframes sos-led-blink {
    50% {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    /* No flashing: a ring tells "blinking" apart from "steady". */
    .led-mirror[data-led='green-blinking'] .led::after {
      animation: none;
    }
    .led-mirror[data-led='green-blinking'] .led {
      box-shadow:
        0 0 0 3px var(--sos-surface),
        0 0 0 5px var(--sos-ready);
    }
  }
`;
