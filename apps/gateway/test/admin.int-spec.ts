import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayClient } from '@awda/testing';
import { UsersService } from '../src/users/users.service.js';
import { STRONG_PASSWORD, auditOf, startGateway, type GatewayFixture } from './gateway-fixture.js';
import { startProbeService, type ProbeService } from './probe-service.js';

interface CreatedUser {
  user: { id: string; username: string; roles: string[]; camps: string[]; mustChangePassword: boolean; disabled: boolean; source: string };
  temporaryPassword: string;
}

describe(UsersService.name, () => {
  let gw: GatewayFixture;
  let probe: ProbeService;
  let admin: GatewayClient;
  let adminId: string;

  beforeAll(async () => {
    probe = await startProbeService();
    gw = await startGateway({ REGISTRATION_URL: probe.url });
    adminId = (await gw.addUser({ username: 'root.admin', roles: ['admin'], camps: ['*'] })).id;
    admin = await gw.signIn('root.admin', STRONG_PASSWORD);
  });

  afterAll(async () => {
    await gw?.close();
    await probe?.close();
  });

  const create = (body: Record<string, unknown>) => admin.post<CreatedUser>('/admin/users', body);

  it('should create a user with a one-time password that must be changed before anything else', async () => {
    const created = await create({ username: 'Nour.A', displayName: 'نور أ.', roles: ['caseworker'], camps: ['mahmoudli'], locale: 'en' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'nour.a', roles: ['caseworker'], camps: ['mahmoudli'], mustChangePassword: true, disabled: false, source: 'local' });
    expect(created.body.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const nour = await gw.signIn('nour.a', created.body.temporaryPassword);
    expect(nour.user?.mustChangePassword).toBe(true);
    expect((await nour.get('/auth/session')).status).toBe(200);
    expect((await nour.get('/api/registration/households')).body).toMatchObject({ statusCode: 403, code: 'AUTH.PASSWORD_CHANGE_REQUIRED' });

    const weak = await nour.post('/auth/password', { currentPassword: created.body.temporaryPassword, newPassword: 'nour.a-2026' });
    expect(weak.status).toBe(422);
    expect(weak.body).toMatchObject({ code: 'AUTH.WEAK_PASSWORD' });
    const wrongCurrent = await nour.post('/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-long-walk-home-2026' });
    expect(wrongCurrent.body).toMatchObject({ statusCode: 422, code: 'AUTH.WRONG_CURRENT_PASSWORD' });
    const changed = await nour.post('/auth/password', { currentPassword: created.body.temporaryPassword, newPassword: 'a-long-walk-home-2026' });
    expect(changed.status).toBe(204);
    expect((await nour.refresh()).body).toMatchObject({ user: { mustChangePassword: false } });
    expect((await nour.get('/api/registration/households')).status).toBe(200);
    expect((await new GatewayClient(gw.url).signIn('nour.a', created.body.temporaryPassword)).status).toBe(401);
  });

  it('should refuse bad input naming each field, unknown fields, and a username already taken', async () => {
    const bad = await create({ username: 'x', displayName: '', roles: ['pilot'], camps: [], nickname: 'n' });
    expect(bad.status).toBe(400);
    const fields = (bad.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['camps', 'displayName', 'nickname', 'roles', 'username']);
    await create({ username: 'taken.name', displayName: 'A', roles: ['caseworker'], camps: ['mahmoudli'] });
    const again = await create({ username: 'TAKEN.name', displayName: 'B', roles: ['caseworker'], camps: ['areesha'] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'USERS.USERNAME_TAKEN' });
  });

  it('should end every session of a disabled user at once, and let them in again when enabled', async () => {
    const { id } = await gw.addUser({ username: 'omar.f' });
    const omar = await gw.signIn('omar.f', STRONG_PASSWORD);
    const otherTab = await gw.signIn('omar.f', STRONG_PASSWORD);
    expect((await omar.get('/api/registration/households')).status).toBe(200);

    const disabled = await admin.patch<{ disabled: boolean }>(`/admin/users/${id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await omar.get('/api/registration/households')).status).toBe(401);
    expect((await otherTab.get('/auth/session')).status).toBe(401);
    expect(((await gw.dataSource.query('SELECT count(*)::int AS n FROM gateway.sessions WHERE user_id = $1', [id])) as { n: number }[])[0]?.n).toBe(0);
    expect((await new GatewayClient(gw.url).signIn('omar.f', STRONG_PASSWORD)).status).toBe(403);

    await admin.patch(`/admin/users/${id}`, { disabled: false });
    expect((await new GatewayClient(gw.url).signIn('omar.f', STRONG_PASSWORD)).status).toBe(200);
    expect((await auditOf(gw.dataSource, 'omar.f')).map((e) => e.event)).toEqual(
      expect.arrayContaining(['user_disabled', 'login_failed', 'user_enabled', 'login']),
    );
  });

  it('should apply new roles and camps to the very next call through the proxy', async () => {
    const { id } = await gw.addUser({ username: 'rana.k', roles: ['caseworker'], camps: ['mahmoudli'] });
    const rana = await gw.signIn('rana.k', STRONG_PASSWORD);
    await admin.patch(`/admin/users/${id}`, { roles: ['supervisor', 'caseworker'], camps: ['areesha', 'al-hol'] });
    await rana.get('/api/registration/duplicates');
    const token = /^Bearer (.+)$/.exec(probe.requests.at(-1)!.headers['authorization'] ?? '')![1]!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { roles: string[]; camps: string[] };
    expect(claims).toMatchObject({ roles: ['caseworker', 'supervisor'], camps: ['al-hol', 'areesha'] });
  });

  it('should reset a password: a new one-time password, every session ended, failures forgotten', async () => {
    const { id } = await gw.addUser({ username: 'sara.j' });
    const sara = await gw.signIn('sara.j', STRONG_PASSWORD);
    for (let i = 0; i < 2; i++) await new GatewayClient(gw.url).signIn('sara.j', `wrong-${i}-password`);
    expect((await gw.dataSource.query(`SELECT failures FROM gateway.login_failures WHERE username_key = 'sara.j'`)) as unknown[]).toEqual([{ failures: 2 }]);
    const reset = await admin.post<{ temporaryPassword: string }>(`/admin/users/${id}/password-reset`);
    expect(reset.status).toBe(200);
    expect((await gw.dataSource.query(`SELECT 1 FROM gateway.login_failures WHERE username_key = 'sara.j'`)) as unknown[]).toEqual([]);
    expect((await sara.get('/auth/session')).status).toBe(401);
    expect((await new GatewayClient(gw.url).signIn('sara.j', STRONG_PASSWORD)).status).toBe(401);
    const again = await gw.signIn('sara.j', reset.body.temporaryPassword);
    expect(again.user?.mustChangePassword).toBe(true);
    const audit = await admin.get<{ items: { event: string; actorId: string | null }[] }>('/admin/login-audit?username=sara.j');
    expect(audit.body.items.find((e) => e.event === 'password_reset')).toMatchObject({ actorId: adminId });
  });

  it('should refuse to leave no administrator, and let only administrators in', async () => {
    const refused = await admin.patch(`/admin/users/${adminId}`, { disabled: true });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'USERS.LAST_ADMIN' });
    expect((await admin.patch(`/admin/users/${adminId}`, { roles: ['supervisor'] })).status).toBe(422);

    await gw.addUser({ username: 'tala.s', roles: ['supervisor', 'caseworker'], camps: ['*'] });
    const supervisor = await gw.signIn('tala.s', STRONG_PASSWORD);
    expect((await supervisor.get('/admin/users')).body).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN_ROLE' });
    expect((await supervisor.post('/admin/users', { username: 'sneaky', displayName: 'S', roles: ['admin'], camps: ['*'] })).status).toBe(403);
    expect((await admin.patch('/admin/users/00000000-0000-7000-8000-000000000000', { disabled: true })).body).toMatchObject({ statusCode: 404, code: 'USERS.NOT_FOUND' });
  });

  it('should list users without password hashes, and the audit by username and period, page by page, never a password', async () => {
    const list = await admin.get<Record<string, unknown>[]>('/admin/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u) => u['username'])).toEqual(expect.arrayContaining(['root.admin', 'nour.a', 'omar.f']));
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password_?hash/i);

    for (let i = 0; i < 55; i++) await gw.dataSource.query(`INSERT INTO gateway.login_audit (id, event, outcome, username) VALUES (gen_random_uuid(), 'login_failed', 'failure', 'paged.user')`);
    const first = await admin.get<{ items: unknown[]; page: number; pageSize: number; total: number }>('/admin/login-audit?username=PAGED.user');
    expect(first.body).toMatchObject({ page: 1, pageSize: 50, total: 55 });
    expect(first.body.items).toHaveLength(50);
    const second = await admin.get<{ items: unknown[] }>('/admin/login-audit?username=paged.user&page=2');
    expect(second.body.items).toHaveLength(5);
    const future = await admin.get<{ items: unknown[]; total: number }>(`/admin/login-audit?from=${new Date(Date.now() + 3_600_000).toISOString()}`);
    expect(future.body).toMatchObject({ items: [], total: 0 });
    expect((await admin.get('/admin/login-audit?from=yesterday')).status).toBe(400);

    const everything = await admin.get<{ items: Record<string, unknown>[] }>('/admin/login-audit');
    expect(JSON.stringify(everything.body)).not.toContain(STRONG_PASSWORD);
    expect(JSON.stringify(await gw.dataSource.query('SELECT * FROM gateway.login_audit'))).not.toContain(STRONG_PASSWORD);
  });

  it('should end the other sessions when a user changes their password, and keep the one that changed it', async () => {
    await gw.addUser({ username: 'umar.h' });
    const here = await gw.signIn('umar.h', STRONG_PASSWORD);
    const elsewhere = await gw.signIn('umar.h', STRONG_PASSWORD);
    expect((await here.post('/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: 'the-river-runs-north' })).status).toBe(204);
    expect((await here.get('/auth/session')).status).toBe(200);
    expect((await elsewhere.get('/auth/session')).status).toBe(401);
  });
});
