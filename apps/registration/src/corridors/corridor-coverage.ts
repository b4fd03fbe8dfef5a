import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainOf, reaches } from '@awda/areas';
import type { CorridorsPublishedV1, EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { AreasRepository } from '../areas/areas.repository.js';
import { CorridorsRepository } from './corridors.repository.js';

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

  constructor(
    private readonly inbox: Inbox,
    private readonly areas: AreasRepository,
    private readonly corridors: CorridorsRepository,
  ) {}

  async onCorridorsPublished(event: EventEnvelope<CorridorsPublishedV1>): Promise<void> {
    const { corridors, publishedAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      await this.corridors.lockList(manager);
      if (!(await this.corridors.isNewer(manager, publishedAt))) return;
      await this.corridors.replace(manager, corridors, publishedAt);
      const unserved = await this.recompute(manager);
      this.logger.log(`corridor list of ${publishedAt}: ${corridors.length} corridors, ${unserved} destination areas without a road`);
    });
  }

  /** Sets each area's `served` flag from the corridors held; answers how many areas no road serves. */
  async recompute(manager: EntityManager): Promise<number> {
    if (!(await this.corridors.hasList(manager))) return 0;
    const areas = await this.areas.parents(manager);
    const corridorAreas = await this.corridors.areaCodes(manager);
    const parents = new Map(areas.map((a) => [a.code, a.parent_code]));
    const served = areas.filter((a) => reaches(corridorAreas, chainOf(a.code, (code) => parents.get(code)))).map((a) => a.code);
    await this.areas.setServed(manager, served);
    return areas.length - served.length;
  }

  /** Whether a road serves the area; null when the area is unknown or no corridor list has arrived. */
  async servedOf(manager: EntityManager, code: string): Promise<{ exists: boolean; served: boolean | null }> {
    const row = await this.areas.servedOf(manager, code);
    return { exists: row !== undefined, served: row?.served ?? null };
  }
}
