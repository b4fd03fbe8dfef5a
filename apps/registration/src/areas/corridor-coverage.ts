import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainOf, reaches } from '@awda/areas';
import type { CorridorsPublishedV1, EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';

/** Why a destination is flagged when it is entered: the family is registered all the same. */
export interface DestinationWarning {
  code: 'REGISTRATION.DESTINATION_NOT_SERVED';
  field: 'destinationArea';
  message: string;
}

export function destinationNotServed(code: string): DestinationWarning {
  return {
    code: 'REGISTRATION.DESTINATION_NOT_SERVED',
    field: 'destinationArea',
    message:
      `No convoy route goes to ${code} yet. The family is registered; it stays pending ("no convoy route yet") ` +
      'until a road to this area opens, and is never told it will travel before then.',
  };
}

/** The warnings for a destination whose coverage is known; nothing while no corridor list has arrived. */
export function destinationWarnings(code: string, served: boolean | null): DestinationWarning[] {
  return served === false ? [destinationNotServed(code)] : [];
}

/**
 * Which destination areas a convoy route reaches, from transport's corridors.published: each area's
 * `served` flag (a corridor names it or an area above it), recomputed when the corridors or the area
 * list change. Registering a family for an area no road serves is allowed and flagged in the answer;
 * eligibility keeps such a family pending.
 */
@Injectable()
export class CorridorCoverage {
  private readonly logger = new Logger(CorridorCoverage.name);

  constructor(private readonly inbox: Inbox) {}

  async onCorridorsPublished(event: EventEnvelope<CorridorsPublishedV1>): Promise<void> {
    const { corridors, publishedAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['registration-corridor-list']);
      const newer: { newer: boolean }[] = await manager.query(
        `SELECT NOT EXISTS (SELECT 1 FROM corridor_list WHERE published_at >= $1::timestamptz) AS newer`,
        [publishedAt],
      );
      if (!newer[0]?.newer) return;
      await manager.query('DELETE FROM corridors');
      for (const corridor of corridors) {
        await manager.query('INSERT INTO corridors (id, name, area_codes) VALUES ($1, $2, $3)', [corridor.id, corridor.name, corridor.areaCodes]);
      }
      await manager.query(
        `INSERT INTO corridor_list (id, published_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET published_at = EXCLUDED.published_at`,
        [publishedAt],
      );
      const unserved = await this.recompute(manager);
      this.logger.log(`corridor list of ${publishedAt}: ${corridors.length} corridors, ${unserved} destination areas without a road`);
    });
  }

  /** Sets each area's `served` flag from the corridors held; answers how many areas no road serves. */
  async recompute(manager: EntityManager): Promise<number> {
    const listed: unknown[] = await manager.query('SELECT 1 FROM corridor_list');
    if (listed.length === 0) return 0;
    const areas: { code: string; parent_code: string | null }[] = await manager.query('SELECT code, parent_code FROM areas');
    const corridors: { area_codes: string[] }[] = await manager.query('SELECT area_codes FROM corridors');
    const parents = new Map(areas.map((a) => [a.code, a.parent_code]));
    const corridorAreas = corridors.flatMap((c) => c.area_codes);
    const served = areas.filter((a) => reaches(corridorAreas, chainOf(a.code, (code) => parents.get(code)))).map((a) => a.code);
    await manager.query('UPDATE areas SET served = (code = ANY($1::text[]))', [served]);
    return areas.length - served.length;
  }

  /** Whether a road serves the area; null when the area is unknown or no corridor list has arrived. */
  async servedOf(manager: EntityManager, code: string): Promise<{ exists: boolean; served: boolean | null }> {
    const rows: { served: boolean | null }[] = await manager.query('SELECT served FROM areas WHERE code = $1', [code]);
    const row = rows[0];
    return { exists: row !== undefined, served: row?.served ?? null };
  }
}
