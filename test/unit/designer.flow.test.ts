/**
 * Flow files of the designer workbench: written one step a line and read back the same, refused
 * with the reason when malformed, and exported as a Playwright test that type-checks against the
 * project's screen harnesses.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import {
  FLOW_FORMAT,
  FlowFormatError,
  appendStep,
  parseFlow,
  serializeFlow,
  startQuery,
  type Flow,
  type ScreenShot,
} from '../../src/designer/flow.js';
import { HARNESS_CLASSES, flowToPlaywrightTest } from '../../src/designer/flowExport.js';

const root = join(import.meta.dirname, '..', '..');
const recordedDir = join(root, 'test', 'flows', 'recorded');
const screen: ScreenShot = { tag: 'sos-status-screen', h1: 'SOS ready', actions: ['Diagnosis'], panel: null };
const flow: Flow = {
  format: FLOW_FORMAT,
  title: 'Example',
  start: {
    scenario: 'ready',
    faults: ['no-gps'],
    centre: null,
    lang: 'en',
    theme: 'night',
    viewport: '1280x480',
    params: { cancelWindowMs: '5000' },
  },
  steps: [
    { action: { do: 'advance', ms: 5000 }, screen },
    { action: { do: 'sos', holdMs: 200 }, screen: { ...screen, tag: 'sos-cancel-flow' } },
    { action: { do: 'choose', label: 'Cancel call', via: 'controller' }, screen },
  ],
};

test('a flow is written one step a line and read back the same', () => {
  const text = serializeFlow(flow);
  const stepLines = text.split('\n').filter((l) => l.trimStart().startsWith('{"action"'));
  assert.equal(stepLines.length, flow.steps.length);
  assert.deepEqual(parseFlow(text), flow);
});

test('a malformed flow is refused with the step that is wrong', () => {
  assert.throws(() => parseFlow('{'), FlowFormatError);
  assert.throws(() => parseFlow(JSON.stringify({ ...flow, format: 'other' })), /format/);
  const bad = { ...flow, steps: [{ action: { do: 'choose', label: 'OK', via: 'mouse' }, screen }] };
  assert.throws(() => parseFlow(JSON.stringify(bad)), /step 1\.action: via/);
  const unknown = { ...flow, steps: [{ action: { do: 'teleport' }, screen }] };
  assert.throws(() => parseFlow(JSON.stringify(unknown)), /step 1\.action/);
});

test('a choice by controller takes the pushes that selected it', () => {
  let steps = appendStep([], { action: { do: 'push', direction: 'down' }, screen });
  steps = appendStep(steps, { action: { do: 'push', direction: 'down' }, screen });
  steps = appendStep(steps, { action: { do: 'choose', label: 'Close', via: 'controller' }, screen });
  assert.deepEqual(
    steps.map((s) => s.action.do),
    ['choose'],
  );
  // Time steps stay as they were done (each with its own screen).
  steps = appendStep(steps, { action: { do: 'advance', ms: 1000 }, screen });
  steps = appendStep(steps, { action: { do: 'advance', ms: 1000 }, screen });
  assert.equal(steps.length, 3);
});

test('the start opens on the manual clock with the flow’s scenario, faults, language and parameters', () => {
  const q = new URLSearchParams(startQuery(flow.start));
  assert.equal(q.get('clock'), 'manual');
  assert.equal(q.get('scenario'), 'ready');
  assert.equal(q.get('faults'), 'no-gps');
  assert.equal(q.get('cancelWindowMs'), '5000');
  // Another scenario (a step of the flow) starts with its own faults.
  assert.equal(new URLSearchParams(startQuery(flow.start, 'crash')).get('faults'), null);
});

test('the exporter knows the harness of every screen', () => {
  // Read from the source: the harnesses are browser-side code (Playwright locators, DOM types).
  const source = readFileSync(join(root, 'test', 'flows', 'harness', 'screens.ts'), 'utf8');
  const table = /export const SCREEN_HARNESSES = \{([^}]*)\}/.exec(source)?.[1] ?? '';
  const entries = [...table.matchAll(/'([a-z-]+)':\s*(\w+)/g)].map((m) => [m[1], m[2]]);
  assert.ok(entries.length > 10, 'SCREEN_HARNESSES found in test/flows/harness/screens.ts');
  assert.deepEqual(Object.fromEntries(entries), HARNESS_CLASSES);
});

test('the shipped flows read, and each exports as a test that type-checks with the harnesses', () => {
  const files = readdirSync(recordedDir).filter((f) => f.endsWith('.flow.json'));
  assert.ok(files.length >= 3, 'three recorded flows ship with the project');
  // Written beside the flows (their imports are relative to test/flows/recorded/), then removed.
  const dir = mkdtempSync(join(recordedDir, '.export-'));
  try {
    const written = files.map((f) => {
      const out = join(dir, f.replace('.flow.json', '.spec.ts'));
      const text = flowToPlaywrightTest(parseFlow(readFileSync(join(recordedDir, f), 'utf8')));
      // The export's imports are relative to test/flows/recorded/: one level up from the temp dir.
      writeFileSync(out, text.replaceAll('"../', '"../../').replaceAll('"./replay.js"', '"../replay.js"'));
      return out;
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'test', 'flows', 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) },
    );
    assert.ok(config);
    const program = ts.createProgram(written, { ...config.options, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
