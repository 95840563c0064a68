/**
 * A recorded flow as a standalone Playwright test: it opens the flow's start on the manual clock,
 * does each step the way the screen harnesses of test/flows/harness/ do (a screen's action chosen
 * with the controller or by touch, the vehicle through `window.sosHmi.sim`), and asserts the screen
 * reached after each step. Written for a file in test/flows/recorded/ (other places: `imports`).
 * The flow runner (test/flows/recorded.spec.ts) replays the JSON itself; this is for people who
 * want a test to read and edit.
 */
import { describeAction, formatMs, type Flow, type FlowAction, type ScreenShot } from './flow.js';

/** The screen harness class for each screen's tag (test/flows/harness/screens.ts, SCREEN_HARNESSES). */
export const HARNESS_CLASSES: Readonly<Record<string, string>> = {
  'sos-status-screen': 'StatusScreenHarness',
  'sos-malfunction-warning': 'MalfunctionHarness',
  'sos-cancel-flow': 'CancelFlowHarness',
  'sos-active-call': 'ActiveCallHarness',
  'sos-call-redialing': 'RedialingHarness',
  'sos-call-failed': 'CallFailedHarness',
  'sos-call-ended': 'CallEndedHarness',
  'sos-call-cancelled': 'CallCancelledHarness',
  'sos-callback': 'CallbackHarness',
  'sos-test-call-ended': 'TestCallEndedHarness',
  'sos-self-test-results': 'SelfTestResultsHarness',
  'sos-ring-diagram': 'RingDiagramHarness',
  'sos-guide': 'GuideHarness',
  'sos-fault-memory': 'FaultMemoryHarness',
};

/** Module specifiers the exported test imports, relative to where it is saved. */
export interface ExportImports {
  /** `test` and `expect` (test/e2e/hmi.ts: fails on console errors, types `window.sosHmi`). */
  readonly e2e: string;
  /** test/flows/harness/hmi.ts */
  readonly hmi: string;
  /** test/flows/harness/screens.ts */
  readonly screens: string;
  /** test/flows/recorded/replay.ts (`openFlowStart`, `expectScreen`). */
  readonly replay: string;
}

/** For a test saved in test/flows/recorded/. */
export const RECORDED_DIR_IMPORTS: ExportImports = {
  e2e: '../../e2e/hmi.js',
  hmi: '../harness/hmi.js',
  screens: '../harness/screens.js',
  replay: './replay.js',
};

const lit = (value: unknown): string => JSON.stringify(value);

/** `page.evaluate(() => window.sosHmi.sim.…)` for a vehicle, centre or scenario step. */
function simCall(a: FlowAction): string | null {
  const sim = (call: string): string => `await page.evaluate(() => window.sosHmi.sim.${call});`;
  switch (a.do) {
    case 'ignition':
      return sim(`ignition(${lit(a.state)})`);
    case 'sos':
      return sim(`pressSos(${a.holdMs})`);
    case 'crash':
      return sim(`crash(${lit(a.crash)})`);
    case 'fault':
      return sim(`${a.on ? 'inject' : 'clear'}(${lit(a.fault)})`);
    case 'batteryReset':
      return sim('batteryReset()');
    case 'centre':
      return sim(`callCentre(${lit(a.options)})`);
    case 'centreEndsCall':
      return sim('centreEndsCall()');
    case 'centreCallsBack':
      return sim('centreCallsBack()');
    case 'centreRequestsData':
      return sim('centreRequestsData()');
    case 'centreSends':
      return sim(`centreSends(${lit(a.text)})`);
    case 'vehicleConfig': {
      const { do: _, ...config } = a;
      return sim(`vehicleConfig(${lit(config)})`);
    }
    case 'hazards':
      return sim(`hazards(${a.on})`);
    default:
      return null;
  }
}

/** The code of one step; `before` is the screen it starts on (which harness operates it). */
function stepCode(a: FlowAction, before: ScreenShot, used: Set<string>): string {
  const sim = simCall(a);
  if (sim) return sim;
  const harness = (): string => {
    const cls = HARNESS_CLASSES[before.tag];
    if (!cls) return '(await hmi.screen())';
    used.add(cls);
    return `(await hmi.as(${cls}))`;
  };
  switch (a.do) {
    case 'scenario':
      return `await openFlowStart(hmi, START, ${lit(a.name)});`;
    case 'advance':
      return `await hmi.advance(${a.ms}); // ${formatMs(a.ms)}`;
    case 'choose':
      return `await ${harness()}.choose(${lit(a.label)}, ${lit(a.via)});`;
    case 'panel':
      return `await (await hmi.panel()).choose(${lit(a.label)}, ${lit(a.via)});`;
    case 'key':
      return `await (await hmi.panel()).key(${lit(a.key)}, ${lit(a.via)});`;
    case 'push':
      return `await ${harness()}.push(${lit(a.direction)});`;
    case 'back':
      return `await ${harness()}.back();`;
    default:
      return `// ${describeAction(a)}: not exported`;
  }
}

/** The flow as a Playwright test file (TypeScript). */
export function flowToPlaywrightTest(flow: Flow, imports: ExportImports = RECORDED_DIR_IMPORTS): string {
  const used = new Set<string>();
  let before: ScreenShot = { tag: 'none', h1: '', actions: [], panel: null };
  const body = flow.steps.map((step, i) => {
    const code = stepCode(step.action, before, used);
    before = step.screen;
    return [
      `  await test.step(${lit(`${i + 1}. ${describeAction(step.action)}`)}, async () => {`,
      `    ${code}`,
      `    await expectScreen(hmi, ${lit(step.screen)}, ${lit(`step ${i + 1}`)});`,
      '  });',
    ].join('\n');
  });
  const harnesses = [...used].sort();
  return [
    '/**',
    ` * ${lit(flow.title)}: a flow recorded in the SOS HMI workbench, exported as a Playwright test.`,
    ' * Each step is done the way a person or the car would and asserts the screen it reached',
    ' * (the screen, its h1, the actions it offers and the panel open over it).',
    ' */',
    `import { test } from ${lit(imports.e2e)};`,
    `import { HmiHarness } from ${lit(imports.hmi)};`,
    ...(harnesses.length ? [`import { ${harnesses.join(', ')} } from ${lit(imports.screens)};`] : []),
    `import { expectScreen, openFlowStart, type FlowStart } from ${lit(imports.replay)};`,
    '',
    `const START: FlowStart = ${lit(flow.start)};`,
    '',
    `test(${lit(flow.title)}, async ({ page }) => {`,
    '  const hmi = new HmiHarness(page);',
    '  await openFlowStart(hmi, START);',
    ...body,
    '});',
    '',
  ].join('\n');
}
