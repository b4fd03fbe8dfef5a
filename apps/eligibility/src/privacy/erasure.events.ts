import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HOUSEHOLD_ERASED_V1, type EventEnvelope, type HouseholdErasedV1 } from '@awda/contracts';
import { ErasureService } from './erasure.service.js';

/** household.erased, handed to the service (each service drops what it holds in clear). */
@Controller()
export class ErasureEvents {
  constructor(private readonly erasure: ErasureService) {}

  @EventPattern<string>(HOUSEHOLD_ERASED_V1)
  onErased(@Payload() event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    return this.erasure.erased(event);
  }
}
