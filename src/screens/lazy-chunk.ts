/**
 * A chunk loaded on demand that can be tried again after it failed to load. A browser keeps a module
 * that failed to load as failed for the life of the page: the same `import()` rejects at once, without
 * a request (Chromium; the HTML module map). So a retry imports the chunk from its URL with a query
 * of its own: a fresh module for the chunk, while the chunks it imports (already loaded) stay the
 * same instances. The URL is the one the failure named (Chromium and Firefox put it in the error), or
 * the one of a `modulepreload` link the build's preload helper added for the chunk; without either
 * (the dev server, tests, an engine that names no URL) a retry is a plain import again.
 *
 * `chunk` is the chunk's name, the start of its file name (`call-conversation` for
 * `assets/call-conversation-<hash>.js`).
 */
import type { ReactiveControllerHost } from 'lit';

export function lazyChunk<T>(load: () => Promise<T>, chunk: string): () => Promise<T> {
  let failures = 0;
  let url: string | undefined;
  const isChunk = (href: string | undefined): href is string =>
    href !== undefined && new URL(href, document.baseURI).pathname.includes(`/${chunk}-`);
  return async () => {
    try {
      return url ? ((await import(/* @vite-ignore */ `${url}?retry=${failures}`)) as T) : await load();
    } catch (error) {
      failures++;
      const named =
        error instanceof Error ? /\bhttps?:\/\/[^\s'"?#]+\.js\b/.exec(error.message)?.[0] : undefined;
      const link = document.querySelector<HTMLLinkElement>(
        `link[rel="modulepreload"][href*="/${chunk}-"]`,
      )?.href;
      url ??= isChunk(named) ? named : isChunk(link) ? link : undefined;
      throw error;
    }
  };
}

/**
 * Asks whether an element of a chunk loaded on demand is defined, as a screen renders: true once
 * `tag` is defined. Before that it starts loading the chunk (once, however many screens ask) and
 * returns false, so the screen renders as if without the element (never an undefined, empty one);
 * every screen that asked renders again when the chunk is in. If it cannot load, the last asker's
 * `failed` says so (and closes what needed it); the next ask loads it again.
 */
export function lazyElement(
  tag: string,
  load: () => Promise<unknown>,
): (host: ReactiveControllerHost, failed: (error: unknown) => void) => boolean {
  let loading = false;
  const waiting = new Set<ReactiveControllerHost>();
  let onFailure: (error: unknown) => void = () => {};
  return (host, failed) => {
    if (customElements.get(tag)) return true;
    waiting.add(host);
    onFailure = failed;
    if (loading) return false;
    loading = true;
    const settle = (): ReactiveControllerHost[] => {
      loading = false;
      const hosts = [...waiting];
      waiting.clear();
      return hosts;
    };
    load().then(
      () => settle().forEach((h) => h.requestUpdate()),
      (error: unknown) => {
        settle();
        onFailure(error);
      },
    );
    return false;
  };
}
