// A notifications service whose dispatcher hands off to a development provider (or a wrapper of
// one), and a backlog of queued messages for it: shared by the dispatcher's integration tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher } from '@awda/auth';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { DEV_FIELD_ENCRYPTION_ACTIVE_KEY, DEV_FIELD_ENCRYPTION_KEYS } from '@awda/config';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { NotificationsModule } from '../src/notifications.module.js';
import { notificationsService } from '../src/notifications.definition.js';
import { DevSmsProvider } from '../src/providers/dev.provider.js';
import type { SmsProvider } from '../src/providers/sms-provider.js';
import { CAMP, newPhone } from './fixtures.js';

const cipher = FieldCipher.fromConfig(DEV_FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_ACTIVE_KEY);

/** The test servers (a database and a stream namespace of their own) and the dev provider's folder. */
export interface DispatchServers {
  db: TestDatabase;
  broker: TestBroker;
  outboxDir: string;
  cleanup(): Promise<void>;
}

export async function dispatchServers(name: string): Promise<DispatchServers> {
  const db = await createTestDatabase(name);
  const broker = await createTestBroker();
  const outboxDir = await mkdtemp(join(tmpdir(), `awda-sms-${name}-`));
  return {
    db,
    broker,
    outboxDir,
    async cleanup() {
      await broker.cleanup();
      await db.drop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts one notifications replica on the servers, quiet hours off, its provider built by `wrap`
 * around the development provider (the provider itself when not given); `env` adds or overrides settings.
 */
export async function startReplica<P extends SmsProvider = DevSmsProvider>(
  servers: DispatchServers,
  env: Record<string, string>,
  wrap?: (dev: DevSmsProvider) => P,
): Promise<{ service: ServiceApp<NotificationsConfig>; provider: P; dataSource: DataSource }> {
  let provider: P | undefined;
  const service = await createServiceApp(
    {
      ...notificationsService,
      features: (config) => [
        NotificationsModule.forRoot(config, {
          provider: (ds) => {
            const dev = new DevSmsProvider(ds, servers.outboxDir);
            provider = wrap ? wrap(dev) : (dev as unknown as P);
            return provider;
          },
        }),
      ],
    },
    {
      NODE_ENV: 'test',
      DATABASE_URL: servers.db.url,
      NATS_URL: servers.broker.url,
      AWDA_NAMESPACE: servers.broker.namespace,
      LOG_LEVEL: 'error',
      SMS_QUIET_START: '00:00',
      SMS_QUIET_END: '00:00',
      SMS_DISPATCH_POLL_MS: '50',
      ...env,
    },
    { logger: false },
  );
  if (!provider) throw new Error('the provider was not built');
  return { service, provider, dataSource: service.app.get(DataSource) };
}

/**
 * Queues one `registered` message, due now, for each of `count` new households with a phone, in one
 * transaction (a backlog); `language(i)` picks its language (Arabic is two UCS-2 segments, English one).
 */
export async function queueMessages(
  dataSource: DataSource,
  count: number,
  options: { casePrefix: string; language?: (i: number) => string; beforeInsert?: (id: string) => void },
): Promise<string[]> {
  const ids: string[] = [];
  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i += 1) {
      const householdId = uuidv7();
      const id = uuidv7();
      await manager.query(
        `INSERT INTO recipients (household_id, camp_id, case_number, language, phone_encrypted, contact_version) VALUES ($1, $2, $3, $4, $5, 1)`,
        [householdId, CAMP, `${options.casePrefix}-${i}`, options.language?.(i) ?? 'en', cipher.encrypt(newPhone(), householdId)],
      );
      options.beforeInsert?.(id);
      await manager.query(
        `INSERT INTO messages (id, household_id, camp_id, template, cause_event_id, cause_subject, status, due_at) VALUES ($1, $2, $3, 'registered', $4, 'test', 'queued', now())`,
        [id, householdId, CAMP, uuidv7()],
      );
      ids.push(id);
    }
  });
  return ids;
}

/** Waits until every one of the messages is `sent`. */
export async function allSent(dataSource: DataSource, ids: string[], timeoutMs = 60_000): Promise<void> {
  await waitFor(
    'every message sent',
    async () => {
      const rows: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE id = ANY($1) AND status = 'sent'`, [ids]);
      return rows[0]?.n === ids.length;
    },
    { timeoutMs },
  );
}

/** The development provider's count of hand-offs of the messages: rows and the sum of their send() calls. */
export async function handOffs(dataSource: DataSource, ids: string[]): Promise<{ n: number; handOffs: number }> {
  const rows: { n: number; handOffs: number | null }[] = await dataSource.query(
    `SELECT count(*)::int AS n, sum(hand_offs)::int AS "handOffs" FROM dev_sms_outbox WHERE message_id = ANY($1)`,
    [ids],
  );
  return { n: rows[0]?.n ?? 0, handOffs: rows[0]?.handOffs ?? 0 };
}
