/**
 * `tsx scripts/storyboard.ts <flow.json> [--out dir] [--theme day|night] [--lang en] [--viewport 1280x480]`
 *
 * A flow recorded in the designer workbench as a storyboard for design reviews (issue #20 §3): builds
 * the head-unit app and serves it (like `npm run gallery`), replays the flow with the flow runner's
 * own steps (test/flows/recorded/replay.ts) on the manual clock, screenshots the head-unit panel at
 * its real pixels at the start and after each step, and writes `<out>/00.png …` and `<out>/index.html`
 * (the frames in order, the step's words and the screen reached under each; src/designer/storyboard.ts).
 * Default `--out`: `storyboard/<flow name>/`. `--theme`/`--lang`/`--viewport` override the flow's
 * own; in another language the steps' labels are translated through xliff/<lang>.xlf. A frame whose
 * screen differs from the recording is marked; the exit code is then 1.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright';
import { parseFlow, type FlowAction, type FlowStart, type ScreenShot } from '../src/designer/flow.js';
import {
  frameFile,
  frameWords,
  storyboardHtml,
  type FrameScreen,
  type StoryboardFrame,
} from '../src/designer/storyboard.js';
import { DEFAULT_VIEWPORT, layoutSize, viewportById } from '../src/designer/viewports.js';
import { parseXliff, segmentsToText } from '../src/designer/xliff.js';
import { HmiHarness } from '../test/flows/harness/hmi.js';
import { expectScreen, openFlowStart, performStep } from '../test/flows/recorded/replay.js';
import { CHROMIUM_FLAGS, findChromium } from './find-chromium.mjs';
import { buildApp, randomPort, root, serveBuild } from './serve-build.js';

const USAGE =
  'usage: tsx scripts/storyboard.ts <flow.json> [--out dir] [--theme day|night] [--lang en] [--viewport 1280x480]';

/** `--name value` and `--name=value` options, and the positional arguments. */
function parseArgs(argv: readonly string[]): { options: Map<string, string>; files: string[] } {
  const options = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    options.set(name, inline ?? argv[++i] ?? '');
  }
  return { options, files };
}

/** English labels → the language's words (exact messages only), for steps that act by label. */
function labelTranslator(lang: string, flowLang: string): (label: string) => string {
  if (lang === flowLang) return (label) => label;
  const read = (l: string) => parseXliff(readFileSync(join(root, 'xliff', `${l}.xlf`), 'utf8'));
  const units = read(lang === 'en' ? flowLang : lang).units;
  const toEnglish = new Map<string, string>();
  if (flowLang !== 'en')
    for (const u of read(flowLang).units)
      if (u.target) toEnglish.set(segmentsToText(u.target), segmentsToText(u.source));
  return (label) => {
    const english = toEnglish.get(label) ?? label;
    if (lang === 'en') return english;
    const unit = units.find((u) => segmentsToText(u.source) === english);
    return unit?.target ? segmentsToText(unit.target) : label;
  };
}

function translated(action: FlowAction, translate: (label: string) => string): FlowAction {
  return action.do === 'choose' || action.do === 'panel'
    ? { ...action, label: translate(action.label) }
    : action;
}

/** The screen on top, read like the recorder reads it (tag, h1, the panel open over it). */
function readFrame(page: Page): Promise<FrameScreen> {
  return page.evaluate(() => {
    const screen = document.querySelector('sos-app')?.shadowRoot?.querySelector('main > *') ?? null;
    const inner = screen?.shadowRoot ?? screen;
    return {
      tag: screen?.localName ?? 'none',
      h1: (inner?.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      panel: screen?.shadowRoot?.querySelector('sos-call-conversation, sos-safety-card')?.localName ?? null,
    };
  });
}

/** Lets renders and focus moves that follow a step land (two frames), then a little more. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(60);
}

/** How the reached screen differs from the recorded one; null when it does not. */
async function difference(
  hmi: HmiHarness,
  recorded: ScreenShot,
  reached: FrameScreen,
  sameLanguage: boolean,
): Promise<string | null> {
  if (recorded.tag === 'none') return null;
  if (!sameLanguage)
    return recorded.tag === reached.tag ? null : `recorded ${recorded.tag}, reached ${reached.tag}`;
  try {
    await expectScreen(hmi, recorded, 'screen');
    return null;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'differs';
  }
}

async function main(): Promise<void> {
  const { options, files } = parseArgs(process.argv.slice(2));
  const input = files[0];
  if (!input || files.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const flow = parseFlow(readFileSync(input, 'utf8'));
  const viewport = viewportById(options.get('viewport') ?? flow.start.viewport) ?? DEFAULT_VIEWPORT;
  const start: FlowStart = {
    ...flow.start,
    theme: options.get('theme') ?? flow.start.theme,
    lang: options.get('lang') ?? flow.start.lang,
    viewport: viewport.id,
    params: { ...flow.start.params, density: String(viewport.density) },
  };
  const sameLanguage = start.lang === flow.start.lang;
  const translate = labelTranslator(start.lang, flow.start.lang);
  const out = resolve(
    options.get('out') ?? join(root, 'storyboard', basename(input).replace(/(\.flow)?\.json$/, '')),
  );
  const words = frameWords(flow);

  const build = join(root, '.tmp', 'storyboard-build');
  const port = randomPort();
  console.log(
    `storyboard: ${flow.title} — ${words.length} frames, ${start.theme}, ${start.lang}, ${viewport.id}`,
  );
  await buildApp(build);
  const server = await serveBuild(build, port);
  const browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] || findChromium(),
    args: [...CHROMIUM_FLAGS],
  });
  const frames: StoryboardFrame[] = [];
  try {
    const context = await browser.newContext({
      baseURL: `http://127.0.0.1:${port}`,
      viewport: layoutSize(viewport),
      deviceScaleFactor: viewport.dpr,
    });
    const page = await context.newPage();
    const hmi = new HmiHarness(page);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const shoot = async (index: number, problem: string | null, recorded: ScreenShot | null) => {
      await settle(page);
      const screen = await readFrame(page);
      const differs = problem ?? (recorded ? await difference(hmi, recorded, screen, sameLanguage) : null);
      await page.screenshot({ path: join(out, frameFile(index)), animations: 'disabled', caret: 'hide' });
      frames.push({ index, step: words[index]!, file: frameFile(index), screen, problem: differs });
      process.stdout.write(differs ? 'x' : '.');
    };
    await openFlowStart(hmi, start);
    await shoot(0, null, null);
    for (const [i, step] of flow.steps.entries()) {
      let problem: string | null = null;
      try {
        await performStep(hmi, start, translated(step.action, translate));
      } catch (error) {
        problem = `step failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
      }
      await shoot(i + 1, problem, step.screen);
    }
    process.stdout.write('\n');
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
  writeFileSync(
    join(out, 'index.html'),
    storyboardHtml({
      title: flow.title,
      start,
      theme: start.theme,
      lang: start.lang,
      viewport: viewport.id,
      frames,
      generated: new Date().toISOString(),
    }),
  );
  console.log(`storyboard: open ${join(out, 'index.html')}`);
  const problems = frames.filter((f) => f.problem);
  if (problems.length) {
    console.error(
      `storyboard: ${problems.length} frame(s) differ from the recording:\n  ${problems
        .map((f) => `${f.index} (${f.step}): ${f.problem}`)
        .join('\n  ')}`,
    );
    process.exitCode = 1;
  }
}

await main();
