import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AreasController } from './areas.controller.js';
import { AreasService } from './areas.service.js';
import { AreasEvents } from './areas.events.js';
import { ReferenceListsRepository } from './reference-lists.repository.js';
import { ReferenceListsService } from './reference-lists.service.js';

@Module({
  imports: [AssessmentsModule],
  controllers: [AreasController, AreasEvents],
  providers: [AreasService, ReferenceListsService, ReferenceListsRepository],
  exports: [AreasService],
})
export class AreasModule {}
