// What `npm start` prints about signing in: on an empty gateway database (development only), it
// creates the first administrator and prints the generated password, once.
import { serviceMigrations } from '@awda/bootstrap';
import { openServiceDataSource } from '@awda/persistence';
import { gatewayApp } from '../apps/gateway/src/gateway.definition.js';
import { FIRST_ADMIN_USERNAME, ensureFirstAdministrator } from '../apps/gateway/src/users/provision.js';

export async function firstSignIn(databaseUrl: string, consoleUrl: string): Promise<string> {
  if (process.env['NODE_ENV'] === 'production') {
    // Production never gets an account it did not ask for.
    return `Open ${consoleUrl}. Create the first administrator with: node dist/apps/gateway/src/cli/users.js create-admin <username>`;
  }
  const dataSource = await openServiceDataSource({
    url: databaseUrl,
    schema: gatewayApp.schema,
    entities: gatewayApp.entities,
    migrations: serviceMigrations(gatewayApp),
    poolSize: 2,
  });
  try {
    const created = await ensureFirstAdministrator(dataSource);
    if (created !== undefined) {
      return [
        `Open ${consoleUrl} and sign in as "${created.username}" with the password ${created.password}`,
        '  (shown this once: note it, or change it in the console; it can do every role in every camp).',
        '  Create more people in the console under Users, or: npm run users -- create-admin <username>',
      ].join('\n');
    }
    return [
      `Open ${consoleUrl} and sign in as "${FIRST_ADMIN_USERNAME}" (or your own account).`,
      `  Forgotten password: npm run users -- reset-password ${FIRST_ADMIN_USERNAME}`,
    ].join('\n');
  } finally {
    await dataSource.destroy();
  }
}
