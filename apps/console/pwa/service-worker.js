// The console's service worker (hand-written; vite.config.ts fills in the file list and version at
// build time). Registered from the logistics screens (/sw.js) it keeps the app shell (index.html)
// and every built file, so that the console, and the boarding page above all, opens on a tablet
// with no network after one visit online. Registered for everyone else (/sw.js?shell) it stores
// only the shell, with each address's preload links added as it serves it, and leaves the hashed
// files to the browser's HTTP cache: no 1.2 MB download on a case worker's slow link, but a page
// opened again starts without waiting a round trip for its HTML.
// The shell is the same for every user (no name, no id in it) and so are the built files.
// It never touches the API: /api, /auth, /admin, /docs, /health and /metrics go to the network as if
// it were not there, so no answer with personal data is ever kept in its cache (boarding keeps its
// manifest itself, encrypted, in IndexedDB).
/* global self, caches, fetch, URL, Request, Response, Headers */
const VERSION = '__AWDA_SW_VERSION__';
const PRECACHE = __AWDA_SW_PRECACHE__;
// Each console address's chunks and first reads, as in the build's .vite/route-preloads.json.
const ROUTES = __AWDA_SW_ROUTES__;
const CACHE = `awda-console-${VERSION}`;
const NOT_OURS = /^\/(api|auth|admin|docs|health|metrics)(\/|$)/;
const HASHED = /^\/assets\//;
const SHELL_ONLY = new URL(self.location.href).searchParams.has('shell');

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: past the browser's HTTP cache, so the shell stored is the one just built.
      .then((cache) => cache.addAll((SHELL_ONLY ? ['/index.html'] : PRECACHE).map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('awda-console-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function fromCacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  // A hashed file never changes: keep one fetched later (a build's file missed at install).
  if (response.ok && HASHED.test(new URL(request.url).pathname)) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function refreshShell() {
  try {
    const response = await fetch(new Request('/index.html', { cache: 'no-cache' }));
    if (response.ok) await (await caches.open(CACHE)).put('/index.html', response);
  } catch {
    // Offline: the stored shell stays.
  }
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const PLAIN_PATH = /^\/[A-Za-z0-9._~/-]*$/;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = ROUTES.map((route) => ({ route, pattern: new RegExp(`^${escapeRegExp(route.path).replace(':id', `(${UUID})`)}/?$`) }));

/**
 * The preload links the gateway puts in the HTML of `pathname` (apps/gateway/src/web/console-preloads.ts):
 * the page's first reads start as the shell is parsed, not once the cached entry has run (~0.3 s
 * later). Only file names from the build and a UUID from the address go into the HTML.
 */
function linksFor(pathname) {
  for (const { route, pattern } of PATTERNS) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const id = match[1];
    const reads = route.reads.map((url) => (id === undefined ? url : url.replace(':id', id))).filter((url) => PLAIN_PATH.test(url));
    return [
      ...reads.map((url) => `<link rel="preload" as="fetch" crossorigin href="${url}">`),
      ...route.styles.filter((url) => PLAIN_PATH.test(url)).map((url) => `<link rel="preload" as="style" crossorigin href="${url}">`),
      ...route.scripts.filter((url) => PLAIN_PATH.test(url)).map((url) => `<link rel="modulepreload" crossorigin href="${url}">`),
    ].join('');
  }
  return '';
}

/**
 * Every console address is the same shell: the stored one at once (a 400 ms link saves a round
 * trip), with that address's preload links, refreshed behind it for the next load. A new build
 * also brings a new sw.js, whose install stores the new shell and whose activation drops this cache.
 */
async function page(request, event) {
  const shell = await caches.match('/index.html', { cacheName: CACHE });
  if (!shell) return fetch(request);
  event.waitUntil(refreshShell());
  const links = linksFor(new URL(request.url).pathname);
  if (!links) return shell;
  const html = (await shell.text()).replace('</head>', `${links}</head>`);
  const headers = new Headers(shell.headers);
  headers.delete('content-length');
  headers.delete('etag');
  return new Response(html, { status: shell.status, statusText: shell.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (/^\/(api|docs|health|metrics)(\/|$)/.test(url.pathname)) return;
    event.respondWith(page(request, event));
    return;
  }
  if (NOT_OURS.test(url.pathname) || url.pathname === '/sw.js') return;
  // The shell-only worker leaves the built files to the browser's HTTP cache (immutable for a year):
  // a file read from it is there in a few milliseconds, through the worker's cache ~300 ms for a
  // page's thirty chunks (measured on the household page's repeat load).
  if (SHELL_ONLY) return;
  event.respondWith(fromCacheFirst(request));
});
