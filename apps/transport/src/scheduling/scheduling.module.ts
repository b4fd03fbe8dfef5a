import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { AuditLog } from './audit-log.js';
import { CampClock } from './camp-clock.js';
import { SchedulingController } from './scheduling.controller.js';
import { SchedulingRepository } from './scheduling.repository.js';
import { SchedulingService } from './scheduling.service.js';
import { SeatLedger } from './seat-ledger.repository.js';

@Module({
  imports: [AreasModule],
  controllers: [SchedulingController],
  providers: [SchedulingRepository, AuditLog, CampClock, SeatLedger, SchedulingService],
  exports: [SchedulingRepository, CampClock, SeatLedger],
})
export class SchedulingModule {}
