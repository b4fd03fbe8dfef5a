import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SMS_STATUS_CHANGED_V1, type EventEnvelope, type SmsStatusChangedV1 } from '@awda/contracts';
import { TravelMessagesProjection } from './travel-messages.projection.js';

@Controller()
export class SmsOutcomesEvents {
  constructor(private readonly projection: TravelMessagesProjection) {}

  @EventPattern<string>(SMS_STATUS_CHANGED_V1)
  onStatusChanged(@Payload() event: EventEnvelope<SmsStatusChangedV1>): Promise<void> {
    return this.projection.apply(event);
  }
}
