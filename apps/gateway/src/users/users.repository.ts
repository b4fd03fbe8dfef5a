import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isRole, type Role } from '@awda/auth';
import type { SqlRunner } from '@awda/bootstrap';
import { returnedRows } from '@awda/persistence';
import { DIGIT_STYLES, LOCALES, type DigitStyle, type Locale, type UserRecord } from './user.model.js';

const COLUMNS = `id, username, display_name, roles, camps, locale, digits, password_hash, must_change_password,
  oidc_issuer, oidc_subject, disabled_at, last_login_at, created_at`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  camps: string[];
  locale: string;
  digits: string;
  password_hash: string | null;
  must_change_password: boolean;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

// Rows are checked where they enter: a value the code does not know is a bug, not a guess.
function toRecord(row: UserRow): UserRecord {
  if (!(LOCALES as readonly string[]).includes(row.locale)) throw new Error(`user ${row.id} has an unknown locale`);
  if (!(DIGIT_STYLES as readonly string[]).includes(row.digits)) throw new Error(`user ${row.id} has an unknown digit style`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.filter((r): r is Role => isRole(r)),
    camps: [...row.camps],
    locale: row.locale as Locale,
    digits: row.digits as DigitStyle,
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
    const rows = (await sql.query(`SELECT ${COLUMNS} FROM users WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id])) as UserRow[];
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** A local account (password sign-in) by username, whatever its case. */
  async findLocalByUsername(username: string, sql: SqlRunner = this.dataSource): Promise<UserRecord | undefined> {
    const rows = (await sql.query(`SELECT ${COLUMNS} FROM users WHERE lower(username) = lower($1) AND oidc_subject IS NULL`, [
      username,
    ])) as UserRow[];
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async findByOidcIdentity(issuer: string, subject: string, sql: SqlRunner = this.dataSource): Promise<UserRecord | undefined> {
    const rows = (await sql.query(`SELECT ${COLUMNS} FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2`, [
      issuer,
      subject,
    ])) as UserRow[];
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(): Promise<UserRecord[]> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM users ORDER BY lower(username), id`)) as UserRow[];
    return rows.map(toRecord);
  }

  async count(sql: SqlRunner = this.dataSource): Promise<number> {
    const [row] = (await sql.query('SELECT count(*)::int AS n FROM users')) as { n: number }[];
    return row?.n ?? 0;
  }

  /** Enabled administrators other than `exceptId`. */
  async countOtherActiveAdmins(exceptId: string, sql: SqlRunner): Promise<number> {
    const [row] = (await sql.query(
      `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND disabled_at IS NULL AND id <> $1`,
      [exceptId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /** Inserts a user; a taken username surfaces as the unique violation users_local_username. */
  async insert(user: NewUser, sql: SqlRunner = this.dataSource): Promise<UserRecord> {
    const rows = returnedRows<UserRow>(
      await sql.query(
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
      ),
    );
    if (!rows[0]) throw new Error('INSERT … RETURNING gave no row');
    return toRecord(rows[0]);
  }

  async update(id: string, changes: UserChanges, sql: SqlRunner): Promise<UserRecord> {
    const rows = returnedRows<UserRow>(
      await sql.query(
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
      ),
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
    const rows = returnedRows<UserRow>(
      await sql.query(
        `UPDATE users SET username = $2, display_name = $3, roles = $4, camps = $5, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, fields.username, fields.displayName, fields.roles, fields.camps],
      ),
    );
    if (!rows[0]) throw new Error(`user ${id} vanished during an update`);
    return toRecord(rows[0]);
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean, sql: SqlRunner = this.dataSource): Promise<UserRecord> {
    const rows = returnedRows<UserRow>(
      await sql.query(
        `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now()
          WHERE id = $1 AND oidc_subject IS NULL
          RETURNING ${COLUMNS}`,
        [id, passwordHash, mustChangePassword],
      ),
    );
    if (!rows[0]) throw new Error(`user ${id} has no local password to set`);
    return toRecord(rows[0]);
  }

  /** A new hash of the same password (stronger parameters), only if the password did not change meanwhile. */
  async replaceHash(id: string, oldHash: string, newHash: string): Promise<void> {
    await this.dataSource.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, oldHash, newHash]);
  }

  async setPreferences(id: string, locale: Locale, digits: DigitStyle): Promise<UserRecord> {
    const rows = returnedRows<UserRow>(
      await this.dataSource.query(
        `UPDATE users SET locale = $2, digits = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, locale, digits],
      ),
    );
    if (!rows[0]) throw new Error(`user ${id} vanished during an update`);
    return toRecord(rows[0]);
  }

  async recordLogin(id: string, sql: SqlRunner = this.dataSource): Promise<void> {
    await sql.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }
}
