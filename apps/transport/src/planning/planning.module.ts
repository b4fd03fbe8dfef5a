import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { ConvoysModule } from '../convoys/convoys.module.js';
import { CorridorsModule } from '../corridors/corridors.module.js';
import { FleetModule } from '../fleet/fleet.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { PlanningController } from './planning.controller.js';
import { PlanningRepository } from './planning.repository.js';
import { PlanningService } from './planning.service.js';

@Module({
  imports: [AreasModule, ConvoysModule, CorridorsModule, FleetModule, SchedulingModule],
  controllers: [PlanningController],
  providers: [PlanningRepository, PlanningService],
  exports: [PlanningRepository],
})
export class PlanningModule {}
