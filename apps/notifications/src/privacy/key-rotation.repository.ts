import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

/** Every column where notifications keeps a value encrypted with the field key (AAD: the household id). */
export const FIELD_KEY_COLUMNS = [
  { table: 'recipients', key: 'household_id', column: 'phone_encrypted' },
  { table: 'conversation_replies', key: 'id', column: 'text_encrypted' },
  { table: 'conversations', key: 'id', column: 'flag_clear_note_encrypted' },
] as const;
export type FieldKeyColumn = (typeof FIELD_KEY_COLUMNS)[number];

const encryptedRow = z.object({ row_key: pg.uuid(), household_id: pg.uuid(), encrypted: pg.text() });
const remainingRow = z.object({ total: pg.int(), remaining: pg.int() });
export type EncryptedValue = z.output<typeof encryptedRow>;

// `v1.<keyId>.…`: the key id is the second dot-separated part. Blanked values ('') are left alone.
const wrappedByOther = (column: string) => `${column} IS NOT NULL AND ${column} <> '' AND split_part(${column}, '.', 2) <> $1`;

/** The SQL of the field-key rotation of notifications' own encrypted copies. */
@Injectable()
export class KeyRotationRepository {
  /** Up to `limit` values of one column not encrypted with `activeKeyId`, locked (rows another replica holds skipped). */
  lockBatch(manager: EntityManager, target: FieldKeyColumn, activeKeyId: string, limit: number): Promise<EncryptedValue[]> {
    return queryRows(
      manager,
      `KeyRotationRepository.lockBatch(${target.table})`,
      encryptedRow,
      `SELECT ${target.key} AS row_key, household_id, ${target.column} AS encrypted FROM ${target.table}
       WHERE ${wrappedByOther(target.column)} ORDER BY ${target.key} LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [activeKeyId, limit],
    );
  }

  async save(manager: EntityManager, target: FieldKeyColumn, rowKey: string, encrypted: string): Promise<void> {
    await execute(manager, `UPDATE ${target.table} SET ${target.column} = $2 WHERE ${target.key} = $1`, [rowKey, encrypted]);
  }

  /** Values of one column (not blank), and those still encrypted with another key than `activeKeyId`. */
  async progress(manager: EntityManager, target: FieldKeyColumn, activeKeyId: string): Promise<{ total: number; remaining: number }> {
    const row = await queryRow(
      manager,
      `KeyRotationRepository.progress(${target.table})`,
      remainingRow,
      `SELECT count(*) FILTER (WHERE ${target.column} IS NOT NULL AND ${target.column} <> '')::int AS total,
              count(*) FILTER (WHERE ${wrappedByOther(target.column)})::int AS remaining
       FROM ${target.table}`,
      [activeKeyId],
    );
    return row ?? { total: 0, remaining: 0 };
  }
}
