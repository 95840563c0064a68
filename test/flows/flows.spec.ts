/**
 * Model-based screen flows: every planned flow (test/flows/plan.ts, generated from the machines
 * with `xstate/graph`) is run in a fresh page, each step done the way a person or the vehicle would
 * (controller keys and touch alternate), and after every step the page must be in the machines'
 * predicted states and show what that state must show. The page's own transition trace is kept for
 * the coverage check (coverage.spec.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../e2e/hmi.js';
import { HmiHarness } from './harness/hmi.js';
import { axeViolations, emergencyTargetsMm, EMERGENCY_TARGET_MM, glance } from './harness/checks.js';
import type { Via } from './harness/screens.js';
import { CRASH, describeEvent, rawReport, type FlowEvent } from './model.js';
import type { Plan, PlannedFlow } from './plan.js';

const here = dirname(fileURLToPath(import.meta.url));
const PLAN_FILE = join(here, '..', '..', '.tmp', 'flows', 'plan.json');
export const REACHED_DIR = join(here, '..', '..', '.tmp', 'flows', 'reached');
const plan = JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as Plan;

/** Screen states already checked with axe in this worker (axe is slow; one run per distinct state). */
const axeDone = new Set<string>();

async function perform(hmi: HmiHarness, event: FlowEvent, via: Via): Promise<void> {
  const page = hmi.page;
  switch (event.type) {
    case 'wait':
      return hmi.advance(event.ms);
    case 'sos':
      return page.evaluate(
        (a) => (a === 'press' ? window.sosHmi.sim.holdSos() : window.sosHmi.sim.releaseSos()),
        event.action,
      );
    case 'crash':
      return page.evaluate((crash) => window.sosHmi.sim.crash(crash), CRASH);
    case 'ignition':
      return page.evaluate((s) => window.sosHmi.sim.ignition(s), event.state);
    case 'fault':
      return page.evaluate(
        ({ fault, on }) => (on ? window.sosHmi.sim.inject(fault) : window.sosHmi.sim.clear(fault)),
        { fault: event.fault, on: event.on },
      );
    case 'link':
      return hmi.link(event.state);
    case 'linkProblem':
      return hmi.linkProblem(event.problem);
    case 'batteryReset':
      return page.evaluate(() => window.sosHmi.sim.batteryReset());
    case 'centre':
      return event.action === 'endsCall'
        ? page.evaluate(() => window.sosHmi.sim.centreEndsCall())
        : page.evaluate(() => window.sosHmi.sim.centreCallsBack());
    case 'callCentre':
      return page.evaluate((options) => window.sosHmi.sim.callCentre(options), event.options);
    case 'report': {
      // Made from the unit's latest reports, like the model does (why each one: RAW_REPORTS).
      const session = await hmi.session();
      if (!session) throw new Error('no session report from the telematics unit yet');
      const conversation = await hmi.conversation();
      return hmi.injectRaw(rawReport(event.report, { session, conversation }, (await hmi.state()).now));
    }
    case 'hazardSwitch':
      return page.evaluate((on) => window.sosHmi.sim.hazards(on), event.on);
    case 'panel':
      return (await hmi.panel()).choose(event.label, via);
    case 'type':
      return (await hmi.panel()).type(event.text, via);
    case 'press': {
      const screen = await hmi.screen();
      if (event.label === 'Guide' && (await screen.tag()) === 'sos-malfunction-warning') {
        const actions = await screen.visibleActions();
        if (!actions.includes('Guide')) await screen.choose('Details', via);
      }
      return screen.choose(event.label, via);
    }
    case 'back':
      return (await hmi.screen()).back();
  }
}

function runFlow(flow: PlannedFlow): void {
  test(`${flow.id} ${flow.title}`, async ({ page }, testInfo) => {
    const hmi = new HmiHarness(page);
    await hmi.open(flow.query);
    await hmi.advance(flow.bootMs);
    const start = await hmi.state();
    expect(
      { status: start.status.value, malfunction: start.malfunction.value, call: start.call.value },
      'machine states after opening',
    ).toEqual(flow.initial.values);
    if (flow.initial.screen.heading)
      await expect(new HmiHarness(page).screenLocator().locator('h1').first()).toHaveText(
        new RegExp(`^\\s*${escape(flow.initial.screen.heading)}`),
      );

    for (const [i, event] of flow.events.entries()) {
      const expected = flow.steps[i]!;
      const via: Via = i % 2 === 0 ? 'controller' : 'touch';
      const byHand = event.type === 'press' || event.type === 'panel' || event.type === 'type';
      const what = `step ${i + 1} (${describeEvent(event)}${byHand ? ` by ${via}` : ''})`;
      await test.step(what, async () => {
        await perform(hmi, event, via);
        const state = await hmi.state();
        expect(
          { status: state.status.value, malfunction: state.malfunction.value, call: state.call.value },
          `${what}: machine states`,
        ).toEqual(expected.values);
        const e = expected.screen;
        const screenRoot = hmi.screenLocator();
        await expect(page.locator(`sos-app main > ${e.screen}`), `${what}: screen`).toHaveCount(1);
        const screen = await hmi.screen();
        if (e.heading !== null)
          await expect(screen.heading(), `${what}: h1`).toHaveText(new RegExp(`^\\s*${escape(e.heading)}`));
        await expect
          .poll(() => screen.visibleActions(), { message: `${what}: offered actions` })
          .toEqual(e.actionsExact ? e.actions : expect.arrayContaining([...e.actions]));
        expect(await hmi.telltale(), `${what}: telltale`).toBe(e.telltale);
        // A panel over the call screen (conversation, safety card): which one, and what it offers.
        if (e.panel === null) await expect(hmi.panels(), `${what}: no panel open`).toHaveCount(0);
        else {
          await expect(hmi.panels(), `${what}: ${e.panel.element} open`).toHaveCount(1);
          await expect(hmi.panels().first(), `${what}: the open panel`).toHaveJSProperty(
            'localName',
            e.panel.element,
          );
          const panel = await hmi.panel();
          await expect
            .poll(() => panel.visibleActions(), { message: `${what}: the panel's actions` })
            .toEqual(e.panel.actions);
        }
        // A request the unit refused is one line in the status bar, and nothing else is.
        if (e.notice === null) await expect(hmi.notice(), `${what}: no status-bar notice`).toHaveCount(0);
        else await expect(hmi.notice(), `${what}: status-bar notice`).toHaveText(e.notice);
        if (e.led)
          await expect(
            screenRoot.locator('[data-part="led-mirror"]').first(),
            `${what}: LED mirror`,
          ).toHaveAttribute('data-led', e.led);
        // Focus is never lost: something on the screen (an action or its heading) has it.
        await expect
          .poll(async () => (await hmi.focus()).lost, { message: `${what}: focus lost` })
          .toBe(false);
        if (e.announce) {
          const spoken = await hmi.announcements();
          expect(spoken[e.announce], `${what}: ${e.announce} live region`).not.toBe('');
        }
        if (e.emergency) {
          const g = await glance(page);
          expect(g.lines, `${what}: main status on one line ("${g.text}")`).toBe(1);
          expect(g.words, `${what}: main status in at most 5 words ("${g.text}")`).toBeLessThanOrEqual(5);
          expect(g.fontSizePx, `${what}: main status type size`).toBeGreaterThanOrEqual(40);
          expect(g.actions, `${what}: at most three actions`).toBeLessThanOrEqual(3);
          for (const target of await emergencyTargetsMm(page)) {
            expect(target.heightMm, `${what}: "${target.label}" height on the glass`).toBeGreaterThanOrEqual(
              EMERGENCY_TARGET_MM,
            );
            expect(target.widthMm, `${what}: "${target.label}" width on the glass`).toBeGreaterThanOrEqual(
              EMERGENCY_TARGET_MM,
            );
          }
        }
        const axeKey = `${e.screen}|${e.heading}|${e.actions.join(',')}`;
        if (!axeDone.has(axeKey)) {
          axeDone.add(axeKey);
          expect(await axeViolations(page), `${what}: axe serious/critical violations`).toEqual([]);
        }
      });
    }

    const trace = await hmi.trace();
    expect(trace, 'the page records its transitions (?trace=transitions)').not.toBeNull();
    const reached = [
      ...Object.entries(trace!.states).flatMap(([m, keys]) => keys.map((k) => `${m}#${k}`)),
      ...Object.entries(trace!.transitions).flatMap(([m, keys]) => keys.map((k) => `${m}#${k}`)),
    ];
    // The page took every transition the model predicts for this flow.
    const missing = flow.covers.filter((k) => !reached.includes(k));
    expect(missing, 'transitions the model predicts but the page did not take').toEqual([]);
    mkdirSync(REACHED_DIR, { recursive: true });
    // Named by the plan's hash: a file left from another plan never counts.
    writeFileSync(join(REACHED_DIR, `${plan.hash}-${flow.id}.json`), JSON.stringify(reached));
    testInfo.annotations.push({ type: 'reached', description: String(reached.length) });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.describe('screen flows from the machines', () => {
  for (const flow of plan.flows) runFlow(flow);
});
