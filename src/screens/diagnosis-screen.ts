import { css, html, type CSSResult, type TemplateResult } from 'lit';
import type { DiagnosisView, DiagnosticsPage, DiagnosticsView } from '../machines/views.js';
import { ActorController } from './controllers/actor-controller.js';
import { HmiScreen } from './hmi-screen.js';
import * as dt from './diagnosis-texts.js';

/**
 * What every diagnosis page shares: the left menu (iDrive style), the diagnosis view of the status
 * actor, Back (one page back), and a controller selection that scrolls into view — long lists are
 * walked through by turning the controller.
 */
export class DiagnosisScreen extends HmiScreen {
  protected readonly diagnosis = new ActorController<DiagnosisView, DiagnosisView>(
    this,
    () => this.services?.diagnosis?.diagnosis,
    (view) => view,
  );

  protected readonly navigation = new ActorController<DiagnosticsView, DiagnosticsView>(
    this,
    () => this.services?.diagnosis?.navigation,
    (view) => view,
  );

  /** The number to call from a phone in this region. */
  protected get emergencyNumber(): '112' | '911' {
    return this.services?.emergencyNumber ?? '112';
  }

  constructor() {
    super();
    this.addEventListener('sos-back', () => this.send({ type: 'user.diagnosticsBack' }));
    // The controller selects without scrolling; the selected row must be in view.
  }

  protected override firstUpdated(): void {
    // Only the list scrolls (scrollIntoView would also move the shell under the status bar).
    this.renderRoot.addEventListener('focusin', (event) => {
      const target = event.target;
      const box = target instanceof HTMLElement ? target.closest<HTMLElement>('.scroll') : null;
      if (!box || !(target instanceof HTMLElement)) return;
      const outer = box.getBoundingClientRect();
      const inner = target.getBoundingClientRect();
      if (inner.top < outer.top) box.scrollTop -= outer.top - inner.top + 8;
      else if (inner.bottom > outer.bottom) box.scrollTop += inner.bottom - outer.bottom + 8;
    });
  }

  protected open(page: DiagnosticsPage): void {
    this.send({ type: 'user.openDiagnostics', page });
  }

  /** The menu: the four pages and Close; the page on screen is marked. */
  protected renderNav(current: DiagnosticsPage['screen']): TemplateResult {
    const guide = this.diagnosis.value?.primaryGuide ?? this.diagnosis.value?.guides[0] ?? 'ringBreak';
    const item = (screen: DiagnosticsPage['screen'], page: DiagnosticsPage): TemplateResult =>
      html`<button
        class="nav-item"
        data-idrive-action
        data-page=${screen}
        aria-current=${current === screen ? 'page' : 'false'}
        @click=${() => this.open(page)}
      >
        ${dt.DIAG_NAV[screen]}
      </button>`;
    return html`<nav aria-label=${dt.DIAG_NAV_LABEL}>
      ${item('selfTest', { screen: 'selfTest' })} ${item('ring', { screen: 'ring' })}
      ${item('guide', { screen: 'guide', guide })} ${item('faultMemory', { screen: 'faultMemory' })}
      <span class="grow"></span>
      <button
        class="nav-item close"
        data-idrive-action
        @click=${() => this.send({ type: 'user.closeDiagnostics' })}
      >
        ${dt.DIAG_PAGE_BUTTON.close}
      </button>
    </nav>`;
  }
}

/** Layout of the diagnosis pages: menu rail on the left, the page on the right. */
export const diagnosisStyles: CSSResult = css`
  .page {
    block-size: 100%;
    display: grid;
    grid-template-columns: 200px minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr);
    overflow: hidden;
  }
  nav {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 18px 12px 18px 18px;
    background: var(--sos-surface-sunken);
    border-inline-end: 1px solid var(--sos-border);
  }
  nav .grow {
    flex: 1;
  }
  .nav-item {
    all: unset;
    box-sizing: border-box;
    display: block;
    padding: 11px 14px;
    border-radius: var(--sos-radius-md);
    font-size: var(--sos-font-size-scale-8);
    font-weight: 600;
    color: var(--sos-text-dim);
    cursor: pointer;
    border: 2px solid transparent;
  }
  .nav-item[aria-current='page'] {
    color: var(--sos-text);
    background: var(--sos-surface-raised);
    box-shadow: inset 4px 0 0 var(--sos-accent);
  }
  .nav-item.close {
    color: var(--sos-text-faint);
  }
  [data-idrive-action]:focus-visible,
  [data-idrive-action]:focus {
    outline: var(--sos-focus-ring-inset-width) solid var(--sos-focus);
    outline-offset: calc(-1 * var(--sos-focus-ring-inset-width));
    box-shadow: 0 0 0 var(--sos-focus-ring-inset-glow) var(--sos-focus-glow);
  }
  .content {
    display: grid;
    overflow: hidden;
    grid-template-rows: auto minmax(0, 1fr) auto;
    gap: 12px;
    padding: 16px 28px 18px;
    min-block-size: 0;
    min-inline-size: 0;
  }
  header {
    display: flex;
    align-items: baseline;
    gap: 18px;
    min-inline-size: 0;
  }
  header h1 {
    font-size: var(--sos-font-size-scale-16);
    white-space: nowrap;
  }
  header .sub {
    font-size: var(--sos-font-size-scale-7);
    color: var(--sos-text-dim);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .scroll {
    min-block-size: 0;
    overflow-y: auto;
    scrollbar-width: thin;
    scroll-padding-block: 8px;
  }
  .actions {
    display: flex;
    gap: 16px;
    justify-content: flex-end;
    align-items: center;
  }
  .actions sos-action-button {
    min-inline-size: 200px;
  }
  .actions .note {
    flex: 1;
    font-size: var(--sos-font-size-scale-5);
    color: var(--sos-text-faint);
  }
  .result {
    display: inline-block;
    min-inline-size: 108px;
    text-align: center;
    padding: 3px 10px;
    border-radius: var(--sos-radius-pill);
    font-size: var(--sos-font-size-scale-4);
    font-weight: 750;
    border: 1px solid currentColor;
  }
  .result[data-result='ok'] {
    color: var(--sos-ready);
    background: var(--sos-ready-soft);
  }
  .result[data-result='fault'] {
    color: var(--sos-danger);
    background: var(--sos-danger-soft);
  }
  .result[data-result='unknown'] {
    color: var(--sos-limited);
    background: var(--sos-limited-soft);
  }
  .result[data-result='notChecked'] {
    color: var(--sos-unknown);
    background: var(--sos-unknown-soft);
  }
`;
