import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  AREAS_PUBLISHED_V1,
  CORRIDORS_PUBLISHED_V1,
  type AreasPublishedV1,
  type CorridorsPublishedV1,
  type EventEnvelope,
} from '@awda/contracts';
import { ReferenceListsService } from './reference-lists.service.js';

@Controller()
export class AreasEvents {
  constructor(private readonly lists: ReferenceListsService) {}

  @EventPattern<string>(AREAS_PUBLISHED_V1)
  onAreasPublished(@Payload() event: EventEnvelope<AreasPublishedV1>): Promise<void> {
    return this.lists.onAreasPublished(event);
  }

  @EventPattern<string>(CORRIDORS_PUBLISHED_V1)
  onCorridorsPublished(@Payload() event: EventEnvelope<CorridorsPublishedV1>): Promise<void> {
    return this.lists.onCorridorsPublished(event);
  }
}
