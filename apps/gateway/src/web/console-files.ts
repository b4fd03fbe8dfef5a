import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { ConsolePreloads } from './console-preloads.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Paths the gateway answers itself; a browser navigation to /auth or /admin (a reload of a console
// page with that address) still gets the console, the console's fetch calls get the API.
const API_ONLY = /^\/(api|docs|health|metrics)(\/|$)|^\/auth\/oidc(\/|$)/;
const API_OR_PAGE = /^\/(auth|admin)(\/|$)/;
// Vite writes content-hashed files under assets/ ("index-B3xk9Qz1.js"): they never change.
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function isNavigation(request: IncomingMessage): boolean {
  if (request.headers['sec-fetch-mode'] === 'navigate') return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}

/** True when Accept-Encoding lists the encoding with a quality above 0. */
function accepts(request: IncomingMessage, encoding: 'br' | 'gzip'): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    if (name?.toLowerCase() !== encoding) return false;
    const quality = params.find((p) => p.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

function fileStat(path: string): Stats | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

const NOT_BUILT_PAGE = (dir: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Awda — console not built</title></head>` +
  `<body style="font-family:sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem"><h1>The Awda console is not built yet</h1>` +
  `<p>The gateway is running, but there is no console in <code>${dir.replace(/[<>&"]/g, '')}</code>.</p>` +
  `<p>Build it with <code>npm run build</code> (it writes <code>dist/console</code>) and reload this page, ` +
  `or point <code>CONSOLE_DIR</code> at a folder that holds the console's <code>index.html</code>.</p>` +
  `<p>The API answers meanwhile: <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Serves the built console: files as they are (a precompressed .br/.gz next to a file when the
 * browser takes it), index.html for every other page address (the console routes in the browser),
 * hashed assets cached for a year, index.html revalidated every time.
 */
export function consoleFiles(dir: string) {
  const root = resolve(dir);
  const preloads = new ConsolePreloads(root);
  const shell = new Shell(join(root, 'index.html'));
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://gateway.invalid').pathname);
    } catch {
      return next();
    }
    if (API_ONLY.test(pathname)) return next();
    if (API_OR_PAGE.test(pathname) && !isNavigation(request)) return next();

    const indexPath = join(root, 'index.html');
    if (!existsSync(indexPath)) {
      response.statusCode = 503;
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end(request.method === 'HEAD' ? undefined : NOT_BUILT_PAGE(root));
      return;
    }
    const candidate = resolve(root, `.${pathname}`);
    const inside = candidate.startsWith(root + sep) && !pathname.split('/').some((part) => part.startsWith('.'));
    const file = inside && !pathname.includes('\0') ? candidate : undefined;
    const stat = file !== undefined ? fileStat(file) : undefined;
    if (file !== undefined && stat !== undefined) return send(request, response, file, stat, HASHED_ASSET.test(pathname));
    // A missing file with an extension is a missing file, not a page of the console.
    if (extname(pathname) !== '' && !API_OR_PAGE.test(pathname)) {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end('Not found');
      return;
    }
    const indexStat = fileStat(indexPath);
    if (indexStat === undefined) return next();
    const links = preloads.linksFor(pathname);
    if (links !== '') return sendHtml(request, response, shell.withHead(indexStat, links));
    send(request, response, indexPath, indexStat, false);
  };
}

/** index.html with links added to its head (per address), re-read when a new build replaces it. */
class Shell {
  private loaded: { mtimeMs: number; html: string } | undefined;

  constructor(private readonly path: string) {}

  withHead(stat: Stats, links: string): { html: string; etag: string } {
    if (this.loaded?.mtimeMs !== stat.mtimeMs) this.loaded = { mtimeMs: stat.mtimeMs, html: readFileSync(this.path, 'utf8') };
    const html = this.loaded.html.replace('</head>', `${links}</head>`);
    return { html, etag: `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"` };
  }
}

/** The shell for one address; compressed on the fly (it differs per address), revalidated every time. */
function sendHtml(request: IncomingMessage, response: ServerResponse, page: { html: string; etag: string }): void {
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('ETag', page.etag);
  response.setHeader('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === page.etag) {
    response.statusCode = 304;
    response.end();
    return;
  }
  const body = Buffer.from(page.html, 'utf8');
  response.setHeader('Content-Length', String(body.length));
  response.statusCode = 200;
  response.end(request.method === 'HEAD' ? undefined : body);
}

function send(request: IncomingMessage, response: ServerResponse, file: string, stat: Stats, immutable: boolean): void {
  let path = file;
  let size = stat.size;
  let encoding: 'br' | 'gzip' | undefined;
  for (const [candidate, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    const variant = accepts(request, candidate) ? fileStat(file + suffix) : undefined;
    if (variant !== undefined) {
      path = file + suffix;
      size = variant.size;
      encoding = candidate;
      break;
    }
  }
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
  response.setHeader('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  response.setHeader('ETag', etag);
  response.setHeader('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === etag) {
    response.statusCode = 304;
    response.end();
    return;
  }
  if (encoding !== undefined) response.setHeader('Content-Encoding', encoding);
  response.setHeader('Content-Length', String(size));
  response.statusCode = 200;
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
