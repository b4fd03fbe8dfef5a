import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

/** Transport's corridor list as last received (corridors and corridor_list). */
@Injectable()
export class CorridorsRepository {
  /** Serialises the handling of corridor lists (transaction-scoped advisory lock). */
  async lockList(manager: EntityManager): Promise<void> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', ['registration-corridor-list']);
  }

  /** Whether no list published at or after this time is held. */
  async isNewer(manager: EntityManager, publishedAt: string): Promise<boolean> {
    const row = await queryRow(
      manager,
      'CorridorsRepository.isNewer',
      z.object({ newer: pg.bool() }),
      `SELECT NOT EXISTS (SELECT 1 FROM corridor_list WHERE published_at >= $1::timestamptz) AS newer`,
      [publishedAt],
    );
    return row?.newer ?? false;
  }

  /** Replaces the corridors held and records when their list was published. */
  async replace(manager: EntityManager, corridors: readonly { id: string; name: string; areaCodes: string[] }[], publishedAt: string): Promise<void> {
    await execute(manager, 'DELETE FROM corridors');
    for (const corridor of corridors) {
      await execute(manager, 'INSERT INTO corridors (id, name, area_codes) VALUES ($1, $2, $3)', [corridor.id, corridor.name, corridor.areaCodes]);
    }
    await execute(
      manager,
      `INSERT INTO corridor_list (id, published_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET published_at = EXCLUDED.published_at`,
      [publishedAt],
    );
  }

  /** Whether a corridor list has arrived at all. */
  async hasList(manager: EntityManager): Promise<boolean> {
    const rows = await queryRows(manager, 'CorridorsRepository.hasList', z.object({ listed: pg.int() }), 'SELECT 1 AS listed FROM corridor_list');
    return rows.length > 0;
  }

  /** The area codes every corridor names, flattened. */
  async areaCodes(manager: EntityManager): Promise<string[]> {
    const rows = await queryRows(manager, 'CorridorsRepository.areaCodes', z.object({ area_codes: pg.textArray() }), 'SELECT area_codes FROM corridors');
    return rows.flatMap((c) => c.area_codes);
  }
}
