import { PG_DEADLOCK, PG_SERIALIZATION_FAILURE, pgErrorCode } from '@awda/persistence';
import type { DataSource, EntityManager } from 'typeorm';

const ATTEMPTS = 4;

/**
 * A transaction run again from the start when PostgreSQL aborted it to break a deadlock (or a
 * serialization failure): nothing of the aborted attempt was kept, so running it again does
 * everything once. The work must not have effects outside the transaction.
 */
export async function retriedTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= ATTEMPTS || (code !== PG_DEADLOCK && code !== PG_SERIALIZATION_FAILURE)) throw error;
      // A short, jittered pause so that the two sides do not meet again in the same order.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
