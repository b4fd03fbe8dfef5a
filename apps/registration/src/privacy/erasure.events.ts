import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HOUSEHOLD_ERASED_V1, type EventEnvelope, type HouseholdErasedV1 } from '@awda/contracts';
import { StreamScrub } from './stream-scrub.js';

@Controller()
export class ErasureEvents {
  constructor(private readonly scrub: StreamScrub) {}

  @EventPattern<string>(HOUSEHOLD_ERASED_V1)
  onErased(@Payload() event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    return this.scrub.onErased(event);
  }
}
