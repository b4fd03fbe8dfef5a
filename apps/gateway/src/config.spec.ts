import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '@awda/config';
import { GatewayConfig, serviceUrls } from './config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(GatewayConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n').slice(1);
    throw error;
  }
  return [];
}

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'prod-jwt-secret-0123456789-abcdefghijkl' };

describe(GatewayConfig.name, () => {
  it('should run locally with no variables: port 3000, the five services on 3001-3005, secure cookies, the built console', () => {
    const config = loadConfig(GatewayConfig, {});
    expect(config).toMatchObject({
      PORT: 3000,
      SESSION_COOKIE_SECURE: true,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      LOGIN_LOCKOUT_THRESHOLD: 5,
      SERVICE_TOKEN_TTL_SECONDS: 60,
      JWT_SECRET: DEV_JWT_SECRET,
      ALLOWED_ORIGINS: [],
    });
    expect(serviceUrls(config)).toEqual({
      registration: 'http://127.0.0.1:3001',
      eligibility: 'http://127.0.0.1:3002',
      transport: 'http://127.0.0.1:3003',
      notifications: 'http://127.0.0.1:3004',
      reporting: 'http://127.0.0.1:3005',
    });
    expect(config.CONSOLE_DIR).toMatch(/[/\\]dist[/\\]console$/);
    expect(config.OIDC_ISSUER_URL).toBeUndefined();
  });

  it('should refuse development secrets and insecure settings in production, naming each', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([' - JWT_SECRET must be set in production (the development default is refused) (value hidden)']);
    expect(problems({ ...PRODUCTION, SESSION_COOKIE_SECURE: 'false' })).toEqual([' - SESSION_COOKIE_SECURE must be true in production (got "false")']);
    expect(problems({ ...PRODUCTION, OIDC_ALLOW_HTTP: 'true' })).toEqual([' - OIDC_ALLOW_HTTP must be false in production (got "true")']);
    expect(problems(PRODUCTION)).toEqual([]);
  });

  it('should name each bad variable', () => {
    const lines = problems({
      REGISTRATION_URL: 'registration:3001',
      SESSION_IDLE_MINUTES: '0',
      LOGIN_LOCKOUT_THRESHOLD: 'many',
      PROXY_TIMEOUT_SECONDS: '-1',
      ALLOWED_ORIGINS: 'https://awda.example.org/, https://ok.example.org',
      SESSION_COOKIE_SECURE: 'maybe',
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        ' - REGISTRATION_URL must be an http:// or https:// URL (got "registration:3001")',
        ' - SESSION_IDLE_MINUTES must be an integer between 1 and 1440 (minutes) (got "0")',
        ' - LOGIN_LOCKOUT_THRESHOLD must be an integer between 1 and 100 (failures) (got "many")',
        ' - PROXY_TIMEOUT_SECONDS must be an integer between 1 and 3600 (seconds) (got "-1")',
        ' - ALLOWED_ORIGINS must be a comma list of http(s)://host[:port] origins (got "https://awda.example.org/, https://ok.example.org")',
        ' - SESSION_COOKIE_SECURE must be true or false (got "maybe")',
      ]),
    );
    expect(lines).toHaveLength(6);
  });

  it('should need a client id and a callback URL once an identity provider is named, and https outside development', () => {
    expect(problems({ OIDC_ISSUER_URL: 'https://idp.example.org/realms/awda' })).toEqual([
      ' - OIDC_CLIENT_ID must be set when OIDC_ISSUER_URL is set (not set)',
      ' - OIDC_REDIRECT_URL must be the public URL of /auth/oidc/callback (needed when OIDC_ISSUER_URL is set) (not set)',
    ]);
    expect(problems({ OIDC_ISSUER_URL: 'http://idp.example.org/realms/awda', OIDC_CLIENT_ID: 'awda', OIDC_REDIRECT_URL: 'https://awda.example.org/auth/oidc/callback' })).toEqual([
      ' - OIDC_ISSUER_URL must be an https:// URL (http:// only with OIDC_ALLOW_HTTP outside production) (got "http://idp.example.org/realms/awda")',
    ]);
    expect(
      problems({ OIDC_ISSUER_URL: 'https://idp.example.org/realms/awda', OIDC_CLIENT_ID: 'awda', OIDC_REDIRECT_URL: 'https://awda.example.org/callback' })[0],
    ).toMatch(/^ - OIDC_REDIRECT_URL must be the public URL of \/auth\/oidc\/callback/);
  });
});
