/**
 * Entry point: asks `config.json` how the page is run (simulator on the desktop, the vehicle link in
 * the car), reads the URL options, builds the HMI (clock, mock or VISS bridge, machines), mounts the
 * `sos-app` shell and exposes `window.sosHmi` for designers and automated tests.
 */
import { DEFAULT_DENSITY, emergencyTargetPx } from './app/display.js';
import { loadHmiConfig } from './app/hmiConfig.js';
import { parseHmiOptions, type HmiOptions } from './app/urlOptions.js';
import { afterNextPaint } from './screens/controllers/after-next-paint.js';

/**
 * True only in builds that carry the designer workbench (the dev server and `npm run build:designer`,
 * see vite.config.ts). In the head-unit build it is `false`, so the bundler drops the workbench import.
 */
declare const __SOS_DESIGNER__: boolean;
/** False only in a build made to measure without the rehearsal (`SOS_REHEARSAL=off`, vite.config.ts). */
declare const __SOS_REHEARSAL__: boolean;

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
 * The shell (Lit, `sos-app`, the status bar and screen). The first frame does not wait for it: that
 * frame is the shell pre-rendered into `index.html` (declarative shadow DOM, `src/first-frame.html`),
 * painted with the HTML before any of this code is evaluated (docs/performance.md).
 */
const loadShell = () => import('./screens/app.js');
/** The machines, the composition root and the automation API: one chunk (vite.config.ts). */
const loadSystem = () => import('./app/system.js');
/** The vehicle: one import each, so the bundler's preload list of one never fetches the other. */
const loadVissVehicle = () => import('./app/vissVehicle.js');
const loadMockVehicle = () => import('./app/mockVehicle.js');
type VissVehicleModule = Awaited<ReturnType<typeof loadVissVehicle>>;
type MockVehicleModule = Awaited<ReturnType<typeof loadMockVehicle>>;

/**
 * The screens' language: loaded before the machines start, so they never run without their screens;
 * a language that cannot load is logged and the screens speak English.
 */
async function loadLanguage(lang: HmiOptions['lang']): Promise<void> {
  if (lang === 'en') return;
  await import('./i18n/localization.js')
    .then(({ setLanguage }) => setLanguage(lang))
    .catch((error: unknown) => {
      document.documentElement.lang = 'en';
      console.error(`[sos-hmi] the "${lang}" texts could not load; showing English:`, error);
    });
}

async function start(): Promise<void> {
  // Every chunk at once (time to interactive, docs/performance.md): the shell, the screens, the
  // machines and — once config.json says which — the vehicle and the language download and evaluate
  // side by side instead of one after another. The screen keeps the pre-rendered picture until all of
  // them are in: a chunk that cannot load leaves "SOS status unknown", never machines without screens.
  const config = loadHmiConfig(fetch.bind(globalThis), location);
  // The pre-rendered frame paints first: no chunk is evaluated before it (cold start).
  await afterNextPaint(100);
  const shell = loadShell();
  const screens = shell.then(({ loadScreens }) => loadScreens());
  const system = loadSystem();
  const early = config.then(({ defaults }) => parseHmiOptions(location.search, [], defaults));
  // The simulator or the gateway link: a page loads only the vehicle it talks to.
  const vehicle = early.then((o): Promise<VissVehicleModule | MockVehicleModule> =>
    o.bridge === 'ws' ? loadVissVehicle() : loadMockVehicle(),
  );
  const language = early.then((o) => loadLanguage(o.lang));
  const [
    { defaults, warnings },
    ,
    { assembleHmi, createAutomation, hmiServices, createTransitionTrace, rehearse },
    vehicles,
  ] = await Promise.all([config, screens, system, vehicle, language]);
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

  const app =
    document.querySelector('sos-app') ?? document.body.appendChild(document.createElement('sos-app'));
  app.theme = options.theme;
  const trace = options.trace ? createTransitionTrace() : null;
  const workbench =
    __SOS_DESIGNER__ && workbenchWanted()
      ? (await import('./designer/workbench.js')).createWorkbench()
      : null;
  const inspect = [trace?.inspect, workbench?.inspect].filter((f) => f !== undefined);
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
  const services = hmiServices(hmi);
  // The shell's next render (a microtask) already shows the machines' state; the automation API and
  // a crash fired the moment it appears find the screens connected.
  app.services = services;
  window.sosHmi = createAutomation(hmi, trace);
  // Each emergency screen once, hidden, when the page is idle — never while a call is on screen: the
  // first crash, SOS press or malfunction of a drive then finds its code, templates and styles ready.
  if (__SOS_REHEARSAL__)
    void rehearse({ ...options.config, region: options.region }, () => app.theme, {
      atRest: () => services.call.getSnapshot().screen === 'none',
    });
}

// A start that fails (a chunk that cannot load) leaves the shell on "SOS status unknown": never a
// wrong "ready". Said loudly, since nothing on the screen can say more without the machines.
start().catch((error: unknown) => {
  console.error('[sos-hmi] the HMI could not start; SOS status stays unknown:', error);
});
