import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement } from 'lit';
import { IDriveController } from './controllers/idrive-controller.js';

/**
 * A modal part of a call screen (the conversation panel, the safety card): the controller stays
 * inside while it is open and the focus goes back where it was when it closes; Back is the part's
 * own and never reaches the call screen behind it.
 */
export abstract class ModalPanel extends LitElement {
  /** Controller navigation inside the part, modal: trapped while open, focus given back on close. */
  readonly idrive = new IDriveController(this, { modal: true });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.addEventListener('sos-back', (event) => {
      event.stopPropagation();
      this.back();
    });
  }

  /** What Back does inside the part. */
  protected abstract back(): void;
}
