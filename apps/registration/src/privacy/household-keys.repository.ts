import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

const keyRow = z.object({ wrapped_key: pg.text().nullable(), erased_at: pg.timestamp().nullable() });
const wrappedRow = z.object({ household_id: pg.uuid(), wrapped_key: pg.text() });
const countRow = z.object({ n: pg.int() });
const progressRow = z.object({ total: pg.int(), remaining: pg.int() });
export type HouseholdKeyRow = z.output<typeof keyRow>;
export type WrappedKeyRow = z.output<typeof wrappedRow>;

/** A data key to store: wrapped by the field key named in key_id. */
export interface NewHouseholdKey {
  household_id: string;
  wrapped_key: string;
  key_id: string;
}

/** The SQL of registration.household_keys (per-household data keys, wrapped; a tombstone after erasure). */
@Injectable()
export class HouseholdKeysRepository {
  async insert(manager: EntityManager, keys: NewHouseholdKey[]): Promise<void> {
    await execute(
      manager,
      `INSERT INTO household_keys (household_id, wrapped_key, key_id)
       SELECT household_id, wrapped_key, key_id FROM json_to_recordset($1::json) AS k(household_id uuid, wrapped_key text, key_id text)`,
      [JSON.stringify(keys)],
    );
  }

  /** Inserts a key unless the household has one (or a tombstone): a concurrent creator waits and inserts nothing. */
  async insertIfAbsent(manager: EntityManager, key: NewHouseholdKey): Promise<void> {
    await execute(
      manager,
      `INSERT INTO household_keys (household_id, wrapped_key, key_id) VALUES ($1, $2, $3) ON CONFLICT (household_id) DO NOTHING`,
      [key.household_id, key.wrapped_key, key.key_id],
    );
  }

  find(manager: EntityManager, householdId: string): Promise<HouseholdKeyRow | undefined> {
    return queryRow(manager, 'HouseholdKeysRepository.find', keyRow, `SELECT wrapped_key, erased_at FROM household_keys WHERE household_id = $1`, [householdId]);
  }

  /** Destroys the key, leaving a tombstone so that no new key is ever made for the household. */
  async destroy(manager: EntityManager, householdId: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO household_keys (household_id, wrapped_key, key_id, erased_at) VALUES ($1, NULL, NULL, now())
       ON CONFLICT (household_id) DO UPDATE SET wrapped_key = NULL, key_id = NULL, erased_at = now()`,
      [householdId],
    );
  }

  /** Up to `limit` keys wrapped by another field key than `activeKeyId`, locked (rows another replica holds skipped). */
  lockWrappedByOther(manager: EntityManager, activeKeyId: string, limit: number): Promise<WrappedKeyRow[]> {
    return queryRows(
      manager,
      'HouseholdKeysRepository.lockWrappedByOther',
      wrappedRow,
      `SELECT household_id, wrapped_key FROM household_keys
       WHERE wrapped_key IS NOT NULL AND key_id <> $1 ORDER BY household_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [activeKeyId, limit],
    );
  }

  async saveWrapped(manager: EntityManager, key: NewHouseholdKey): Promise<void> {
    await execute(manager, `UPDATE household_keys SET wrapped_key = $2, key_id = $3 WHERE household_id = $1`, [key.household_id, key.wrapped_key, key.key_id]);
  }

  async countWrappedByOther(manager: EntityManager, activeKeyId: string): Promise<number> {
    return (await queryRow(manager, 'HouseholdKeysRepository.countWrappedByOther', countRow,
      `SELECT count(*)::int AS n FROM household_keys WHERE wrapped_key IS NOT NULL AND key_id <> $1`, [activeKeyId]))?.n ?? 0;
  }

  /** Keys not destroyed, and those of them wrapped by another field key than `activeKeyId`. */
  async progress(db: DataSource, activeKeyId: string): Promise<{ total: number; remaining: number }> {
    return (await queryRow(db, 'HouseholdKeysRepository.progress', progressRow,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE key_id <> $1)::int AS remaining FROM household_keys WHERE wrapped_key IS NOT NULL`,
      [activeKeyId])) ?? { total: 0, remaining: 0 };
  }
}
