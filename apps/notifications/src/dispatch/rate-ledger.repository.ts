import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

/** sms_rate_limits (one row per provider, the lock) and sms_rate_ledger (the hand-off slots). */
@Injectable()
export class RateLedgerRepository {
  /** Locks the provider's rate row until the caller's transaction ends (created on first use). */
  async lockProvider(manager: EntityManager, provider: string): Promise<void> {
    await execute(manager, `INSERT INTO sms_rate_limits (provider) VALUES ($1) ON CONFLICT DO NOTHING`, [provider]);
    await queryRows(manager, 'RateLedgerRepository.lockProvider', z.object({ provider: pg.text() }), `SELECT provider FROM sms_rate_limits WHERE provider = $1 FOR UPDATE`, [
      provider,
    ]);
  }

  /** The database's clock now (clock_timestamp, not the transaction's start). */
  async databaseNow(manager: EntityManager): Promise<Date | undefined> {
    const row = await queryRow(manager, 'RateLedgerRepository.databaseNow', z.object({ now: pg.timestamp() }), `SELECT clock_timestamp() AS now`);
    return row?.now;
  }

  /** Slots reserved after `after`, in slot order. */
  async reservedAfter(manager: EntityManager, provider: string, after: Date): Promise<{ at: Date; segments: number }[]> {
    return queryRows(
      manager,
      'RateLedgerRepository.reservedAfter',
      z.object({ at: pg.timestamp(), segments: pg.int() }),
      `SELECT at, segments FROM sms_rate_ledger WHERE provider = $1 AND at > $2 ORDER BY at, id`,
      [provider, after],
    );
  }

  async insertSlots(manager: EntityManager, provider: string, slots: readonly { at: Date; segments: number; messageId: string | undefined }[]): Promise<void> {
    await execute(
      manager,
      `INSERT INTO sms_rate_ledger (provider, at, segments, message_id)
       SELECT $1, at, segments, message_id FROM unnest($2::timestamptz[], $3::int[], $4::uuid[]) AS s(at, segments, message_id)`,
      [provider, slots.map((s) => s.at), slots.map((s) => s.segments), slots.map((s) => s.messageId)],
    );
  }

  async deleteSlot(manager: EntityManager, provider: string, messageId: string, at: Date): Promise<void> {
    await execute(manager, `DELETE FROM sms_rate_ledger WHERE provider = $1 AND message_id = $2 AND at = $3`, [provider, messageId, at]);
  }

  async prune(manager: EntityManager): Promise<void> {
    await execute(manager, `DELETE FROM sms_rate_ledger WHERE at < now() - interval '1 day'`);
  }
}
