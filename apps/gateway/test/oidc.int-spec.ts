import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Provider from 'oidc-provider';
import { GatewayClient } from '@awda/testing';
import { OidcService } from '../src/oidc/oidc.service.js';
import { STRONG_PASSWORD, auditOf, startGateway, type GatewayFixture } from './gateway-fixture.js';
import { closedPort } from './probe-service.js';

const CLIENT_ID = 'awda-console';
const CLIENT_SECRET = 'the-test-client-secret-0123456789';

/** People at the test's identity provider (generated, not real), by account id. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'kc-layla': { name: 'Layla H.', preferred_username: 'layla.h', roles: ['caseworker', 'offline_access'], camps: ['mahmoudli', 'areesha'] },
  'kc-nobody': { name: 'No Role', preferred_username: 'no.role', roles: ['offline_access'], camps: ['mahmoudli'] },
};

/** A browser's cookie jar for the provider's origin (paths ignored: one test, one origin). */
class Jar {
  private cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

describe(OidcService.name, () => {
  let gw: GatewayFixture;
  let providerServer: Server;
  let issuer: string;
  let roles: Record<string, string[]> = {};

  beforeAll(async () => {
    const providerPort = await closedPort();
    const gatewayPort = await closedPort();
    issuer = `http://127.0.0.1:${providerPort}`;
    gw = await startGateway(
      {
        OIDC_ISSUER_URL: issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_SCOPES: 'openid profile awda',
        OIDC_LABEL: 'Sign in with the test provider',
        OIDC_ALLOW_HTTP: 'true',
        OIDC_REDIRECT_URL: `http://127.0.0.1:${gatewayPort}/auth/oidc/callback`,
      },
      gatewayPort,
    );

    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`http://127.0.0.1:${gatewayPort}/auth/oidc/callback`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'], awda: ['roles', 'camps'] },
      scopes: ['openid', 'profile', 'awda'],
      cookies: { keys: ['the-test-provider-cookie-key'] },
      features: { devInteractions: { enabled: true } },
      findAccount: (_ctx, id) => {
        const account = ACCOUNTS[id];
        if (account === undefined) return undefined;
        return { accountId: id, claims: () => ({ sub: id, ...account, ...(roles[id] ? { roles: roles[id] } : {}) }) };
      },
    });
    providerServer = provider.listen(providerPort);
  });

  afterAll(async () => {
    await gw?.close();
    await new Promise<void>((resolve) => (providerServer ? providerServer.close(() => resolve()) : resolve()));
  });

  /**
   * A browser signing in through the provider: start at the gateway, follow redirects, fill the
   * provider's login and consent forms, come back to the gateway's callback. Returns the callback's answer.
   */
  async function signInThroughProvider(accountId: string, gateway: GatewayClient): Promise<{ callback: Response; callbackUrl: string }> {
    const jar = new Jar();
    const start = await fetch(`${gw.url}/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const binding = start.headers.getSetCookie().find((c) => c.startsWith('awda_oidc='))!;
    expect(binding).toMatch(/HttpOnly; SameSite=Lax; Secure; Max-Age=600/);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    let url = authorize.href;
    let method = 'GET';
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(`${gw.url}/auth/oidc/callback`)) {
        const callback = await fetch(url, { redirect: 'manual', headers: { cookie: binding.split(';')[0]! } });
        return { callback, callbackUrl: url };
      }
      const res = await fetch(url, { method, body, redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        method = 'GET';
        body = undefined;
        continue;
      }
      const html = await res.text();
      expect(res.status).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
      if (action === undefined || prompt === undefined) throw new Error(`unexpected page at the provider: ${html.slice(0, 300)}`);
      url = new URL(action, url).href;
      method = 'POST';
      body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'anything' } : { prompt });
    }
    throw new Error(`the sign-in did not come back to the gateway (${gateway.baseUrl})`);
  }

  it('should offer the provider on the sign-in page', async () => {
    expect(await (await fetch(`${gw.url}/auth/config`)).json()).toEqual({ oidc: true, oidcLabel: 'Sign in with the test provider' });
  });

  it('should sign in through the provider with code + PKCE and give a session with the mapped roles and camps', async () => {
    const browser = new GatewayClient(gw.url);
    const { callback } = await signInThroughProvider('kc-layla', browser);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    const cookies = callback.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('awda_oidc='))).toMatch(/Max-Age=0/);
    const session = cookies.find((c) => c.startsWith('awda_session='))!;
    expect(session).toMatch(/^awda_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);

    const res = await fetch(`${gw.url}/auth/session`, { headers: { cookie: session.split(';')[0]! } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: { username: 'layla.h', displayName: 'Layla H.', roles: ['caseworker'], camps: ['areesha', 'mahmoudli'], mustChangePassword: false },
      csrfToken: expect.any(String),
    });
    expect((await auditOf(gw.dataSource, 'layla.h')).map((e) => `${e.event}:${e.outcome}`)).toEqual(['user_created:success', 'login:success']);
  });

  it("should take roles and camps from the provider again at each sign-in, and refuse an administrator's local change of them", async () => {
    roles = { 'kc-layla': ['supervisor'] };
    const { callback } = await signInThroughProvider('kc-layla', new GatewayClient(gw.url));
    const cookie = callback.headers.getSetCookie().find((c) => c.startsWith('awda_session='))!.split(';')[0]!;
    const session = (await (await fetch(`${gw.url}/auth/session`, { headers: { cookie } })).json()) as { user: { id: string; roles: string[] } };
    expect(session.user.roles).toEqual(['supervisor']);
    const users = (await gw.dataSource.query(`SELECT count(*)::int AS n FROM gateway.users WHERE oidc_subject = 'kc-layla'`)) as { n: number }[];
    expect(users[0]?.n).toBe(1);

    await gw.addUser({ username: 'local.admin', roles: ['admin'], camps: ['*'] });
    const admin = await gw.signIn('local.admin', STRONG_PASSWORD);
    const change = await admin.patch(`/admin/users/${session.user.id}`, { roles: ['admin'] });
    expect(change.status).toBe(422);
    expect(change.body).toMatchObject({ code: 'USERS.MANAGED_BY_PROVIDER' });
    // Disabling is local, and ends the provider user's session at once.
    expect((await admin.patch(`/admin/users/${session.user.id}`, { disabled: true })).status).toBe(200);
    expect((await fetch(`${gw.url}/auth/session`, { headers: { cookie } })).status).toBe(401);
    const again = await signInThroughProvider('kc-layla', new GatewayClient(gw.url));
    expect(again.callback.status).toBe(403);
    expect(again.callback.headers.getSetCookie().some((c) => c.startsWith('awda_session='))).toBe(false);
    roles = {};
  });

  it('should refuse someone the provider gives no Awda role, with a readable page and an audit entry', async () => {
    const { callback } = await signInThroughProvider('kc-nobody', new GatewayClient(gw.url));
    expect(callback.status).toBe(403);
    expect(callback.headers.get('content-type')).toContain('text/html');
    expect(await callback.text()).toContain('gives you no role in Awda');
    expect(await auditOf(gw.dataSource, 'no.role')).toEqual([expect.objectContaining({ event: 'login_failed', reason: 'no_role' })]);
  });

  it('should refuse a callback replayed, or arriving in a browser that did not start the sign-in', async () => {
    roles = {};
    const { callbackUrl } = await signInThroughProvider('kc-layla', new GatewayClient(gw.url));
    // The first attempt used the binding; the same URL again finds nothing pending.
    const replayed = await fetch(callbackUrl, { redirect: 'manual' });
    expect(replayed.status).toBe(400);
    expect(replayed.headers.getSetCookie().some((c) => c.startsWith('awda_session='))).toBe(false);
    expect(await replayed.text()).toContain('started in another browser');
  });
});
