import { css, type CSSResult } from 'lit';

/**
 * The action row: side by side, or stacked in a narrow column. The sizes are defaults (slotted),
 * so a screen's own rules for its buttons win.
 */
export const callActionsStyles: CSSResult = css`
  :host {
    display: flex;
    gap: var(--sos-space-actions-gap);
    align-items: center;
  }
  :host([stacked]) {
    flex-direction: column;
    align-items: stretch;
  }
  ::slotted(sos-action-button) {
    min-inline-size: 220px;
  }
  :host([stacked]) ::slotted(sos-action-button) {
    min-inline-size: 0;
  }
  /* Emergency actions: at least 15 mm at the display's pixel density (--sos-emergency-target, docs/headunit.md). */
  ::slotted(sos-action-button[data-emergency]) {
    --sos-action-height: max(
      var(--sos-emergency-target-min),
      var(--sos-emergency-target, var(--sos-emergency-target-min))
    );
  }
`;
