// A DATABASE_URL listing a dead host before the real one: the service's DataSource, its database
// creation and its migrations go to the host that answers (the cluster suite covers a standby skipped).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { openServiceDataSource } from '../src/database.js';
import { createTestDatabase, type TestDatabase } from '@awda/testing';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('a multi-host DATABASE_URL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('multihost');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('connects, creates the schema and queries through the host that answers', async () => {
    const real = new URL(db.url);
    const url = `postgres://${real.username}@127.0.0.1:${await closedPort()},${real.host}${real.pathname}?target_session_attrs=read-write`;
    const dataSource = await openServiceDataSource({ url, schema: 'multihost', entities: [], migrations: [], poolSize: 2 });
    try {
      const [row] = (await dataSource.query('SELECT current_database() AS name, inet_server_port() AS port, current_schema() AS schema')) as {
        name: string;
        port: number;
        schema: string;
      }[];
      expect(row).toEqual({ name: db.name, port: Number(real.port || 5432), schema: 'multihost' });
    } finally {
      await dataSource.destroy();
    }
  });
});
