/** Registers every SOS element; the composition root imports this and mounts `<sos-app>`. */
export { SosApp } from './app.js';
export { hmiContext, type HmiServices, type SnapshotSource } from './hmiContext.js';
export { ActorController } from './controllers/actor-controller.js';
export { IDriveController, deepActiveElement } from './controllers/idrive-controller.js';
export { deepEqual } from './controllers/deep-equal.js';
export { applyTheme, type Theme } from '../styles/theme.js';
