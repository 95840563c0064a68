/**
 * The layering of docs/architecture.md is enforced by ESLint (eslint.config.js): each rule below is
 * proven to fail on a small violating snippet with a message naming the broken layer rule, and to
 * pass the allowed form. Lit templates are proven to be type-checked by lit-analyzer.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Snippets are not files of the project, so the type-aware rules (they need one) are off here. */
async function linter(): Promise<ESLint> {
  const config = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as {
    TYPE_AWARE_RULES: readonly string[];
  };
  return new ESLint({
    cwd: root,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parserOptions: { projectService: false } },
        rules: Object.fromEntries(config.TYPE_AWARE_RULES.map((rule) => [rule, 'off'])),
      },
    ],
  });
}

const eslint = await linter();

/** Lints `code` as if it were the file at `filePath`; returns the layer-rule messages. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  assert.ok(result);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'the snippet must parse');
  return result.messages.filter((m) => m.message.includes('Layer rule:')).map((m) => m.message);
}

async function assertBroken(filePath: string, code: string, expected: RegExp): Promise<void> {
  const errors = await layerErrors(filePath, code);
  assert.ok(
    errors.some((e) => expected.test(e)),
    `expected a layer error matching ${expected} in ${filePath}, got:\n${errors.join('\n') || '(none)'}`,
  );
}

async function assertAllowed(filePath: string, code: string): Promise<void> {
  assert.deepEqual(await layerErrors(filePath, code), [], `${filePath} should be allowed`);
}

describe('layer rules (eslint.config.js)', () => {
  test('src/components must not import xstate', () =>
    assertBroken(
      'src/components/probe/probe.ts',
      "import { createActor } from 'xstate';\nexport const a = createActor;\n",
      /Layer rule: src\/components must not import xstate — components are presentational/,
    ));

  test('src/components must not import src/bridge, not even its types', () =>
    assertBroken(
      'src/components/probe/internal/probe.ts',
      "import type { LedState } from '../../../bridge/commands.js';\nexport type L = LedState;\n",
      /Layer rule: src\/components must not import src\/bridge/,
    ));

  test('src/components may import only types from src/machines/views.ts', async () => {
    await assertBroken(
      'src/components/probe/probe.ts',
      "import { selectStatusView } from '../../machines/selectors.js';\nexport const a = selectStatusView;\n",
      /Layer rule: src\/components must not import src\/machines/,
    );
    await assertBroken(
      'src/components/probe/probe.ts',
      "import { DEFAULT_VIEW } from '../../machines/views.js';\nexport const a = DEFAULT_VIEW;\n",
      /Layer rule: src\/components may import only types from src\/machines\/views\.ts/,
    );
    await assertAllowed(
      'src/components/probe/probe.ts',
      "import type { SosLevel } from '../../machines/views.js';\nexport type L = SosLevel;\n",
    );
  });

  test('src/components must not import the simulator or the composition root', () =>
    assertBroken(
      'src/components/probe/probe.ts',
      "import { createHmi } from '../../app/createHmi.js';\nexport const a = createHmi;\n",
      /Layer rule: src\/components must not import src\/sim, src\/app or src\/screens/,
    ));

  test('src/screens never import a transport or bridge implementation', async () => {
    await assertBroken(
      'src/screens/probe-screen.ts',
      "import { MockBridge } from '../bridge/mockBridge.js';\nexport const a = MockBridge;\n",
      /Layer rule: src\/screens never import a transport or bridge implementation/,
    );
    await assertBroken(
      'src/screens/diagnostics/probe.ts',
      "import { VissBridge } from '../../bridge/vissBridge.js';\nexport const a = VissBridge;\n",
      /Layer rule: src\/screens never import a transport or bridge implementation/,
    );
    await assertBroken(
      'src/screens/probe-screen.ts',
      "import { VehicleSimulator } from '../sim/vehicleSimulator.js';\nexport const a = VehicleSimulator;\n",
      /Layer rule: src\/screens never import src\/sim or src\/app/,
    );
    await assertBroken(
      'src/screens/probe-screen.ts',
      "import WebSocket from 'ws';\nexport const a = WebSocket;\n",
      /Layer rule: Node-only packages .* never reach the browser bundle/,
    );
    await assertAllowed(
      'src/screens/probe-screen.ts',
      "import type { VehicleCommand } from '../bridge/commands.js';\nimport type { CallView } from '../machines/views.js';\nexport type C = [VehicleCommand, CallView];\n",
    );
  });

  test('src/machines never touch the DOM or wall-clock timers', async () => {
    await assertBroken(
      'src/machines/probeMachine.ts',
      'export const title = () => document.title;\n',
      /Layer rule: src\/machines never touch the DOM/,
    );
    await assertBroken(
      'src/machines/probeMachine.ts',
      "export const saved = () => localStorage.getItem('x') ?? window.name;\n",
      /Layer rule: src\/machines never touch the DOM/,
    );
    await assertBroken(
      'src/machines/probeMachine.ts',
      "export const define = () => customElements.get('sos-app');\n",
      /Layer rule: src\/machines never touch the DOM/,
    );
    await assertBroken(
      'src/machines/probeMachine.ts',
      "import { html } from 'lit';\nexport const a = html;\n",
      /Layer rule: src\/machines never touches the DOM — no lit/,
    );
    await assertBroken(
      'src/machines/probeMachine.ts',
      'export const later = (f: () => void) => setTimeout(f, 1000);\n',
      /Layer rule: src\/machines use XState delays on the actor clock/,
    );
    await assertBroken(
      'src/machines/probeMachine.ts',
      "import { MockBridge } from '../bridge/mockBridge.js';\nexport const a = MockBridge;\n",
      /Layer rule: src\/machines never hold the bridge/,
    );
  });

  test('src/machines/model is pure: no xstate, no machine, no selectors or views', async () => {
    const file = 'src/machines/model/probe.ts';
    for (const code of [
      "import { setup } from 'xstate';\nexport const a = setup;\n",
      "import type { AnyActorRef } from 'xstate';\nexport type A = AnyActorRef;\n",
      "import { statusMachine } from '../statusMachine.js';\nexport const a = statusMachine;\n",
      "import { selectCallView } from '../selectors.js';\nexport const a = selectCallView;\n",
      "import type { CallView } from '../views.js';\nexport type A = CallView;\n",
    ])
      await assertBroken(file, code, /Layer rule: src\/machines\/model is pure/);
    // The machine folder's own rules still hold there.
    await assertBroken(
      file,
      "import { MockBridge } from '../../bridge/mockBridge.js';\nexport const a = MockBridge;\n",
      /Layer rule: src\/machines never hold the bridge/,
    );
    await assertBroken(
      file,
      'export const title = () => document.title;\n',
      /Layer rule: src\/machines never touch the DOM/,
    );
    await assertAllowed(
      file,
      "import type { GnssSignal } from '../../bridge/signals.js';\nimport type { BridgeMachineEvent } from '../events.js';\nimport { CAUSE_TABLE } from './causes.js';\nexport type A = [GnssSignal, BridgeMachineEvent, typeof CAUSE_TABLE];\n",
    );
    // A machine may still use selectors and views; only the model is held to this.
    await assertAllowed(
      'src/machines/probeMachine.ts',
      "import { setup } from 'xstate';\nimport type { CallView } from './views.js';\nexport const a = setup;\nexport type A = CallView;\n",
    );
  });

  test('src/sim is pure: no DOM, no xstate, no UI', async () => {
    await assertBroken(
      'src/sim/probe.ts',
      "import { setup } from 'xstate';\nexport const a = setup;\n",
      /Layer rule: src\/sim must not import xstate/,
    );
    await assertBroken(
      'src/sim/probe.ts',
      'export const width = () => window.innerWidth;\n',
      /Layer rule: src\/sim never touches the DOM/,
    );
    await assertBroken(
      'src/sim/probe.ts',
      "import { texts } from '../screens/texts.js';\nexport const a = texts;\n",
      /Layer rule: src\/sim never imports src\/screens/,
    );
  });

  test('Node-only modules never reach the browser bundle, in any src folder', async () => {
    for (const file of ['src/app/probe.ts', 'src/bridge/probe.ts', 'src/newFolder/probe.ts', 'src/main.ts']) {
      await assertBroken(
        file,
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
        /Layer rule: Node built-ins never reach the browser bundle/,
      );
      await assertBroken(
        file,
        "import { start } from '../gateway/server.js';\nexport const a = start;\n",
        /Layer rule: src\/ never imports gateway\//,
      );
    }
    await assertBroken(
      'src/bridge/probe.ts',
      "import { Can } from 'candied';\nexport const a = Can;\n",
      /Layer rule: Node-only packages/,
    );
  });

  test('gateway/ is Node code and never imports the Lit UI', async () => {
    await assertBroken(
      'gateway/probe.ts',
      "import { html } from 'lit';\nexport const a = html;\n",
      /Layer rule: gateway\/ is Node code/,
    );
    await assertAllowed(
      'gateway/probe.ts',
      "import { readFileSync } from 'node:fs';\nimport { VehicleSimulator } from '../src/sim/vehicleSimulator.js';\nexport const a = [readFileSync, VehicleSimulator];\n",
    );
  });

  test('any is an error', async () => {
    const [result] = await eslint.lintText('export const a = (x: any) => x;\n', {
      filePath: join(root, 'src/app/probe.ts'),
    });
    assert.ok(result?.messages.some((m) => m.ruleId === '@typescript-eslint/no-explicit-any'));
  });
});

describe('Lit templates are type-checked (lit-analyzer)', () => {
  test('an unknown element and a wrong property type fail', () => {
    // Outside the repository, so no concurrent lint or format run sees it; node_modules linked in.
    const dir = mkdtempSync(join(tmpdir(), 'sos-hmi-lit-'));
    try {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'bundler',
            experimentalDecorators: true,
            useDefineForClassFields: false,
            strict: true,
            skipLibCheck: true,
            noEmit: true,
          },
          include: ['*.ts'],
        }),
      );
      writeFileSync(
        join(dir, 'probe.ts'),
        [
          "import { LitElement, html, type TemplateResult } from 'lit';",
          "import { customElement, property } from 'lit/decorators.js';",
          "@customElement('probe-known')",
          'export class ProbeKnown extends LitElement {',
          '  @property({ type: Number }) count = 0;',
          '}',
          'declare global {',
          "  interface HTMLElementTagNameMap { 'probe-known': ProbeKnown; }",
          '}',
          "export const view = (): TemplateResult => html`<probe-known .count=${'three'}></probe-known><probe-unknown></probe-unknown>`;",
          '',
        ].join('\n'),
      );
      const run = spawnSync(process.execPath, [join(root, 'scripts', 'lit-analyzer.mjs'), 'probe.ts'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const output = `${run.stdout}${run.stderr}`;
      assert.notEqual(run.status, 0, output);
      assert.match(output, /Unknown tag <probe-unknown>/);
      assert.match(output, /Type '"three"' is not assignable to 'number'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
