import { Injectable } from '@nestjs/common';
import type { EventEnvelope, HouseholdErasedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { SchedulingRepository } from '../scheduling/scheduling.repository.js';

/**
 * household.erased: transport holds no names, phones or documents (manifests ask registration for names
 * when printed, and an erased household's come back blank). The one free text about a household is the
 * note a boarding officer gave for a no-show: replaced by the code. Seats, convoys and counts stay.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly scheduling: SchedulingRepository,
    private readonly inbox: Inbox,
  ) {}

  async erased(event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      await this.scheduling.blankNoShowNotes(manager, event.data.householdId);
    });
  }
}
