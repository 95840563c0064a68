/**
 * What the screenshot scripts share (`npm run gallery`, scripts/storyboard.ts): build the head-unit
 * app with Vite into a folder of their own, and serve it with `vite preview` on a free-ish port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
const vite = join(root, 'node_modules', '.bin', 'vite');

/** A port the scripts serve on (random, so two can run at once). */
export function randomPort(): number {
  return 5000 + Math.floor(Math.random() * 900) + 100;
}

/** Runs a command in the project, its output on ours; rejects on a non-zero exit. */
export function run(cmd: string, cmdArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

/** Builds the head-unit app (`vite build`) into `outDir`. */
export function buildApp(outDir: string): Promise<void> {
  return run(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);
}

/** Serves a build with `vite preview` on `port`; resolves once it answers. Kill the child to stop. */
export async function serveBuild(outDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    vite,
    ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('vite preview did not start');
}
