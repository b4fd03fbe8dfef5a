import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CORRIDORS_PUBLISHED_V1, type CorridorsPublishedV1, type EventEnvelope } from '@awda/contracts';
import { CorridorCoverage } from './corridor-coverage.js';

@Controller()
export class CorridorsEvents {
  constructor(private readonly coverage: CorridorCoverage) {}

  @EventPattern<string>(CORRIDORS_PUBLISHED_V1)
  onPublished(@Payload() event: EventEnvelope<CorridorsPublishedV1>): Promise<void> {
    return this.coverage.onCorridorsPublished(event);
  }
}
