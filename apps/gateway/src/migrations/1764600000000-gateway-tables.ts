import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People who sign in at the gateway, their server-side sessions, the sign-in audit, the per-username
 * failure counters (lockout) and the pending OpenID Connect sign-ins.
 */
export class GatewayTables1764600000000 implements MigrationInterface {
  name = 'GatewayTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL CHECK (length(username) BETWEEN 1 AND 256),
        display_name text NOT NULL,
        roles text[] NOT NULL,
        camps text[] NOT NULL,
        locale text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en', 'ckb', 'kmr')),
        digits text NOT NULL DEFAULT 'latin' CHECK (digits IN ('latin', 'arabic')),
        -- argon2id (PHC string); NULL for people who sign in through the identity provider.
        password_hash text,
        must_change_password boolean NOT NULL DEFAULT false,
        password_changed_at timestamptz,
        oidc_issuer text,
        oidc_subject text,
        disabled_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_one_way_in CHECK ((password_hash IS NULL) = (oidc_subject IS NOT NULL)),
        CONSTRAINT users_oidc_pair CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
      )`);
    // Usernames are unique among local accounts, whatever their case; provider accounts by (issuer, subject).
    await queryRunner.query(`CREATE UNIQUE INDEX users_local_username ON users (lower(username)) WHERE oidc_subject IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_oidc_identity ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL`);

    // Only a hash of the session id is stored: a copy of this table lets nobody in.
    await queryRunner.query(`
      CREATE TABLE sessions (
        id_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        method text NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        ip text
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await queryRunner.query(`CREATE INDEX sessions_absolute_expiry ON sessions (absolute_expires_at)`);

    await queryRunner.query(`
      CREATE TABLE login_audit (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        event text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        method text CHECK (method IN ('password', 'oidc')),
        username text,
        user_id uuid,
        actor_id uuid,
        ip text,
        reason text
      )`);
    await queryRunner.query(`CREATE INDEX login_audit_at ON login_audit (at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX login_audit_username_at ON login_audit (lower(username), at DESC)`);

    // Failed passwords per username (known or not, so that a lockout reveals nothing about who exists).
    await queryRunner.query(`
      CREATE TABLE login_failures (
        username_key text PRIMARY KEY,
        failures integer NOT NULL,
        window_start timestamptz NOT NULL,
        locked_until timestamptz
      )`);

    // A sign-in started at the identity provider and not yet finished: bound to the browser by a cookie.
    await queryRunner.query(`
      CREATE TABLE oidc_logins (
        binding_hash bytea PRIMARY KEY,
        state text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oidc_logins`);
    await queryRunner.query(`DROP TABLE login_failures`);
    await queryRunner.query(`DROP TABLE login_audit`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
