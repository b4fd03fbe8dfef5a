import { Module } from '@nestjs/common';
import { FactsProjection } from './facts-projection.service.js';
import { FactsEvents } from './facts.events.js';
import { FactsRepository } from './facts.repository.js';
import { RebuildController } from './rebuild.controller.js';
import { RebuildService } from './rebuild.service.js';

@Module({
  controllers: [FactsEvents, RebuildController],
  providers: [FactsRepository, FactsProjection, RebuildService],
  exports: [FactsRepository],
})
export class FactsModule {}
