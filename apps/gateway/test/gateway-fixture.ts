// Shared set-up of the gateway's integration tests: a real PostgreSQL database, the whole gateway
// listening on a free loopback port, people created directly in its schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { createServiceApp, type HttpApp } from '@awda/bootstrap';
import { GatewayClient, createTestDatabase, type TestDatabase } from '@awda/testing';
import type { GatewayConfig } from '../src/config.js';
import { gatewayApp } from '../src/gateway.definition.js';
import { provisionUser, type UserSpec } from '../src/users/provision.js';

export interface GatewayFixture {
  db: TestDatabase;
  gateway: HttpApp<GatewayConfig>;
  url: string;
  dataSource: DataSource;
  consoleDir: string;
  addUser(spec: Partial<UserSpec> & { username: string }): Promise<{ id: string; username: string; password: string }>;
  signIn(username: string, password: string): Promise<GatewayClient>;
  close(): Promise<void>;
}

export const STRONG_PASSWORD = 'olive-tree-by-the-river';

/** The whole gateway on a free loopback port (or `port`), with a database of its own. */
export async function startGateway(env: Record<string, string> = {}, port = 0): Promise<GatewayFixture> {
  const db = await createTestDatabase('gateway');
  const consoleDir = mkdtempSync(join(tmpdir(), 'awda-console-'));
  const gateway = await createServiceApp(
    gatewayApp,
    { NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'error', CONSOLE_DIR: consoleDir, DATABASE_POOL_SIZE: '4', ...env },
    { logger: false },
  );
  await gateway.app.listen(port, '127.0.0.1');
  const url = `http://127.0.0.1:${((gateway.app.getHttpServer() as Server).address() as AddressInfo).port}`;
  const dataSource = gateway.app.get(DataSource);
  return {
    db,
    gateway,
    url,
    dataSource,
    consoleDir,
    async addUser(spec) {
      const { user, password } = await provisionUser(dataSource, {
        roles: ['caseworker'],
        camps: ['mahmoudli'],
        password: STRONG_PASSWORD,
        ...spec,
      });
      return { id: user.id, username: user.username, password };
    },
    signIn: (username, password) => GatewayClient.signedIn(url, username, password),
    async close() {
      await gateway.app.close();
      await db.drop();
      rmSync(consoleDir, { recursive: true, force: true });
    },
  };
}

/** Rows of the sign-in audit for a username, oldest first. */
export async function auditOf(dataSource: DataSource, username: string): Promise<{ event: string; outcome: string; reason: string | null; ip: string | null }[]> {
  return (await dataSource.query(
    'SELECT event, outcome, reason, ip FROM gateway.login_audit WHERE lower(username) = lower($1) ORDER BY at, id',
    [username],
  )) as { event: string; outcome: string; reason: string | null; ip: string | null }[];
}
