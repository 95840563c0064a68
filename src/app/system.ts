/**
 * Everything behind the first status frame but the vehicle, as one chunk the entry loads after the
 * shell paints: the composition root and the machines, the automation API and the services the
 * screens read. The vehicle (simulator or gateway link) is a chunk of its own (docs/performance.md).
 */
export { createAutomation } from './automation.js';
export { assembleHmi } from './assembleHmi.js';
export { hmiServices } from './services.js';
export { createTransitionTrace } from './transitionTrace.js';
export { rehearse, REHEARSAL_MARK } from './rehearsal.js';
