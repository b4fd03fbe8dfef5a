import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainsFromWalk, MAX_AREA_DEPTH, reaches, strictestOnChain, type AreaWalkStep } from '@awda/areas';
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
   */
  async resolve(manager: EntityManager, destinations: readonly string[]): Promise<Map<string, AreaState> | null> {
    const lists: { name: ReferenceList }[] = await manager.query('SELECT name FROM reference_lists');
    if (REFERENCE_LISTS.some((name) => !lists.some((list) => list.name === name))) return null;
    const unique = [...new Set(destinations)];
    const chains = chainsFromWalk(unique, await this.walkUp(manager, unique));
    const known: { code: string }[] = await manager.query('SELECT code FROM area_hierarchy WHERE code = ANY($1::text[])', [unique]);
    const onChains = [...new Set([...chains.values()].flat())];
    const rows: { code: string; status: AreaStatus; reason: string | null }[] = await manager.query(
      'SELECT code, status, reason FROM areas WHERE code = ANY($1::text[])',
      [onChains],
    );
    const statuses = new Map(rows.map((row) => [row.code, row]));
    const served: { area_codes: string[] }[] = await manager.query('SELECT area_codes FROM corridors');
    const corridorAreas = served.flatMap((corridor) => corridor.area_codes);
    const knownCodes = new Set(known.map((row) => row.code));
    const states = new Map<string, AreaState>();
    for (const code of unique) {
      const chain = chains.get(code) ?? [code];
      const strictest = strictestOnChain(chain, statuses);
      states.set(code, {
        code,
        status: strictest?.status ?? DEFAULT_AREA_STATUS,
        reason: strictest?.reason ?? null,
        decidedBy: strictest?.code ?? code,
        known: knownCodes.has(code),
        served: reaches(corridorAreas, chain),
      });
    }
    return states;
  }

  /** Every area above each destination (the hierarchy as registration last published it). */
  private walkUp(manager: EntityManager, destinations: readonly string[]): Promise<AreaWalkStep[]> {
    return manager.query(
      `WITH RECURSIVE walk(origin, code, depth) AS (
         SELECT d, d, 0 FROM unnest($1::text[]) AS d
         UNION ALL
         SELECT w.origin, h.parent_code, w.depth + 1 FROM walk w JOIN area_hierarchy h ON h.code = w.code
          WHERE h.parent_code IS NOT NULL AND w.depth < $2
       )
       SELECT origin, code, depth FROM walk`,
      [destinations, MAX_AREA_DEPTH],
    );
  }
}
