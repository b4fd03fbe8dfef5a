import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { describeError } from '@awda/observability';
import { returnedRows } from '@awda/persistence';
import { NotificationsConfig } from '../config.js';

const RETENTION_LOCK = 'awda.notifications.retention';
const BATCH = 5000;

export interface NotificationsRetentionReport {
  dryRun: boolean;
  /** False when another replica held the job's lock. */
  ran: boolean;
  devSmsOutbox: number;
  smsReceipts: number;
  periods: { devSmsOutboxDays: number; smsReceiptsDays: number };
}

/**
 * Retention of what notifications keeps besides the messages: the development provider's outbox
 * (rows and files, RETENTION_DEV_SMS_OUTBOX_DAYS) and delivery receipts (RETENTION_SMS_RECEIPTS_DAYS).
 * A dry run counts what would go. One replica at a time (PostgreSQL advisory lock).
 */
@Injectable()
export class NotificationsRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.timer !== undefined || this.config.RETENTION_RUN_MINUTES === 0 || this.config.NODE_ENV === 'test') return;
    this.timer = setInterval(() => this.kick(), this.config.RETENTION_RUN_MINUTES * 60_000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private kick(): void {
    this.running ??= this.run(false)
      .catch((error: unknown) => this.logger.warn(`retention not applied, tried again later: ${describeError(error)}`))
      .finally(() => (this.running = undefined));
  }

  async run(dryRun: boolean): Promise<NotificationsRetentionReport> {
    const periods = { devSmsOutboxDays: this.config.RETENTION_DEV_SMS_OUTBOX_DAYS, smsReceiptsDays: this.config.RETENTION_SMS_RECEIPTS_DAYS };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const locked: { ok: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [RETENTION_LOCK]);
      if (locked[0]?.ok !== true) return { dryRun, ran: false, devSmsOutbox: 0, smsReceipts: 0, periods };
      try {
        if (dryRun) return { dryRun, ran: true, ...(await this.counts(runner.manager)), periods };
        const devSmsOutbox = await this.deleteDevOutbox(runner.manager);
        const smsReceipts = await this.deleteReceipts(runner.manager);
        if (devSmsOutbox + smsReceipts > 0) this.logger.log(`retention: ${devSmsOutbox} dev outbox message(s), ${smsReceipts} receipt(s) deleted`);
        return { dryRun, ran: true, devSmsOutbox, smsReceipts, periods };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [RETENTION_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async counts(manager: EntityManager): Promise<{ devSmsOutbox: number; smsReceipts: number }> {
    const rows: { outbox: number; receipts: number }[] = await manager.query(
      `SELECT (SELECT count(*) FROM dev_sms_outbox WHERE written_at < now() - make_interval(days => $1::int))::int AS outbox,
              (SELECT count(*) FROM sms_receipts WHERE received_at < now() - make_interval(days => $2::int))::int AS receipts`,
      [this.config.RETENTION_DEV_SMS_OUTBOX_DAYS, this.config.RETENTION_SMS_RECEIPTS_DAYS],
    );
    return { devSmsOutbox: rows[0]?.outbox ?? 0, smsReceipts: rows[0]?.receipts ?? 0 };
  }

  private async deleteDevOutbox(manager: EntityManager): Promise<number> {
    let total = 0;
    for (let n = BATCH; n === BATCH; total += n) {
      const ids = returnedRows<{ message_id: string }>(
        await manager.query(
          `DELETE FROM dev_sms_outbox WHERE message_id IN (
             SELECT message_id FROM dev_sms_outbox WHERE written_at < now() - make_interval(days => $1::int) LIMIT ${BATCH})
           RETURNING message_id`,
          [this.config.RETENTION_DEV_SMS_OUTBOX_DAYS],
        ),
      );
      await Promise.all(ids.map(({ message_id }) => rm(join(this.config.SMS_DEV_OUTBOX_DIR, `${message_id}.txt`), { force: true })));
      n = ids.length;
    }
    return total;
  }

  private async deleteReceipts(manager: EntityManager): Promise<number> {
    let total = 0;
    for (let n = BATCH; n === BATCH; total += n) {
      n = returnedRows(
        await manager.query(
          `DELETE FROM sms_receipts WHERE id IN (
             SELECT id FROM sms_receipts WHERE received_at < now() - make_interval(days => $1::int) LIMIT ${BATCH})
           RETURNING id`,
          [this.config.RETENTION_SMS_RECEIPTS_DAYS],
        ),
      ).length;
    }
    return total;
  }
}
