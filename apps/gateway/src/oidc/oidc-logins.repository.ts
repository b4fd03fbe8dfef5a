import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { execute, pg, queryRow, z } from '@awda/persistence';

export interface PendingOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** gateway.oidc_logins: sign-ins sent to the identity provider and not yet back. Each is used once. */
@Injectable()
export class OidcLoginsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(bindingHash: Buffer, login: PendingOidcLogin, ttlSeconds: number): Promise<void> {
    await execute(this.dataSource, 'DELETE FROM oidc_logins WHERE expires_at < now()');
    await execute(
      this.dataSource,
      `INSERT INTO oidc_logins (binding_hash, state, nonce, code_verifier, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [bindingHash, login.state, login.nonce, login.codeVerifier, ttlSeconds],
    );
  }

  /** The pending sign-in bound to this browser, removed as it is read (a replayed callback finds nothing). */
  async take(bindingHash: Buffer): Promise<PendingOidcLogin | undefined> {
    const row = await queryRow(
      this.dataSource,
      'OidcLoginsRepository.take',
      z.object({ state: pg.text(), nonce: pg.text(), code_verifier: pg.text() }),
      'DELETE FROM oidc_logins WHERE binding_hash = $1 AND expires_at > now() RETURNING state, nonce, code_verifier',
      [bindingHash],
    );
    return row ? { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier } : undefined;
  }
}
