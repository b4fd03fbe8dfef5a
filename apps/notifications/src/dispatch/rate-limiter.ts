import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { fitsRate } from './throttle.js';

/**
 * Provider throughput shared by all replicas: reservations go to a ledger in PostgreSQL under a
 * per-provider row lock, so no sliding second ever holds more than the rate, however many dispatchers run.
 */
@Injectable()
export class RateLimiter {
  /** Locks the provider's rate row until the caller's transaction ends. */
  async lock(manager: EntityManager, provider: string): Promise<void> {
    await manager.query(`INSERT INTO sms_rate_limits (provider) VALUES ($1) ON CONFLICT DO NOTHING`, [provider]);
    await manager.query(`SELECT provider FROM sms_rate_limits WHERE provider = $1 FOR UPDATE`, [provider]);
  }

  /** Reserves `segments` now if the last second leaves room; call under lock(). */
  async reserve(manager: EntityManager, provider: string, messageId: string, segments: number, rate: number): Promise<boolean> {
    const rows: { used: number }[] = await manager.query(
      `SELECT COALESCE(sum(segments), 0)::int AS used FROM sms_rate_ledger
       WHERE provider = $1 AND at > clock_timestamp() - interval '1 second'`,
      [provider],
    );
    if (!fitsRate(rows[0]?.used ?? 0, segments, rate)) return false;
    await manager.query(`INSERT INTO sms_rate_ledger (provider, at, segments, message_id) VALUES ($1, clock_timestamp(), $2, $3)`, [
      provider,
      segments,
      messageId,
    ]);
    return true;
  }

  async prune(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM sms_rate_ledger WHERE at < now() - interval '1 day'`);
  }
}
