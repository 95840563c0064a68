/**
 * Registers every SOS element (tests, integrators); the page's entry loads `screens.ts` after the
 * first frame, the shell loads `diagnosis.ts` when diagnosis is opened, and a call screen loads the
 * conversation panel when the occupants open it (`loadConversation` in `call-parts.ts`).
 */
import './screens.js';
import './diagnosis.js';
import './call-conversation.js';
export { SosApp } from './app.js';
export { hmiContext, type HmiServices, type SnapshotSource } from './hmiContext.js';
export { ActorController } from './controllers/actor-controller.js';
export { IDriveController, deepActiveElement } from './controllers/idrive-controller.js';
export { deepEqual } from './controllers/deep-equal.js';
export { applyTheme, type Theme } from '../styles/theme.js';
