/**
 * The end-to-end smoke suite in both engines a head unit may run: Chromium and WPE WebKit 2.38
 * (through WPEWebDriver, headless). The built HMI is served by the head-unit process itself
 * (`startGateway` with `--serve dist`: one port for the page and the VISS link):
 *   ready → manual call → cancel; crash → the telematics unit's automatic call (the page asks
 *   nothing); ring break → malfunction warning;
 *   and the head-unit default (the vehicle link on the page's origin) reaching "SOS ready".
 * The first three use the in-page simulator on a manual clock (`?bridge=mock&clock=manual`), so they
 * are deterministic; the last one is real time against the gateway's simulator.
 * Screenshots of every step from both engines: test-results/engines/<engine>/<step>.png.
 *
 * WPE WebKit is found or installed (root + apt) by scripts/find-wpe.mjs; without it the WPE half is
 * skipped with a loud reason (and `WPE_REQUIRED=1` turns that into a failure).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { findWpe } from '../../scripts/find-wpe.mjs';
import { ensureBuilt } from '../../gateway/headunit.js';
import { parseArgs, startGateway, type Gateway } from '../../gateway/main.js';
import { DEEP, startChromium, startWpe, waitFor, type Engine } from './engines.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'engines');

const wpe = findWpe();
if (!wpe.ok) {
  const bar = '!'.repeat(100);
  console.error(`\n${bar}\n!!! WPE WebKit engine matrix SKIPPED: ${wpe.reason}\n${bar}\n`);
  if (process.env.WPE_REQUIRED === '1') throw new Error(`WPE_REQUIRED=1 but ${wpe.reason}`);
}

let gateway: Gateway;
let origin = '';

/** The head-unit build, in a directory of its own (a parallel `vite build` empties dist/). */
const DIST = join(ROOT, 'node_modules', '.cache', 'sos-hmi', 'engines-dist');

before(async () => {
  ensureBuilt(ROOT, (m) => console.log(m), DIST);
  gateway = await startGateway(parseArgs(['--sim', '--serve', DIST, '--port', '0']), {
    log: () => {},
  });
  origin = `http://127.0.0.1:${gateway.server.port}`;
});

after(async () => {
  await gateway?.stop();
});

const ENGINES: { name: 'chromium' | 'wpe'; skip: string | false; start: () => Promise<Engine> }[] = [
  { name: 'chromium', skip: false, start: () => startChromium(findChromium()) },
  {
    name: 'wpe',
    skip: wpe.ok ? false : `WPE WebKit not available: ${wpe.ok ? '' : wpe.reason}`,
    start: () => (wpe.ok ? startWpe(wpe.driver, wpe.browser) : Promise.reject(new Error('no WPE'))),
  },
];

/** Visible h1 texts, whitespace collapsed. */
const headings = (e: Engine) =>
  e.run<string[]>(`${DEEP} return deepAll(document, 'h1', []).filter(visible).map(text);`);
const hasHeading = async (e: Engine, re: RegExp) => (await headings(e)).some((h) => re.test(h));
/** The visible text of the screen (paragraphs, headings, small parts), shadow roots included. */
const pageText = (e: Engine) =>
  e.run<string>(
    `${DEEP} return deepAll(document, 'p, span, div, h1, h2, li', []).filter(visible).map(text).join(' | ');`,
  );
const advance = (e: Engine, ms: number) =>
  e.run<null>('window.sosHmi.sim.advance(arguments[0]); return null;', ms);
const hmiState = (e: Engine) =>
  e.run<{
    status: { level: string };
    call: { screen: string; kind: string | null };
    bridge: { kind: string; connection: string };
  }>('return JSON.parse(JSON.stringify(window.sosHmi.state()));');

/** The types of the requests the page sent to the vehicle (`window.sosHmi.sim.commands`), in order. */
const requestTypes = (e: Engine) =>
  e.run<string[]>('return window.sosHmi.sim.commands.map((c) => c.command.type);');

async function expectHeading(e: Engine, re: RegExp, timeoutMs = 5000): Promise<void> {
  await waitFor(`h1 ${re}`, () => hasHeading(e, re), { timeoutMs }).catch(async (error: unknown) => {
    throw new Error(`${(error as Error).message}; headings now: ${JSON.stringify(await headings(e))}`);
  });
}

/** Opens the built HMI with the in-page simulator on a manual clock; proves the bundle started. */
async function openSim(e: Engine, scenario: string): Promise<void> {
  await e.open(`${origin}/?bridge=mock&clock=manual&scenario=${scenario}`);
  // A module this engine cannot parse dies silently: check the app is really there.
  await waitFor(
    'window.sosHmi (the app started)',
    () => e.run<boolean>('return !!(window.sosHmi && window.sosHmi.sim);'),
    { timeoutMs: 10_000 },
  );
}

for (const engine of ENGINES) {
  describe(`engine ${engine.name}`, { skip: engine.skip }, () => {
    let e: Engine;
    const shot = (step: string) => e.screenshot(join(SHOTS, engine.name, `${step}.png`));

    before(async () => {
      e = await engine.start();
    });
    after(async () => {
      await e?.close();
    });

    it('ready → manual call → cancel', async () => {
      await openSim(e, 'ready');
      await advance(e, 4000);
      await expectHeading(e, /^SOS ready$/);
      await shot('1-ready');
      await e.run('window.sosHmi.sim.pressSos(); return null;');
      await expectHeading(e, /^Emergency call in 10 s$/);
      await advance(e, 3000);
      await expectHeading(e, /^Emergency call in 7 s$/);
      await shot('2-cancel-window');
      await e.click('Cancel call');
      // The request reaches the unit 20 ms later (on the manual clock); its report says cancelled.
      await advance(e, 100);
      await expectHeading(e, /^Call cancelled$/);
      await shot('3-call-cancelled');
      await advance(e, 15_000);
      // The telematics unit owns the call: after the cancel it never dialled, and the page only asked to cancel.
      const unit = await e.run<{ phase: string; attempt: number } | null>(
        'const s = window.sosHmi.sim.session; return s && { phase: s.phase, attempt: s.attempt };',
      );
      assert.deepEqual(unit, { phase: 'cancelled', attempt: 0 }, 'no call may be dialled after a cancel');
      assert.deepEqual(await requestTypes(e), ['cancelCall']);
    });

    it('crash → automatic call', async () => {
      await openSim(e, 'ready');
      await advance(e, 4000);
      await expectHeading(e, /^SOS ready$/);
      await e.run(
        'window.sosHmi.sim.crash({ severity: 4, airbagDeployed: true, rollover: false, occupants: 2 }); return null;',
      );
      await advance(e, 500);
      await expectHeading(e, /^(Connecting…|Location sent)$/);
      assert.match(await pageText(e), /Automatic emergency call/);
      const state = await hmiState(e);
      assert.equal(state.call.kind, 'automatic');
      // The unit dialled by itself; the page asked nothing.
      const unit = await e.run<{ phase: string; kind: string | null; attempt: number } | null>(
        'const s = window.sosHmi.sim.session; return s && { phase: s.phase, kind: s.kind, attempt: s.attempt };',
      );
      assert.deepEqual(unit, { phase: 'dialing', kind: 'automatic', attempt: 1 });
      assert.deepEqual(await requestTypes(e), []);
      await advance(e, 6000);
      await shot('4-automatic-call');
    });

    it('ring break → malfunction warning', async () => {
      await openSim(e, 'ring-break-satellite-radio');
      for (let i = 0; i < 10 && !(await hasHeading(e, /^SOS malfunction$/)); i++) await advance(e, 1000);
      await expectHeading(e, /^SOS malfunction$/);
      assert.match(await pageText(e), /satellite radio/i);
      await shot('5-malfunction');
      await e.click('OK');
      // Acknowledged: the status screen, with the verdict once the start-up self-test is over.
      await advance(e, 5000);
      await expectHeading(e, /^SOS (unavailable|limited)/);
      await shot('6-after-acknowledge');
    });

    it('head-unit default: the vehicle link on the page origin, first status measured', async () => {
      await e.open(`${origin}/`);
      await waitFor('window.sosHmi', () => e.run<boolean>('return !!window.sosHmi;'), { timeoutMs: 10_000 });
      const state = await waitFor(
        'the vehicle link answers',
        async () => {
          const s = await hmiState(e);
          return s.bridge.connection === 'connected' && s.status.level !== 'unknown' ? s : null;
        },
        { timeoutMs: 10_000 },
      );
      assert.equal(state.bridge.kind, 'viss');
      assert.equal(
        await e.run<boolean>('return !window.sosHmi.sim;'),
        true,
        'no simulator in the page in head-unit mode',
      );
      await expectHeading(e, /^SOS ready$/, 10_000);
      const ms = await e.run<number | null>(
        "const m = performance.getEntriesByName('sos-hmi:time-to-status'); return m.length ? m[m.length - 1].duration : null;",
      );
      console.log(
        `[${engine.name}] time to first SOS status after the vehicle link is up: ${ms?.toFixed(1)} ms`,
      );
      assert.notEqual(ms, null);
      await shot('7-headunit-ready');
    });
  });
}
