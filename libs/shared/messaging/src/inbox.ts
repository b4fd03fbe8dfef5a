import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@awda/contracts';
import { pg, queryRows, z } from '@awda/persistence';
import { MESSAGING_OPTIONS, type MessagingOptions } from './options.js';

const claimedRow = z.object({ event_id: pg.uuid() });
const foundRow = z.object({ found: pg.int() });

export type InboxOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Idempotent consumer: the handler's writes and the processed_events row commit together, so an
 * event delivered twice (redelivery, a second replica, a crash before the ack) changes state once.
 */
@Injectable()
export class Inbox {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.table = `"${options.schema}".processed_events`;
  }

  async process<T>(envelope: EventEnvelope, work: (manager: EntityManager) => Promise<T>): Promise<InboxOutcome<T>> {
    return this.dataSource.transaction(async (manager) => {
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
    });
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
