import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext, OutputBundle } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';
import { FIRST_FRAME_FILE, fragmentOf } from './scripts/first-frame.mjs';
import { minifyLitTemplatesPlugin } from './scripts/minify-lit-templates.js';

/**
 * Content-Security-Policy of the built page (docs/security.md): scripts only from the page's own
 * origin, never inline; WebSocket only to a gateway on this machine. Styles allow inline because Lit
 * falls back to <style> elements on engines without constructable stylesheets (Safari < 16.4) and
 * a few templates set `style` attributes; a style cannot run script. Build only: Vite's dev server
 * injects an inline client script that this policy would (rightly) block.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The entry paints the shell first and then imports `src/app/system.ts` (machines, bridge, simulator)
 * and `src/screens/screens.ts` (the call screens and the Check Control message); `modulepreload` links
 * fetch both alongside the entry instead of after it, and the page's load event covers them
 * (docs/performance.md). The diagnosis chunk (`src/screens/diagnosis.ts`) is not preloaded: the shell
 * loads it when diagnosis is opened.
 */
const SHELL_FILE = fileURLToPath(new URL('./src/screens/app.ts', import.meta.url));
/** Name of the shell's chunk group (`shellChunk`). */
const SHELL_CHUNK = 'app';
/**
 * Preloaded chunks: the two groups below by name, the bundler's runtime (the shell and the machines
 * import it: unlisted, it was fetched only once the shell ran), the other screens by their module.
 */
const PRELOADED_GROUPS = [SHELL_CHUNK, 'system', 'rolldown-runtime'];
const PRELOADED_MODULES = ['/src/screens/screens.ts'];

/**
 * Modules of the `system` chunk: `src/app/system.ts` and its imports, and the bridges' shared base.
 * Not the modules under `src/machines/` that only the diagnosis pages import (the guides' steps, the
 * fault memory's export): they load with the diagnosis chunk.
 */
const SYSTEM_CHUNK =
  /\/src\/(app\/(system|assembleHmi|automation|services|transitionTrace|faultMemoryStore)|machines\/(?!model\/(guideSteps|faultLogExport)\.ts$).+|time\/[^/]+|bridge\/(bridgeBase|validation|commandTracker|commands|signals))\.ts$|\/node_modules\/(xstate|valibot)\//;

/**
 * Group of the shell chunk (`src/screens/app.ts`): every module the shell imports statically, except
 * the entry's own (loaded before it). Without it Rolldown splits Lit, the texts and the screen base off
 * the shell into a common chunk as soon as two lazy chunks (`screens`, `diagnosis`) share them with
 * it; with it they import those from the shell, which has always loaded before them. Not recursive:
 * the entry's modules that the shell imports stay in the entry.
 */
function shellChunk(id: string, ctx: ChunkingContext): string | null {
  let shell = shellModules.get(ctx);
  if (!shell) shellModules.set(ctx, (shell = findShellModules(ctx)));
  return shell.has(id) ? SHELL_CHUNK : null;
}
const shellModules = new WeakMap<ChunkingContext, ReadonlySet<string>>();

function findShellModules(ctx: ChunkingContext): ReadonlySet<string> {
  /** `from` and every module they import statically (or, `up`, that import them in any way). */
  const walk = (from: string[], up = false): Set<string> => {
    const seen = new Set<string>();
    for (let id = from.pop(); id !== undefined; id = from.pop()) {
      const m = ctx.getModuleInfo(id);
      if (seen.has(id) || !m) continue;
      seen.add(id);
      from.push(...(up ? [...m.importers, ...m.dynamicImporters] : m.importedIds));
    }
    return seen;
  };
  const entries = [...walk([SHELL_FILE], true)].filter((id) => ctx.getModuleInfo(id)?.isEntry);
  const loadedBefore = walk(entries);
  return new Set([...walk([SHELL_FILE])].filter((id) => !loadedBefore.has(id)));
}

function preloadLazyChunks(): Plugin {
  // The path the build is served under (`--base`; `/` for a head unit).
  let base = '/';
  return {
    name: 'sos-hmi-preload-lazy-chunks',
    apply: 'build',
    configResolved: (config) => {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        Object.values(ctx.bundle ?? {})
          .filter(
            (c) =>
              c.type === 'chunk' &&
              (PRELOADED_GROUPS.includes(c.name) ||
                PRELOADED_MODULES.some((m) => c.facadeModuleId?.endsWith(m))),
          )
          .map((chunk) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${chunk.fileName}` },
            injectTo: 'head' as const,
          })),
    },
  };
}

/**
 * V8's explicit compile hint: a chunk that starts with this comment has every function compiled on
 * the streaming thread while it downloads, instead of each one lazily on the main thread the first
 * time it runs (time to interactive, docs/performance.md). Engines that do not know it read a comment.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
/** Chunks whose code runs before the HMI can act: the entry, the preloaded ones and both vehicles. */
const START_MODULES = [...PRELOADED_MODULES, '/src/app/vissVehicle.ts', '/src/app/mockVehicle.ts'];

function compileHints(): Plugin {
  return {
    name: 'sos-hmi-compile-hints',
    apply: 'build',
    enforce: 'post',
    // After Vite's own (its preload helper puts a line at the top): the hint must be the first line.
    generateBundle: { order: 'post', handler: (_options, bundle) => addCompileHints(bundle) },
  };
}

/** Puts `COMPILE_HINT` first in every chunk that runs at start. */
function addCompileHints(bundle: OutputBundle): void {
  for (const chunk of Object.values(bundle)) {
    if (chunk.type !== 'chunk') continue;
    const atStart =
      chunk.isEntry ||
      PRELOADED_GROUPS.includes(chunk.name) ||
      START_MODULES.some((m) => chunk.facadeModuleId?.endsWith(m));
    if (!atStart) continue;
    chunk.code = COMPILE_HINT + chunk.code;
    // One line more at the top: the source map's generated lines move down by one (this late, the
    // map is already an asset of its own).
    const map = bundle[`${chunk.fileName}.map`];
    if (map?.type === 'asset' && typeof map.source === 'string') {
      const json = JSON.parse(map.source) as { mappings: string };
      map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
    } else if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
  }
}

/**
 * Puts the pre-rendered shell (`src/first-frame.html`, declarative shadow DOM made by
 * `npm run first-frame`) in place of the empty `<sos-app>`: the first frame paints with the HTML,
 * before the shell's code has loaded (docs/performance.md).
 */
function firstFrame(): Plugin {
  return {
    name: 'sos-hmi-first-frame',
    apply: 'build',
    transformIndexHtml: (html) => {
      const file = fileURLToPath(new URL(`./${FIRST_FRAME_FILE}`, import.meta.url));
      // Absent only while `npm run first-frame` makes it for the first time.
      if (!existsSync(file)) return html;
      const fragment = fragmentOf(readFileSync(file, 'utf8'));
      if (!html.includes('<sos-app></sos-app>'))
        throw new Error('index.html has no empty <sos-app> to pre-render');
      return html.replace('<sos-app></sos-app>', () => fragment);
    },
  };
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'sos-hmi-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Head units often run an older embedded engine (WPE WebKit 2.38 ≈ Safari 16): build for it, so no
 * class `static {}` block or other newer syntax survives (one kills the whole module silently there).
 * Decorators are legacy (`experimentalDecorators` in tsconfig.json): the only kind Vite lowers.
 */
export default defineConfig(({ command, mode }) => ({
  // The designer workbench is compiled in for the dev server and `vite build --mode designer`
  // (`npm run build:designer`, to dist-designer/); the head-unit build drops it as dead code.
  define: {
    __SOS_DESIGNER__: JSON.stringify(command === 'serve' || mode === 'designer'),
    // `SOS_REHEARSAL=off` builds the HMI without its start-up rehearsal, to measure what it gains.
    __SOS_REHEARSAL__: JSON.stringify(process.env.SOS_REHEARSAL !== 'off'),
  },
  plugins: [
    contentSecurityPolicy(),
    firstFrame(),
    preloadLazyChunks(),
    compileHints(),
    minifyLitTemplatesPlugin(),
  ],
  build: {
    target: ['es2020', 'safari16', 'chrome100', 'firefox100'],
    sourcemap: true,
    // Lit + xstate + the screens are well under this; a bigger bundle means something crept in.
    chunkSizeWarningLimit: 250,
    rolldownOptions: {
      output: {
        // The machines and what both vehicle links share (validation, command tracking) form one chunk:
        // fewer, larger gzip streams compress better than many small ones (docs/performance.md). The
        // shell keeps what the lazy screen chunks share with it (`shellChunk`).
        codeSplitting: {
          groups: [
            { name: 'system', test: SYSTEM_CHUNK, priority: 2 },
            { name: shellChunk, debugName: SHELL_CHUNK, priority: 1, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
}));
