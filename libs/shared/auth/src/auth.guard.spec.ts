import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, type ExecutionContext, type INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { ObservabilityModule, currentContext } from '@awda/observability';
import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { AuthModule } from './auth.module.js';
import { CurrentUser, Public, Roles } from './index.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { campScope, type AuthUser } from './roles.js';
import { RolesGuard } from './roles.guard.js';
import { signToken } from './sign-token.js';
import { TokenVerifier } from './token-verifier.js';

const SECRET = 'test-secret-for-awda-auth-0123456789';
const ISSUER = 'awda-test';
const AUDIENCE = 'awda';
const sign = { secret: SECRET, issuer: ISSUER, audience: AUDIENCE };
const caseworker = { sub: 'user-1', roles: ['caseworker'] as const, camps: ['mahmoudli'], ttlSeconds: 600 };

@Controller('households')
class HouseholdsProbeController {
  @Get()
  list(@CurrentUser() user: AuthUser): { sub: string; scope: string[] | 'all'; contextUserId: string | undefined } {
    return { sub: user.sub, scope: campScope(user), contextUserId: currentContext()?.userId };
  }

  @Roles('supervisor', 'admin')
  @Get('approvals')
  approvals(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Get('public')
  open(): { ok: true } {
    return { ok: true };
  }

  @EventPattern<string>('awda.test.probe.v1')
  onProbe(): void {}
}

@Roles('logistics')
@Controller('convoys')
class ConvoysProbeController {
  @Get()
  list(): { ok: true } {
    return { ok: true };
  }

  @Roles('caseworker')
  @Get('mine')
  mine(): { ok: true } {
    return { ok: true };
  }
}

async function rawToken(claims: Record<string, unknown>, options: { exp?: number; secret?: string; iat?: number | null } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ roles: ['caseworker'], camps: ['mahmoudli'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE);
  if (options.iat !== null) jwt.setIssuedAt(now + (options.iat ?? 0));
  if (options.exp !== undefined) jwt.setExpirationTime(now + options.exp);
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

describe(JwtAuthGuard.name, () => {
  let app: INestApplication;
  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('authorization', `Bearer ${token}`);
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'auth-test', level: 'silent' }),
        AuthModule.forRoot({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], secret: SECRET }),
      ],
      controllers: [HouseholdsProbeController, ConvoysProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  function expectInvalidToken(response: request.Response, token?: string): void {
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'AUTH.INVALID_TOKEN' });
    expect(typeof response.body.message).toBe('string');
    if (token !== undefined) expect(JSON.stringify(response.body)).not.toContain(token);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  }

  it('should refuse a request without a token', async () => {
    expectInvalidToken(await get('/households'));
  });

  it('should refuse a malformed Authorization header or token', async () => {
    expectInvalidToken(await request(app.getHttpServer()).get('/households').set('authorization', 'Basic dXNlcjpwdw=='));
    expectInvalidToken(await get('/households', 'not-a-jwt'), 'not-a-jwt');
  });

  it('should refuse an unsigned (alg: none) token', async () => {
    const token = new UnsecuredJWT({ roles: ['admin'], camps: ['*'] })
      .setSubject('intruder')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    expectInvalidToken(await get('/households', token), token);
  });

  it('should refuse a token for another audience or from another issuer', async () => {
    const otherAudience = await signToken(caseworker, { ...sign, audience: 'someone-else' });
    expectInvalidToken(await get('/households', otherAudience), otherAudience);
    const otherIssuer = await signToken(caseworker, { ...sign, issuer: 'evil-issuer' });
    expectInvalidToken(await get('/households', otherIssuer), otherIssuer);
  });

  it('should refuse an expired token and one without an expiry', async () => {
    const expired = await rawToken({}, { exp: -120 });
    const response = await get('/households', expired);
    expectInvalidToken(response, expired);
    expect(response.body.message).toBe('The token has expired');
    expectInvalidToken(await get('/households', await rawToken({})));
  });

  it('should refuse a token without a reasonable lifetime: exp in year 9999, iat in the future, no iat, issued too long ago', async () => {
    const forever = await rawToken({ exp: 253_402_300_799 });
    const response = await get('/households', forever);
    expectInvalidToken(response, forever);
    expect(response.body.message).toContain('lives longer than');
    expectInvalidToken(await get('/households', await rawToken({}, { exp: 600, iat: 3600 })));
    expectInvalidToken(await get('/households', await rawToken({}, { exp: 600, iat: null })));
    expectInvalidToken(await get('/households', await rawToken({}, { exp: 600, iat: -2 * 86_400 })));
    // The control: a day's token is fine.
    expect((await get('/households', await rawToken({}, { exp: 86_000 }))).status).toBe(200);
  });

  it('should accept a token expired within the 30 s clock tolerance', async () => {
    expect((await get('/households', await rawToken({}, { exp: -5 }))).status).toBe(200);
  });

  it('should refuse a token signed with another key', async () => {
    const forged = await signToken({ ...caseworker, roles: ['admin'] }, { ...sign, secret: 'another-secret-of-at-least-32-chars!!' });
    expectInvalidToken(await get('/households', forged), forged);
  });

  it('should let a good token through and expose the caller', async () => {
    const response = await get('/households', await signToken(caseworker, sign));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'user-1', scope: ['mahmoudli'], contextUserId: 'user-1' });
  });

  it('should refuse a caller without one of the required roles', async () => {
    const response = await get('/households/approvals', await signToken(caseworker, sign));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN_ROLE' });
    const supervisor = await signToken({ ...caseworker, roles: ['supervisor'] }, sign);
    expect((await get('/households/approvals', supervisor)).status).toBe(200);
  });

  it('should apply controller roles, overridden by handler roles', async () => {
    const logistics = await signToken({ ...caseworker, roles: ['logistics'] }, sign);
    const caseworkerToken = await signToken(caseworker, sign);
    expect((await get('/convoys', logistics)).status).toBe(200);
    expect((await get('/convoys', caseworkerToken)).status).toBe(403);
    expect((await get('/convoys/mine', caseworkerToken)).status).toBe(200);
    expect((await get('/convoys/mine', logistics)).status).toBe(403);
  });

  it('should read Keycloak realm roles and ignore roles Awda does not know', async () => {
    const token = await rawToken({ roles: undefined, realm_access: { roles: ['offline_access', 'supervisor'] } }, { exp: 600 });
    expect((await get('/households/approvals', token)).status).toBe(200);
  });

  it('should let anyone reach a @Public() route and /metrics', async () => {
    expect((await get('/households/public')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
  });

  it('should not guard event handlers (rpc context)', async () => {
    const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
    await expect(new JwtAuthGuard(new Reflector(), app.get(TokenVerifier)).canActivate(rpc)).resolves.toBe(true);
    expect(new RolesGuard(new Reflector()).canActivate(rpc)).toBe(true);
  });
});
