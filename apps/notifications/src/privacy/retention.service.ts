import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { describeError } from '@awda/observability';
import { NotificationsConfig } from '../config.js';
import { RetentionRepository } from './retention.repository.js';

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
    private readonly retention: RetentionRepository,
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
      if (!(await this.retention.tryLock(runner.manager))) return { dryRun, ran: false, devSmsOutbox: 0, smsReceipts: 0, periods };
      try {
        if (dryRun) return { dryRun, ran: true, ...(await this.retention.counts(runner.manager, periods.devSmsOutboxDays, periods.smsReceiptsDays)), periods };
        const devSmsOutbox = await this.deleteDevOutbox(runner.manager);
        const smsReceipts = await this.deleteReceipts(runner.manager);
        if (devSmsOutbox + smsReceipts > 0) this.logger.log(`retention: ${devSmsOutbox} dev outbox message(s), ${smsReceipts} receipt(s) deleted`);
        return { dryRun, ran: true, devSmsOutbox, smsReceipts, periods };
      } finally {
        await this.retention.unlock(runner.manager);
      }
    } finally {
      await runner.release();
    }
  }

  private async deleteDevOutbox(manager: EntityManager): Promise<number> {
    let total = 0;
    for (let n = BATCH; n === BATCH; total += n) {
      const ids = await this.retention.deleteDevOutbox(manager, this.config.RETENTION_DEV_SMS_OUTBOX_DAYS, BATCH);
      await Promise.all(ids.map((id) => rm(join(this.config.SMS_DEV_OUTBOX_DIR, `${id}.txt`), { force: true })));
      n = ids.length;
    }
    return total;
  }

  private async deleteReceipts(manager: EntityManager): Promise<number> {
    let total = 0;
    for (let n = BATCH; n === BATCH; total += n) n = await this.retention.deleteReceipts(manager, this.config.RETENTION_SMS_RECEIPTS_DAYS, BATCH);
    return total;
  }
}
