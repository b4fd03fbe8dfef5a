import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

const RETENTION_LOCK = 'awda.notifications.retention';

const lockRow = z.object({ ok: pg.bool() });
const countsRow = z.object({ outbox: pg.int(), receipts: pg.int() });
const outboxRow = z.object({ message_id: pg.uuid() });
const receiptRow = z.object({ id: pg.bigint() });

/** The SQL of notifications' retention job: the dev SMS outbox and delivery receipts. */
@Injectable()
export class RetentionRepository {
  /** The job's session lock on this connection; false when another replica holds it. */
  async tryLock(manager: EntityManager): Promise<boolean> {
    return (await queryRow(manager, 'RetentionRepository.tryLock', lockRow, `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [RETENTION_LOCK]))?.ok === true;
  }

  async unlock(manager: EntityManager): Promise<void> {
    await execute(manager, `SELECT pg_advisory_unlock(hashtext($1))`, [RETENTION_LOCK]);
  }

  async counts(manager: EntityManager, outboxDays: number, receiptDays: number): Promise<{ devSmsOutbox: number; smsReceipts: number }> {
    const row = await queryRow(
      manager,
      'RetentionRepository.counts',
      countsRow,
      `SELECT (SELECT count(*) FROM dev_sms_outbox WHERE written_at < now() - make_interval(days => $1::int))::int AS outbox,
              (SELECT count(*) FROM sms_receipts WHERE received_at < now() - make_interval(days => $2::int))::int AS receipts`,
      [outboxDays, receiptDays],
    );
    return { devSmsOutbox: row?.outbox ?? 0, smsReceipts: row?.receipts ?? 0 };
  }

  /** Deletes up to `limit` dev outbox rows older than the period; answers their message ids (their files go next). */
  async deleteDevOutbox(manager: EntityManager, days: number, limit: number): Promise<string[]> {
    const rows = await queryRows(
      manager,
      'RetentionRepository.deleteDevOutbox',
      outboxRow,
      `DELETE FROM dev_sms_outbox WHERE message_id IN (
         SELECT message_id FROM dev_sms_outbox WHERE written_at < now() - make_interval(days => $1::int) LIMIT $2)
       RETURNING message_id`,
      [days, limit],
    );
    return rows.map((r) => r.message_id);
  }

  /** Deletes up to `limit` receipts older than the period; answers how many went. */
  async deleteReceipts(manager: EntityManager, days: number, limit: number): Promise<number> {
    const rows = await queryRows(
      manager,
      'RetentionRepository.deleteReceipts',
      receiptRow,
      `DELETE FROM sms_receipts WHERE id IN (SELECT id FROM sms_receipts WHERE received_at < now() - make_interval(days => $1::int) LIMIT $2) RETURNING id`,
      [days, limit],
    );
    return rows.length;
  }
}
