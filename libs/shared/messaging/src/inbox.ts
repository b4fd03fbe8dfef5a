import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@awda/contracts';
import { pg, queryRows, z } from '@awda/persistence';
import { inboxBatchSlot } from './inbox-batch.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './options.js';

const claimedRow = z.object({ event_id: pg.uuid() });
const foundRow = z.object({ found: pg.int() });

/** Runs post-commit work; a failure is logged (the event is handled and acknowledged regardless). */
export async function runLoggingErrors(work: () => unknown, logger: Logger): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn(`after-commit work failed: ${(error as Error).message}`);
  }
}

export type InboxOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Idempotent consumer: the handler's writes and the processed_events row commit together, so an
 * event delivered twice (redelivery, a second replica, a crash before the ack) changes state once.
 * Called from a handler that JetStreamServer runs in a batch, it joins the batch transaction (inside
 * the event's savepoint) instead of opening its own.
 */
@Injectable()
export class Inbox {
  private readonly logger = new Logger(Inbox.name);
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.table = `"${options.schema}".processed_events`;
  }

  async process<T>(envelope: EventEnvelope, work: (manager: EntityManager) => Promise<T>): Promise<InboxOutcome<T>> {
    const slot = inboxBatchSlot.getStore();
    if (slot?.active) return this.claimAndRun(slot.manager, envelope, work);
    return this.dataSource.transaction((manager) => this.claimAndRun(manager, envelope, work));
  }

  /**
   * Call after process() returned, for what must not happen before the event's writes are committed
   * (a wake-up of a worker that reads them, a file removed). Outside a batch process() has committed:
   * `work` runs now. In a batch it runs after the batch's COMMIT, and never if the event's savepoint
   * was rolled back, before the acknowledgements. Its errors are logged, not retried.
   */
  async afterCommit(work: () => unknown): Promise<void> {
    const slot = inboxBatchSlot.getStore();
    if (slot?.active) slot.defer(work);
    else await runLoggingErrors(work, this.logger);
  }

  private async claimAndRun<T>(manager: EntityManager, envelope: EventEnvelope, work: (manager: EntityManager) => Promise<T>): Promise<InboxOutcome<T>> {
    // A concurrent duplicate blocks here until the first commits, then finds the row.
    const inserted = await queryRows(
      manager,
      'Inbox.process',
      claimedRow,
      `INSERT INTO ${this.table} (consumer, event_id, subject) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.service, envelope.id, envelope.type],
    );
    if (inserted.length === 0) return { duplicate: true } as const;
    return { duplicate: false, result: await work(manager) } as const;
  }

  async hasProcessed(eventId: string): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource,
      'Inbox.hasProcessed',
      foundRow,
      `SELECT 1 AS found FROM ${this.table} WHERE consumer = $1 AND event_id = $2`,
      [this.options.service, eventId],
    );
    return rows.length > 0;
  }
}
