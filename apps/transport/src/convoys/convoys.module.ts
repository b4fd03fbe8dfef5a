import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { CorridorsModule } from '../corridors/corridors.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { ConvoysController } from './convoys.controller.js';
import { ConvoysRepository } from './convoys.repository.js';
import { ConvoysService } from './convoys.service.js';

@Module({
  imports: [AreasModule, CorridorsModule, SchedulingModule],
  controllers: [ConvoysController],
  providers: [ConvoysRepository, ConvoysService],
  exports: [ConvoysRepository],
})
export class ConvoysModule {}
