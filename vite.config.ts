import { defineConfig, type Plugin } from 'vite';

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
export default defineConfig({
  plugins: [contentSecurityPolicy()],
  build: {
    target: ['es2020', 'safari16', 'chrome100', 'firefox100'],
    sourcemap: true,
    // Lit + xstate + the screens are well under this; a bigger bundle means something crept in.
    chunkSizeWarningLimit: 250,
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
});
