#!/usr/bin/env node
/**
 * Type-checks Lit templates: `node scripts/lit-analyzer.mjs [files…]` (default: src). One place
 * for the rules, shared by the test command's lint stage and the test that proves they fire.
 * Exit code 0 when there is no problem (warnings count too).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const LIT_ANALYZER_ARGS = [
  '--strict',
  '--format',
  'list',
  '--noColor',
  '--maxWarnings',
  '0',
  // An element the templates use but nothing defines, or one defined but not imported: errors.
  '--rules.no-unknown-tag-name',
  'error',
  '--rules.no-missing-import',
  'error',
  '--rules.no-incompatible-property-type',
  'error',
  '--rules.no-incompatible-type-binding',
  'error',
  // Its bundled CSS parser (2020) misreads composed `${focusRing}` fragments and newer properties
  // such as color-scheme; CSS is checked in the browser tests instead.
  '--rules.no-invalid-css',
  'off',
];

const files = process.argv.slice(2);
const child = spawn(
  join(root, 'node_modules', '.bin', 'lit-analyzer'),
  [...(files.length ? files : ['src']), ...LIT_ANALYZER_ARGS],
  {
    stdio: 'inherit',
  },
);
child.on('close', (code) => process.exit(code ?? 1));
