import { Injectable } from '@nestjs/common';
import type { EventEnvelope, SmsStatusChangedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { TravelMessagesRepository } from './travel-messages.repository.js';

/** The messages that tell a family when and where to board: without one sent, it was not told. */
export const TRAVEL_TEMPLATES: readonly string[] = ['scheduled', 'reminder'];


/**
 * Notifications' travel-message outcomes per household (latest status of each message and why it did
 * not reach the family), so a manifest can mark families nobody told. Events may arrive out of order
 * or twice: a change older than the one kept changes nothing, a repeated one is skipped by the inbox.
 */
@Injectable()
export class TravelMessagesProjection {
  constructor(
    private readonly travelMessages: TravelMessagesRepository,
    private readonly inbox: Inbox,
  ) {}

  async apply(event: EventEnvelope<SmsStatusChangedV1>): Promise<void> {
    const change = event.data;
    if (!TRAVEL_TEMPLATES.includes(change.template)) return;
    await this.inbox.process(event, (manager) => this.travelMessages.recordTravelMessage(manager, change));
  }
}
