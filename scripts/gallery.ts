/**
 * `npm run gallery [-- --quick] [--scenarios=a,b] [--themes=day,night] [--langs=en,de] [--viewports=1280x480]`
 *
 * Screenshot gallery for design reviews: builds the head-unit app, serves it, and renders every named
 * scenario × theme × language × viewport (5 s into the scenario, simulated clock, fixed start time)
 * to `gallery/<viewport>/<theme>/<lang>/<scenario>.png`, plus `gallery/index.html` to browse them.
 * Each viewport is rendered the way the car does: the 1280×480 CSS layout at the panel's scale factor,
 * so a 1920×720 PNG is the panel's real pixels. `--quick`: a handful of screens in day/night, en/de.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { CHROMIUM_FLAGS, findChromium } from './find-chromium.mjs';
import { LANGUAGES } from '../src/i18n/localization.js';
import { SCENARIOS, SCENARIO_NAMES } from '../src/sim/scenarios.js';
import { THEMES } from '../src/styles/theme.js';
import { VIEWPORTS, layoutSize, type Viewport } from '../src/designer/viewports.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'gallery');
const build = join(root, '.tmp', 'gallery-build');
const PORT = 5000 + Math.floor(Math.random() * 900) + 100;
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
const themes = list('themes', THEMES, ['day', 'night']);
const langs = list('langs', LANGUAGES, ['en', 'de']);
const viewports = list(
  'viewports',
  VIEWPORTS.map((v) => v.id),
  ['1280x480'],
)
  .map((id) => VIEWPORTS.find((v) => v.id === id))
  .filter((v): v is Viewport => !!v);

function run(cmd: string, cmdArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

async function serve(): Promise<ChildProcess> {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const child = spawn(
    vite,
    ['preview', '--outDir', build, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('vite preview did not start');
}

interface Shot {
  readonly viewport: Viewport;
  readonly theme: string;
  readonly lang: string;
  readonly scenario: string;
  readonly file: string;
}

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
          await page.evaluate(() => window.sosHmi!.sim!.advance(5000));
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
  const sections = scenarios
    .map(
      (scenario) =>
        `<section><h2>${scenario}</h2><p>${escapeHtml(SCENARIOS[scenario]?.description ?? '')}</p><div class="grid">${shots
          .filter((s) => s.scenario === scenario)
          .map(
            (s) =>
              `<figure data-viewport="${s.viewport.id}" data-theme="${s.theme}" data-lang="${s.lang}"><a href="${s.file}"><img loading="lazy" src="${s.file}" alt="${scenario}, ${s.theme}, ${s.lang}, ${s.viewport.id}"></a><figcaption>${s.viewport.label} · ${s.theme} · ${s.lang}</figcaption></figure>`,
          )
          .join('')}</div></section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>SOS HMI gallery</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;background:#15171c;color:#e9ecf2}h2{margin:28px 0 4px}p{color:#9aa3b2;margin:0 0 10px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:14px}figure{margin:0}img{width:100%;border-radius:6px;box-shadow:0 6px 18px #0008}
figcaption{color:#9aa3b2;font-size:12px;margin-top:4px}fieldset{display:inline-block;border:1px solid #343945;border-radius:6px;margin:0 8px 8px 0}
[hidden]{display:none}</style>
<h1>SOS HMI gallery</h1><p>${shots.length} screenshots · 5 s into each scenario · generated ${new Date().toISOString()}</p>
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
            file: `${viewport.id}/${theme}/${lang}/${scenario}.png`,
          });
  console.log(
    `gallery: ${scenarios.length} scenarios × ${themes.length} themes × ${langs.length} languages × ${viewports.length} viewports = ${shots.length} screenshots`,
  );
  await run(join(root, 'node_modules', '.bin', 'vite'), [
    'build',
    '--outDir',
    build,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  const server = await serve();
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
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
