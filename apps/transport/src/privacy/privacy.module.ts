import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { ErasureEvents } from './erasure.events.js';
import { ErasureService } from './erasure.service.js';

@Module({ imports: [SchedulingModule], controllers: [ErasureEvents], providers: [ErasureService] })
export class PrivacyModule {}
