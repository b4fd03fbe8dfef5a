import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, type AuthUser } from '@awda/auth';
import { NotFoundError } from '@awda/bootstrap';
import type { AssessmentStatus } from '@awda/contracts';
import { explain, type BilingualText, type EligibilityAssessment } from '@awda/eligibility-rules';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { CampAccess, HOUSEHOLD_NOT_FOUND } from './camp-access.js';
import { AssessmentsRepository, type AssessmentRow } from './assessments.repository.js';
import type { ListAssessmentsQuery } from './dto/list-assessments.dto.js';

/** What a case worker or supervisor reads: the decision, why, in Arabic and English. */
export interface AssessmentView {
  householdId: string;
  campId: string;
  destinationArea: string;
  status: AssessmentStatus;
  /** What the rules alone decided (differs from status under an override). */
  ruleStatus: AssessmentStatus;
  explanation: BilingualText;
  reasons: EligibilityAssessment['reasons'];
  results: EligibilityAssessment['results'];
  priority: EligibilityAssessment['priority'];
  override: EligibilityAssessment['override'] | null;
  ruleSetVersion: number;
  householdVersion: number;
  assessmentVersion: number;
  assessedAt: string;
}

function viewOf(row: AssessmentRow): AssessmentView {
  return {
    householdId: row.household_id,
    campId: row.camp_id,
    destinationArea: row.destination_area,
    status: row.status,
    ruleStatus: row.result.ruleStatus,
    explanation: explain(row.result),
    reasons: row.result.reasons,
    results: row.result.results,
    priority: row.result.priority,
    override: row.result.override ?? null,
    ruleSetVersion: row.rule_set_version,
    householdVersion: row.household_version,
    assessmentVersion: row.assessment_version,
    assessedAt: row.assessed_at.toISOString(),
  };
}

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CampAccess,
    private readonly audit: AuditLogRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async explanation(user: AuthUser, householdId: string): Promise<AssessmentView> {
    await this.access.householdCamp(user, householdId, 'GET /assessments/:householdId');
    const row = await this.assessments.current(this.dataSource.manager, householdId);
    if (!row) throw new NotFoundError(HOUSEHOLD_NOT_FOUND, 'This household has no current assessment');
    await this.audit.record(this.dataSource.manager, { actor: user.sub, action: 'assessment.read', householdId });
    return viewOf(row);
  }

  async list(
    user: AuthUser,
    query: ListAssessmentsQuery,
  ): Promise<{ counts: Record<AssessmentStatus, number>; items: AssessmentView[]; nextAfter: string | null }> {
    if (query.campId) await this.access.assertCamp(user, query.campId, 'GET /assessments');
    const scope = campScope(user);
    const camps = query.campId ? [query.campId] : scope === 'all' ? null : scope;
    const counts = await this.assessments.counts(this.dataSource.manager, camps);
    const limit = query.limit ?? 50;
    const rows = await this.assessments.page(this.dataSource.manager, { camps, status: query.status ?? null, after: query.after ?? null, limit });
    const items = rows.map(viewOf);
    return { counts, items, nextAfter: items.length === limit ? (items.at(-1)?.householdId ?? null) : null };
  }
}
