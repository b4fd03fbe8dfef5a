import { describe, expect, it } from '@jest/globals';
import { DEV_JWT_SECRET } from '@awda/config';
import { decodeJwt, jwtVerify } from 'jose';
import { parseTtl, tokenFromCommandLine } from './token-cli.js';

describe(tokenFromCommandLine.name, () => {
  it('should sign a token the services accept with the development defaults', async () => {
    const token = await tokenFromCommandLine(
      ['--role', 'caseworker', '--camp', 'mahmoudli', '--camp', 'areesha', '--sub', 'user-1', '--ttl', '2h'],
      {},
    );
    const { payload } = await jwtVerify(token, new TextEncoder().encode(DEV_JWT_SECRET), {
      issuer: 'awda-local',
      audience: 'awda',
      algorithms: ['HS256'],
    });
    expect(payload).toMatchObject({ sub: 'user-1', roles: ['caseworker'], camps: ['mahmoudli', 'areesha'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(7200);
  });

  it('should read the issuer, audience and secret from the environment', async () => {
    const env = { JWT_SECRET: 'cli-test-secret-0123456789abcdefghij', JWT_ISSUER: 'awda-ci', JWT_AUDIENCE: 'awda-ci' };
    const token = await tokenFromCommandLine(['--role', 'admin'], env);
    expect(decodeJwt(token)).toMatchObject({ iss: 'awda-ci', aud: 'awda-ci', sub: 'dev-user', camps: [] });
  });

  it('should refuse unknown roles, missing roles and unknown options', async () => {
    await expect(tokenFromCommandLine(['--role', 'root'], {})).rejects.toThrow('Unknown role root');
    await expect(tokenFromCommandLine(['--camp', 'x'], {})).rejects.toThrow('At least one --role');
    await expect(tokenFromCommandLine(['--role', 'admin', '--secret', 'x'], {})).rejects.toThrow();
  });

  it('should refuse to use the development secret in production', async () => {
    await expect(tokenFromCommandLine(['--role', 'admin'], { NODE_ENV: 'production' })).rejects.toThrow(
      'JWT_SECRET must be set in production',
    );
  });
});

describe(parseTtl.name, () => {
  it('should read seconds, minutes, hours and days', () => {
    expect(parseTtl('90')).toBe(90);
    expect(parseTtl('15m')).toBe(900);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('2d')).toBe(172_800);
  });

  it('should refuse nonsense, zero and more than 30 days', () => {
    for (const bad of ['soon', '0', '-5m', '31d', '1.5h']) expect(() => parseTtl(bad)).toThrow('--ttl');
  });
});
