/**
 * Entry point: asks `config.json` how the page is run (simulator on the desktop, the vehicle link in
 * the car), reads the URL options, builds the HMI (clock, mock or VISS bridge, machines), mounts the
 * `sos-app` shell and exposes `window.sosHmi` for designers and automated tests.
 */
import { DEFAULT_DENSITY, emergencyTargetPx } from './app/display.js';
import { loadHmiConfig } from './app/hmiConfig.js';
import { parseHmiOptions } from './app/urlOptions.js';
import './screens/index.js';

/**
 * True only in builds that carry the designer workbench (the dev server and `npm run build:designer`,
 * see vite.config.ts). In the head-unit build it is `false`, so the bundler drops the workbench import.
 */
declare const __SOS_DESIGNER__: boolean;

/** `?designer` opens the workbench; Ctrl+Shift+D adds it to the URL and reloads. */
function workbenchWanted(): boolean {
  if (!__SOS_DESIGNER__) return false;
  addEventListener('keydown', (e) => {
    if (!(e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'd') || document.querySelector('sos-workbench'))
      return;
    const url = new URL(location.href);
    url.searchParams.set('designer', '');
    location.assign(url.href);
  });
  return new URLSearchParams(location.search).has('designer');
}

/**
 * The machines, the vehicle link and the simulator load as a second chunk while the shell paints
 * "SOS status unknown": the first frame does not wait for them to be parsed (docs/performance.md).
 */
const loadSystem = () => import('./app/system.js');

async function start(): Promise<void> {
  // The shell is up at once: until the vehicle answers it says "SOS status unknown — connecting to vehicle".
  const app =
    document.querySelector('sos-app') ?? document.body.appendChild(document.createElement('sos-app'));
  const [config, { createHmi, createAutomation, hmiServices, createTransitionTrace, SCENARIO_NAMES }] =
    await Promise.all([loadHmiConfig(fetch.bind(globalThis), location), loadSystem()]);
  const options = parseHmiOptions(location.search, SCENARIO_NAMES, config.defaults);
  for (const warning of [...config.warnings, ...options.warnings]) console.warn(`[sos-hmi] ${warning}`);

  // Emergency actions at least 15 mm on the glass at this display's density (docs/headunit.md).
  const density = options.density ?? DEFAULT_DENSITY;
  document.documentElement.style.setProperty(
    '--sos-emergency-target',
    `${emergencyTargetPx(density, window.devicePixelRatio || 1)}px`,
  );

  app.theme = options.theme;
  const trace = options.trace ? createTransitionTrace() : null;
  const workbench =
    __SOS_DESIGNER__ && workbenchWanted()
      ? (await import('./designer/workbench.js')).createWorkbench()
      : null;
  const inspect = [trace?.inspect, workbench?.inspect].filter((f) => f !== undefined);
  const hmi = createHmi({
    scenario: options.scenario,
    clock: options.clock,
    config: { ...options.config, region: options.region },
    ...(inspect.length ? { inspect: (event) => inspect.forEach((observe) => observe(event)) } : {}),
    faults: options.faults,
    link: options.link,
    ...(options.startAt !== null ? { startAt: options.startAt } : {}),
    bridge: options.bridge === 'ws' ? { kind: 'viss', url: options.url } : 'mock',
    // The car's day/night mode drives the theme unless `?theme=` pinned it.
    onDayNight: (mode) => {
      if (!options.themeFromUrl) app.theme = mode;
    },
  });
  // Other languages are separate chunks; the screens speak it before the automation contract is up.
  if (options.lang !== 'en') await (await import('./i18n/localization.js')).setLanguage(options.lang);
  workbench?.mount(hmi, app);
  window.sosHmi = createAutomation(hmi, trace);
  app.services = hmiServices(hmi);
}

void start();
