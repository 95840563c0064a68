/** Every named start situation (`?scenario=`) opens cleanly and, where it has one, shows its screen. */
import { SCENARIO_NAMES } from '../../src/sim/scenarios.js';
import { ActiveCallHarness } from '../flows/harness/screens.js';
import { advance, expect, expectHeading, openHmi, snapshot, state, summary, test } from './hmi.js';

/** The names the automation contract promises (more may exist). */
const CONTRACT_SCENARIOS = [
  'ready',
  'ignition-off',
  'ring-break-satellite-radio',
  'ring-break-amplifier',
  'fibre-damage',
  'software-glitch',
  'control-module-failure',
  'bluetooth-fault',
  'no-cellular',
  'no-gps',
  'weak-cellular',
  'blown-fuse-head-unit',
  'crash',
  'no-answer',
  'drop-mid-call',
  'callback',
];

/** The main line a scenario must show after 5 s; scenarios not listed only have to open cleanly. */
const EXPECTED: Record<string, string> = {
  ready: 'SOS ready',
  'ignition-off': 'SOS standby',
  'ring-break-satellite-radio': 'SOS malfunction',
  'ring-break-amplifier': 'SOS malfunction',
  'ring-break-telematics': 'SOS malfunction',
  'ring-break-hands-free': 'SOS malfunction',
  'fibre-damage': 'SOS malfunction',
  'blown-fuse-head-unit': 'SOS malfunction',
  'blown-fuse-amplifier': 'SOS malfunction',
  'software-glitch': 'SOS malfunction',
  'control-module-failure': 'SOS malfunction',
  'bluetooth-fault': 'SOS malfunction',
  'no-cellular': 'SOS malfunction',
  'no-gps': 'SOS limited',
  'weak-cellular': 'SOS limited',
  'no-answer': 'SOS ready',
  'drop-mid-call': 'SOS ready',
  callback: 'SOS ready',
};

test('every scenario the automation contract names exists', () => {
  for (const name of CONTRACT_SCENARIOS) expect(SCENARIO_NAMES, name).toContain(name);
});

for (const scenario of SCENARIO_NAMES) {
  test(`scenario ${scenario}`, async ({ page }, testInfo) => {
    const hmi = await openHmi(page, { scenario });
    await advance(page, 5000);
    const s = await state(page);
    const expected = EXPECTED[scenario];
    if (expected) {
      await expectHeading(hmi, expected, JSON.stringify(summary(s)));
    } else {
      await expect(hmi.heading()).toBeVisible();
    }
    if (scenario === 'crash') {
      expect(s.call.kind).toBe('automatic');
      const call = await hmi.as(ActiveCallHarness);
      await expect(call.text('Automatic emergency call').first()).toBeVisible();
    }
    await snapshot(page, testInfo, `scenario-${scenario}`);
  });
}
