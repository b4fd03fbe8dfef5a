// Manage gateway accounts from a shell, e.g. the first administrator of a production installation
// (where `npm start` creates none) or a forgotten administrator password:
//   node dist/apps/gateway/src/cli/users.js create-admin <username> ["Display name"]
//   node dist/apps/gateway/src/cli/users.js reset-password <username>
//   node dist/apps/gateway/src/cli/users.js list
// DATABASE_URL names the database (default: the local one). Passwords are printed once, never stored in clear.
import { serviceMigrations } from '@awda/bootstrap';
import { loadConfig } from '@awda/config';
import { openServiceDataSource } from '@awda/persistence';
import { LoginAuditRepository } from '../audit/login-audit.repository.js';
import { LoginFailuresRepository } from '../audit/login-failures.repository.js';
import { GatewayConfig } from '../config.js';
import { gatewayApp } from '../gateway.definition.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';

const USAGE = `usage:
  users create-admin <username> ["Display name"]   a new administrator with a one-time password
  users reset-password <username>                  a new one-time password; the user's sessions end
  users list                                       every account, without passwords`;

const [command, username, displayName] = process.argv.slice(2);
const config = loadConfig(GatewayConfig, process.env);
const dataSource = await openServiceDataSource({
  url: config.DATABASE_URL,
  schema: gatewayApp.schema,
  entities: gatewayApp.entities,
  migrations: serviceMigrations(gatewayApp),
  poolSize: 2,
});
const users = new UsersRepository(dataSource);
// The same use cases as the admin API; the audit records them without an acting administrator.
const accounts = new UsersService(
  dataSource,
  users,
  new SessionsService(new SessionsRepository(dataSource), config),
  new LoginAuditRepository(dataSource),
  new LoginFailuresRepository(dataSource),
);
const actor = { ip: 'command-line' };
try {
  if (command === 'create-admin' && username) {
    const { user, temporaryPassword } = await accounts.create({ username, displayName: displayName ?? username, roles: ['admin'], camps: ['*'] }, actor);
    console.log(`Administrator "${user.username}" created. One-time password (to be changed at first sign-in): ${temporaryPassword}`);
  } else if (command === 'reset-password' && username) {
    const user = await users.findLocalByUsername(username);
    if (user === undefined) throw new Error(`there is no local account "${username}"`);
    const { temporaryPassword } = await accounts.resetPassword(user.id, actor);
    console.log(`New one-time password for "${user.username}" (to be changed at first sign-in): ${temporaryPassword}`);
  } else if (command === 'list') {
    for (const user of await users.list()) {
      const state = user.disabledAt ? 'disabled' : user.oidcSubject ? 'identity provider' : 'local';
      console.log(`${user.username.padEnd(24)} ${user.roles.join(',').padEnd(40)} ${user.camps.join(',').padEnd(24)} ${state}`);
    }
  } else {
    console.error(USAGE);
    process.exitCode = 64;
  }
} catch (error) {
  console.error(`users: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await dataSource.destroy();
}
