import type { DynamicModule, Type } from '@nestjs/common';
import { AreasModule } from './areas/areas.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { ClockModule, type Clock } from './clock.js';
import { HouseholdsModule } from './households/households.module.js';
import { OverridesModule } from './overrides/overrides.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { ReevaluationModule } from './reevaluation/reevaluation.module.js';
import { RuleSetsModule } from './rule-sets/rule-sets.module.js';

/** The eligibility feature modules; tests pass their own clock. */
export function eligibilityFeatures(options: { clock?: Clock } = {}): (Type<unknown> | DynamicModule)[] {
  return [
    ClockModule.forRoot(options.clock),
    AssessmentsModule,
    HouseholdsModule,
    RuleSetsModule,
    AreasModule,
    OverridesModule,
    ReevaluationModule,
    PrivacyModule,
  ];
}
