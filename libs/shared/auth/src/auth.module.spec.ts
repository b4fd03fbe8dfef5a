import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule } from './auth.module.js';
import { signToken } from './sign-token.js';
import { TokenVerifier } from './token-verifier.js';

const SECRET = 'async-config-secret-0123456789abcdef';
const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

@Module({
  providers: [{ provide: AUTH_SETTINGS, useValue: { issuer: 'awda-async', audience: 'awda', secret: SECRET } }],
  exports: [AUTH_SETTINGS],
})
class SettingsModule {}

describe(AuthModule.name, () => {
  it('should take its options from a factory (forRootAsync)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRootAsync({
          imports: [SettingsModule],
          inject: [AUTH_SETTINGS],
          useFactory: (settings: { issuer: string; audience: string; secret: string }) => ({
            ...settings,
            algorithms: ['HS256'],
          }),
        }),
      ],
    }).compile();
    const token = await signToken(
      { sub: 'user-9', roles: ['logistics'], camps: ['areesha'], ttlSeconds: 60 },
      { secret: SECRET, issuer: 'awda-async', audience: 'awda' },
    );
    await expect(moduleRef.get(TokenVerifier).verify(token)).resolves.toEqual({
      sub: 'user-9',
      roles: ['logistics'],
      camps: ['areesha'],
    });
    await moduleRef.close();
  });

  it('should refuse unsafe options at startup', () => {
    expect(() => AuthModule.forRoot({ issuer: 'awda', audience: 'awda', algorithms: ['HS256'], secret: 'short' })).toThrow(
      'at least 32 characters',
    );
  });
});
