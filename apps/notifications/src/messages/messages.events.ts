import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CONTACT_CHANGED_V1,
  CONVOY_ARRIVED_V1,
  CONVOY_CANCELLED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_DEPARTED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  type ContactChangedV1,
  type ConvoyArrivedV1,
  type ConvoyCancelledV1,
  type ConvoyConfirmedV1,
  type ConvoyDepartedV1,
  type EventEnvelope,
  type HouseholdAssessedV1,
  type HouseholdRegisteredV1,
  type HouseholdScheduledV1,
  type HouseholdUnscheduledV1,
  type HouseholdUpdatedV1,
  type HouseholdWithdrawnV1,
} from '@awda/contracts';
import { MessagesService } from './messages.service.js';

@Controller()
export class MessagesEvents {
  constructor(private readonly events: MessagesService) {}

  @EventPattern<string>(HOUSEHOLD_REGISTERED_V1)
  onRegistered(@Payload() event: EventEnvelope<HouseholdRegisteredV1>): Promise<void> {
    return this.events.registered(event);
  }

  @EventPattern<string>(HOUSEHOLD_UPDATED_V1)
  onUpdated(@Payload() event: EventEnvelope<HouseholdUpdatedV1>): Promise<void> {
    return this.events.updated(event);
  }

  @EventPattern<string>(CONTACT_CHANGED_V1)
  onContactChanged(@Payload() event: EventEnvelope<ContactChangedV1>): Promise<void> {
    return this.events.contactChanged(event);
  }

  @EventPattern<string>(HOUSEHOLD_WITHDRAWN_V1)
  onWithdrawn(@Payload() event: EventEnvelope<HouseholdWithdrawnV1>): Promise<void> {
    return this.events.withdrawn(event);
  }

  @EventPattern<string>(HOUSEHOLD_ASSESSED_V1)
  onAssessed(@Payload() event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    return this.events.assessed(event);
  }

  @EventPattern<string>(HOUSEHOLD_SCHEDULED_V1)
  onScheduled(@Payload() event: EventEnvelope<HouseholdScheduledV1>): Promise<void> {
    return this.events.scheduled(event);
  }

  @EventPattern<string>(HOUSEHOLD_UNSCHEDULED_V1)
  onUnscheduled(@Payload() event: EventEnvelope<HouseholdUnscheduledV1>): Promise<void> {
    return this.events.unscheduled(event);
  }

  @EventPattern<string>(CONVOY_CONFIRMED_V1)
  onConvoyConfirmed(@Payload() event: EventEnvelope<ConvoyConfirmedV1>): Promise<void> {
    return this.events.convoyConfirmed(event);
  }

  @EventPattern<string>(CONVOY_CANCELLED_V1)
  onConvoyCancelled(@Payload() event: EventEnvelope<ConvoyCancelledV1>): Promise<void> {
    return this.events.convoyCancelled(event);
  }

  @EventPattern<string>(CONVOY_DEPARTED_V1)
  onConvoyDeparted(@Payload() event: EventEnvelope<ConvoyDepartedV1>): Promise<void> {
    return this.events.convoyDeparted(event);
  }

  @EventPattern<string>(CONVOY_ARRIVED_V1)
  onConvoyArrived(@Payload() event: EventEnvelope<ConvoyArrivedV1>): Promise<void> {
    return this.events.convoyArrived(event);
  }
}
