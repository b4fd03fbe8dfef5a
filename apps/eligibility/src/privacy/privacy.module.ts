import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { ErasureEvents } from './erasure.events.js';
import { ErasureService } from './erasure.service.js';

@Module({ imports: [AssessmentsModule], controllers: [ErasureEvents], providers: [ErasureService] })
export class PrivacyModule {}
