/**
 * The state-chart pictures in docs/machines are generated from the machines; a stale one fails
 * here (fix: `npm run docs:machines`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMachines, formatMs, guardLabel, renderAll, staleDiagrams } from '../../scripts/machines-docs.js';

test('every machine in src/machines has a diagram, and the committed diagrams match the code', async () => {
  const problems = await staleDiagrams();
  assert.deepEqual(problems, [], `${problems.join('\n')}\nRun \`npm run docs:machines\`.`);
});

test('the diagrams cover the root, status, malfunction and call machines', async () => {
  const names = (await findMachines()).map((m) => m.name);
  for (const name of ['sosHmiMachine', 'statusMachine', 'malfunctionMachine', 'emergencyCallMachine'])
    assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
});

test('a diagram shows nested states, events with guards, named delays with defaults and always', async () => {
  const call = (await renderAll()).get('emergencyCallMachine.md') ?? '';
  assert.match(call, /```mermaid\nstateDiagram-v2\n/);
  assert.match(call, /state active \{\n\s+\[\*\] --> connecting/);
  // Parallel regions are separated, and a report's phase picks the screen.
  assert.match(call, /\n\s+--\n\s+state clock \{/);
  assert.match(call, /screen --> cancelWindow : bridge\.callSession \[reportIs\(cancelWindow\)\]/);
  assert.match(call, /cancelled --> screen_idle : after cancelledNoticeMs \(3 s\)/);
  assert.match(
    call,
    /\[reportIs\(idle\) and \(in screen\.cancelWindow or in screen\.active or in screen\.redialing\)\]/,
  );
  const status = (await renderAll()).get('statusMachine.md') ?? '';
  assert.match(status, /selfTest --> operating : after selfTestMs \(3 s\)/);
  assert.match(status, /state "unknown" as operating_unknown/);
});

test('durations and guards are labelled the way the legend says', () => {
  assert.equal(formatMs(100), '100 ms');
  assert.equal(formatMs(1500), '1.5 s');
  assert.equal(formatMs(120_000), '2 min');
  assert.equal(formatMs(3_600_000), '1 h');
  assert.equal(guardLabel({ type: 'levelIs', params: { level: 'ready' } }), 'levelIs(ready)');
  assert.equal(guardLabel('isPress'), 'isPress');
});
