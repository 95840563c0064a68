/**
 * Builds what the benchmark serves: the HMI's production bundle (`vite build`, exactly as shipped)
 * and the two baseline pages (esbuild, minified, production React) around the HMI's captured screens,
 * each into its own folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { pageHtml, rawPage, reactData } from './capture.mjs';

/** Same browser baseline as vite.config.ts (WPE WebKit 2.38 ≈ Safari 16). */
const TARGET = ['es2020', 'safari16', 'chrome100', 'firefox100'];

/**
 * `vite build` into `outDir`. `base`: the path it is served under (default `/`); `env`: build
 * switches, e.g. `{ SOS_REHEARSAL: 'off' }` for the HMI without its start-up rehearsal.
 */
export function buildApp(root, outDir, { base = '/', env = {} } = {}) {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(
    vite,
    ['build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--base', base, '--logLevel', 'warn'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The two baseline pages, from the HMI's captured screens (`captureHmiStates`, bench/lib/capture.mjs):
 * their HTML around the same `<sos-app>`, and their code with the screens as the module
 * `bench:screens` — the raw page's patches, or the React page's trees.
 */
export async function buildBaselines(root, outDir, captured) {
  const raw = rawPage(captured, 'baseline: raw');
  const pages = {
    raw: {
      entry: 'bench/baselines/raw-dom/main.ts',
      html: raw.html,
      screens: { patches: raw.patches, whole: raw.whole, focus: raw.focus },
    },
    react: {
      entry: 'bench/baselines/react/main.tsx',
      html: pageHtml(captured, 'baseline: react', '<div id="root"></div>'),
      screens: reactData(captured),
    },
  };
  for (const [name, page] of Object.entries(pages)) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    const screens = JSON.stringify(page.screens);
    await esbuild({
      entryPoints: [join(root, page.entry)],
      outfile: join(dir, 'main.js'),
      bundle: true,
      minify: true,
      format: 'esm',
      target: TARGET,
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      legalComments: 'none',
      plugins: [
        {
          name: 'bench-screens',
          setup(b) {
            b.onResolve({ filter: /^bench:screens$/ }, () => ({
              path: 'screens',
              namespace: 'bench-screens',
            }));
            b.onLoad({ filter: /.*/, namespace: 'bench-screens' }, () => ({
              contents: screens,
              loader: 'json',
            }));
          },
        },
      ],
    });
    writeFileSync(join(dir, 'index.html'), page.html);
  }
  return Object.fromEntries(Object.keys(pages).map((name) => [name, join(outDir, name)]));
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

function jsFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Raw and gzip (level 9) bytes of every JavaScript chunk of the build. A chunk is designer code when
 * the manifest says it comes from `src/designer/` (the designer workbench never ships to a car).
 */
export function measureBundle(outDir) {
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const sourceOf = new Map(Object.values(manifest).map((entry) => [entry.file, entry]));
  const chunks = jsFiles(outDir).map((file) => {
    const buf = readFileSync(file);
    const rel = relative(outDir, file);
    const entry = sourceOf.get(rel);
    const src = entry?.src ?? entry?.name ?? null;
    const designer = /(^|\/)designer(\/|\.|-)/.test(src ?? '') || /(^|\/)designer[-.]/.test(rel);
    return { file: rel, source: src, entry: !!entry?.isEntry, designer, raw: buf.length, gzip: gz(buf) };
  });
  const shipped = chunks.filter((c) => !c.designer);
  // What the entry imports statically is evaluated before the first frame (docs/performance.md).
  const entry = Object.values(manifest).find((e) => e.isEntry);
  const entryStaticImports = (entry?.imports ?? []).map((key) => manifest[key]?.file ?? key);
  const sum = (list, key) => list.reduce((a, c) => a + c[key], 0);
  return {
    chunks,
    entryStaticImports,
    shipped: { raw: sum(shipped, 'raw'), gzip: sum(shipped, 'gzip') },
    designer: {
      raw: sum(chunks, 'raw') - sum(shipped, 'raw'),
      gzip: sum(chunks, 'gzip') - sum(shipped, 'gzip'),
    },
  };
}

/** Bytes of a baseline page's single bundle. */
export function measureBaseline(dir) {
  const buf = readFileSync(join(dir, 'main.js'));
  return { raw: buf.length, gzip: gz(buf), size: statSync(join(dir, 'main.js')).size };
}
