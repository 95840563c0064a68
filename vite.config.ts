import { defineConfig } from 'vite';

/**
 * Head units often run an older embedded engine (WPE WebKit 2.38 ≈ Safari 16): build for it, so no
 * class `static {}` block or other newer syntax survives (one kills the whole module silently there).
 * Decorators are legacy (`experimentalDecorators` in tsconfig.json): the only kind Vite lowers.
 */
export default defineConfig({
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
