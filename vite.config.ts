import { existsSync, readFileSync } from 'node:fs';
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
 * and `src/screens/screens.ts` (every other screen); `modulepreload` links fetch both alongside the
 * entry instead of after it, and the page's load event covers them (docs/performance.md).
 */
const PRELOADED = ['/src/screens/app.ts', '/src/app/system.ts', '/src/screens/screens.ts'];

/** Modules of the `system` chunk: `src/app/system.ts` and its imports, and the bridges' shared base. */
const SYSTEM_CHUNK =
  /\/src\/(app\/(system|assembleHmi|automation|services|transitionTrace|faultMemoryStore)|machines\/[^/]+|time\/[^/]+|bridge\/(bridgeBase|validation|commandTracker|commands|signals))\.ts$|\/node_modules\/(xstate|valibot)\//;

function preloadLazyChunks(): Plugin {
  return {
    name: 'sos-hmi-preload-lazy-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        Object.values(ctx.bundle ?? {})
          .filter(
            (c) =>
              c.type === 'chunk' &&
              (c.name === 'system' || PRELOADED.some((m) => c.facadeModuleId?.endsWith(m))),
          )
          .map((chunk) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head' as const,
          })),
    },
  };
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
      if (!existsSync(FIRST_FRAME_FILE)) return html;
      const fragment = fragmentOf(readFileSync(FIRST_FRAME_FILE, 'utf8'));
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
  define: { __SOS_DESIGNER__: JSON.stringify(command === 'serve' || mode === 'designer') },
  plugins: [contentSecurityPolicy(), firstFrame(), preloadLazyChunks(), minifyLitTemplatesPlugin()],
  build: {
    target: ['es2020', 'safari16', 'chrome100', 'firefox100'],
    sourcemap: true,
    // Lit + xstate + the screens are well under this; a bigger bundle means something crept in.
    chunkSizeWarningLimit: 250,
    rolldownOptions: {
      output: {
        // The machines and what both vehicle links share (validation, command tracking) form one chunk:
        // fewer, larger gzip streams compress better than many small ones (docs/performance.md).
        advancedChunks: {
          groups: [{ name: 'system', test: SYSTEM_CHUNK }],
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
