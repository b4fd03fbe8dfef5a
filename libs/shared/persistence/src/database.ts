import { DataSource, type DataSourceOptions } from 'typeorm';
import { postgresClient, postgresTarget } from './multi-host.js';
import { SafeQueryLogger } from './safe-query-logger.js';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
  /** Log SQL (never in production: it can carry personal data in parameters). */
  logging?: boolean;
}

/** TypeORM options for one service: its schema, its migrations, never synchronize. */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  // A URL listing several hosts (target_session_attrs=read-write) connects through a host-picking client.
  const target = postgresTarget(options.url);
  return {
    type: 'postgres',
    url: target.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // TypeORM's console logger would print every failed query's parameters (personal data) to stdout.
    logging: options.logging ? ['query', 'error', 'warn', 'migration'] : ['error', 'warn', 'migration'],
    logger: new SafeQueryLogger(undefined, options.logging ?? false),
    // search_path lets hand-written SQL name the service's tables without the schema.
    extra: {
      max: options.poolSize ?? 10,
      application_name: `awda-${options.schema}`,
      // A stuck transaction is ended by the server rather than holding locks and a connection for ever.
      // No JIT: these are short OLTP statements, and on tables not yet analysed the planner's estimates
      // pass jit_above_cost; compiling then took up to ~380 ms a statement (the household aggregate read,
      // 0.5 ms of work, averaged 61.7 ms in the 10,000-household pipeline for that reason).
      options: `-c search_path=${options.schema},public -c idle_in_transaction_session_timeout=60000 -c jit=off`,
      // Waiting for a free connection fails after 10 s instead of hanging the request or handler.
      connectionTimeoutMillis: 10_000,
      ...(target.Client ? { Client: target.Client } : {}),
    },
  };
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(postgresTarget(url).url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`DATABASE_URL names an unusable database "${name}"`);
  return name;
}

function maintenanceUrl(url: string): string {
  return url.replace(/^([^?#]*:\/\/[^/?#]*)\/[^?#]*/, '$1/postgres');
}

/** Creates the database named in the URL if it does not exist (npm start on a fresh machine). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = postgresClient(maintenanceUrl(url));
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        // 42P04: created by another service starting at the same moment.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Creates the schema and runs pending migrations, holding an advisory lock so that replicas
 * starting together do not race.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('a service DataSource must name its schema');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`awda-migrate-${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`awda-migrate-${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens the service's DataSource on a database that exists and is migrated. */
export async function openServiceDataSource(options: ServiceDatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
