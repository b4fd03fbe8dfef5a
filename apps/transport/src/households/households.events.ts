import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_CLOSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  type EventEnvelope,
  type HouseholdAssessedV1,
  type HouseholdClosedV1,
  type HouseholdRegisteredV1,
  type HouseholdUpdatedV1,
  type HouseholdWithdrawnV1,
} from '@awda/contracts';
import { HouseholdsProjection } from './households.projection.js';

@Controller()
export class HouseholdEvents {
  constructor(private readonly projection: HouseholdsProjection) {}

  @EventPattern<string>(HOUSEHOLD_REGISTERED_V1)
  onRegistered(@Payload() event: EventEnvelope<HouseholdRegisteredV1>): Promise<void> {
    return this.projection.applySnapshot(event, event.data.household);
  }

  @EventPattern<string>(HOUSEHOLD_UPDATED_V1)
  onUpdated(@Payload() event: EventEnvelope<HouseholdUpdatedV1>): Promise<void> {
    return this.projection.applySnapshot(event, event.data.household);
  }

  @EventPattern<string>(HOUSEHOLD_ASSESSED_V1)
  onAssessed(@Payload() event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    return this.projection.applyAssessment(event);
  }

  @EventPattern<string>(HOUSEHOLD_WITHDRAWN_V1)
  onWithdrawn(@Payload() event: EventEnvelope<HouseholdWithdrawnV1>): Promise<void> {
    return this.projection.applyWithdrawn(event);
  }

  @EventPattern<string>(HOUSEHOLD_CLOSED_V1)
  onClosed(@Payload() event: EventEnvelope<HouseholdClosedV1>): Promise<void> {
    return this.projection.applyClosed(event);
  }
}
