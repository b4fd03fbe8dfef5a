import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaV1 } from '@awda/contracts';
import { execute, pg, queryRow, z } from '@awda/persistence';

/** The destination-area list applied from registration. */
@Injectable()
export class AreasRepository {
  /**
   * Locks the area list for the transaction and answers whether a list published at `publishedAt` is
   * newer than the one applied (lists can arrive out of order; an older one changes nothing).
   */
  async isNewerAreaList(manager: EntityManager, publishedAt: string): Promise<boolean> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', ['transport-area-list']);
    const row = await queryRow(
      manager,
      'AreasRepository.isNewerAreaList',
      z.object({ newer: pg.bool() }),
      `SELECT NOT EXISTS (SELECT 1 FROM destination_area_list WHERE published_at >= $1::timestamptz) AS newer`,
      [publishedAt],
    );
    return row?.newer ?? false;
  }

  /** Saves the areas of a newer list and records it as applied; areas it no longer names are kept. */
  async applyAreaList(manager: EntityManager, areas: readonly AreaV1[], publishedAt: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO destination_areas (code, parent_code, level, name_ar, name_en)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, level = EXCLUDED.level,
         name_ar = EXCLUDED.name_ar, name_en = EXCLUDED.name_en, updated_at = now()`,
      [areas.map((a) => a.code), areas.map((a) => a.parentCode ?? null), areas.map((a) => a.level), areas.map((a) => a.nameAr), areas.map((a) => a.nameEn)],
    );
    await execute(
      manager,
      `INSERT INTO destination_area_list (id, published_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET published_at = EXCLUDED.published_at`,
      [publishedAt],
    );
  }
}
