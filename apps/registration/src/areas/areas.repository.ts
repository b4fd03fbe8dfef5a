import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AREA_LEVELS } from '@awda/contracts';
import { execute, pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';

const AREA_COLUMNS = `code, level, parent_code AS "parentCode", name_en AS "nameEn", name_ar AS "nameAr"`;

const areaRow = z.object({
  code: pg.text(),
  level: z.enum(AREA_LEVELS),
  parentCode: pg.text().nullable(),
  nameEn: pg.text(),
  nameAr: pg.text(),
});
/** A destination area as the areas file gives it and areas.published sends it. */
export type Area = Row<typeof areaRow>;

/** Whether a convoy route (a corridor) reaches it; null until transport's corridor list has arrived. */
const areaViewRow = areaRow.extend({ served: pg.bool().nullable() });
export type AreaView = Row<typeof areaViewRow>;

const codeRow = z.object({ code: pg.text() });

/** Areas written per INSERT (five parameters each). */
const AREAS_PER_INSERT = 500;

/** The destination areas, their `served` flags and the record of the list last published. */
@Injectable()
export class AreasRepository {
  async count(runner: SqlRunner): Promise<number> {
    const row = await queryRow(runner, 'AreasRepository.count', z.object({ n: pg.int() }), `SELECT count(*)::int AS n FROM areas`);
    return row?.n ?? 0;
  }

  /** Every area in code order, as published. */
  async list(runner: SqlRunner): Promise<Area[]> {
    return queryRows(runner, 'AreasRepository.list', areaRow, `SELECT ${AREA_COLUMNS} FROM areas ORDER BY code`);
  }

  /** Every area in code order with its served flag. */
  async listWithServed(runner: SqlRunner): Promise<AreaView[]> {
    return queryRows(runner, 'AreasRepository.listWithServed', areaViewRow, `SELECT ${AREA_COLUMNS}, served FROM areas ORDER BY code`);
  }

  /** Which of these codes are areas. */
  async existingCodes(runner: SqlRunner, codes: string[]): Promise<string[]> {
    const rows = await queryRows(runner, 'AreasRepository.existingCodes', codeRow, `SELECT code FROM areas WHERE code = ANY($1::text[])`, [codes]);
    return rows.map((r) => r.code);
  }

  /** Saves new and changed areas, a multi-row upsert per AREAS_PER_INSERT. */
  async upsert(manager: EntityManager, areas: Area[]): Promise<void> {
    for (let i = 0; i < areas.length; i += AREAS_PER_INSERT) {
      const chunk = areas.slice(i, i + AREAS_PER_INSERT);
      const params: unknown[] = [];
      const rows = chunk.map((a) => {
        const n = params.length;
        params.push(a.code, a.level, a.parentCode, a.nameEn, a.nameAr);
        return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`;
      });
      await execute(
        manager,
        `INSERT INTO areas (code, level, parent_code, name_en, name_ar) VALUES ${rows.join(', ')}
         ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
           name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar`,
        params,
      );
    }
  }

  /** Destinations of households that are not among these codes (those areas must stay). */
  async destinationsOutside(manager: EntityManager, codes: string[]): Promise<string[]> {
    const rows = await queryRows(
      manager,
      'AreasRepository.destinationsOutside',
      codeRow,
      `SELECT DISTINCT destination_area AS code FROM households WHERE NOT (destination_area = ANY($1::text[]))`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  /** Removes the areas neither listed nor kept (nor the parent of a kept one); answers how many. */
  async removeUnlisted(manager: EntityManager, codes: string[], kept: string[]): Promise<number> {
    const rows = await queryRows(
      manager,
      'AreasRepository.removeUnlisted',
      codeRow,
      `DELETE FROM areas WHERE NOT (code = ANY($1::text[])) AND NOT (code = ANY($2::text[]))
         AND NOT EXISTS (SELECT 1 FROM areas c WHERE c.parent_code = areas.code AND c.code = ANY($2::text[]))
       RETURNING code`,
      [codes, kept],
    );
    return rows.length;
  }

  /** Every area's code and parent, for the coverage. */
  async parents(manager: EntityManager): Promise<{ code: string; parent_code: string | null }[]> {
    return queryRows(manager, 'AreasRepository.parents', z.object({ code: pg.text(), parent_code: pg.text().nullable() }), 'SELECT code, parent_code FROM areas');
  }

  /** Sets served = true on exactly these areas, false on the others. */
  async setServed(manager: EntityManager, served: string[]): Promise<void> {
    await execute(manager, 'UPDATE areas SET served = (code = ANY($1::text[]))', [served]);
  }

  /** An area's served flag; undefined when there is no such area. */
  async servedOf(manager: EntityManager, code: string): Promise<{ served: boolean | null } | undefined> {
    return queryRow(manager, 'AreasRepository.servedOf', z.object({ served: pg.bool().nullable() }), 'SELECT served FROM areas WHERE code = $1', [code]);
  }

  /** Locks the published-list row (FOR UPDATE) and answers the hash of the list last published. */
  async lockPublished(manager: EntityManager): Promise<string | null> {
    const row = await queryRow(
      manager,
      'AreasRepository.lockPublished',
      z.object({ list_hash: pg.text().nullable() }),
      `SELECT list_hash FROM published_areas WHERE id = 1 FOR UPDATE`,
    );
    return row?.list_hash ?? null;
  }

  async recordPublished(manager: EntityManager, hash: string, publishedAt: Date): Promise<void> {
    await execute(
      manager,
      `INSERT INTO published_areas (id, list_hash, published_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET list_hash = EXCLUDED.list_hash, published_at = EXCLUDED.published_at`,
      [hash, publishedAt],
    );
  }
}
