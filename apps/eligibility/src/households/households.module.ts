import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { HouseholdProjection } from './household-projection.service.js';
import { HouseholdEvents } from './households.events.js';

@Module({ imports: [AssessmentsModule], controllers: [HouseholdEvents], providers: [HouseholdProjection] })
export class HouseholdsModule {}
