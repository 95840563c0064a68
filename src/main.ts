/**
 * Entry point: asks `config.json` how the page is run (simulator on the desktop, the vehicle link in
 * the car), reads the URL options, builds the HMI (clock, mock or VISS bridge, machines), mounts the
 * `sos-app` shell and exposes `window.sosHmi` for designers and automated tests.
 */
import { createAutomation } from './app/automation.js';
import { createHmi } from './app/createHmi.js';
import { DEFAULT_DENSITY, emergencyTargetPx } from './app/display.js';
import { loadHmiConfig } from './app/hmiConfig.js';
import { hmiServices } from './app/services.js';
import { parseHmiOptions } from './app/urlOptions.js';
import { SCENARIO_NAMES } from './sim/scenarios.js';
import './screens/index.js';

async function start(): Promise<void> {
  // The shell is up at once: until the vehicle answers it says "SOS status unknown — connecting to vehicle".
  const app =
    document.querySelector('sos-app') ?? document.body.appendChild(document.createElement('sos-app'));
  const config = await loadHmiConfig(fetch.bind(globalThis), location);
  const options = parseHmiOptions(location.search, SCENARIO_NAMES, config.defaults);
  for (const warning of [...config.warnings, ...options.warnings]) console.warn(`[sos-hmi] ${warning}`);

  // Emergency actions at least 15 mm on the glass at this display's density (docs/headunit.md).
  const density = options.density ?? DEFAULT_DENSITY;
  document.documentElement.style.setProperty(
    '--sos-emergency-target',
    `${emergencyTargetPx(density, window.devicePixelRatio || 1)}px`,
  );

  app.theme = options.theme;
  const hmi = createHmi({
    scenario: options.scenario,
    clock: options.clock,
    config: { region: options.region },
    bridge: options.bridge === 'ws' ? { kind: 'viss', url: options.url } : 'mock',
    // The car's day/night mode drives the theme unless `?theme=` pinned it.
    onDayNight: (mode) => {
      if (!options.themeFromUrl) app.theme = mode;
    },
  });
  window.sosHmi = createAutomation(hmi);
  app.services = hmiServices(hmi);
}

void start();
