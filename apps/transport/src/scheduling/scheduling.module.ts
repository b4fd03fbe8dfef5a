import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { AuditLog } from './audit-log.js';
import { CampClock } from './camp-clock.js';
import { SchedulingController } from './scheduling.controller.js';
import { SchedulingService } from './scheduling.service.js';
import { SeatLedger } from './seat-ledger.repository.js';

@Module({
  imports: [AreasModule],
  controllers: [SchedulingController],
  providers: [AuditLog, CampClock, SeatLedger, SchedulingService],
  exports: [CampClock, SeatLedger],
})
export class SchedulingModule {}
