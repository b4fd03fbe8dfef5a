import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { LoginAuditRepository } from '../audit/login-audit.repository.js';
import type { GatewayConfig } from '../config.js';
import { LoginService } from '../login/login.service.js';
import { clientIp, type GatewayRequest } from '../sessions/gateway-request.js';
import { OIDC_COOKIE, clearCookie, readCookie, setCookie } from '../sessions/session-cookie.js';
import type { UserRecord } from '../users/user.model.js';
import { UsersRepository } from '../users/users.repository.js';
import { identityFromClaims, type ProviderIdentity } from './oidc-claims.js';
import { OidcLoginsRepository } from './oidc-logins.repository.js';
import { sendOidcProblem, type OidcProblem } from './oidc-page.js';

// Long enough to type a password and a second factor at the provider, short enough to be single-use in practice.
const PENDING_SECONDS = 600;
const CALLBACK_PATH = '/auth/oidc/callback';

const hashOf = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Sign-in through the organisation's identity provider: authorization code with PKCE, state and
 * nonce, bound to the browser that started it. Roles and camps come from the provider's claims at
 * every sign-in; a local account linked by (issuer, subject) keeps preferences and can be disabled here.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered?: Promise<client.Configuration>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pending: OidcLoginsRepository,
    private readonly users: UsersRepository,
    private readonly login: LoginService,
    private readonly audit: LoginAuditRepository,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** GET /auth/oidc/start: 302 to the provider. */
  async start(response: ServerResponse): Promise<void> {
    const configuration = await this.configuration(response);
    if (configuration === undefined) return;
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const binding = randomBytes(32).toString('base64url');
    await this.pending.insert(hashOf(binding), { state, nonce, codeVerifier }, PENDING_SECONDS);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUrl(),
      scope: this.config.OIDC_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    // Lax, not Strict: the provider's redirect back is a navigation from another site.
    response.appendHeader(
      'Set-Cookie',
      setCookie(OIDC_COOKIE, binding, { secure: this.config.SESSION_COOKIE_SECURE, sameSite: 'Lax', path: '/auth/oidc', maxAgeSeconds: PENDING_SECONDS }),
    );
    response.statusCode = 302;
    response.setHeader('Location', url.href);
    response.setHeader('Cache-Control', 'no-store');
    response.end();
  }

  /** GET /auth/oidc/callback: checks everything, creates the session, 302 to the console. */
  async callback(request: GatewayRequest & { originalUrl?: string }, response: ServerResponse): Promise<void> {
    const configuration = await this.configuration(response);
    if (configuration === undefined) return;
    const ip = clientIp(request);
    const binding = readCookie(request.headers.cookie, OIDC_COOKIE);
    response.appendHeader('Set-Cookie', clearCookie(OIDC_COOKIE, { secure: this.config.SESSION_COOKIE_SECURE, sameSite: 'Lax', path: '/auth/oidc' }));
    const pending = binding !== undefined ? await this.pending.take(hashOf(binding)) : undefined;
    if (pending === undefined) return this.refuse(response, 'expired', ip);

    let claims: Record<string, unknown>;
    try {
      // The URL the provider sent the browser to, rebuilt on the configured public address.
      const query = (request.originalUrl ?? request.url ?? '').split('?')[1] ?? '';
      const tokens = await client.authorizationCodeGrant(configuration, new URL(`${this.redirectUrl()}?${query}`), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (idClaims === undefined) return this.refuse(response, 'refused', ip);
      claims = { ...idClaims };
      if (configuration.serverMetadata().userinfo_endpoint !== undefined) {
        // Providers often keep roles and groups out of the ID token; userinfo (same subject, checked) has them.
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...idClaims, ...userinfo, sub: idClaims.sub };
      }
    } catch (error) {
      this.logger.warn({ msg: 'identity provider sign-in refused', reason: describe(error) });
      return this.refuse(response, 'refused', ip);
    }

    const result = identityFromClaims(claims, {
      roles: this.config.OIDC_ROLES_CLAIM,
      camps: this.config.OIDC_CAMPS_CLAIM,
      name: this.config.OIDC_NAME_CLAIM,
      username: this.config.OIDC_USERNAME_CLAIM,
    });
    if (!result.ok) return this.refuse(response, result.reason === 'no_subject' ? 'refused' : result.reason, ip, textClaim(claims, 'preferred_username'));
    const user = await this.linkAccount(configuration.serverMetadata().issuer, result.identity);
    if (user.disabledAt !== null) return this.refuse(response, 'account_disabled', ip, user.username, user.id);

    await this.login.startSession(user, 'oidc', ip, response);
    response.statusCode = 302;
    response.setHeader('Location', '/');
    response.setHeader('Cache-Control', 'no-store');
    response.end();
  }

  private redirectUrl(): string {
    return this.config.OIDC_REDIRECT_URL ?? `http://127.0.0.1:${this.config.PORT}${CALLBACK_PATH}`;
  }

  /** The provider's metadata, fetched once (again after a failure); undefined once a page has answered. */
  private async configuration(response: ServerResponse): Promise<client.Configuration | undefined> {
    const issuer = this.config.OIDC_ISSUER_URL;
    const clientId = this.config.OIDC_CLIENT_ID;
    if (issuer === undefined || clientId === undefined) {
      sendOidcProblem(response, 'disabled');
      return undefined;
    }
    const secret = this.config.OIDC_CLIENT_SECRET;
    this.discovered ??= client.discovery(
      new URL(issuer),
      clientId,
      { redirect_uris: [this.redirectUrl()], response_types: ['code'] },
      secret !== undefined ? client.ClientSecretBasic(secret) : client.None(),
      this.config.OIDC_ALLOW_HTTP ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    try {
      return await this.discovered;
    } catch (error) {
      this.discovered = undefined;
      this.logger.warn({ msg: 'identity provider discovery failed', reason: describe(error) });
      sendOidcProblem(response, 'unavailable');
      return undefined;
    }
  }

  /** The local account linked to this provider identity, created at the first sign-in, refreshed at each. */
  private linkAccount(issuer: string, identity: ProviderIdentity): Promise<UserRecord> {
    return this.dataSource.transaction(async (manager) => {
      await this.users.lockOidcIdentity(issuer, identity.subject, manager);
      const known = await this.users.findByOidcIdentity(issuer, identity.subject, manager);
      const fields = { username: identity.username, displayName: identity.displayName, roles: identity.roles, camps: identity.camps };
      if (known !== undefined) return this.users.refreshFromProvider(known.id, fields, manager);
      const created = await this.users.insert(
        { ...fields, locale: 'ar', passwordHash: null, mustChangePassword: false, oidcIssuer: issuer, oidcSubject: identity.subject },
        manager,
      );
      await this.audit.record({ event: 'user_created', outcome: 'success', method: 'oidc', username: created.username, userId: created.id, reason: 'first_sign_in' }, manager);
      return created;
    });
  }

  private async refuse(response: ServerResponse, problem: OidcProblem, ip: string | undefined, username?: string, userId?: string): Promise<void> {
    await this.audit.record({ event: 'login_failed', outcome: 'failure', method: 'oidc', username, userId, ip, reason: problem });
    sendOidcProblem(response, problem);
  }
}

function textClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value.slice(0, 256) : undefined;
}

// Error codes and names only: provider messages can echo parameters.
function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return `${error.name}:${error.error}`;
  if (error instanceof Error) return `${error.name}:${(error as Error & { code?: string }).code ?? ''}`;
  return 'unknown';
}
