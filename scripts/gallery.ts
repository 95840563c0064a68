/**
 * `npm run gallery [-- --quick] [--scenarios=a,b] [--moments=a,b] [--themes=day,night] [--langs=en,de] [--viewports=1280x480]`
 *
 * Screenshot gallery for design reviews: builds the head-unit app, serves it, and renders every named
 * scenario × theme × language × viewport (5 s into the scenario, simulated clock, fixed start time)
 * to `gallery/<viewport>/<theme>/<lang>/<scenario>.png`, plus `gallery/index.html` to browse them.
 * Screens a scenario does not reach by itself in 5 s (a panel the occupants open, a message that
 * comes later in the call) are **moments**: a scenario plus what to do in the page, rendered the same
 * way to `gallery/<viewport>/<theme>/<lang>/moments/<moment>.png`. Moments act by stable attributes
 * (`data-part`, `data-key`), never by labels, so they reach the same screen in every language.
 * Each viewport is rendered the way the car does: the 1280×480 CSS layout at the panel's scale factor,
 * so a 1920×720 PNG is the panel's real pixels. `--quick`: a handful of screens and two moments in
 * day/night, en/de. `--moments=` picks moments (empty: none); without it, `--scenarios=` renders the
 * moments of those scenarios.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM_FLAGS, findChromium } from './find-chromium.mjs';
import { LANGUAGES } from '../src/i18n/localization.js';
import { SCENARIOS, SCENARIO_NAMES } from '../src/sim/scenarios.js';
import { THEMES } from '../src/styles/theme.js';
import { VIEWPORTS, layoutSize, type Viewport } from '../src/designer/viewports.js';
import { buildApp, randomPort, root, serveBuild } from './serve-build.js';

const out = join(root, 'gallery');
const build = join(root, '.tmp', 'gallery-build');
const PORT = randomPort();
const T0 = '2025-06-02T14:05:00';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v = ''] = a.replace(/^--/, '').split('=');
    return [k!, v] as const;
  }),
);
const quick = args.has('quick');
const list = (name: string, all: readonly string[], quickList: readonly string[]): string[] =>
  args.get(name)?.split(',').filter(Boolean) ?? [...(quick ? quickList : all)];

const scenarios = list('scenarios', SCENARIO_NAMES, [
  'ready',
  'ring-break-satellite-radio',
  'no-gps',
  'crash',
  'ignition-off',
]);

/** A screen reached by acting in the page after a scenario started (simulated clock at 0). */
interface Moment {
  readonly name: string;
  readonly scenario: string;
  readonly description: string;
  reach(page: Page): Promise<void>;
}

const CRASH = { severity: 3, airbagDeployed: true, rollover: false, occupants: 2 } as const;
/** How long a click waits for its target (a moment that cannot reach its screen fails, not hangs). */
const ACT_TIMEOUT_MS = 10_000;

async function advance(page: Page, ms: number): Promise<void> {
  await page.evaluate((step) => window.sosHmi!.sim!.advance(step), ms);
}

/** Advances in `stepMs` steps until the call view's `field` reads `value`. */
async function untilCall(page: Page, field: 'phase' | 'msd', value: string, stepMs = 500): Promise<void> {
  const maxMs = 30_000;
  for (let elapsed = 0; elapsed <= maxMs; elapsed += stepMs) {
    const now = await page.evaluate((f) => String(window.sosHmi!.state().call[f]), field);
    if (now === value) return;
    await advance(page, stepMs);
  }
  throw new Error(`call ${field} not "${value}" within ${maxMs} ms`);
}

/** Advances until the call's voice channel is up (about 6 s after a crash). */
const untilVoice = (page: Page): Promise<void> => untilCall(page, 'phase', 'voice');

/** Clicks an element in the head unit (CSS locators pierce the shadow roots) once it is there. */
async function click(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().click({ timeout: ACT_TIMEOUT_MS });
  await page.waitForTimeout(60);
}

const TEXT_ACTION = 'sos-action-button[data-part="text-action"]';
const SAFETY_ACTION = 'sos-action-button[data-part="safety-action"]';
const MODE_ACTION = 'sos-call-conversation sos-action-button[data-part="mode"]';

const MOMENTS: readonly Moment[] = [
  {
    name: 'centre-message',
    scenario: 'centre-messages',
    description: 'The centre’s first line on the call screen, 3.5 s after voice connected.',
    async reach(page) {
      await untilVoice(page);
      await advance(page, 3500);
    },
  },
  {
    name: 'text-phrases',
    scenario: 'crash',
    description: 'Text: the phrases the occupants can send, with the call status beside them.',
    async reach(page) {
      await untilVoice(page);
      await advance(page, 1000);
      await click(page, TEXT_ACTION);
    },
  },
  {
    name: 'text-keyboard',
    scenario: 'crash',
    description: 'Text → Keyboard, a few letters typed and not yet sent.',
    async reach(page) {
      await untilVoice(page);
      await advance(page, 1000);
      await click(page, TEXT_ACTION);
      await click(page, MODE_ACTION);
      for (const key of ['H', 'E', 'L', 'P'])
        await click(page, `sos-text-keyboard button[data-key="${key}"]`);
    },
  },
  {
    name: 'safety-card',
    scenario: 'crash-electric',
    description: 'Safety steps after a crash in an electric car: high voltage, door release, hazard lights.',
    async reach(page) {
      await untilVoice(page);
      await advance(page, 1000);
      await click(page, SAFETY_ACTION);
    },
  },
  {
    name: 'plain-112',
    scenario: 'network-without-ecall',
    description: 'A crash on a network without eCall: a plain 112 voice call, position to read out.',
    async reach(page) {
      await advance(page, 5000);
      await page.evaluate((crash) => window.sosHmi!.sim!.crash(crash), CRASH);
      await untilVoice(page);
      await advance(page, 2000);
    },
  },
  {
    name: 'location-not-received',
    scenario: 'msd-negative',
    description:
      'The moment the centre acknowledges the data negatively, before voice connects (about 0.5 s on screen).',
    async reach(page) {
      // Fine steps: voice follows the acknowledgement 0.5 s later.
      await untilCall(page, 'msd', 'ackNegative', 100);
    },
  },
  {
    name: 'msd-negative',
    scenario: 'msd-negative',
    description:
      'The centre acknowledged the data negatively: “Location not received”, position to read out.',
    async reach(page) {
      await untilVoice(page);
      await advance(page, 1000);
    },
  },
];
const MOMENT_NAMES = MOMENTS.map((m) => m.name);

const themes = list('themes', THEMES, ['day', 'night']);
const langs = list('langs', LANGUAGES, ['en', 'de']);
const moments = (
  args.has('moments')
    ? (args.get('moments') ?? '').split(',').filter(Boolean)
    : quick
      ? ['text-keyboard', 'safety-card']
      : args.has('scenarios')
        ? MOMENTS.filter((m) => scenarios.includes(m.scenario)).map((m) => m.name)
        : MOMENT_NAMES
).map((name) => {
  const moment = MOMENTS.find((m) => m.name === name);
  if (!moment) throw new Error(`unknown moment "${name}" (known: ${MOMENT_NAMES.join(', ')})`);
  return moment;
});
const viewports = list(
  'viewports',
  VIEWPORTS.map((v) => v.id),
  ['1280x480'],
)
  .map((id) => VIEWPORTS.find((v) => v.id === id))
  .filter((v): v is Viewport => !!v);

interface Shot {
  readonly viewport: Viewport;
  readonly theme: string;
  readonly lang: string;
  readonly scenario: string;
  /** The moment this shot shows; null: the scenario 5 s in. */
  readonly moment: Moment | null;
  readonly file: string;
}

/** Shots whose moment could not be reached: `file: reason`. */
const failures: string[] = [];

async function render(browser: Browser, shots: readonly Shot[]): Promise<void> {
  const byViewport = new Map<Viewport, Shot[]>();
  for (const shot of shots) byViewport.set(shot.viewport, [...(byViewport.get(shot.viewport) ?? []), shot]);
  for (const [viewport, group] of byViewport) {
    const context = await browser.newContext({
      viewport: layoutSize(viewport),
      deviceScaleFactor: viewport.dpr,
    });
    const pages = await Promise.all([0, 1, 2, 3].map(() => context.newPage()));
    let next = 0;
    await Promise.all(
      pages.map(async (page) => {
        for (let shot = group[next++]; shot; shot = group[next++]) {
          const q = new URLSearchParams({
            clock: 'manual',
            bridge: 'mock',
            t0: T0,
            scenario: shot.scenario,
            theme: shot.theme,
            lang: shot.lang,
            density: String(viewport.density),
          });
          await page.goto(`http://127.0.0.1:${PORT}/?${q}`);
          await page.waitForFunction(() => !!window.sosHmi?.sim);
          if (shot.moment) {
            try {
              await shot.moment.reach(page);
            } catch (error) {
              failures.push(
                `${shot.file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
              );
              process.stdout.write('x');
              continue;
            }
          } else await advance(page, 5000);
          // Let focus moves and renders that follow a click land (two frames), then a little more.
          await page.evaluate(
            () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
          );
          await page.waitForTimeout(60);
          mkdirSync(join(out, shot.file, '..'), { recursive: true });
          await page.screenshot({ path: join(out, shot.file), animations: 'disabled', caret: 'hide' });
          process.stdout.write('.');
        }
      }),
    );
    await context.close();
  }
  process.stdout.write('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function index(shots: readonly Shot[]): string {
  const filter = (name: string, values: readonly string[]) =>
    `<fieldset><legend>${name}</legend>${values
      .map((v) => `<label><input type="checkbox" data-filter="${name}" value="${v}" checked> ${v}</label>`)
      .join(' ')}</fieldset>`;
  const section = (title: string, description: string, group: readonly Shot[]): string =>
    `<section><h2>${escapeHtml(title)}</h2><p>${escapeHtml(description)}</p><div class="grid">${group
      .map(
        (s) =>
          `<figure data-viewport="${s.viewport.id}" data-theme="${s.theme}" data-lang="${s.lang}"><a href="${s.file}"><img loading="lazy" src="${s.file}" alt="${escapeHtml(title)}, ${s.theme}, ${s.lang}, ${s.viewport.id}"></a><figcaption>${s.viewport.label} · ${s.theme} · ${s.lang}</figcaption></figure>`,
      )
      .join('')}</div></section>`;
  const sections = [
    ...scenarios.map((scenario) =>
      section(
        scenario,
        SCENARIOS[scenario]?.description ?? '',
        shots.filter((s) => !s.moment && s.scenario === scenario),
      ),
    ),
    ...(moments.length ? ['<h2 class="part">Moments</h2><p>Screens reached by acting in the page.</p>'] : []),
    ...moments.map((moment) =>
      section(
        `${moment.name} (${moment.scenario})`,
        moment.description,
        shots.filter((s) => s.moment === moment && !failures.some((f) => f.startsWith(`${s.file}:`))),
      ),
    ),
  ].join('\n');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>SOS HMI gallery</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;background:#15171c;color:#e9ecf2}h2{margin:28px 0 4px}p{color:#9aa3b2;margin:0 0 10px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:14px}figure{margin:0}img{width:100%;border-radius:6px;box-shadow:0 6px 18px #0008}
figcaption{color:#9aa3b2;font-size:12px;margin-top:4px}h2.part{margin-top:48px;font-size:22px}fieldset{display:inline-block;border:1px solid #343945;border-radius:6px;margin:0 8px 8px 0}
[hidden]{display:none}</style>
<h1>SOS HMI gallery</h1><p>${shots.length - failures.length} screenshots · scenarios 5 s in, moments as described · generated ${new Date().toISOString()}</p>
${filter(
  'viewport',
  viewports.map((v) => v.id),
)}${filter('theme', themes)}${filter('lang', langs)}
${sections}
<script>
const update = () => {
  const on = (name) => [...document.querySelectorAll('[data-filter="' + name + '"]:checked')].map((i) => i.value);
  const f = { viewport: on('viewport'), theme: on('theme'), lang: on('lang') };
  for (const fig of document.querySelectorAll('figure'))
    fig.hidden = !(f.viewport.includes(fig.dataset.viewport) && f.theme.includes(fig.dataset.theme) && f.lang.includes(fig.dataset.lang));
};
document.addEventListener('change', update);
</script></html>`;
}

async function main(): Promise<void> {
  const shots: Shot[] = [];
  for (const viewport of viewports)
    for (const theme of themes)
      for (const lang of langs)
        for (const scenario of scenarios)
          shots.push({
            viewport,
            theme,
            lang,
            scenario,
            moment: null,
            file: `${viewport.id}/${theme}/${lang}/${scenario}.png`,
          });
  for (const viewport of viewports)
    for (const theme of themes)
      for (const lang of langs)
        for (const moment of moments)
          shots.push({
            viewport,
            theme,
            lang,
            scenario: moment.scenario,
            moment,
            file: `${viewport.id}/${theme}/${lang}/moments/${moment.name}.png`,
          });
  console.log(
    `gallery: (${scenarios.length} scenarios + ${moments.length} moments) × ${themes.length} themes × ${langs.length} languages × ${viewports.length} viewports = ${shots.length} screenshots`,
  );
  await buildApp(build);
  const server = await serveBuild(build, PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || findChromium(),
    args: [...CHROMIUM_FLAGS],
  });
  try {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await render(browser, shots);
    writeFileSync(join(out, 'index.html'), index(shots));
    console.log(`gallery: open ${join(out, 'index.html')}`);
    if (failures.length) {
      console.error(`gallery: ${failures.length} moment(s) not reached:\n  ${failures.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
