import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreasPublishedV1, EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import type { AreaNames } from './area-name.js';
import { AreasRepository } from './areas.repository.js';

/**
 * Destination-area names from registration's areas.published. An area absent from a newer list is
 * kept (households may still go there); an area is only overwritten by a list published later
 * than the one it came from, so lists arriving out of order end as if they had come in order.
 */
@Injectable()
export class AreasProjection {
  constructor(
    private readonly inbox: Inbox,
    private readonly areas: AreasRepository,
  ) {}

  async apply(event: EventEnvelope<AreasPublishedV1>): Promise<void> {
    const { areas, publishedAt } = event.data;
    if (areas.length === 0) return;
    await this.inbox.process(event, (manager) => this.areas.upsert(manager, areas, publishedAt));
  }

  /** Names of the given codes that are known; unknown codes are simply absent. */
  names(manager: EntityManager, codes: readonly string[]): Promise<Map<string, AreaNames>> {
    return this.areas.names(manager, codes);
  }
}
