import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { HouseholdReactions } from './household-reactions.js';
import { HouseholdEvents } from './households.events.js';
import { HouseholdsProjection } from './households.projection.js';
import { HouseholdsRepository } from './households.repository.js';
import { MergedDuplicates } from './merged-duplicates.js';

@Module({
  imports: [SchedulingModule, AreasModule],
  controllers: [HouseholdEvents],
  providers: [HouseholdsRepository, HouseholdsProjection, HouseholdReactions, MergedDuplicates],
})
export class HouseholdsModule {}
