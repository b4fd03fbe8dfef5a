import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaV1 } from '@awda/contracts';
import { execute, pg, queryRows, z } from '@awda/persistence';
import type { AreaNames } from './area-name.js';

/** Destination-area names (the areas table), projected from registration's lists. */
@Injectable()
export class AreasRepository {
  /** Saves the areas of a list; an area is only overwritten by a list published later than the one it came from. */
  async upsert(manager: EntityManager, areas: readonly AreaV1[], publishedAt: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO areas (code, level, parent_code, name_ar, name_en, published_at)
       SELECT code, level, parent_code, name_ar, name_en, $6::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS a (code, level, parent_code, name_ar, name_en)
       ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
         name_ar = EXCLUDED.name_ar, name_en = EXCLUDED.name_en, published_at = EXCLUDED.published_at
       WHERE areas.published_at < EXCLUDED.published_at`,
      [
        areas.map((a) => a.code),
        areas.map((a) => a.level),
        areas.map((a) => a.parentCode),
        areas.map((a) => a.nameAr),
        areas.map((a) => a.nameEn),
        publishedAt,
      ],
    );
  }

  /** Names of the given codes that are known; unknown codes are simply absent. */
  async names(manager: EntityManager, codes: readonly string[]): Promise<Map<string, AreaNames>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = await queryRows(
      manager,
      'AreasRepository.names',
      z.object({ code: pg.text(), name_ar: pg.text(), name_en: pg.text() }),
      `SELECT code, name_ar, name_en FROM areas WHERE code = ANY($1::text[])`,
      [unique],
    );
    return new Map(rows.map((r) => [r.code, { nameAr: r.name_ar, nameEn: r.name_en }]));
  }
}
