import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jwtVerify } from 'jose';
import { DEV_JWT_SECRET } from '@awda/config';
import { GatewayClient, waitFor } from '@awda/testing';
import { ApiProxy } from '../src/proxy/api-proxy.middleware.js';
import { STRONG_PASSWORD, startGateway, type GatewayFixture } from './gateway-fixture.js';
import { closedPort, startProbeService, type ProbeService } from './probe-service.js';

const MiB = 1024 * 1024;
const SCRAPE_TOKEN = 'a-metrics-scrape-token-0123456789abcdef';

describe(ApiProxy.name, () => {
  let probe: ProbeService;
  let silent: ProbeService;
  let gw: GatewayFixture;
  let caseworker: GatewayClient;
  let caseworkerId: string;

  beforeAll(async () => {
    probe = await startProbeService();
    silent = await startProbeService();
    silent.answer = () => undefined; // accepts, reads, never answers
    gw = await startGateway({
      NOTIFICATIONS_URL: probe.url,
      ELIGIBILITY_URL: silent.url,
      TRANSPORT_URL: `http://127.0.0.1:${await closedPort()}`,
      // Long enough for the upload test's pause (it waits for the first mebibyte at the service before
      // sending the rest: on a loaded machine that took over a second once, and the idle timer fired);
      // short enough for the silent service's 504 below.
      PROXY_TIMEOUT_SECONDS: '5',
      METRICS_TOKEN: SCRAPE_TOKEN,
    });
    caseworkerId = (await gw.addUser({ username: 'case.worker', roles: ['caseworker'], camps: ['mahmoudli'] })).id;
    caseworker = await gw.signIn('case.worker', STRONG_PASSWORD);
  });

  afterAll(async () => {
    await gw?.close();
    await probe?.close();
    await silent?.close();
  });

  it('should refuse a call without a session with 401 and reach no service', async () => {
    const before = probe.requests.length;
    const res = await new GatewayClient(gw.url).get('/api/notifications/messages');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'AUTH.NO_SESSION' });
    expect(probe.requests.length).toBe(before);
  });

  it('should refuse a state-changing call without the CSRF token and reach no service', async () => {
    const before = probe.requests.length;
    const res = await caseworker.post('/api/notifications/templates', { any: 1 }, { withoutCsrf: true });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'AUTH.CSRF' });
    expect(probe.requests.length).toBe(before);
  });

  it("should send a fresh short-lived service token with the user's id, roles and camps, and never the browser's cookie or Authorization", async () => {
    const res = await caseworker.request('PATCH', '/api/notifications/some/path?x=1&y=%D8%B9', {
      body: { a: 1 },
      headers: { authorization: 'Bearer forged-by-the-browser', 'idempotency-key': 'key-1', 'if-match': '"3"', 'x-correlation-id': 'corr-proxy-1', 'x-other': 'dropped' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ method: 'PATCH', url: '/some/path?x=1&y=%D8%B9', bytes: 7 });
    const seen = probe.requests.at(-1)!;
    expect(seen.headers['cookie']).toBeUndefined();
    expect(seen.headers['x-other']).toBeUndefined();
    expect(seen.headers['x-csrf-token']).toBeUndefined();
    expect(seen.headers).toMatchObject({ 'idempotency-key': 'key-1', 'if-match': '"3"', 'content-type': 'application/json', 'x-correlation-id': 'corr-proxy-1' });
    const token = /^Bearer (.+)$/.exec(seen.headers['authorization'] ?? '')?.[1] ?? '';
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(DEV_JWT_SECRET), { issuer: 'awda-local', audience: 'awda' });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: caseworkerId, roles: ['caseworker'], camps: ['mahmoudli'] });
    expect(payload.exp! - payload.iat!).toBe(60);
    // The correlation id comes back to the browser; the service's cookie does not.
    expect(res.headers.get('x-correlation-id')).toBe('corr-proxy-1');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get('x-service-header')).toBe('kept');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('should make a correlation id when the browser sends none, and pass the same one to the service', async () => {
    const res = await caseworker.get('/api/notifications/anything');
    const sent = res.headers.get('x-correlation-id');
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(probe.requests.at(-1)!.headers['x-correlation-id']).toBe(sent);
  });

  it('should stream an upload to the service as it arrives, never holding it whole', async () => {
    const total = 24 * MiB;
    const chunk = Buffer.alloc(MiB, 0x61);
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      const upload = httpRequest(`${gw.url}/api/notifications/imports`, {
        method: 'POST',
        headers: {
          origin: gw.url,
          cookie: `awda_session=${caseworker.sessionCookie}`,
          'x-csrf-token': caseworker.csrfToken,
          'content-type': 'application/octet-stream',
          'transfer-encoding': 'chunked',
        },
      });
      upload.on('response', resolve);
      upload.on('error', reject);
      (async () => {
        upload.write(chunk);
        // The first mebibyte reaches the service while the rest of the upload has not even been sent.
        await waitFor('the first chunk at the service', () => probe.requests.some((r) => r.url === '/imports' && r.bytes >= MiB), { timeoutMs: 10_000 });
        const arrived = probe.requests.find((r) => r.url === '/imports');
        expect(arrived?.complete).toBe(false);
        for (let sent = MiB; sent < total; sent += MiB) {
          if (!upload.write(chunk)) await new Promise((r) => upload.once('drain', r));
        }
        upload.end();
      })().catch(reject);
    });
    const res = await answer;
    const body = JSON.parse(await text(res)) as { bytes: number };
    expect(res.statusCode).toBe(200);
    expect(body.bytes).toBe(total);
  });

  it("should stream the service's answer to the browser as it is written", async () => {
    let finish: (() => void) | undefined;
    probe.answer = (r) => {
      r.response.setHeader('content-type', 'text/csv');
      r.response.write('first line\n');
      finish = () => r.response.end('last line\n');
    };
    try {
      const res = await fetch(`${gw.url}/api/notifications/export.csv`, { headers: { cookie: `awda_session=${caseworker.sessionCookie}` } });
      const reader = res.body!.getReader();
      const first = await reader.read();
      // The browser has the first line while the service has not finished.
      expect(new TextDecoder().decode(first.value)).toContain('first line');
      expect(finish).toBeDefined();
      finish!();
      let rest = '';
      for (let part = await reader.read(); !part.done; part = await reader.read()) rest += new TextDecoder().decode(part.value);
      expect(rest).toContain('last line');
    } finally {
      probe.answer = (r) => r.response.end(JSON.stringify({ bytes: r.bytes }));
    }
  });

  it('should answer 503 at once when a service is down: JSON for the console, a page for a browser navigation', async () => {
    const res = await caseworker.get('/api/transport/convoys');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      statusCode: 503,
      code: 'GATEWAY.SERVICE_UNAVAILABLE',
      message: 'The transport service cannot be reached right now; nothing was changed. Try again in a moment',
    });
    const page = await caseworker.get<string>('/api/transport/convoys', { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('This part of Awda cannot be reached right now');
  });

  it('should answer 504 when a service accepts the call but never answers', async () => {
    const res = await caseworker.get('/api/eligibility/assessments');
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ statusCode: 504, code: 'GATEWAY.SERVICE_TIMEOUT' });
  });

  it('should count proxied calls by service and outcome, shown only to the metrics scraper', async () => {
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${gw.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);
    const scrape = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/awda_gateway_proxy_requests_total\{service="notifications",outcome="2xx"\} \d+/);
    expect(text).toMatch(/awda_gateway_proxy_requests_total\{service="transport",outcome="unavailable"\} \d+/);
  });

  it('should refuse an unknown service, paths that leave the one asked for, and the services\' metrics', async () => {
    expect((await caseworker.get('/api/payroll/x')).body).toMatchObject({ statusCode: 404, code: 'GATEWAY.UNKNOWN_SERVICE' });
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        // Options, not a URL string: a URL would resolve the dot segments before sending.
        const { hostname, port } = new URL(gw.url);
        httpRequest({ hostname, port, path, headers: { cookie: `awda_session=${caseworker.sessionCookie}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await raw('/api/notifications/a/../../metrics')).toBe(400);
    expect(await raw('/api/notifications/%2e%2e/x')).toBe(400);
    expect(await raw('/api/notifications/metrics')).toBe(400);
  });
});

function text(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (out += c));
    res.on('end', () => resolve(out));
    res.on('error', reject);
  });
}
