/**
 * Entry point: reads the URL options, builds the HMI (clock, mock bridge, machines), mounts the
 * `sos-app` shell and exposes `window.sosHmi` for designers and automated tests.
 */
import { createAutomation } from './app/automation.js';
import { createHmi } from './app/createHmi.js';
import { hmiServices } from './app/services.js';
import { parseHmiOptions } from './app/urlOptions.js';
import { SCENARIO_NAMES } from './sim/scenarios.js';
import './screens/index.js';

const options = parseHmiOptions(location.search, SCENARIO_NAMES);
for (const warning of options.warnings) console.warn(`[sos-hmi] ${warning}`);

const hmi = createHmi({
  scenario: options.scenario,
  clock: options.clock,
  config: { region: options.region },
});
window.sosHmi = createAutomation(hmi);

const app = document.querySelector('sos-app') ?? document.body.appendChild(document.createElement('sos-app'));
app.theme = options.theme;
app.services = hmiServices(hmi);
