/**
 * Entry point: asks `config.json` how the page is run (simulator on the desktop, the vehicle link in
 * the car), reads the URL options, builds the HMI (clock, mock or VISS bridge, machines), mounts the
 * `sos-app` shell and exposes `window.sosHmi` for designers and automated tests.
 */
import { DEFAULT_DENSITY, emergencyTargetPx } from './app/display.js';
import { loadHmiConfig } from './app/hmiConfig.js';
import { parseHmiOptions } from './app/urlOptions.js';
import { afterNextPaint } from './screens/controllers/after-next-paint.js';

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
 * The shell (Lit, `sos-app`, the status bar and screen) loads after the first frame: that frame is
 * the shell pre-rendered into `index.html` (declarative shadow DOM, `src/first-frame.html`), painted
 * with the HTML before any of this code is evaluated (docs/performance.md).
 */
const loadShell = () => import('./screens/app.js');
/**
 * The machines load as a second chunk after the shell paints "SOS status unknown": the first frame
 * does not wait for them to be parsed (docs/performance.md).
 */
const loadSystem = () => import('./app/system.js');
/** The vehicle: one import each, so the bundler's preload list of one never fetches the other. */
const loadVissVehicle = () => import('./app/vissVehicle.js');
const loadMockVehicle = () => import('./app/mockVehicle.js');

async function start(): Promise<void> {
  const config = loadHmiConfig(fetch.bind(globalThis), location);
  // The first frame shows the pre-rendered shell: "SOS status unknown — connecting to vehicle".
  await afterNextPaint(100);
  // Lit takes over the pre-rendered shadow roots and renders the same picture (or the first one, on an
  // engine without declarative shadow DOM).
  const { loadScreens } = await loadShell();
  const app =
    document.querySelector('sos-app') ?? document.body.appendChild(document.createElement('sos-app'));
  // The other chunks are downloading already (modulepreload); they are evaluated only after the shell is on screen.
  await afterNextPaint(100);
  const { defaults, warnings } = await config;
  // The simulator or the gateway link: a page loads only the vehicle it talks to.
  const viss = parseHmiOptions(location.search, [], defaults).bridge === 'ws';
  const [{ assembleHmi, createAutomation, hmiServices, createTransitionTrace }, , vehicles] =
    await Promise.all([loadSystem(), loadScreens(), viss ? loadVissVehicle() : loadMockVehicle()]);
  const options = parseHmiOptions(
    location.search,
    'SCENARIO_NAMES' in vehicles ? vehicles.SCENARIO_NAMES : [],
    defaults,
  );
  for (const warning of [...warnings, ...options.warnings]) console.warn(`[sos-hmi] ${warning}`);

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
  // Other languages are separate chunks, loaded before the machines start: machines must never run
  // without their screens, so a language that cannot load is logged and the screens speak English.
  if (options.lang !== 'en') {
    await import('./i18n/localization.js')
      .then(({ setLanguage }) => setLanguage(options.lang))
      .catch((error: unknown) => {
        document.documentElement.lang = 'en';
        console.error(`[sos-hmi] the "${options.lang}" texts could not load; showing English:`, error);
      });
  }
  const hmi = assembleHmi({
    vehicle:
      'vissVehicle' in vehicles
        ? vehicles.vissVehicle(options.url, options.token)
        : vehicles.mockVehicle({
            scenario: options.scenario,
            faults: options.faults,
            link: options.link,
            unit: options.unit,
          }),
    clock: options.clock,
    config: { ...options.config, region: options.region },
    ...(inspect.length ? { inspect: (event) => inspect.forEach((observe) => observe(event)) } : {}),
    ...(options.startAt !== null ? { startAt: options.startAt } : {}),
    // The car's day/night mode drives the theme unless `?theme=` pinned it.
    onDayNight: (mode) => {
      if (!options.themeFromUrl) app.theme = mode;
    },
  });
  workbench?.mount(hmi, app);
  window.sosHmi = createAutomation(hmi, trace);
  app.services = hmiServices(hmi);
}

// A start that fails (a chunk that cannot load) leaves the shell on "SOS status unknown": never a
// wrong "ready". Said loudly, since nothing on the screen can say more without the machines.
start().catch((error: unknown) => {
  console.error('[sos-hmi] the HMI could not start; SOS status stays unknown:', error);
});
