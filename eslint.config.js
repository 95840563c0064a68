/**
 * Lint for sos-hmi (ESLint flat config). Besides the usual checks it enforces the layering of
 * docs/architecture.md: every layer rule is a `no-restricted-*` entry whose message starts with
 * "Layer rule:" and names the rule that was broken. Folders are matched by pattern, so new files
 * are covered without touching this file. test/unit/lint.layers.test.ts proves each rule fires.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

const SEE = '(see docs/architecture.md)';

/** Rules that need type information (src/ only); tests that lint snippets switch these off. */
export const TYPE_AWARE_RULES = [
  '@typescript-eslint/no-unsafe-argument',
  '@typescript-eslint/no-unsafe-assignment',
  '@typescript-eslint/no-unsafe-call',
  '@typescript-eslint/no-unsafe-member-access',
  '@typescript-eslint/no-unsafe-return',
  '@typescript-eslint/no-floating-promises',
  '@typescript-eslint/no-misused-promises',
];

/**
 * One `no-restricted-imports` entry: `regex` is matched against the import specifier as written
 * (`'../bridge/mockBridge.js'`, `'xstate'`), so relative and bare imports are both caught.
 */
const ban = (regex, message, allowTypeImports = false) => ({
  regex,
  message: `${message} ${SEE}`,
  ...(allowTypeImports ? { allowTypeImports: true } : {}),
});

/** Node-only modules: never in the browser bundle (src/**). */
const NODE_ONLY = [
  ban(
    '^node:',
    'Layer rule: Node built-ins never reach the browser bundle — src/ runs in the head unit browser; Node code belongs in gateway/.',
  ),
  ban(
    '^(fs|path|os|net|http|https|child_process|crypto|url|util|events|stream|worker_threads|dgram|tls|zlib)(/.*)?$',
    'Layer rule: Node built-ins never reach the browser bundle — src/ runs in the head unit browser; Node code belongs in gateway/.',
  ),
  ban(
    '^(ws|candied)(/.*)?$',
    'Layer rule: Node-only packages (ws server, CAN decoding) never reach the browser bundle — they belong in gateway/.',
  ),
  ban(
    '(^|/)gateway(/|$)',
    'Layer rule: src/ never imports gateway/ — the gateway is Node code; the browser reaches it only through a VehicleBridge.',
  ),
];

/** Browser-side DOM and timer globals a pure layer (machines, simulator) must not touch. */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'customElements',
  'HTMLElement',
  'Element',
  'Node',
  'Event',
  'CustomEvent',
  'EventTarget',
  'ShadowRoot',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'matchMedia',
  'getComputedStyle',
  'alert',
];
/** Wall-clock timers: behaviour runs on the injected SimulatedClock, never on real time. */
const WALL_CLOCK_GLOBALS = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'];

const restrictGlobals = (names, message) => names.map((name) => ({ name, message: `${message} ${SEE}` }));

/** Imports of the rendering layers (Lit, screens, components, styles, app) from a pure layer. */
const UI_IMPORTS = (layer) => [
  ban(
    '^(lit|@lit/.+|lit-html|lit-element)(/.*)?$',
    `Layer rule: ${layer} never touches the DOM — no lit; rendering belongs in src/screens and src/components.`,
  ),
  ban(
    '(^|/)(screens|components|styles|app)/',
    `Layer rule: ${layer} never imports src/screens, src/components, src/styles or src/app — data flows from the vehicle to the screens, not back.`,
  ),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
      'public/**',
      'bench/results/**',
      // Dot files and folders at the root are tool state and scratch, not part of the product.
      '.*',
      '.*/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // tsc (noUnusedLocals/Parameters) already reports these, with the same meaning.
      '@typescript-eslint/no-unused-vars': 'off',
      // TypeScript resolves names itself; ESLint's no-undef does not know type-only globals.
      'no-undef': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: {
      // One report per finding: the typescript-eslint rule (from the recommended set) covers JS too.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },

  // "No any left": tsc cannot see an `any` that arrives from a library (xstate's system.get()),
  // these type-aware rules can. Browser code only, so the lint stays fast (src is one tsconfig).
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: Object.fromEntries(TYPE_AWARE_RULES.map((rule) => [rule, 'error'])),
  },

  // ── Browser code ──────────────────────────────────────────────────────────────────────────────
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/components/**', 'src/screens/**', 'src/machines/**', 'src/sim/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: NODE_ONLY }] },
  },
  {
    files: ['src/components/**/*.ts', 'src/screens/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/screens/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },

  // src/components: presentational — properties in, events out.
  {
    files: ['src/components/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NODE_ONLY,
            ban(
              '^(xstate|@xstate/.+)(/.*)?$',
              'Layer rule: src/components must not import xstate — components are presentational: properties in, events out.',
            ),
            ban(
              '(^|/)bridge/',
              'Layer rule: src/components must not import src/bridge — components never talk to the vehicle.',
            ),
            ban(
              '(^|/)machines/(?!views\\.js$)',
              'Layer rule: src/components must not import src/machines — only types from src/machines/views.ts (import type) are allowed.',
            ),
            ban(
              '(^|/)machines/views\\.js$',
              'Layer rule: src/components may import only types from src/machines/views.ts — use `import type`.',
              true,
            ),
            ban(
              '(^|/)(sim|app|screens)/',
              'Layer rule: src/components must not import src/sim, src/app or src/screens — components are presentational parts used by screens.',
            ),
          ],
        },
      ],
    },
  },

  // src/screens: render view models, send user.* events; never a transport.
  {
    files: ['src/screens/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NODE_ONLY,
            ban(
              '(^|/)bridge/(?!(signals|commands|vehicleBridge)\\.js$)',
              'Layer rule: src/screens never import a transport or bridge implementation — screens get data from machine snapshots and send user.* events.',
            ),
            ban(
              '(^|/)bridge/(signals|commands|vehicleBridge)\\.js$',
              'Layer rule: src/screens may import only types from the bridge contracts — use `import type`.',
              true,
            ),
            ban(
              '(^|/)(sim|app)/',
              'Layer rule: src/screens never import src/sim or src/app — the composition root hands screens their services (hmiContext).',
            ),
          ],
        },
      ],
    },
  },

  // src/machines: all behaviour, pure — no DOM, no wall-clock timers.
  {
    files: ['src/machines/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          DOM_GLOBALS,
          'Layer rule: src/machines never touch the DOM — machines are pure and run in Node tests and the gateway.',
        ),
        ...restrictGlobals(
          WALL_CLOCK_GLOBALS,
          'Layer rule: src/machines use XState delays on the actor clock, never wall-clock timers.',
        ),
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NODE_ONLY,
            ...UI_IMPORTS('src/machines'),
            ban(
              '(^|/)sim/',
              'Layer rule: src/machines never import src/sim — machines learn about the vehicle only through bridge.* events.',
            ),
            ban(
              '(^|/)bridge/(?!(signals|commands|vehicleBridge)\\.js$)',
              'Layer rule: src/machines never hold the bridge — they see the bridge contracts only (signals, commands, vehicleBridge types).',
            ),
          ],
        },
      ],
    },
  },

  // src/sim: vehicle and call-centre model — pure TypeScript, no DOM, no XState.
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          DOM_GLOBALS,
          'Layer rule: src/sim never touches the DOM — the simulator is pure and also runs in the Node gateway.',
        ),
        ...restrictGlobals(
          WALL_CLOCK_GLOBALS,
          'Layer rule: src/sim runs on the injected SimulatedClock (clock.setTimeout), never wall-clock timers.',
        ),
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NODE_ONLY,
            ...UI_IMPORTS('src/sim'),
            ban(
              '^(xstate|@xstate/.+)(/.*)?$',
              'Layer rule: src/sim must not import xstate — the simulator is plain TypeScript on the SimulatedClock.',
            ),
            ban(
              '(^|/)machines/',
              'Layer rule: src/sim never imports src/machines — the vehicle does not know the HMI.',
            ),
          ],
        },
      ],
    },
  },

  // ── Node code ─────────────────────────────────────────────────────────────────────────────────
  {
    files: ['gateway/**/*.ts', 'scripts/**', 'test/unit/**', 'test/e2e/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(
              '^(lit|@lit/.+)(/.*)?$|(^|/)(screens|components|styles|app)/',
              'Layer rule: gateway/ is Node code — it may reuse src/sim, src/bridge contracts and src/machines, never the Lit UI.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Playwright reads fixture dependencies from the destructured first argument: `async ({}, use)`.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Benchmarks: page scripts run in the browser; the Node driver passes callbacks to page.evaluate().
    files: ['bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/components/**', 'test/harness/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
    // Chai property assertions (`expect(x).to.be.true`) are expressions by design.
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
