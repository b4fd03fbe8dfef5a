import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainsFromWalk, MAX_AREA_DEPTH, strictestOnChain, type AreaWalkStep } from '@awda/areas';
import type { AreaState, AreaStatus } from '@awda/eligibility-rules';

/** An area whose status nobody has set is open: Awda starts with every known area open. */
export const DEFAULT_AREA_STATUS: AreaStatus = 'open';

/** The lists a destination is resolved with: registration's areas, transport's corridors. */
export const REFERENCE_LISTS = ['areas', 'corridors'] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

@Injectable()
export class AreaRepository {
  /**
   * The state of each destination resolved through the area hierarchy: the strictest status set on it
   * or any area above it, whether it is a known area, whether a corridor reaches it. Null until both
   * the area list and the corridor list have arrived: nothing can be decided about a destination then.
   * One round trip: it runs for every household event.
   */
  async resolve(manager: EntityManager, destinations: readonly string[]): Promise<Map<string, AreaState> | null> {
    const unique = [...new Set(destinations)];
    if (unique.length === 0) return new Map();
    const rows: ChainRow[] = await manager.query(
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
}

interface ChainRow extends AreaWalkStep {
  status: AreaStatus | null;
  reason: string | null;
  known: boolean;
  onCorridor: boolean;
  lists: number;
}
