/**
 * The flows recorded in the designer workbench and kept in test/flows/recorded/*.flow.json, replayed
 * through the screen harnesses (part of `npm run test:flows`): each starts where it was recorded,
 * does every step as it was done, and must reach the recorded screen after each one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '../e2e/hmi.js';
import { describeAction, parseFlow } from '../../src/designer/flow.js';
import { HmiHarness } from './harness/hmi.js';
import { expectScreen, openFlowStart, performStep } from './recorded/replay.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'recorded');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.flow.json'))
  .sort();

test.describe('flows recorded in the workbench', () => {
  for (const file of files) {
    const flow = parseFlow(readFileSync(join(dir, file), 'utf8'));
    test(`${file}: ${flow.title}`, async ({ page }) => {
      const hmi = new HmiHarness(page);
      await openFlowStart(hmi, flow.start);
      for (const [i, step] of flow.steps.entries()) {
        const what = `step ${i + 1} (${describeAction(step.action)})`;
        await test.step(what, async () => {
          await performStep(hmi, flow.start, step.action);
          await expectScreen(hmi, step.screen, what);
        });
      }
    });
  }
});
