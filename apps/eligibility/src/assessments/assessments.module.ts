import { Module } from '@nestjs/common';
import { AreaRepository } from '../areas/area.repository.js';
import { AuditLog } from '../audit/audit-log.js';
import { HouseholdRepository } from '../households/household.repository.js';
import { OverrideRepository } from '../overrides/override.repository.js';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import { RuleSetRepository } from '../rule-sets/rule-set.repository.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsService } from './assessments.service.js';
import { Assessor } from './assessor.js';
import { CampAccess } from './camp-access.js';

const shared = [
  HouseholdRepository,
  RuleSetRepository,
  AreaRepository,
  OverrideRepository,
  Assessor,
  AuditLog,
  CampAccess,
  ReevaluationRuns,
  WorkSignal,
];

/** The evaluation core every other feature builds on, and the read API of assessments. */
@Module({
  controllers: [AssessmentsController],
  providers: [...shared, AssessmentsService],
  exports: shared,
})
export class AssessmentsModule {}
