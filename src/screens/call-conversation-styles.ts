import { css, type CSSResult } from 'lit';

/**
 * The conversation panel (on `panelStyles`): the phrases (or the keyboard) on the left, the last lines of the
 * conversation and the panel's own actions on the right. It fills the column it is given.
 */
export const callConversationStyles: CSSResult = css`
  .panel {
    block-size: 100%;
    display: grid;
    grid-template-columns: minmax(0, 1fr) 380px;
    gap: 16px;
    padding: 0;
  }
  .main {
    min-inline-size: 0;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  .phrases {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    grid-auto-rows: var(--sos-phrase-height, 72px);
    gap: 8px;
  }
  .phrases sos-action-button {
    min-inline-size: 0;
    --sos-action-height: var(--sos-phrase-height, 72px);
  }
  .phrases sos-action-button::part(button) {
    padding: 0 10px;
    font-size: var(--sos-font-size-scale-8);
    line-height: 1.15;
  }
  sos-text-keyboard {
    flex: 1;
    --sos-key-height: 44px;
  }
  .side {
    min-inline-size: 0;
    min-block-size: 0;
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    gap: 8px;
    padding: 10px 14px 12px;
  }
  /* Two lines at most: "Nachrichten mit der Notrufzentrale" is read whole, not cut. */
  h2 {
    margin: 0;
    font-size: var(--sos-font-size-scale-4);
    font-weight: 700;
    letter-spacing: 0.04em;
    line-height: 1.2;
    text-transform: uppercase;
    color: var(--sos-text-faint);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
  }
  /* Newest last, at the bottom, one line each: the glance reads one line, never a paragraph. */
  .lines {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    justify-content: flex-end;
    gap: 4px;
    min-block-size: 0;
    overflow: hidden;
  }
  .lines li {
    display: flex;
    align-items: center;
    gap: 8px;
    min-inline-size: 0;
    min-block-size: 28px;
    padding: 1px 10px;
    border-radius: var(--sos-radius-sm);
    font-size: var(--sos-font-size-scale-6);
    line-height: 1.3;
  }
  /* The centre's lines: marked, bold, on a tint; the occupants' are plain with their delivery mark. */
  li[data-from='centre'] {
    background: var(--sos-surface-raised);
    border: 1px solid var(--sos-accent);
    font-weight: 650;
  }
  /* A message from the centre is read whole (up to three lines): for someone who cannot hear, it is the call. */
  li[data-from='centre'] .msg {
    white-space: normal;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
  }
  .from-centre {
    flex: none;
    inline-size: 18px;
    block-size: 18px;
    color: var(--sos-accent);
  }
  .msg {
    flex: 1;
    min-inline-size: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .mark {
    flex: none;
    font-weight: 800;
    font-size: var(--sos-font-size-scale-5);
    color: var(--sos-text-dim);
  }
  li[data-delivery='delivered'] .mark {
    color: var(--sos-ready);
  }
  li[data-delivery='failed'] .mark {
    color: var(--sos-danger);
  }
  .empty {
    color: var(--sos-text-faint);
    font-size: var(--sos-font-size-scale-5);
  }
  .actions {
    display: flex;
    gap: 8px;
  }
  .actions sos-action-button {
    flex: 1;
    min-inline-size: 0;
    --sos-action-height: 56px;
  }
  .actions sos-action-button::part(button) {
    padding: 0 8px;
    font-size: var(--sos-font-size-scale-8);
  }
`;
