import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseAppConfig, DEV_JWT_SECRET, EnvRule, RefuseInProduction, isUrlWith, splitList } from '@awda/config';

/** The four services the gateway proxies, by the name used in `/api/<name>/…`. */
export const PROXIED_SERVICES = ['registration', 'eligibility', 'transport', 'notifications', 'reporting'] as const;
export type ProxiedService = (typeof PROXIED_SERVICES)[number];

// dist/apps/gateway/src/config.js and apps/gateway/src/config.ts both sit three levels below the
// folder that holds dist/ (the repository, or dist/ itself): the console's `vite build` writes dist/console.
function defaultConsoleDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, '..', '..', '..');
  const inDist = join(up, 'console');
  return existsSync(join(up, 'apps')) && !existsSync(join(up, 'package.json')) ? inDist : join(up, 'dist', 'console');
}

const int = (min: number, max: number, unit: string) => {
  const message = `$property must be an integer between ${min} and ${max} (${unit})`;
  return [IsInt({ message }), Min(min, { message }), Max(max, { message })];
};
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };
const serviceUrl = EnvRule('serviceUrl', '$property must be an http:// or https:// URL', (v) => isUrlWith(v, ['http:', 'https:']));
const oidcConfigured = (config: Record<string, unknown>): boolean => typeof config['OIDC_ISSUER_URL'] === 'string';
const isProduction = (config: Record<string, unknown>): boolean => config['NODE_ENV'] === 'production';

/** The gateway's settings (property name = environment variable). No broker: the gateway has no events. */
export class GatewayConfig extends BaseAppConfig {
  override PORT: number = 3000;

  @serviceUrl REGISTRATION_URL = 'http://127.0.0.1:3001';
  @serviceUrl ELIGIBILITY_URL = 'http://127.0.0.1:3002';
  @serviceUrl TRANSPORT_URL = 'http://127.0.0.1:3003';
  @serviceUrl NOTIFICATIONS_URL = 'http://127.0.0.1:3004';
  @serviceUrl REPORTING_URL = 'http://127.0.0.1:3005';

  /** The built console (index.html and assets/); `/` explains how to build it when it is missing. */
  @IsString({ message: '$property must be a folder path' })
  CONSOLE_DIR = defaultConsoleDir();

  // ---- service tokens: the gateway signs one per proxied call, the services verify it ----

  @IsString() @MinLength(1, { message: '$property must not be empty' })
  JWT_ISSUER = 'awda-local';

  @IsString() @MinLength(1, { message: '$property must not be empty' })
  JWT_AUDIENCE = 'awda';

  /** The services' HS256 secret (the same value as their JWT_SECRET). */
  @IsString() @MinLength(32, { message: '$property must be at least 32 characters' })
  @RefuseInProduction(DEV_JWT_SECRET)
  JWT_SECRET = DEV_JWT_SECRET;

  @apply(int(10, 600, 'seconds'))
  SERVICE_TOKEN_TTL_SECONDS = 60;

  // ---- sessions ----

  /** A session unused this long ends (a shared laptop left open). */
  @apply(int(1, 1440, 'minutes'))
  SESSION_IDLE_MINUTES = 30;

  /** A session ends this long after sign-in, used or not. */
  @apply(int(1, 168, 'hours'))
  SESSION_ABSOLUTE_HOURS = 12;

  /** Secure cookies need HTTPS (browsers treat http://127.0.0.1 and localhost as secure too). */
  @IsBoolean({ message: '$property must be true or false' })
  @EnvRule('secureCookieInProduction', '$property must be true in production', (v, config) => !(isProduction(config) && v === false))
  SESSION_COOKIE_SECURE: boolean = true;

  /**
   * Origins allowed on state-changing requests besides the request's own host (comma list of
   * scheme://host[:port]), e.g. the public URL when a TLS proxy in front rewrites the Host header.
   */
  @Transform(({ value }) => splitList(value))
  @EnvRule(
    'origins',
    '$property must be a comma list of http(s)://host[:port] origins',
    (v) => Array.isArray(v) && v.every((o) => isUrlWith(o, ['http:', 'https:']) && new URL(String(o)).origin === o),
  )
  ALLOWED_ORIGINS: string[] = [];

  /**
   * The gateway is the public entry: its /metrics answers only `Authorization: Bearer <this>` (a
   * Prometheus scrape), and not at all in production without it. Outside production, openly.
   */
  @IsOptional() @IsString() @MinLength(32, { message: '$property must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** Express "trust proxy": which proxies in front may set X-Forwarded-For (e.g. "loopback", "10.0.0.0/8"); empty: none. */
  @IsString()
  TRUST_PROXY = '';

  // ---- sign-in protection ----

  /** Failed passwords for one username before it is locked. */
  @apply(int(1, 100, 'failures'))
  LOGIN_LOCKOUT_THRESHOLD = 5;

  /** How long a locked username stays locked; failures older than this are forgotten. */
  @apply(int(1, 1440, 'minutes'))
  LOGIN_LOCKOUT_MINUTES = 15;

  /** Sign-in attempts per client address per window (a camp office shares one address: keep it generous). */
  @apply(int(1, 100_000, 'attempts per window'))
  LOGIN_RATE_LIMIT_PER_IP = 60;

  /** Sign-in attempts per username per window. */
  @apply(int(1, 10_000, 'attempts per window'))
  LOGIN_RATE_LIMIT_PER_USERNAME = 10;

  /** The rate limits' window: fixed windows of this many seconds on the database clock. */
  @apply(int(1, 86_400, 'seconds'))
  LOGIN_RATE_LIMIT_WINDOW_SECONDS = 60;

  // ---- proxy ----

  /** A service must start answering within this many seconds once the request has reached it. */
  @apply(int(1, 3600, 'seconds'))
  PROXY_TIMEOUT_SECONDS = 60;

  /** Connecting to a service gives up after this many seconds (a host that drops packets). */
  @apply(int(1, 60, 'seconds'))
  PROXY_CONNECT_TIMEOUT_SECONDS = 5;

  // ---- OpenID Connect (optional): set OIDC_ISSUER_URL and OIDC_CLIENT_ID to enable ----

  @IsOptional()
  @EnvRule('issuer', '$property must be an https:// URL (http:// only with OIDC_ALLOW_HTTP outside production)', (v, config) =>
    v === undefined || isUrlWith(v, config['OIDC_ALLOW_HTTP'] === true && !isProduction(config) ? ['https:', 'http:'] : ['https:']),
  )
  OIDC_ISSUER_URL?: string;

  @EnvRule('clientId', '$property must be set when OIDC_ISSUER_URL is set', (v, config) =>
    v === undefined ? !oidcConfigured(config) : typeof v === 'string' && v.length > 0 && v.length <= 256,
  )
  OIDC_CLIENT_ID?: string;

  /** Confidential clients only; a public client relies on PKCE alone. */
  @IsOptional() @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** Where the provider sends the browser back: the public URL of /auth/oidc/callback. */
  @EnvRule('redirect', '$property must be the public URL of /auth/oidc/callback (needed when OIDC_ISSUER_URL is set)', (v, config) =>
    v === undefined ? !oidcConfigured(config) : isUrlWith(v, ['https:', 'http:']) && new URL(String(v)).pathname === '/auth/oidc/callback',
  )
  OIDC_REDIRECT_URL?: string;

  @IsString()
  OIDC_SCOPES = 'openid profile email';

  /** The sign-in button's text, e.g. "Sign in with the UNHCR account". */
  @IsString() @MaxLength(80)
  OIDC_LABEL = 'Sign in with your organisation';

  /** Claim (dotted path) holding Awda roles, e.g. "realm_access.roles" for Keycloak realm roles. */
  @IsString() @MinLength(1)
  OIDC_ROLES_CLAIM = 'roles';

  /** Claim (dotted path) holding the camps a user may work on ("*" = all). */
  @IsString() @MinLength(1)
  OIDC_CAMPS_CLAIM = 'camps';

  /** Claim shown as the user's name in the console. */
  @IsString() @MinLength(1)
  OIDC_NAME_CLAIM = 'name';

  /** Claim used as the username in the audit and the admin's list. */
  @IsString() @MinLength(1)
  OIDC_USERNAME_CLAIM = 'preferred_username';

  /** Development and tests only: talk to a provider over plain http (refused in production). */
  @IsBoolean({ message: '$property must be true or false' })
  @EnvRule('httpOidcInProduction', '$property must be false in production', (v, config) => !(isProduction(config) && v === true))
  OIDC_ALLOW_HTTP: boolean = false;
}

/** The base URL of each proxied service. */
export function serviceUrls(config: GatewayConfig): Record<ProxiedService, string> {
  return {
    registration: config.REGISTRATION_URL,
    eligibility: config.ELIGIBILITY_URL,
    transport: config.TRANSPORT_URL,
    notifications: config.NOTIFICATIONS_URL,
    reporting: config.REPORTING_URL,
  };
}
