import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isRole, type Role } from '@awda/auth';
import { execute, pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';
import { checkedPreferences, type Locale, type UserRecord, type DigitStyle } from './user.model.js';

const COLUMNS = `id, username, display_name, roles, camps, locale, digits, password_hash, must_change_password,
  oidc_issuer, oidc_subject, disabled_at, last_login_at, created_at`;

/** A users row as COLUMNS selects it; roles, locale and digits are checked again where they are read (toRecord). */
const userRow = z.object({
  id: pg.uuid(),
  username: pg.text(),
  display_name: pg.text(),
  roles: pg.textArray(),
  camps: pg.textArray(),
  locale: pg.text(),
  digits: pg.text(),
  password_hash: pg.text().nullable(),
  must_change_password: pg.bool(),
  oidc_issuer: pg.text().nullable(),
  oidc_subject: pg.text().nullable(),
  disabled_at: pg.timestamp().nullable(),
  last_login_at: pg.timestamp().nullable(),
  created_at: pg.timestamp(),
});
type UserRow = Row<typeof userRow>;
const userNameRow = z.object({ id: pg.uuid(), username: pg.text(), camps: pg.textArray() });
const countRow = z.object({ n: pg.int() });

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.filter((r): r is Role => isRole(r)),
    camps: [...row.camps],
    ...checkedPreferences(row.id, row.locale, row.digits),
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password,
    oidcIssuer: row.oidc_issuer,
    oidcSubject: row.oidc_subject,
    disabledAt: row.disabled_at,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  camps: string[];
  locale: Locale;
  passwordHash: string | null;
  mustChangePassword: boolean;
  oidcIssuer?: string;
  oidcSubject?: string;
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  camps?: string[];
  disabled?: boolean;
}

/** Every query of gateway.users. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, sql: SqlRunner = this.dataSource, forUpdate = false): Promise<UserRecord | undefined> {
    const row = await queryRow(sql, 'UsersRepository.findById', userRow, `SELECT ${COLUMNS} FROM users WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
    return row ? toRecord(row) : undefined;
  }

  /** A local account (password sign-in) by username, whatever its case. */
  async findLocalByUsername(username: string, sql: SqlRunner = this.dataSource): Promise<UserRecord | undefined> {
    const rows = await queryRows(
      sql,
      'UsersRepository.findLocalByUsername',
      userRow,
    `SELECT ${COLUMNS} FROM users WHERE lower(username) = lower($1) AND oidc_subject IS NULL`,
    [username],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async findByOidcIdentity(issuer: string, subject: string, sql: SqlRunner = this.dataSource): Promise<UserRecord | undefined> {
    const rows = await queryRows(sql, 'UsersRepository.findByOidcIdentity', userRow, `SELECT ${COLUMNS} FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2`, [
      issuer,
      subject,
    ]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(): Promise<UserRecord[]> {
    const rows = await queryRows(this.dataSource, 'UsersRepository.list', userRow, `SELECT ${COLUMNS} FROM users ORDER BY lower(username), id`);
    return rows.map(toRecord);
  }

  /** The usernames and camps of the users with these ids (unknown ids are left out). */
  async namesAndCamps(ids: readonly string[]): Promise<{ id: string; username: string; camps: string[] }[]> {
    if (ids.length === 0) return [];
    return queryRows(this.dataSource, 'UsersRepository.namesAndCamps', userNameRow, 'SELECT id, username, camps FROM users WHERE id = ANY($1::uuid[]) ORDER BY id', [[...ids]]);
  }

  async count(sql: SqlRunner = this.dataSource): Promise<number> {
    const row = await queryRow(sql, 'UsersRepository.count', countRow, 'SELECT count(*)::int AS n FROM users');
    return row?.n ?? 0;
  }

  /** Enabled administrators other than `exceptId`. */
  async countOtherActiveAdmins(exceptId: string, sql: SqlRunner): Promise<number> {
    const row = await queryRow(
      sql,
      'UsersRepository.countOtherActiveAdmins',
      countRow,
      `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND disabled_at IS NULL AND id <> $1`,
      [exceptId],
    );
    return row?.n ?? 0;
  }

  /** Inserts a user; a taken username surfaces as the unique violation users_local_username. */
  async insert(user: NewUser, sql: SqlRunner = this.dataSource): Promise<UserRecord> {
    const rows = await queryRows(
      sql,
      'UsersRepository.insert',
      userRow,
      `INSERT INTO users (id, username, display_name, roles, camps, locale, password_hash, must_change_password,
                          password_changed_at, oidc_issuer, oidc_subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END, $9, $10)
       RETURNING ${COLUMNS}`,
      [
        uuidv7(),
        user.username,
        user.displayName,
        user.roles,
        user.camps,
        user.locale,
        user.passwordHash,
        user.mustChangePassword,
        user.oidcIssuer ?? null,
        user.oidcSubject ?? null,
      ],
    );
    if (!rows[0]) throw new Error('INSERT … RETURNING gave no row');
    return toRecord(rows[0]);
  }

  async update(id: string, changes: UserChanges, sql: SqlRunner): Promise<UserRecord> {
    const rows = await queryRows(
      sql,
      'UsersRepository.update',
      userRow,
      `UPDATE users SET
         display_name = COALESCE($2, display_name),
         roles = COALESCE($3, roles),
         camps = COALESCE($4, camps),
         disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at
                            WHEN $5 THEN COALESCE(disabled_at, now()) ELSE NULL END,
         updated_at = now()
       WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, changes.displayName ?? null, changes.roles ?? null, changes.camps ?? null, changes.disabled ?? null],
    );
    if (!rows[0]) throw new Error(`user ${id} vanished during an update`);
    return toRecord(rows[0]);
  }

  /** Refreshes what the identity provider says about a provider account at its sign-in. */
  async refreshFromProvider(
    id: string,
    fields: { username: string; displayName: string; roles: Role[]; camps: string[] },
    sql: SqlRunner,
  ): Promise<UserRecord> {
    const rows = await queryRows(
      sql,
      'UsersRepository.refreshFromProvider',
      userRow,
      `UPDATE users SET username = $2, display_name = $3, roles = $4, camps = $5, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, fields.username, fields.displayName, fields.roles, fields.camps],
    );
    if (!rows[0]) throw new Error(`user ${id} vanished during an update`);
    return toRecord(rows[0]);
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean, sql: SqlRunner = this.dataSource): Promise<UserRecord> {
    const rows = await queryRows(
      sql,
      'UsersRepository.setPassword',
      userRow,
      `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now()
        WHERE id = $1 AND oidc_subject IS NULL
        RETURNING ${COLUMNS}`,
      [id, passwordHash, mustChangePassword],
    );
    if (!rows[0]) throw new Error(`user ${id} has no local password to set`);
    return toRecord(rows[0]);
  }

  /** A new hash of the same password (stronger parameters), only if the password did not change meanwhile. */
  async replaceHash(id: string, oldHash: string, newHash: string): Promise<void> {
    await execute(this.dataSource, 'UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, oldHash, newHash]);
  }

  async setPreferences(id: string, locale: Locale, digits: DigitStyle): Promise<UserRecord> {
    const rows = await queryRows(
      this.dataSource,
      'UsersRepository.setPreferences',
      userRow,
      `UPDATE users SET locale = $2, digits = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, locale, digits],
    );
    if (!rows[0]) throw new Error(`user ${id} vanished during an update`);
    return toRecord(rows[0]);
  }

  async recordLogin(id: string, sql: SqlRunner = this.dataSource): Promise<void> {
    await execute(sql, 'UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  /** One change of administrators at a time, so two admins cannot remove each other at once (transaction-scoped). */
  async lockAdministrators(sql: SqlRunner): Promise<void> {
    await execute(sql, `SELECT pg_advisory_xact_lock(hashtext('awda-gateway-admins'))`);
  }

  /** Two starts at once must not both create the first administrator (transaction-scoped). */
  async lockFirstAdministrator(sql: SqlRunner): Promise<void> {
    await execute(sql, `SELECT pg_advisory_xact_lock(hashtext('awda-gateway-first-admin'))`);
  }

  /** Serialises the first sign-ins of one provider identity, so it gets one account (transaction-scoped). */
  async lockOidcIdentity(issuer: string, subject: string, sql: SqlRunner): Promise<void> {
    await execute(sql, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`awda-oidc:${issuer}:${subject}`]);
  }
}
