import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayClient } from '@awda/testing';
import { LoginService } from '../src/login/login.service.js';
import { STRONG_PASSWORD, auditOf, startGateway, type GatewayFixture } from './gateway-fixture.js';

describe(LoginService.name, () => {
  let gw: GatewayFixture;

  beforeAll(async () => {
    gw = await startGateway({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_MINUTES: '15', LOGIN_RATE_LIMIT_PER_USERNAME: '1000' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('should sign in with the right password and set an httpOnly, Secure, SameSite=Strict session cookie', async () => {
    await gw.addUser({ username: 'amina.k', displayName: 'Amina K.', roles: ['caseworker'], camps: ['mahmoudli'] });
    const client = new GatewayClient(gw.url);
    const res = await client.signIn('Amina.K', STRONG_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        id: expect.any(String),
        username: 'amina.k',
        displayName: 'Amina K.',
        roles: ['caseworker'],
        camps: ['mahmoudli'],
        locale: 'ar',
        digits: 'latin',
        mustChangePassword: false,
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^awda_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    // Only a hash of the session id is stored.
    const rows = (await gw.dataSource.query('SELECT encode(id_hash, $1) AS h FROM gateway.sessions', ['base64'])) as { h: string }[];
    expect(rows.map((r) => r.h)).not.toContain(client.sessionCookie);

    const session = await client.get<{ user: { username: string }; csrfToken: string }>('/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.user.username).toBe('amina.k');
    expect(session.body.csrfToken).toBe(client.csrfToken);
  });

  it('should answer an unknown username exactly as a wrong password, and audit both without the password', async () => {
    await gw.addUser({ username: 'bilal.s' });
    const unknown = await new GatewayClient(gw.url).signIn('nobody.here', 'a-password-attempt');
    const wrong = await new GatewayClient(gw.url).signIn('bilal.s', 'a-password-attempt');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'AUTH.INVALID_CREDENTIALS', message: 'The username or the password is not right' });
    expect(unknown.headers.getSetCookie()).toEqual([]);
    expect(await auditOf(gw.dataSource, 'nobody.here')).toEqual([{ event: 'login_failed', outcome: 'failure', reason: 'unknown_user', ip: expect.any(String) }]);
    expect(await auditOf(gw.dataSource, 'bilal.s')).toEqual([expect.objectContaining({ event: 'login_failed', reason: 'wrong_password' })]);
    const audit = JSON.stringify(await gw.dataSource.query('SELECT * FROM gateway.login_audit'));
    expect(audit).not.toContain('a-password-attempt');
  });

  it('should lock a username after repeated failures, refuse even the right password while locked, and say for how long', async () => {
    await gw.addUser({ username: 'chiya.r' });
    const client = new GatewayClient(gw.url);
    expect((await client.signIn('chiya.r', 'wrong-password-1')).status).toBe(401);
    expect((await client.signIn('chiya.r', 'wrong-password-2')).status).toBe(401);
    const third = await client.signIn('chiya.r', 'wrong-password-3');
    expect(third.status).toBe(423);
    expect(third.body).toMatchObject({ statusCode: 423, code: 'AUTH.LOCKED', retryAfterSeconds: expect.any(Number) });
    expect((third.body as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(third.headers.get('retry-after')).toBe(String((third.body as { retryAfterSeconds: number }).retryAfterSeconds));

    const right = await client.signIn('chiya.r', STRONG_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.headers.getSetCookie()).toEqual([]);
    expect((await auditOf(gw.dataSource, 'chiya.r')).map((e) => `${e.event}:${e.reason}`)).toEqual([
      'login_failed:wrong_password',
      'login_failed:wrong_password',
      'login_failed:wrong_password',
      'locked:too_many_failures',
      'login_failed:locked',
    ]);
  });

  it('should lock an unknown username the same way, so a lockout tells nothing about who exists', async () => {
    const client = new GatewayClient(gw.url);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await client.signIn('ghost.user', `guess-${i}-password`)).status);
    expect(answers).toEqual([401, 401, 423, 423]);
  });

  it('should let the user in again after the cool-down, and forget the failures after a success', async () => {
    await gw.addUser({ username: 'dilan.m' });
    const client = new GatewayClient(gw.url);
    for (let i = 0; i < 3; i++) await client.signIn('dilan.m', `wrong-${i}-password`);
    expect((await client.signIn('dilan.m', STRONG_PASSWORD)).status).toBe(423);
    // The cool-down passes (moved in the database rather than waited for).
    await gw.dataSource.query(`UPDATE gateway.login_failures SET locked_until = now() - interval '1 second' WHERE username_key = 'dilan.m'`);
    expect((await client.signIn('dilan.m', STRONG_PASSWORD)).status).toBe(200);
    expect((await gw.dataSource.query(`SELECT 1 FROM gateway.login_failures WHERE username_key = 'dilan.m'`)) as unknown[]).toEqual([]);
  });

  it('should refuse a disabled account with 403 only to someone who knows its password', async () => {
    const { id } = await gw.addUser({ username: 'ezra.d' });
    await gw.dataSource.query('UPDATE gateway.users SET disabled_at = now() WHERE id = $1', [id]);
    const wrong = await new GatewayClient(gw.url).signIn('ezra.d', 'not-the-password');
    expect(wrong.status).toBe(401);
    const right = await new GatewayClient(gw.url).signIn('ezra.d', STRONG_PASSWORD);
    expect(right.status).toBe(403);
    expect(right.body).toEqual({ statusCode: 403, code: 'AUTH.DISABLED', message: 'This account has been disabled; ask an administrator' });
  });

  it('should refuse a sign-in posted from another site, or with no Origin at all', async () => {
    await gw.addUser({ username: 'farah.n' });
    const client = new GatewayClient(gw.url);
    const crossSite = await client.request('POST', '/auth/login', { body: { username: 'farah.n', password: STRONG_PASSWORD }, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toMatchObject({ code: 'AUTH.CSRF' });
    const noOrigin = await client.request('POST', '/auth/login', { body: { username: 'farah.n', password: STRONG_PASSWORD }, origin: null });
    expect(noOrigin.status).toBe(403);
    expect(client.sessionCookie).toBeUndefined();
  });

  it('should refuse a state-changing request without the CSRF token, with a wrong one, or from another origin', async () => {
    await gw.addUser({ username: 'ghazal.t' });
    const client = await gw.signIn('ghazal.t', STRONG_PASSWORD);
    const prefs = { locale: 'en', digits: 'arabic' };
    expect((await client.put('/auth/preferences', prefs, { withoutCsrf: true })).body).toMatchObject({ statusCode: 403, code: 'AUTH.CSRF' });
    expect((await client.put('/auth/preferences', prefs, { headers: { 'x-csrf-token': 'x'.repeat(43) }, withoutCsrf: true })).status).toBe(403);
    expect((await client.put('/auth/preferences', prefs, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    const ok = await client.put<{ user: { locale: string; digits: string } }>('/auth/preferences', prefs);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ locale: 'en', digits: 'arabic' });
  });

  it('should answer 401 AUTH.NO_SESSION without a session and clear a cookie that names no live session', async () => {
    const anonymous = await new GatewayClient(gw.url).get('/auth/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'AUTH.NO_SESSION' });
    const stale = await fetch(`${gw.url}/auth/session`, { headers: { cookie: `awda_session=${'A'.repeat(43)}` } });
    expect(stale.status).toBe(401);
    expect(stale.headers.getSetCookie()[0]).toMatch(/^awda_session=; .*Max-Age=0/);
  });

  it('should end the session on the server at sign-out', async () => {
    await gw.addUser({ username: 'hevi.b' });
    const client = await gw.signIn('hevi.b', STRONG_PASSWORD);
    const cookie = client.sessionCookie;
    const out = await client.signOut();
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^awda_session=; .*Max-Age=0/);
    // The old cookie, replayed, no longer works.
    const replay = await fetch(`${gw.url}/auth/session`, { headers: { cookie: `awda_session=${cookie}` } });
    expect(replay.status).toBe(401);
    expect((await auditOf(gw.dataSource, 'hevi.b')).map((e) => e.event)).toEqual(['login', 'logout']);
  });

  it('should end a session left idle, and any session past its absolute lifetime, and move the idle expiry on use', async () => {
    await gw.addUser({ username: 'idris.a' });
    const idle = await gw.signIn('idris.a', STRONG_PASSWORD);
    const used = await gw.signIn('idris.a', STRONG_PASSWORD);
    const old = await gw.signIn('idris.a', STRONG_PASSWORD);
    const hash = (c: GatewayClient) => c.sessionCookie;
    const setTimes = async (client: GatewayClient, sql: string) =>
      gw.dataSource.query(`UPDATE gateway.sessions SET ${sql} WHERE id_hash = sha256(convert_to($1, 'UTF8'))`, [hash(client)]);
    // Time passes (in the database): 31 minutes without use; a session used 2 minutes ago; a 13-hour-old session.
    await setTimes(idle, `last_seen_at = now() - interval '31 minutes', idle_expires_at = now() - interval '1 minute'`);
    await setTimes(used, `last_seen_at = now() - interval '2 minutes', idle_expires_at = now() + interval '28 minutes'`);
    await setTimes(old, `created_at = now() - interval '13 hours', absolute_expires_at = now() - interval '1 hour'`);
    expect((await idle.get('/auth/session')).status).toBe(401);
    expect((await old.get('/auth/session')).status).toBe(401);
    const before = Date.now();
    const fresh = await used.get<{ expiresAt: string }>('/auth/session');
    expect(fresh.status).toBe(200);
    expect(new Date(fresh.body.expiresAt).getTime()).toBeGreaterThan(before + 29 * 60_000);
  });

  it('should rate-limit sign-in attempts per username and per client address with 429', async () => {
    // Windows are fixed (aligned on the clock): with a minute's window the attempts below straddled a
    // window's end whenever they ran across a minute boundary. A day's window, and not in its last minute.
    const { now } = (await gw.dataSource.query(`SELECT extract(epoch FROM now())::float8 AS now`))[0] as { now: number };
    const toMidnight = 86_400 - (now % 86_400);
    if (toMidnight < 90) await new Promise((r) => setTimeout(r, (toMidnight + 2) * 1000));
    const limited = await startGateway({
      LOGIN_RATE_LIMIT_PER_USERNAME: '2',
      LOGIN_RATE_LIMIT_PER_IP: '4',
      LOGIN_RATE_LIMIT_WINDOW_SECONDS: '86400',
      LOGIN_LOCKOUT_THRESHOLD: '50',
    });
    try {
      const client = new GatewayClient(limited.url);
      const byName = [];
      for (let i = 0; i < 3; i++) byName.push((await client.signIn('jamal.o', 'wrong-password-x')).status);
      expect(byName).toEqual([401, 401, 429]);
      const other = [];
      for (let i = 0; i < 2; i++) other.push((await client.signIn(`other.${i}`, 'wrong-password-x')).status);
      // Five attempts from this address in the window: the fifth is over the address's limit of 4.
      expect(other).toEqual([401, 429]);
      const refused = await client.signIn('someone.else', 'wrong-password-x');
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(refused.headers.get('retry-after')).not.toBeNull();
      expect((await auditOf(limited.dataSource, 'jamal.o')).map((e) => e.reason)).toEqual(['unknown_user', 'unknown_user', 'rate_limited']);
    } finally {
      await limited.close();
    }
  });

  it('should answer malformed or incomplete sign-in input with 400 naming each field', async () => {
    const client = new GatewayClient(gw.url);
    const broken = await client.request('POST', '/auth/login', { body: '{"username": "x",', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ statusCode: 400, code: expect.any(String), message: expect.any(String) });
    const missing = await client.request<{ errors: { field: string }[] }>('POST', '/auth/login', { body: { username: '', extra: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e) => e.field).sort()).toEqual(['extra', 'password', 'username']);
  });

  it('should say whether an identity provider is offered', async () => {
    const res = await fetch(`${gw.url}/auth/config`);
    expect(await res.json()).toEqual({ oidc: false });
  });
});
