/**
 * `tsx scripts/flow-test.ts <flow.json> [out.spec.ts]`: a flow recorded in the designer workbench as
 * a standalone Playwright test (src/designer/flowExport.ts). Without `out`, the test is written
 * beside the flow (`x.flow.json` → `x.spec.ts`); its imports assume test/flows/recorded/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseFlow } from '../src/designer/flow.js';
import { flowToPlaywrightTest } from '../src/designer/flowExport.js';

const [input, output] = process.argv.slice(2);
if (!input) {
  console.error('usage: tsx scripts/flow-test.ts <flow.json> [out.spec.ts]');
  process.exit(2);
}
const target = output ?? input.replace(/(\.flow)?\.json$/, '.spec.ts');
writeFileSync(target, flowToPlaywrightTest(parseFlow(readFileSync(input, 'utf8'))));
console.log(`wrote ${target}`);
