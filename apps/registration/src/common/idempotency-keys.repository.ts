import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';

/** The key claimed by a request and the answer stored for it (see IdempotencyInterceptor). */
export interface IdempotencyKeyClaim {
  actor: string;
  key: string;
  requestHash: string;
  /** How long the key lives: an older claim of the same key is taken over as if it were new. */
  ttlHours: number;
}

const storedAnswerRow = z.object({
  request_hash: pg.text(),
  status_code: pg.int().nullable(),
  /** Answers stored before encryption, until the pruning job encrypts them. */
  response: pg.json(),
  response_encrypted: pg.text().nullable(),
});
export type StoredAnswerRow = Row<typeof storedAnswerRow>;

const keyRow = z.object({ key: pg.text() });
const clearAnswerRow = z.object({ actor: pg.text(), key: pg.text(), response: pg.json() });

/** registration.idempotency_keys: every query of the Idempotency-Key claims, their answers and their pruning. */
@Injectable()
export class IdempotencyKeysRepository {
  /**
   * Claims the key in the caller's transaction; false when it is already taken. A key past its lifetime
   * is forgotten even before the pruning job removes it: taken over here. A concurrent claim of the same
   * key blocks on the unique index until this transaction ends.
   */
  async claim(manager: EntityManager, claim: IdempotencyKeyClaim): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'IdempotencyKeysRepository.claim',
      keyRow,
      `INSERT INTO idempotency_keys (actor, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (actor, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL,
         response_encrypted = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - make_interval(hours => $4::int)
       RETURNING key`,
      [claim.actor, claim.key, claim.requestHash, claim.ttlHours],
    );
    return rows.length > 0;
  }

  /** What is stored for an actor's key, if anything. */
  async find(runner: SqlRunner, actor: string, key: string): Promise<StoredAnswerRow | undefined> {
    return queryRow(
      runner,
      'IdempotencyKeysRepository.find',
      storedAnswerRow,
      `SELECT request_hash, status_code, response, response_encrypted FROM idempotency_keys WHERE actor = $1 AND key = $2`,
      [actor, key],
    );
  }

  /** Releases a claim that has had no answer for two minutes (left by an older claim-then-answer path); true if it did. */
  async releaseUnanswered(runner: SqlRunner, actor: string, key: string): Promise<boolean> {
    const rows = await queryRows(
      runner,
      'IdempotencyKeysRepository.releaseUnanswered',
      keyRow,
      `DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND status_code IS NULL
         AND created_at < now() - interval '2 minutes' RETURNING key`,
      [actor, key],
    );
    return rows.length > 0;
  }

  /** Deletes up to `limit` keys older than their lifetime that no other replica holds; answers how many. */
  async deleteExpired(runner: SqlRunner, ttlHours: number, limit: number): Promise<number> {
    const rows = await queryRows(
      runner,
      'IdempotencyKeysRepository.deleteExpired',
      keyRow,
      `DELETE FROM idempotency_keys WHERE (actor, key) IN (
         SELECT actor, key FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1::int)
         LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING key`,
      [ttlHours, limit],
    );
    return rows.length;
  }

  /** Up to `limit` answers still stored in clear, locked for the caller's transaction (SKIP LOCKED). */
  async lockClearAnswers(manager: EntityManager, limit: number): Promise<Row<typeof clearAnswerRow>[]> {
    return queryRows(
      manager,
      'IdempotencyKeysRepository.lockClearAnswers',
      clearAnswerRow,
      `SELECT actor, key, response FROM idempotency_keys WHERE response IS NOT NULL LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async replaceClearAnswer(manager: EntityManager, actor: string, key: string, responseEncrypted: string): Promise<void> {
    await execute(manager, `UPDATE idempotency_keys SET response = NULL, response_encrypted = $3 WHERE actor = $1 AND key = $2`, [
      actor,
      key,
      responseEncrypted,
    ]);
  }

  /** Stores the answer of a claimed key in the caller's transaction; params: storeIdempotentAnswerParams. */
  async storeAnswer(manager: EntityManager, params: unknown[]): Promise<void> {
    await execute(manager, storeIdempotentAnswerSql(1), params);
  }
}

/**
 * SQL (a data-modifying CTE body) that stores the answer of a claimed key; params at $first..$first+4,
 * built by storeIdempotentAnswerParams. Kept as a fragment so a service can store the answer in the
 * same statement as its change (one round trip).
 */
export function storeIdempotentAnswerSql(first: number): string {
  return `UPDATE idempotency_keys SET status_code = $${first + 2}, response = NULL, response_encrypted = $${first + 3},
    household_id = $${first + 4}::uuid
    WHERE actor = $${first} AND key = $${first + 1}`;
}
