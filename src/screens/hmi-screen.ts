import { consume } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { UserEvent } from '../machines/events.js';
import type { GuideId } from '../machines/model/guides.js';
import type { CallView, DiagnosisView, MalfunctionView } from '../machines/views.js';
import { ActorController } from './controllers/actor-controller.js';
import { IDriveController } from './controllers/idrive-controller.js';
import { hmiContext, type HmiServices } from './hmiContext.js';
import { screenStyles } from './screen-styles.js';
import '../components/action-button/action-button.js';

/**
 * What every screen shares: the services from context, the iDrive controller over its actions,
 * and `send()` for the occupant's events. Screens render view models and send events — nothing else.
 */
export class HmiScreen extends LitElement {
  static override styles = [screenStyles];

  /** Modal screens trap focus and give it back when they close. */
  protected static readonly modal: boolean = false;

  /** The running system; from `sos-app`'s context, or set directly (tests, previews). */
  @consume({ context: hmiContext, subscribe: true })
  @property({ attribute: false })
  services?: HmiServices;

  /** Controller navigation over this screen's actions. */
  readonly idrive = new IDriveController(this, { modal: (this.constructor as typeof HmiScreen).modal });

  constructor() {
    super();
    // Every text comes from texts.ts: re-render in the new language when it changes.
    updateWhenLocaleChanges(this);
  }

  /** Selects the screen's default action (used by `sos-app` when focus got lost). */
  focusDefault(): void {
    this.idrive.focusDefault();
  }

  protected send(event: UserEvent): void {
    this.services?.send(event);
  }
}

/** A screen that shows the emergency call. */
export class CallScreen extends HmiScreen {
  protected readonly call = new ActorController<CallView, CallView>(
    this,
    () => this.services?.call,
    (view) => view,
  );
}

/** A screen that shows the malfunction and offers the guide for its main fault. */
export class MalfunctionScreen extends HmiScreen {
  protected readonly malfunction = new ActorController<MalfunctionView, MalfunctionView>(
    this,
    () => this.services?.malfunction,
    (view) => view,
  );

  /** The guide for the main fault (the message's primary cause), if the diagnosis is there. */
  protected readonly guide = new ActorController<DiagnosisView, GuideId | null>(
    this,
    () => this.services?.diagnosis?.diagnosis,
    (view) => view.primaryGuide,
  );
}
