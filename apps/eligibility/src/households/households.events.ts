import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  HOUSEHOLD_CLOSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  type EventEnvelope,
  type HouseholdClosedV1,
  type HouseholdRegisteredV1,
  type HouseholdUpdatedV1,
  type HouseholdWithdrawnV1,
} from '@awda/contracts';
import { HouseholdProjection } from './household-projection.service.js';

// consent.recorded is not handled: registration follows every consent with a household.updated
// snapshot, which is authoritative; applying the consent alone could overwrite newer snapshot facts.
@Controller()
export class HouseholdEvents {
  constructor(private readonly projection: HouseholdProjection) {}

  @EventPattern<string>(HOUSEHOLD_REGISTERED_V1)
  onRegistered(@Payload() event: EventEnvelope<HouseholdRegisteredV1>): Promise<void> {
    return this.projection.onSnapshot(event);
  }

  @EventPattern<string>(HOUSEHOLD_UPDATED_V1)
  onUpdated(@Payload() event: EventEnvelope<HouseholdUpdatedV1>): Promise<void> {
    return this.projection.onSnapshot(event);
  }

  @EventPattern<string>(HOUSEHOLD_WITHDRAWN_V1)
  onWithdrawn(@Payload() event: EventEnvelope<HouseholdWithdrawnV1>): Promise<void> {
    return this.projection.onWithdrawn(event);
  }

  @EventPattern<string>(HOUSEHOLD_CLOSED_V1)
  onClosed(@Payload() event: EventEnvelope<HouseholdClosedV1>): Promise<void> {
    return this.projection.onClosed(event);
  }
}
