import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainsFromWalk, MAX_AREA_DEPTH, strictestOnChain } from '@awda/areas';
import { AREA_STATUSES } from '@awda/contracts';
import type { AreaState, AreaStatus } from '@awda/eligibility-rules';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

/** An area whose status nobody has set is open: Awda starts with every known area open. */
export const DEFAULT_AREA_STATUS: AreaStatus = 'open';

/** The lists a destination is resolved with: registration's areas, transport's corridors. */
export const REFERENCE_LISTS = ['areas', 'corridors'] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

const chainRow = z.object({
  origin: pg.text(),
  code: pg.text(),
  depth: pg.int(),
  status: z.enum(AREA_STATUSES).nullable(),
  reason: pg.text().nullable(),
  known: pg.bool(),
  onCorridor: pg.bool(),
  lists: pg.int(),
});

const areaRow = z.object({
  code: pg.text(),
  status: z.enum(AREA_STATUSES),
  reason: pg.text().nullable(),
  effective_from: pg.timestamp(),
  version: pg.int(),
  updated_by: pg.text(),
  updated_at: pg.timestamp(),
});
export type AreaRow = Row<typeof areaRow>;

const areaChangeRow = z.object({
  id: pg.uuid(),
  area_code: pg.text(),
  status: z.enum(AREA_STATUSES),
  reason: pg.text().nullable(),
  effective_from: pg.timestamp(),
  requested_by: pg.text(),
  requested_at: pg.timestamp(),
  applied_at: pg.timestamp().nullable(),
});
export type AreaChangeRow = Row<typeof areaChangeRow>;

/** The areas' statuses, their scheduled changes, and destinations resolved through the hierarchy. */
@Injectable()
export class AreasRepository {
  /**
   * The state of each destination resolved through the area hierarchy: the strictest status set on it
   * or any area above it, whether it is a known area, whether a corridor reaches it. Null until both
   * the area list and the corridor list have arrived: nothing can be decided about a destination then.
   * One round trip: it runs for every household event.
   */
  async resolve(manager: EntityManager, destinations: readonly string[]): Promise<Map<string, AreaState> | null> {
    const unique = [...new Set(destinations)];
    if (unique.length === 0) return new Map();
    const rows = await queryRows(
      manager,
      'AreasRepository.resolve',
      chainRow,
      `WITH RECURSIVE walk(origin, code, depth) AS (
         SELECT d, d, 0 FROM unnest($1::text[]) AS d
         UNION ALL
         SELECT w.origin, h.parent_code, w.depth + 1 FROM walk w JOIN area_hierarchy h ON h.code = w.code
          WHERE h.parent_code IS NOT NULL AND w.depth < $2
       )
       SELECT w.origin, w.code, w.depth, a.status, a.reason,
              EXISTS (SELECT 1 FROM area_hierarchy h WHERE h.code = w.origin) AS known,
              EXISTS (SELECT 1 FROM corridors c WHERE w.code = ANY (c.area_codes)) AS "onCorridor",
              (SELECT count(*) FROM reference_lists WHERE name = ANY($3::text[]))::int AS lists
         FROM walk w LEFT JOIN areas a ON a.code = w.code`,
      [unique, MAX_AREA_DEPTH, REFERENCE_LISTS],
    );
    if (rows.some((row) => row.lists < REFERENCE_LISTS.length)) return null;
    const chains = chainsFromWalk(unique, rows);
    const statuses = new Map(rows.flatMap((row) => (row.status ? [[row.code, { status: row.status, reason: row.reason }] as const] : [])));
    const states = new Map<string, AreaState>();
    for (const code of unique) {
      const chain = chains.get(code) ?? [code];
      const strictest = strictestOnChain(chain, statuses);
      const own = rows.filter((row) => row.origin === code);
      states.set(code, {
        code,
        status: strictest?.status ?? DEFAULT_AREA_STATUS,
        reason: strictest?.reason ?? null,
        decidedBy: strictest?.code ?? code,
        known: own.some((row) => row.known),
        served: own.some((row) => row.onCorridor),
      });
    }
    return states;
  }

  async list(manager: EntityManager): Promise<AreaRow[]> {
    return queryRows(manager, 'AreasRepository.list', areaRow, 'SELECT * FROM areas ORDER BY code');
  }

  async scheduled(manager: EntityManager): Promise<AreaChangeRow[]> {
    return queryRows(manager, 'AreasRepository.scheduled', areaChangeRow, 'SELECT * FROM area_changes WHERE applied_at IS NULL ORDER BY effective_from');
  }

  async insertChange(
    manager: EntityManager,
    change: { id: string; areaCode: string; status: AreaStatus; reason: string | null; effectiveFrom: Date; requestedBy: string },
  ): Promise<AreaChangeRow> {
    const row = await queryRow(
      manager,
      'AreasRepository.insertChange',
      areaChangeRow,
      `INSERT INTO area_changes (id, area_code, status, reason, effective_from, requested_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [change.id, change.areaCode, change.status, change.reason, change.effectiveFrom, change.requestedBy],
    );
    if (!row) throw new Error('area change insert returned nothing');
    return row;
  }

  /** Up to 50 changes that have come due, locked; replicas share the work (SKIP LOCKED). */
  async claimDue(manager: EntityManager): Promise<AreaChangeRow[]> {
    return queryRows(
      manager,
      'AreasRepository.claimDue',
      areaChangeRow,
      `SELECT * FROM area_changes WHERE applied_at IS NULL AND effective_from <= now()
       ORDER BY effective_from LIMIT 50 FOR UPDATE SKIP LOCKED`,
    );
  }

  /** Serialises changes of one area and answers its current row, locked (undefined: never set, so open). */
  async lock(manager: EntityManager, areaCode: string): Promise<AreaRow | undefined> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`eligibility-area-${areaCode}`]);
    return queryRow(manager, 'AreasRepository.lock', areaRow, 'SELECT * FROM areas WHERE code = $1 FOR UPDATE', [areaCode]);
  }

  async markApplied(manager: EntityManager, changeId: string): Promise<AreaChangeRow | undefined> {
    return queryRow(manager, 'AreasRepository.markApplied', areaChangeRow, 'UPDATE area_changes SET applied_at = now() WHERE id = $1 RETURNING *', [
      changeId,
    ]);
  }

  async save(manager: EntityManager, change: AreaChangeRow, version: number): Promise<void> {
    await execute(
      manager,
      `INSERT INTO areas (code, status, reason, effective_from, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (code) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
         effective_from = EXCLUDED.effective_from, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [change.area_code, change.status, change.reason, change.effective_from, version, change.requested_by],
    );
  }
}
