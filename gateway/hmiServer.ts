/**
 * The head unit's one loopback port: the built HMI (`dist/`) as static files, plus `config.json`
 * telling the page to use the vehicle link on this same origin. The VISS WebSocket shares the server
 * (`VissServer` with `server`), so the head unit's browser opens one URL and needs nothing else.
 *
 * Static files only: GET and HEAD, no directory listings, nothing outside the root, no internet.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** What `config.json` says in the car (read by src/app/hmiConfig.ts). */
export interface HeadUnitConfig {
  readonly bridge: 'ws';
  readonly vissPath: string;
  /** Physical pixels per mm of the display, when configured (`--density`). */
  readonly density?: number;
}

export interface HmiServerOptions {
  /** The built HMI (`dist/`). */
  readonly root: string;
  readonly config: HeadUnitConfig;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Creates (does not start) the HTTP server for the built HMI. */
export function createHmiServer(options: HmiServerOptions): Server {
  const root = resolve(options.root);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`no built HMI in ${root} (index.html missing): run \`npm run build\``);
  const config = JSON.stringify(options.config);
  return createServer((req, res) => handle(req, res, root, config));
}

function handle(req: IncomingMessage, res: ServerResponse, root: string, config: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://head-unit').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (pathname === '/config.json') {
    res.writeHead(200, { 'Content-Type': TYPES['.json']!, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : config);
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = normalize(join(root, pathname));
  if (!file.startsWith(root + sep) || pathname.includes('\0')) {
    res.writeHead(404).end();
    return;
  }
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    res.writeHead(404, { 'Content-Type': TYPES['.txt']! }).end('not found');
    return;
  }
  // Hashed bundles never change; the page itself is asked again on every load.
  const immutable = pathname.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
