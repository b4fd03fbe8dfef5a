import { Module } from '@nestjs/common';
import { AreasRepository } from '../areas/areas.repository.js';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { OverridesRepository } from '../overrides/overrides.repository.js';
import { ReevaluationRunsRepository } from '../reevaluation/reevaluation-runs.repository.js';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import { RuleSetsRepository } from '../rule-sets/rule-sets.repository.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsController } from './assessments.controller.js';
import { AssessmentsService } from './assessments.service.js';
import { Assessor } from './assessor.js';
import { CampAccess } from './camp-access.js';

const shared = [
  HouseholdsRepository,
  RuleSetsRepository,
  AreasRepository,
  OverridesRepository,
  AssessmentsRepository,
  ReevaluationRunsRepository,
  Assessor,
  AuditLogRepository,
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
