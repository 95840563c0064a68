/**
 * Replaying a flow recorded in the designer workbench (src/designer/flow.ts) through the screen
 * harnesses: open its start on the manual clock, do each step the way a person or the car would,
 * and check the screen reached. Used by the flow runner (test/flows/recorded.spec.ts), by the tests
 * the workbench exports, and by the storyboard script.
 */
import { expect } from '@playwright/test';
import type { FlowAction, FlowStart, ScreenShot } from '../../../src/designer/flow.js';
import { startQuery } from '../../../src/designer/flow.js';
import type { CallCentreOptions } from '../../../src/sim/types.js';
import type { HmiHarness } from '../harness/hmi.js';

export type { FlowStart } from '../../../src/designer/flow.js';

/** The automation contract as a replay uses it (the mock bridge's simulator). */
interface ReplaySim {
  readonly faults: readonly string[];
  inject(fault: string): void;
  clear(fault: string): void;
  callCentre(options: CallCentreOptions): void;
}
type ReplayWindow = Window & { sosHmi: { sim: ReplaySim } };

/**
 * Opens the page at a flow's start (or at a scenario a step of it switched to): the scenario, its
 * faults exactly as listed, the centre as set in the workbench, the language and theme.
 */
export async function openFlowStart(
  hmi: HmiHarness,
  start: FlowStart,
  scenario = start.scenario,
): Promise<void> {
  await hmi.open(startQuery(start, scenario));
  if (scenario !== start.scenario) return;
  await hmi.page.evaluate(
    ({ faults, centre }) => {
      const sim = (window as unknown as ReplayWindow).sosHmi.sim;
      if (faults) {
        for (const f of sim.faults) if (!faults.includes(f)) sim.clear(f);
        for (const f of faults) if (!sim.faults.includes(f)) sim.inject(f);
      }
      if (centre) sim.callCentre(centre);
    },
    { faults: start.faults, centre: start.centre },
  );
}

/** Does one step of a flow in the page. */
export async function performStep(hmi: HmiHarness, start: FlowStart, action: FlowAction): Promise<void> {
  const page = hmi.page;
  switch (action.do) {
    case 'scenario':
      return openFlowStart(hmi, start, action.name);
    case 'advance':
      return hmi.advance(action.ms);
    case 'choose':
      return (await hmi.screen()).choose(action.label, action.via);
    case 'panel':
      return (await hmi.panel()).choose(action.label, action.via);
    case 'key':
      return (await hmi.panel()).key(action.key, action.via);
    case 'push':
      return (await hmi.screen()).push(action.direction);
    case 'back':
      return (await hmi.screen()).back();
    default:
      // Vehicle and centre steps go through the simulator, as the workbench does them.
      return page.evaluate((a) => {
        const sim = (window as unknown as { sosHmi: { sim: Record<string, (...args: unknown[]) => void> } })
          .sosHmi.sim;
        switch (a.do) {
          case 'ignition':
            return sim['ignition']!(a.state);
          case 'sos':
            return sim['pressSos']!(a.holdMs);
          case 'crash':
            return sim['crash']!(a.crash);
          case 'fault':
            return sim[a.on ? 'inject' : 'clear']!(a.fault);
          case 'centre':
            return sim['callCentre']!(a.options);
          case 'centreSends':
            return sim['centreSends']!(a.text);
          case 'vehicleConfig': {
            const { do: _, ...config } = a;
            return sim['vehicleConfig']!(config);
          }
          case 'hazards':
            return sim['hazards']!(a.on);
          case 'batteryReset':
          case 'centreEndsCall':
          case 'centreCallsBack':
          case 'centreRequestsData':
            return sim[a.do]!();
        }
      }, action);
  }
}

/** The screen on top is the recorded one: its tag, h1, offered actions and the panel open over it. */
export async function expectScreen(hmi: HmiHarness, shot: ScreenShot, what: string): Promise<void> {
  if (shot.tag === 'none') return;
  await expect(hmi.page.locator(`sos-app main > ${shot.tag}`), `${what}: screen ${shot.tag}`).toHaveCount(1);
  const screen = await hmi.screen();
  if (shot.h1) await expect(screen.heading(), `${what}: h1`).toHaveText(shot.h1);
  await expect
    .poll(() => screen.visibleActions(), { message: `${what}: offered actions` })
    .toEqual([...shot.actions]);
  if (!shot.panel) {
    await expect(hmi.panels(), `${what}: no panel open`).toHaveCount(0);
    return;
  }
  await expect(hmi.panels(), `${what}: ${shot.panel.tag} open`).toHaveCount(1);
  await expect(hmi.panels().first(), `${what}: the open panel`).toHaveJSProperty('localName', shot.panel.tag);
  const panel = await hmi.panel();
  if (shot.panel.h2) await expect(panel.heading(), `${what}: the panel's h2`).toHaveText(shot.panel.h2);
  await expect
    .poll(() => panel.visibleActions(), { message: `${what}: the panel's actions` })
    .toEqual([...shot.panel.actions]);
}
