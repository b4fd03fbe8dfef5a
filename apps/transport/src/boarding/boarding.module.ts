import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { BoardingController } from './boarding.controller.js';
import { BoardingService } from './boarding.service.js';

@Module({ imports: [SchedulingModule], controllers: [BoardingController], providers: [BoardingService] })
export class BoardingModule {}
