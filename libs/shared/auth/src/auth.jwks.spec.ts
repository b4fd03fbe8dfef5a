import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import request from 'supertest';
import { AuthModule } from './auth.module.js';
import { CurrentUser, Roles } from './decorators.js';
import type { AuthUser } from './roles.js';
import { signToken } from './sign-token.js';
import { TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://keycloak.test/realms/awda';
const AUDIENCE = 'awda';
const KID = 'awda-test-key-1';

@Controller('me')
class MeProbeController {
  @Roles('caseworker')
  @Get()
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}

async function rs256(privateKey: CryptoKey, claims: Record<string, unknown>, kid = KID): Promise<string> {
  return new SignJWT({ roles: ['caseworker'], camps: ['mahmoudli', 'areesha'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setSubject('kc-user-42')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

async function appFor(jwksUrl: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], jwksUrl })],
    controllers: [MeProbeController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe(`${TokenVerifier.name} with a JWKS`, () => {
  let jwksServer: Server;
  let privateKey: CryptoKey;
  let app: INestApplication;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
    jwksServer = createServer((req, res) => {
      if (req.url !== '/certs') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    });
    app = await appFor(`${await listen(jwksServer)}/certs`);
  });

  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('should accept a token signed by the identity provider', async () => {
    const token = await rs256(privateKey, {});
    const response = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'kc-user-42', roles: ['caseworker'], camps: ['mahmoudli', 'areesha'] });
  });

  it('should refuse a token signed by another key under the same kid', async () => {
    const other = await generateKeyPair('RS256');
    const token = await rs256(other.privateKey, { roles: ['admin'] });
    const response = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('should refuse a token whose kid the key set does not hold', async () => {
    const token = await rs256(privateKey, {}, 'unknown-kid');
    expect((await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('should refuse an HS256 token when only RS256 is allowed', async () => {
    const token = await signToken(
      { sub: 'kc-user-42', roles: ['caseworker'], camps: ['*'], ttlSeconds: 300 },
      { secret: 'any-secret-that-is-long-enough-for-hs256', issuer: ISSUER, audience: AUDIENCE },
    );
    const response = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
  });

  it('should answer 503, not 401, when the key set cannot be fetched', async () => {
    const down = createServer((_req, res) => res.writeHead(500).end());
    const downApp = await appFor(`${await listen(down)}/certs`);
    try {
      const token = await rs256(privateKey, {});
      const response = await request(downApp.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'AUTH.UNAVAILABLE' });
    } finally {
      await downApp.close();
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
