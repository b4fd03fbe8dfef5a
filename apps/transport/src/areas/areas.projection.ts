import { Injectable, Logger } from '@nestjs/common';
import type { AreasPublishedV1, EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { AreasRepository } from './areas.repository.js';

/**
 * Registration's destination-area list (codes, parents, names), which destinations are resolved with.
 * A list older than the one applied changes nothing; areas a newer list no longer names are kept
 * (households may still be bound there).
 */
@Injectable()
export class AreasProjection {
  private readonly logger = new Logger(AreasProjection.name);

  constructor(
    private readonly areaLists: AreasRepository,
    private readonly inbox: Inbox,
  ) {}

  async apply(event: EventEnvelope<AreasPublishedV1>): Promise<void> {
    const { areas, publishedAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      if (!(await this.areaLists.isNewerAreaList(manager, publishedAt))) return;
      await this.areaLists.applyAreaList(manager, areas, publishedAt);
      this.logger.log(`area list of ${publishedAt}: ${areas.length} areas`);
    });
  }
}
