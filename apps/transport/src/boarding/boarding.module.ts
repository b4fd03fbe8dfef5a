import { Module } from '@nestjs/common';
import { ConvoysModule } from '../convoys/convoys.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { BoardingController } from './boarding.controller.js';
import { BoardingRepository } from './boarding.repository.js';
import { BoardingService } from './boarding.service.js';

@Module({ imports: [ConvoysModule, SchedulingModule], controllers: [BoardingController], providers: [BoardingRepository, BoardingService] })
export class BoardingModule {}
