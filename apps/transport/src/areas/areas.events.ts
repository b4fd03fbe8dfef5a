import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AREAS_PUBLISHED_V1, type AreasPublishedV1, type EventEnvelope } from '@awda/contracts';
import { AreasProjection } from './areas.projection.js';

@Controller()
export class AreasEvents {
  constructor(private readonly projection: AreasProjection) {}

  @EventPattern<string>(AREAS_PUBLISHED_V1)
  onPublished(@Payload() event: EventEnvelope<AreasPublishedV1>): Promise<void> {
    return this.projection.apply(event);
  }
}
