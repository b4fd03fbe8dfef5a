import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  HOUSEHOLD_CLOSED_V1,
  AREAS_PUBLISHED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_CANCELLED_V1,
  CONVOY_DEPARTED_V1,
  CONVOY_ARRIVED_V1,
  SMS_STATUS_CHANGED_V1,
  SURVEY_ANSWERED_V1,
  type EventEnvelope,
} from '@awda/contracts';
import { FactsProjection } from './facts-projection.service.js';

// Every subject in PROJECTED_SUBJECTS (projection/fact-updates.ts); the merges live there.
@Controller()
export class FactsEvents {
  constructor(private readonly projection: FactsProjection) {}

  @EventPattern<string>(HOUSEHOLD_REGISTERED_V1)
  onHouseholdRegistered(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(HOUSEHOLD_UPDATED_V1)
  onHouseholdUpdated(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(HOUSEHOLD_WITHDRAWN_V1)
  onHouseholdWithdrawn(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(HOUSEHOLD_CLOSED_V1)
  onHouseholdClosed(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(AREAS_PUBLISHED_V1)
  onAreasPublished(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(HOUSEHOLD_ASSESSED_V1)
  onHouseholdAssessed(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(HOUSEHOLD_SCHEDULED_V1)
  onHouseholdScheduled(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(HOUSEHOLD_UNSCHEDULED_V1)
  onHouseholdUnscheduled(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(CONVOY_CONFIRMED_V1)
  onConvoyConfirmed(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(CONVOY_CANCELLED_V1)
  onConvoyCancelled(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(CONVOY_DEPARTED_V1)
  onConvoyDeparted(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(CONVOY_ARRIVED_V1)
  onConvoyArrived(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(SMS_STATUS_CHANGED_V1)
  onSmsStatusChanged(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }

  @EventPattern<string>(SURVEY_ANSWERED_V1)
  onSurveyAnswered(@Payload() event: EventEnvelope): Promise<void> {
    return this.projection.apply(event);
  }
}
