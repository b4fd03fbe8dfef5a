import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { PlanningModule } from '../planning/planning.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { SeatRepliesController } from './seat-replies.controller.js';
import { SeatRepliesEvents } from './seat-replies.events.js';
import { SeatRepliesRepository } from './seat-replies.repository.js';
import { SeatRepliesService } from './seat-replies.service.js';

/** Seats confirmed, given up or left unanswered by SMS reply, and the convoy's no-answer policy. */
@Module({
  imports: [AreasModule, PlanningModule, SchedulingModule],
  controllers: [SeatRepliesController, SeatRepliesEvents],
  providers: [SeatRepliesRepository, SeatRepliesService],
})
export class SeatRepliesModule {}
