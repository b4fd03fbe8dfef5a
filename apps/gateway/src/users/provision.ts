import type { DataSource } from 'typeorm';
import type { Role } from '@awda/auth';
import { generateTemporaryPassword, hashPassword } from './passwords.js';
import { normaliseCamps, normaliseRoles, type Locale, type UserRecord } from './user.model.js';
import { UsersRepository } from './users.repository.js';

export interface UserSpec {
  username: string;
  displayName?: string;
  roles: Role[];
  camps: string[];
  /** Generated (and returned) when absent. */
  password?: string;
  locale?: Locale;
  /** Default: true for a generated password, false for a given one. */
  mustChangePassword?: boolean;
}

/**
 * Creates a local account outside the HTTP API: the first administrator of `npm start`, the
 * command-line tool, the end-to-end harness. The password is returned once and stored only hashed.
 */
export async function provisionUser(dataSource: DataSource, spec: UserSpec): Promise<{ user: UserRecord; password: string }> {
  const password = spec.password ?? generateTemporaryPassword();
  const user = await new UsersRepository(dataSource).insert({
    username: spec.username.toLowerCase(),
    displayName: spec.displayName ?? spec.username,
    roles: normaliseRoles(spec.roles),
    camps: normaliseCamps(spec.camps),
    locale: spec.locale ?? 'ar',
    passwordHash: await hashPassword(password),
    mustChangePassword: spec.mustChangePassword ?? spec.password === undefined,
  });
  return { user, password };
}

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * On an empty users table only, creates an administrator who can also do every camp's work (so a
 * new installation can be tried at once) with a generated password, returned to be printed once.
 * Undefined when there are users already. Never called in production (tools/start.ts checks).
 */
export async function ensureFirstAdministrator(dataSource: DataSource): Promise<{ username: string; password: string } | undefined> {
  return dataSource.transaction(async (manager) => {
    // Two starts at once must not both create one.
    const users = new UsersRepository(dataSource);
    await users.lockFirstAdministrator(manager);
    if ((await users.count(manager)) > 0) return undefined;
    const password = generateTemporaryPassword();
    await users.insert(
      {
        username: FIRST_ADMIN_USERNAME,
        displayName: 'Administrator',
        roles: ['caseworker', 'supervisor', 'logistics', 'admin'],
        camps: ['*'],
        locale: 'ar',
        passwordHash: await hashPassword(password),
        mustChangePassword: false,
      },
      manager,
    );
    return { username: FIRST_ADMIN_USERNAME, password };
  });
}
