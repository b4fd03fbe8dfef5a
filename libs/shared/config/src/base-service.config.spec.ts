import { describe, expect, it } from '@jest/globals';
import {
  BaseServiceConfig,
  DEV_FIELD_ENCRYPTION_KEYS,
  DEV_JWT_SECRET,
  DEV_LOOKUP_HASH_KEY,
} from './base-service.config.js';
import { ConfigError } from './config.error.js';
import { loadConfig } from './load-config.js';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'prod-jwt-secret-0123456789-abcdefghijkl',
  FIELD_ENCRYPTION_KEYS: `k2026:${KEY_A}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k2026',
  LOOKUP_HASH_KEY: 'prod-lookup-key-0123456789-abcdefghijkl',
};

function errorLines(env: Record<string, string>): string[] {
  try {
    loadConfig(BaseServiceConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(BaseServiceConfig.name, () => {
  it('should load the development defaults from an empty environment', () => {
    const config = loadConfig(BaseServiceConfig, {});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/awda',
      NATS_URL: 'nats://127.0.0.1:4222',
      AWDA_NAMESPACE: '',
      LOG_LEVEL: 'info',
      JWT_ISSUER: 'awda-local',
      JWT_AUDIENCE: 'awda',
      JWT_ALGORITHMS: ['HS256'],
      JWT_SECRET: DEV_JWT_SECRET,
      FIELD_ENCRYPTION_KEYS: DEV_FIELD_ENCRYPTION_KEYS,
      FIELD_ENCRYPTION_ACTIVE_KEY: 'dev',
      LOOKUP_HASH_KEY: DEV_LOOKUP_HASH_KEY,
      OUTBOX_POLL_MS: 1000,
      OUTBOX_RETENTION_HOURS: 168,
      MESSAGING_MAX_DELIVER: 5,
      MESSAGING_CONCURRENCY: 8,
    });
    expect(config.JWT_JWKS_URL).toBeUndefined();
  });

  it('should read a good production environment', () => {
    const config = loadConfig(BaseServiceConfig, {
      ...PRODUCTION,
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://awda:pw@db.internal:5432/registration',
      NATS_URL: 'nats://n1:4222,nats://n2:4222',
      AWDA_NAMESPACE: 'test_42',
      JWT_ALGORITHMS: 'RS256, HS256',
      JWT_JWKS_URL: 'https://keycloak.example.org/realms/awda/protocol/openid-connect/certs',
      FIELD_ENCRYPTION_KEYS: `k2025:${KEY_B},k2026:${KEY_A}`,
      MESSAGING_CONCURRENCY: '64',
    });
    expect(config.PORT).toBe(8080);
    expect(config.JWT_ALGORITHMS).toEqual(['RS256', 'HS256']);
    expect(config.MESSAGING_CONCURRENCY).toBe(64);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('should accept a DATABASE_URL listing several hosts (libpq style) and still refuse a broken one', () => {
    const url = 'postgres://awda:pw@db-1:5432,db-2:5433/awda?target_session_attrs=read-write';
    expect(loadConfig(BaseServiceConfig, { ...PRODUCTION, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(() => loadConfig(BaseServiceConfig, { ...PRODUCTION, DATABASE_URL: 'mysql://db-1,db-2/awda' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it('should read one adult age for every service, 18 by default, and refuse an implausible one', () => {
    expect(loadConfig(BaseServiceConfig, {}).ADULT_AGE).toBe(18);
    expect(loadConfig(BaseServiceConfig, { ADULT_AGE: '16' }).ADULT_AGE).toBe(16);
    expect(errorLines({ ADULT_AGE: '5' }).join('\n')).toContain('ADULT_AGE must be a whole number of years between 14 and 21');
  });

  it('should let an app override a default', () => {
    class TransportConfig extends BaseServiceConfig {
      override PORT = 3103;
    }
    expect(loadConfig(TransportConfig, {}).PORT).toBe(3103);
    expect(loadConfig(TransportConfig, { PORT: '9000' }).PORT).toBe(9000);
  });

  it('should name each bad variable and why, one per line', () => {
    const lines = errorLines({
      NODE_ENV: 'staging',
      PORT: '70000',
      DATABASE_URL: 'mysql://root@localhost/awda',
      NATS_URL: 'http://127.0.0.1:4222',
      AWDA_NAMESPACE: 'Test-Run',
      LOG_LEVEL: 'verbose',
      OUTBOX_POLL_MS: 'soon',
      MESSAGING_MAX_DELIVER: '0',
    });
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines).toEqual(
      expect.arrayContaining([
        ' - NODE_ENV must be one of development, test, production (got "staging")',
        ' - PORT must be an integer between 1 and 65535 (got "70000")',
        ' - DATABASE_URL must be a postgres:// URL (got "mysql://root@localhost/awda")',
        ' - NATS_URL must be a nats:// or tls:// URL (or a comma list of them) (got "http://127.0.0.1:4222")',
        ' - AWDA_NAMESPACE must contain only lowercase letters, digits and "_" (got "Test-Run")',
        ' - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
        ' - OUTBOX_POLL_MS must be an integer between 10 and 60000 (milliseconds) (got "soon")',
        ' - MESSAGING_MAX_DELIVER must be an integer between 1 and 1000 (got "0")',
      ]),
    );
    expect(lines).toHaveLength(9);
  });

  it('should mask a password inside a URL it shows', () => {
    const lines = errorLines({ DATABASE_URL: 'mysql://awda:hunter2@db/awda' });
    expect(lines[1]).toBe(' - DATABASE_URL must be a postgres:// URL (got "mysql://awda:***@db/awda")');
  });

  it('should refuse "none" and unknown JWT algorithms', () => {
    expect(errorLines({ JWT_ALGORITHMS: 'HS256,none' })).toContain(
      ' - JWT_ALGORITHMS must be a comma list of HS256, RS256, ES256, EdDSA (never none) (got "HS256,none")',
    );
    expect(errorLines({ JWT_ALGORITHMS: 'HS512' })[1]).toMatch(/^ - JWT_ALGORITHMS must be/);
  });

  it('should require a JWKS URL when an asymmetric algorithm is allowed', () => {
    expect(errorLines({ JWT_ALGORITHMS: 'RS256' })).toEqual([
      'Invalid configuration:',
      ' - JWT_JWKS_URL must be set when JWT_ALGORITHMS allows RS256, ES256 or EdDSA (not set)',
    ]);
    expect(errorLines({ JWT_ALGORITHMS: 'ES256', JWT_JWKS_URL: 'ftp://idp/certs' })).toEqual([
      'Invalid configuration:',
      ' - JWT_JWKS_URL must be an http:// or https:// URL (got "ftp://idp/certs")',
    ]);
  });

  it('should require a long HS256 secret and never show it', () => {
    const lines = errorLines({ JWT_SECRET: 'short-secret-xyz' });
    expect(lines).toEqual([
      'Invalid configuration:',
      ' - JWT_SECRET must be at least 32 characters when JWT_ALGORITHMS allows HS256 (value hidden)',
    ]);
  });

  it('should check the field encryption key ring without showing key material', () => {
    const badLength = errorLines({ FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16, 7).toString('base64')}` });
    expect(badLength).toEqual([
      'Invalid configuration:',
      ' - FIELD_ENCRYPTION_KEYS must be a comma list of keyId:base64-32-bytes: key "k1" must be 32 bytes in base64 (value hidden)',
    ]);
    expect(errorLines({ FIELD_ENCRYPTION_KEYS: `k.1:${KEY_A}` })[1]).toContain('entry 1 needs a key id');
    expect(errorLines({ FIELD_ENCRYPTION_KEYS: `k1:${KEY_A},k1:${KEY_B}` })[1]).toContain('key id "k1" appears twice');
    for (const line of errorLines({ FIELD_ENCRYPTION_KEYS: `k1:${KEY_A},broken` })) {
      expect(line).not.toContain(KEY_A);
    }
  });

  it('should require the active key to be one of the keys', () => {
    expect(errorLines({ FIELD_ENCRYPTION_KEYS: `k2026:${KEY_A}` })).toEqual([
      'Invalid configuration:',
      ' - FIELD_ENCRYPTION_ACTIVE_KEY must be one of the key ids in FIELD_ENCRYPTION_KEYS (value hidden)',
    ]);
  });

  it('should refuse the development defaults in production, naming each', () => {
    const lines = errorLines({ NODE_ENV: 'production' });
    expect(lines).toEqual([
      'Invalid configuration:',
      ' - JWT_SECRET must be set in production (the development default is refused) (value hidden)',
      ' - FIELD_ENCRYPTION_KEYS must be set in production (the development default is refused) (value hidden)',
      ' - LOOKUP_HASH_KEY must be set in production (the development default is refused) (value hidden)',
    ]);
    // Setting a development value explicitly is no way round it.
    expect(errorLines({ ...PRODUCTION, JWT_SECRET: DEV_JWT_SECRET })).toHaveLength(2);
  });

  it('should not ask for an HS256 secret in production when only JWKS is used', () => {
    const { JWT_SECRET: _unused, ...withoutSecret } = PRODUCTION;
    const config = loadConfig(BaseServiceConfig, {
      ...withoutSecret,
      JWT_ALGORITHMS: 'RS256',
      JWT_JWKS_URL: 'https://idp.example.org/certs',
    });
    expect(config.JWT_ALGORITHMS).toEqual(['RS256']);
  });

  it('should never print a secret value in any error', () => {
    const secrets = { JWT_SECRET: 'tiny', LOOKUP_HASH_KEY: 'also-tiny', FIELD_ENCRYPTION_KEYS: 'garbage-material' };
    const message = errorLines({ ...secrets, PORT: 'x' }).join('\n');
    for (const value of Object.values(secrets)) expect(message).not.toContain(value);
    expect(message).toContain('JWT_SECRET');
    expect(message).toContain('LOOKUP_HASH_KEY');
    expect(message).toContain('FIELD_ENCRYPTION_KEYS');
  });
});
