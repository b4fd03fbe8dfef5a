// The console's service worker (hand-written; vite.config.ts fills in the file list and version at
// build time). It keeps the app shell (index.html) and every built file so that the console, and
// the boarding page above all, opens on a tablet with no network after one visit online.
// It never touches the API: /api, /auth, /admin, /docs, /health and /metrics go to the network as if
// it were not there, so no answer with personal data is ever kept in its cache (boarding keeps its
// manifest itself, encrypted, in IndexedDB).
/* global self, caches, fetch, URL, Request */
const VERSION = '__AWDA_SW_VERSION__';
const PRECACHE = __AWDA_SW_PRECACHE__;
const CACHE = `awda-console-${VERSION}`;
const NOT_OURS = /^\/(api|auth|admin|docs|health|metrics)(\/|$)/;
const HASHED = /^\/assets\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: past the browser's HTTP cache, so the shell stored is the one just built.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
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

async function page(request) {
  try {
    // Online: the gateway's index.html (the newest build); offline: the stored shell.
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/index.html', { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (/^\/(api|docs|health|metrics)(\/|$)/.test(url.pathname)) return;
    event.respondWith(page(request));
    return;
  }
  if (NOT_OURS.test(url.pathname) || url.pathname === '/sw.js') return;
  event.respondWith(fromCacheFirst(request));
});
