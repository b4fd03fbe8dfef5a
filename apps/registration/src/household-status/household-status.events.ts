import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ARRIVAL_REPORTED_V1,
  CONVOY_DEPARTED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  type ArrivalReportedV1,
  type ConvoyDepartedV1,
  type EventEnvelope,
  type HouseholdAssessedV1,
  type HouseholdScheduledV1,
  type HouseholdUnscheduledV1,
} from '@awda/contracts';
import { HouseholdStatusService } from './household-status.service.js';

@Controller()
export class HouseholdStatusEvents {
  constructor(private readonly status: HouseholdStatusService) {}

  @EventPattern<string>(HOUSEHOLD_SCHEDULED_V1)
  onScheduled(@Payload() event: EventEnvelope<HouseholdScheduledV1>): Promise<void> {
    return this.status.scheduled(event);
  }

  @EventPattern<string>(HOUSEHOLD_UNSCHEDULED_V1)
  onUnscheduled(@Payload() event: EventEnvelope<HouseholdUnscheduledV1>): Promise<void> {
    return this.status.unscheduled(event);
  }

  @EventPattern<string>(CONVOY_DEPARTED_V1)
  onDeparted(@Payload() event: EventEnvelope<ConvoyDepartedV1>): Promise<void> {
    return this.status.departed(event);
  }

  @EventPattern<string>(HOUSEHOLD_ASSESSED_V1)
  onAssessed(@Payload() event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    return this.status.assessed(event);
  }

  @EventPattern<string>(ARRIVAL_REPORTED_V1)
  onArrivalReported(@Payload() event: EventEnvelope<ArrivalReportedV1>): Promise<void> {
    return this.status.arrivalReported(event);
  }
}
