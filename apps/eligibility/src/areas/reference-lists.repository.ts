import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaV1, CorridorV1 } from '@awda/contracts';
import type { ReferenceList } from './area.repository.js';

/** Writes of the projected reference lists: the area hierarchy and the corridors. */
@Injectable()
export class ReferenceListsRepository {
  /**
   * Locks the list's row for the transaction and answers whether a list published at `publishedAt` is
   * newer than the one applied (lists can arrive out of order; an older one changes nothing).
   */
  async isNewer(manager: EntityManager, name: ReferenceList, publishedAt: string): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`eligibility-list-${name}`]);
    const rows: { newer: boolean }[] = await manager.query(
      `SELECT NOT EXISTS (SELECT 1 FROM reference_lists WHERE name = $1 AND published_at >= $2::timestamptz) AS newer`,
      [name, publishedAt],
    );
    return rows[0]?.newer ?? false;
  }

  async markApplied(manager: EntityManager, name: ReferenceList, publishedAt: string): Promise<void> {
    await manager.query(
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
    const rows: { code: string }[] = await manager.query(
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
    const before: { id: string; area_codes: string[] }[] = await manager.query('SELECT id, area_codes FROM corridors ORDER BY id');
    const canonical = (list: readonly { id: string; areaCodes: readonly string[] }[]): string =>
      JSON.stringify([...list].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, [...c.areaCodes].sort()]));
    const changed = canonical(before.map((c) => ({ id: c.id, areaCodes: c.area_codes }))) !== canonical(corridors);
    await manager.query('DELETE FROM corridors');
    for (const corridor of corridors) {
      await manager.query('INSERT INTO corridors (id, name, area_codes) VALUES ($1, $2, $3)', [corridor.id, corridor.name, corridor.areaCodes]);
    }
    return changed;
  }
}
