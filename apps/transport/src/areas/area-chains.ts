import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainsFromWalk, MAX_AREA_DEPTH, type AreaWalkStep } from '@awda/areas';
import { pg, queryRows, z } from '@awda/persistence';

const walkStep = z.object({ origin: pg.text(), code: pg.text(), depth: pg.int() });

/**
 * Destinations resolved through registration's area hierarchy: each code with every area above it,
 * nearest first. A code the list does not hold has a chain of itself only (it reaches only a corridor
 * or convoy naming exactly it).
 */
@Injectable()
export class AreaChains {
  async chainsOf(manager: EntityManager, codes: readonly string[]): Promise<Map<string, string[]>> {
    const unique = [...new Set(codes)];
    const steps: AreaWalkStep[] = unique.length
      ? await queryRows(
          manager,
          'AreaChains.chainsOf',
          walkStep,
          `WITH RECURSIVE walk(origin, code, depth) AS (
             SELECT d, d, 0 FROM unnest($1::text[]) AS d
             UNION ALL
             SELECT w.origin, a.parent_code, w.depth + 1 FROM walk w JOIN destination_areas a ON a.code = w.code
              WHERE a.parent_code IS NOT NULL AND w.depth < $2
           )
           SELECT origin, code, depth FROM walk`,
          [unique, MAX_AREA_DEPTH],
        )
      : [];
    return chainsFromWalk(unique, steps);
  }

  async chainOf(manager: EntityManager, code: string): Promise<string[]> {
    return (await this.chainsOf(manager, [code])).get(code) ?? [code];
  }
}
