import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module.js';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { OverridesModule } from '../overrides/overrides.module.js';
import { EligibilityScheduler } from './eligibility-scheduler.js';

@Module({ imports: [AssessmentsModule, AreasModule, OverridesModule], providers: [EligibilityScheduler] })
export class ReevaluationModule {}
