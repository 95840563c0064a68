/**
 * A minimal W3C WebDriver (classic) client over `fetch`, enough to drive WPE WebKit through
 * `WPEWebDriver`: start the driver, open a session (with a deadline: a browser that dies at start
 * makes session creation hang), navigate, execute script, click an element, take a screenshot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The key W3C WebDriver uses for element references in JSON. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
export interface ElementRef {
  readonly [ELEMENT_KEY]: string;
}

export class WebDriverError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(`${error}: ${message}`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function call<T>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = (await response.json()) as { value: T | { error: string; message: string } };
  const value = json.value;
  if (!response.ok) {
    const e = value as { error?: string; message?: string };
    throw new WebDriverError(e.error ?? `HTTP ${response.status}`, e.message ?? '');
  }
  return value as T;
}

/** A WebDriver server process (`WPEWebDriver --port=…`). One session per process. */
export class DriverProcess {
  output = '';
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(binary: string, { timeoutMs = 10_000 } = {}): Promise<DriverProcess> {
    const port = await freePort();
    const child = spawn(binary, [`--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const driver = new DriverProcess(child, `http://127.0.0.1:${port}`);
    child.stdout!.on('data', (c: Buffer) => (driver.output += String(c)));
    child.stderr!.on('data', (c: Buffer) => (driver.output += String(c)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${binary} exited at start:\n${driver.output}`);
      try {
        await call('GET', `${driver.url}/status`, undefined, 1000);
        return driver;
      } catch {
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`${binary} did not answer /status within ${timeoutMs} ms:\n${driver.output}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const closed = new Promise((resolve) => this.child.once('close', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await closed;
    clearTimeout(timer);
  }
}

/** One browser session. */
export class Session {
  private constructor(
    private readonly base: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  /** New session; fails after `timeoutMs` instead of hanging when the browser cannot start. */
  static async create(driverUrl: string, capabilities: unknown, timeoutMs = 30_000): Promise<Session> {
    const value = await call<{ sessionId: string; capabilities: Record<string, unknown> }>(
      'POST',
      `${driverUrl}/session`,
      { capabilities },
      timeoutMs,
    );
    return new Session(`${driverUrl}/session/${value.sessionId}`, value.capabilities);
  }

  navigate(url: string): Promise<null> {
    return call('POST', `${this.base}/url`, { url });
  }

  /** Runs a function body (`return …`, with `arguments`) in the page; elements come back as refs. */
  execute<T>(body: string, args: readonly unknown[] = []): Promise<T> {
    return call('POST', `${this.base}/execute/sync`, { script: body, args });
  }

  click(element: ElementRef): Promise<null> {
    return call('POST', `${this.base}/element/${element[ELEMENT_KEY]}/click`, {});
  }

  /** PNG of the viewport. */
  async screenshot(): Promise<Buffer> {
    return Buffer.from(await call<string>('GET', `${this.base}/screenshot`), 'base64');
  }

  async delete(): Promise<void> {
    await call('DELETE', this.base, undefined, 10_000).catch(() => undefined);
  }
}
