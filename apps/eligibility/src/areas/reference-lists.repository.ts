import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaV1, CorridorV1 } from '@awda/contracts';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';
import type { ReferenceList } from './areas.repository.js';

/** Writes of the projected reference lists: the area hierarchy and the corridors. */
@Injectable()
export class ReferenceListsRepository {
  /**
   * Locks the list's row for the transaction and answers whether a list published at `publishedAt` is
   * newer than the one applied (lists can arrive out of order; an older one changes nothing).
   */
  async isNewer(manager: EntityManager, name: ReferenceList, publishedAt: string): Promise<boolean> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`eligibility-list-${name}`]);
    const row = await queryRow(
      manager,
      'ReferenceListsRepository.isNewer',
      z.object({ newer: pg.bool() }),
      `SELECT NOT EXISTS (SELECT 1 FROM reference_lists WHERE name = $1 AND published_at >= $2::timestamptz) AS newer`,
      [name, publishedAt],
    );
    return row?.newer ?? false;
  }

  /** Whether any version of the list has been applied. */
  async received(manager: EntityManager, name: ReferenceList): Promise<boolean> {
    const rows = await queryRows(manager, 'ReferenceListsRepository.received', z.object({}), 'SELECT 1 FROM reference_lists WHERE name = $1', [name]);
    return rows.length > 0;
  }

  async markApplied(manager: EntityManager, name: ReferenceList, publishedAt: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO reference_lists (name, published_at) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET published_at = EXCLUDED.published_at, applied_at = now()`,
      [name, publishedAt],
    );
  }

  /**
   * Saves the hierarchy of a newer area list; answers how many areas are new or moved. Areas the list no
   * longer names are kept (the contract says so: households may still be bound there).
   */
  async applyAreas(manager: EntityManager, areas: readonly AreaV1[]): Promise<number> {
    const rows = await queryRows(
      manager,
      'ReferenceListsRepository.applyAreas',
      z.object({ code: pg.text() }),
      `INSERT INTO area_hierarchy (code, parent_code, level)
       SELECT code, parent_code, level FROM unnest($1::text[], $2::text[], $3::text[]) AS x(code, parent_code, level)
       ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, level = EXCLUDED.level, updated_at = now()
         WHERE area_hierarchy.parent_code IS DISTINCT FROM EXCLUDED.parent_code OR area_hierarchy.level <> EXCLUDED.level
       RETURNING code`,
      [areas.map((a) => a.code), areas.map((a) => a.parentCode ?? null), areas.map((a) => a.level)],
    );
    return rows.length;
  }

  /** Replaces the corridors with a newer list; answers whether anything changed. */
  async replaceCorridors(manager: EntityManager, corridors: readonly CorridorV1[]): Promise<boolean> {
    const before = await queryRows(
      manager,
      'ReferenceListsRepository.replaceCorridors',
      z.object({ id: pg.text(), area_codes: pg.textArray() }),
      'SELECT id, area_codes FROM corridors ORDER BY id',
    );
    const canonical = (list: readonly { id: string; areaCodes: readonly string[] }[]): string =>
      JSON.stringify([...list].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, [...c.areaCodes].sort()]));
    const changed = canonical(before.map((c) => ({ id: c.id, areaCodes: c.area_codes }))) !== canonical(corridors);
    await execute(manager, 'DELETE FROM corridors');
    for (const corridor of corridors) {
      await execute(manager, 'INSERT INTO corridors (id, name, area_codes) VALUES ($1, $2, $3)', [corridor.id, corridor.name, corridor.areaCodes]);
    }
    return changed;
  }
}
