import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { consoleFiles } from '../src/web/console-files.js';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

const INDEX = '<!doctype html><html lang="ar" dir="rtl"><head><script type="module" src="/assets/index-B3xk9Qz1.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('عودة '.repeat(2000))});`;

describe(consoleFiles.name, () => {
  let gw: GatewayFixture;

  beforeAll(async () => {
    gw = await startGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${gw.url}${path}`, { headers, redirect: 'manual' });

  it('should say how to build the console when there is no build, and keep answering the API', async () => {
    const res = await get('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect((await get('/health')).status).toBe(200);
  });

  describe('with a built console', () => {
    beforeAll(() => {
      mkdirSync(join(gw.consoleDir, 'assets'), { recursive: true });
      writeFileSync(join(gw.consoleDir, 'index.html'), INDEX);
      writeFileSync(join(gw.consoleDir, 'assets', 'index-B3xk9Qz1.js'), SCRIPT);
      writeFileSync(join(gw.consoleDir, 'assets', 'vendor-Zq81pPx0.js'), SCRIPT);
      writeFileSync(join(gw.consoleDir, 'assets', 'vendor-Zq81pPx0.js.gz'), gzipSync(SCRIPT));
      writeFileSync(join(gw.consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      writeFileSync(join(gw.consoleDir, 'sw.js'), "self.addEventListener('fetch', () => undefined);");
      writeFileSync(join(gw.consoleDir, 'manifest.webmanifest'), '{"name":"Awda"}');
    });

    afterAll(() => {
      rmSync(join(gw.consoleDir, 'assets'), { recursive: true, force: true });
    });

    it('should serve index.html at / and for any console address, revalidated every time', async () => {
      for (const path of ['/', '/households/0190a0b2-1111-7000-8000-000000000000', '/ar/duplicates?page=2']) {
        const res = await get(path);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(await res.text()).toBe(INDEX);
      }
      const etag = (await get('/')).headers.get('etag')!;
      expect((await get('/', { 'if-none-match': etag })).status).toBe(304);
    });

    it('should cache hashed assets for a year and compress them (a precompressed file when there is one)', async () => {
      const onTheFly = await get('/assets/index-B3xk9Qz1.js', { 'accept-encoding': 'gzip, br' });
      expect(onTheFly.status).toBe(200);
      expect(onTheFly.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(onTheFly.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(['br', 'gzip']).toContain(onTheFly.headers.get('content-encoding'));
      expect(await onTheFly.text()).toBe(SCRIPT);

      const precompressed = await get('/assets/vendor-Zq81pPx0.js', { 'accept-encoding': 'gzip' });
      expect(precompressed.headers.get('content-encoding')).toBe('gzip');
      expect(Number(precompressed.headers.get('content-length'))).toBe(gzipSync(SCRIPT).length);
      expect(await precompressed.text()).toBe(SCRIPT);

      const favicon = await get('/favicon.svg');
      expect(favicon.headers.get('cache-control')).toBe('no-cache');
    });

    it('should serve the service worker revalidated every time (a new build reaches the tablets) and the web manifest with its type', async () => {
      const worker = await get('/sw.js');
      expect(worker.status).toBe(200);
      expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(worker.headers.get('cache-control')).toBe('no-cache');
      // The console's policy lets the page register it and read the manifest, from its own origin only.
      const policy = worker.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("worker-src 'self'");
      expect(policy).toContain("manifest-src 'self'");
      const manifest = await get('/manifest.webmanifest');
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
      expect(manifest.headers.get('cache-control')).toBe('no-cache');
      expect(await manifest.json()).toEqual({ name: 'Awda' });
    });

    it('should answer a missing file with 404, not the page, and never serve outside the folder', async () => {
      expect((await get('/assets/gone-AAAAAAAA.js')).status).toBe(404);
      for (const path of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fhostname']) {
        const text = await (await get(path)).text();
        expect(text === INDEX || text === 'Not found').toBe(true);
      }
      writeFileSync(join(gw.consoleDir, '.env'), 'SECRET=do-not-serve');
      expect(await (await get('/.env')).text()).not.toContain('do-not-serve');
    });

    it("should list a page's chunks and first reads from the build as preload links in its HTML, and only for addresses the build names", async () => {
      const id = '0190a0b2-1111-7000-8000-000000000000';
      mkdirSync(join(gw.consoleDir, '.vite'), { recursive: true });
      const routes = [
        { path: '/households/:id', scripts: ['/assets/HouseholdPage-Ab12Cd34.js'], styles: ['/assets/Card-Zz99Yy88.css'], reads: ['/auth/session', '/api/registration/households/:id'] },
        // A file name that would break out of the attribute is left out, not written.
        { path: '/households', scripts: ['/assets/SearchPage-Ab12Cd34.js', '/assets/x"><script>alert(1)</script>.js'], styles: [], reads: [] },
      ];
      writeFileSync(join(gw.consoleDir, '.vite', 'route-preloads.json'), JSON.stringify({ routes }));
      try {
        const page = await get(`/households/${id}`, { 'accept-encoding': 'gzip' });
        expect(page.status).toBe(200);
        expect(page.headers.get('cache-control')).toBe('no-cache');
        const html = await page.text();
        expect(html).toBe(
          INDEX.replace(
            '</head>',
            `<link rel="preload" as="fetch" crossorigin href="/auth/session">` +
              `<link rel="preload" as="fetch" crossorigin href="/api/registration/households/${id}">` +
              `<link rel="preload" as="style" crossorigin href="/assets/Card-Zz99Yy88.css">` +
              `<link rel="modulepreload" crossorigin href="/assets/HouseholdPage-Ab12Cd34.js"></head>`,
          ),
        );
        const etag = page.headers.get('etag')!;
        expect((await get(`/households/${id}`, { 'if-none-match': etag })).status).toBe(304);
        // Another household: another page (its reads), another ETag.
        expect((await get('/households/0190a0b2-2222-7000-8000-000000000000')).headers.get('etag')).not.toBe(etag);

        const search = await (await get('/households')).text();
        expect(search).toContain('<link rel="modulepreload" crossorigin href="/assets/SearchPage-Ab12Cd34.js">');
        expect(search).not.toContain('alert');
        // No UUID, no address of the build's list: the plain shell.
        expect(await (await get('/households/not-an-id')).text()).toBe(INDEX);
        expect(await (await get('/duplicates')).text()).toBe(INDEX);
        // The build's route file itself is not served.
        expect(await (await get('/.vite/route-preloads.json')).text()).not.toContain('HouseholdPage');
      } finally {
        rmSync(join(gw.consoleDir, '.vite'), { recursive: true, force: true });
      }
      expect(await (await get(`/households/${id}`)).text()).toBe(INDEX);
    });

    it('should give a browser reloading a console page under /admin the console, and the console its API', async () => {
      const page = await get('/admin/users', { accept: 'text/html', 'sec-fetch-mode': 'navigate' });
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(INDEX);
      const api = await get('/admin/users', { accept: 'application/json' });
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ code: 'AUTH.NO_SESSION' });
    });
  });

  it("should describe the gateway's own API in OpenAPI, with a documentation page that runs under the policy", async () => {
    const doc = (await (await get('/docs/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/auth/config', '/auth/login', '/auth/session', '/auth/logout', '/auth/password', '/auth/preferences', '/admin/users', '/admin/users/{id}', '/admin/users/{id}/password-reset', '/admin/login-audit']),
    );
    const page = await (await get('/docs')).text();
    // Scripts from files only: the page works under script-src 'self'.
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('should put the security headers on every kind of response and no X-Powered-By', async () => {
    for (const path of ['/', '/auth/session', '/api/registration/households', '/health', '/nowhere.js']) {
      const res = await get(path);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    // Answers that may hold a session token or a household's details are never stored by the browser.
    for (const path of ['/auth/session', '/auth/config', '/api/registration/households']) {
      expect((await get(path)).headers.get('cache-control')).toBe('no-store');
    }
  });
});
