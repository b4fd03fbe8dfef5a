import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { SchedulingController } from './scheduling.controller.js';
import { SchedulingService } from './scheduling.service.js';
import { SeatLedger } from './seat-ledger.js';

@Module({ imports: [AreasModule], controllers: [SchedulingController], providers: [SeatLedger, SchedulingService], exports: [SeatLedger] })
export class SchedulingModule {}
