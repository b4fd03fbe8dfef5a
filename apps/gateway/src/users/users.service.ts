import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '@awda/bootstrap';
import { isUniqueViolation } from '@awda/persistence';
import { LoginAuditRepository } from '../audit/login-audit.repository.js';
import { LoginFailuresRepository, usernameKey } from '../audit/login-failures.repository.js';
import { SessionsService, type ActiveSession } from '../sessions/sessions.service.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { ChangePasswordDto, PreferencesDto } from './dto/password.dto.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import { generateTemporaryPassword, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import {
  adminUserView,
  mayName,
  normaliseCamps,
  normaliseRoles,
  userView,
  type AdminUserView,
  type UserName,
  type UserRecord,
  type UserView,
} from './user.model.js';
import {
  lastAdmin,
  managedByProvider,
  noLocalPassword,
  userNotFound,
  usernameTaken,
  weakPassword,
  wrongCurrentPassword,
} from './users.errors.js';
import { UsersRepository } from './users.repository.js';

/** Who asks for a change, for the audit (no id: the command line on the server). */
export interface Actor {
  id?: string;
  ip?: string;
}

function isActiveAdmin(user: UserRecord): boolean {
  return user.roles.includes('admin') && user.disabledAt === null;
}

/** Administrators manage people; each person their own password and preferences. Every change audited. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: LoginAuditRepository,
    private readonly failures: LoginFailuresRepository,
  ) {}

  async list(): Promise<AdminUserView[]> {
    return (await this.users.list()).map(adminUserView);
  }

  /** The usernames of the ids that `viewer` may know (see mayName); the others are left out, as unknown ids are. */
  async namesFor(ids: readonly string[], viewer: UserView): Promise<UserName[]> {
    const users = await this.users.namesAndCamps([...new Set(ids)]);
    return users.filter((user) => mayName(viewer, user)).map(({ id, username }) => ({ id, username }));
  }

  /** A new local account with a one-time password the administrator hands over; it must be changed at first sign-in. */
  async create(dto: CreateUserDto, actor: Actor): Promise<{ user: AdminUserView; temporaryPassword: string }> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        const created = await this.users.insert(
          {
            username: dto.username.toLowerCase(),
            displayName: dto.displayName.trim(),
            roles: normaliseRoles(dto.roles),
            camps: normaliseCamps(dto.camps),
            locale: dto.locale ?? 'ar',
            passwordHash,
            mustChangePassword: true,
          },
          manager,
        );
        await this.audit.record({ event: 'user_created', outcome: 'success', username: created.username, userId: created.id, actorId: actor.id, ip: actor.ip }, manager);
        return created;
      });
      return { user: adminUserView(user), temporaryPassword };
    } catch (error) {
      if (isUniqueViolation(error, 'users_local_username')) throw usernameTaken();
      throw error;
    }
  }

  /** Changes a user; disabling ends every session of theirs in the same transaction. */
  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<AdminUserView> {
    const updated = await this.dataSource.transaction(async (manager) => {
      await this.users.lockAdministrators(manager);
      const user = await this.users.findById(id, manager, true);
      if (user === undefined) throw userNotFound();
      const providerManaged = user.oidcSubject !== null;
      if (providerManaged && (dto.roles !== undefined || dto.camps !== undefined || dto.displayName !== undefined)) throw managedByProvider();
      const roles = dto.roles !== undefined ? normaliseRoles(dto.roles) : undefined;
      const stillAdmin = (roles ?? user.roles).includes('admin') && !(dto.disabled ?? user.disabledAt !== null);
      if (isActiveAdmin(user) && !stillAdmin && (await this.users.countOtherActiveAdmins(user.id, manager)) === 0) throw lastAdmin();

      const changed = await this.users.update(
        id,
        { displayName: dto.displayName?.trim(), roles, camps: dto.camps !== undefined ? normaliseCamps(dto.camps) : undefined, disabled: dto.disabled },
        manager,
      );
      const entry = { outcome: 'success' as const, username: changed.username, userId: changed.id, actorId: actor.id, ip: actor.ip };
      if (dto.disabled === true && user.disabledAt === null) {
        await this.sessions.endAllFor(id, manager);
        await this.audit.record({ ...entry, event: 'user_disabled' }, manager);
      } else if (dto.disabled === false && user.disabledAt !== null) {
        await this.audit.record({ ...entry, event: 'user_enabled' }, manager);
      }
      if (dto.displayName !== undefined || dto.roles !== undefined || dto.camps !== undefined) {
        await this.audit.record({ ...entry, event: 'user_updated' }, manager);
      }
      return changed;
    });
    return adminUserView(updated);
  }

  /** A new one-time password; the user's sessions end and their failed attempts are forgotten. */
  async resetPassword(id: string, actor: Actor): Promise<{ temporaryPassword: string }> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(id, manager, true);
      if (user === undefined) throw userNotFound();
      if (user.oidcSubject !== null) throw managedByProvider();
      await this.users.setPassword(id, passwordHash, true, manager);
      await this.sessions.endAllFor(id, manager);
      await this.failures.clear(usernameKey(user.username), manager);
      await this.audit.record({ event: 'password_reset', outcome: 'success', username: user.username, userId: id, actorId: actor.id, ip: actor.ip }, manager);
    });
    return { temporaryPassword };
  }

  /** The signed-in user's new password; their other sessions end, this one stays. */
  async changePassword(session: ActiveSession, dto: ChangePasswordDto, ip: string | undefined): Promise<void> {
    const user = await this.users.findById(session.user.id);
    if (user === undefined) throw userNotFound();
    if (user.passwordHash === null) throw noLocalPassword();
    const entry = { event: 'password_changed' as const, method: 'password' as const, username: user.username, userId: user.id, ip };
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      await this.audit.record({ ...entry, outcome: 'failure', reason: 'wrong_current_password' });
      throw wrongCurrentPassword();
    }
    const problems = passwordProblems(dto.newPassword, { username: user.username, displayName: user.displayName });
    if (dto.newPassword === dto.currentPassword) problems.push('The new password must differ from the current one');
    if (problems.length > 0) throw weakPassword(problems);
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(user.id, passwordHash, false, manager);
      await this.sessions.endAllFor(user.id, manager, session.idHash);
      await this.audit.record({ ...entry, outcome: 'success' }, manager);
    });
  }

  async setPreferences(session: ActiveSession, dto: PreferencesDto): Promise<{ user: UserView }> {
    return { user: userView(await this.users.setPreferences(session.user.id, dto.locale, dto.digits)) };
  }

  /** Used by sign-in: the audit and last sign-in time of a user who got in. */
  async recordLogin(user: UserRecord, method: 'password' | 'oidc', ip: string | undefined, sql: SqlRunner): Promise<void> {
    await this.users.recordLogin(user.id, sql);
    await this.audit.record({ event: 'login', outcome: 'success', method, username: user.username, userId: user.id, ip }, sql);
  }
}
