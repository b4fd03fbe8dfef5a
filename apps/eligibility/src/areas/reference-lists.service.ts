import { Injectable, Logger } from '@nestjs/common';
import type { AreasPublishedV1, CorridorsPublishedV1, EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import { ReferenceListsRepository } from './reference-lists.repository.js';

/**
 * Keeps registration's area hierarchy and transport's corridors, which every destination is resolved
 * with. A list that changes what a destination resolves to queues a re-evaluation of every household
 * (a batched run, resumed after a restart). Until both lists have arrived nothing is assessed.
 */
@Injectable()
export class ReferenceListsService {
  private readonly logger = new Logger(ReferenceListsService.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly lists: ReferenceListsRepository,
    private readonly runs: ReevaluationRuns,
    private readonly signal: WorkSignal,
  ) {}

  async onAreasPublished(event: EventEnvelope<AreasPublishedV1>): Promise<void> {
    const { areas, publishedAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      if (!(await this.lists.isNewer(manager, 'areas', publishedAt))) return;
      const first = !(await this.lists.received(manager, 'areas'));
      const changed = await this.lists.applyAreas(manager, areas);
      await this.lists.markApplied(manager, 'areas', publishedAt);
      if (changed > 0 || first) await this.runs.start(manager, { kind: 'all', cause: 'area_list' });
      this.logger.log(`area list of ${publishedAt}: ${areas.length} areas, ${changed} new or moved`);
    });
    // After the commit (in a batch, after the batch's): the scheduler must find the run it is woken for.
    await this.inbox.afterCommit(() => this.signal.kick());
  }

  async onCorridorsPublished(event: EventEnvelope<CorridorsPublishedV1>): Promise<void> {
    const { corridors, publishedAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      if (!(await this.lists.isNewer(manager, 'corridors', publishedAt))) return;
      const first = !(await this.lists.received(manager, 'corridors'));
      const changed = await this.lists.replaceCorridors(manager, corridors);
      await this.lists.markApplied(manager, 'corridors', publishedAt);
      if (changed || first) await this.runs.start(manager, { kind: 'all', cause: 'corridors' });
      this.logger.log(`corridor list of ${publishedAt}: ${corridors.length} corridors${changed ? ', changed' : ''}`);
    });
    // After the commit (in a batch, after the batch's): the scheduler must find the run it is woken for.
    await this.inbox.afterCommit(() => this.signal.kick());
  }
}
