import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CorridorsModule } from '../corridors/corridors.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { PlanningController } from './planning.controller.js';
import { PlanningService } from './planning.service.js';

@Module({ imports: [AreasModule, CorridorsModule, SchedulingModule], controllers: [PlanningController], providers: [PlanningService] })
export class PlanningModule {}
