/**
 * Everything behind the first status frame, as one chunk the entry loads while the shell paints:
 * the composition root (machines, vehicle bridge, simulator), the automation API and the services
 * the screens read. One module so the split costs one request and one gzip stream (docs/performance.md).
 */
export { createAutomation } from './automation.js';
export { createHmi } from './createHmi.js';
export { hmiServices } from './services.js';
export { createTransitionTrace } from './transitionTrace.js';
export { SCENARIO_NAMES } from '../sim/scenarios.js';
