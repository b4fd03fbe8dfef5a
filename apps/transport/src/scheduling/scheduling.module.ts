import { Module } from '@nestjs/common';
import { SchedulingController } from './scheduling.controller.js';
import { SchedulingService } from './scheduling.service.js';
import { SeatLedger } from './seat-ledger.js';

@Module({ controllers: [SchedulingController], providers: [SeatLedger, SchedulingService], exports: [SeatLedger] })
export class SchedulingModule {}
