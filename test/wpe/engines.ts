/**
 * The engine matrix: one small driver interface, two implementations — Debian's Chromium through
 * Playwright and WPE WebKit through WPEWebDriver (`webdriver.ts`) — so the very same smoke flows run
 * in both. Page scripts are plain function bodies (WebDriver's `execute/sync` shape, `arguments`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type ElementHandle, type Page } from 'playwright';
import { CHROMIUM_FLAGS } from '../../scripts/find-chromium.mjs';
import type { WpeBrowser } from '../../scripts/find-wpe.mjs';
import { DriverProcess, Session, type ElementRef } from './webdriver.js';

export interface Engine {
  readonly name: 'chromium' | 'wpe';
  /** Opens a URL and waits until the document has loaded. */
  open(url: string): Promise<void>;
  /** Runs a function body in the page (`arguments[i]`), returns its JSON result. */
  run<T>(body: string, ...args: unknown[]): Promise<T>;
  /** Clicks the visible button with exactly this text, like a finger would (pointer input). */
  click(label: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Page-side helpers: every element matching a selector, shadow roots included; visibility. */
export const DEEP = `
  const deepAll = (root, sel, out) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(sel)) out.push(el);
      if (el.shadowRoot) deepAll(el.shadowRoot, sel, out);
    }
    return out;
  };
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
`;

const FIND_BUTTON = `${DEEP}
  return deepAll(document, 'button', []).find((b) => visible(b) && text(b) === arguments[0]) || null;`;

function save(path: string, png: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
}

/** Chromium (Debian's) through Playwright. Viewport as WPE's headless MiniBrowser, for comparable pictures. */
export async function startChromium(executablePath: string, viewport = { width: 1280, height: 720 }) {
  const browser: Browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS] });
  const page: Page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const engine: Engine & { errors: string[] } = {
    name: 'chromium',
    errors,
    open: async (url) => {
      await page.goto(url);
    },
    run: <T>(body: string, ...args: unknown[]) =>
      // A string expression: evaluated by the DevTools protocol, not subject to the page's CSP.
      page.evaluate(`(function () { ${body} }).apply(null, ${JSON.stringify(args)})`) as Promise<T>,
    click: async (label) => {
      const handle = await page.evaluateHandle(
        `(function () { ${FIND_BUTTON} }).apply(null, ${JSON.stringify([label])})`,
      );
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (!element) throw new Error(`no visible button "${label}"`);
      await element.click();
    },
    screenshot: async (path) => save(path, await page.screenshot()),
    close: () => browser.close(),
  };
  return engine;
}

/** WPE WebKit through WPEWebDriver, headless (no display needed). */
export async function startWpe(driverBinary: string, browser: WpeBrowser): Promise<Engine> {
  const driver = await DriverProcess.start(driverBinary);
  let session: Session;
  try {
    session = await Session.create(
      driver.url,
      { alwaysMatch: { 'wpe:browserOptions': { binary: browser.binary, args: browser.args } } },
      30_000,
    );
  } catch (error) {
    await driver.stop();
    throw new Error(
      `WPE session did not start (${error instanceof Error ? error.message : String(error)}):\n${driver.output}`,
      { cause: error },
    );
  }
  return {
    name: 'wpe',
    open: async (url) => {
      await session.navigate(url);
    },
    run: <T>(body: string, ...args: unknown[]) => session.execute<T>(body, args),
    click: async (label) => {
      const element = await session.execute<ElementRef | null>(FIND_BUTTON, [label]);
      if (!element) throw new Error(`no visible button "${label}"`);
      await session.click(element);
    },
    screenshot: async (path) => save(path, await session.screenshot()),
    close: async () => {
      await session.delete();
      await driver.stop();
    },
  };
}

/** Polls `probe` until it returns a truthy value; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  { timeoutMs = 5000, intervalMs = 50 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
