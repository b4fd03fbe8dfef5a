import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, type AuthUser } from '@awda/auth';
import { NotFoundError } from '@awda/bootstrap';
import type { AssessmentStatus } from '@awda/contracts';
import { explain, type BilingualText, type EligibilityAssessment } from '@awda/eligibility-rules';
import { AuditLog } from '../audit/audit-log.js';
import { CampAccess, HOUSEHOLD_NOT_FOUND } from './camp-access.js';
import type { ListAssessmentsQuery } from './dto/list-assessments.dto.js';

interface AssessmentRecordRow {
  household_id: string;
  camp_id: string;
  destination_area: string;
  status: AssessmentStatus;
  rule_set_version: number;
  household_version: number;
  assessment_version: number;
  result: EligibilityAssessment;
  assessed_at: Date;
}

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

function viewOf(row: AssessmentRecordRow): AssessmentView {
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
    private readonly audit: AuditLog,
  ) {}

  async explanation(user: AuthUser, householdId: string): Promise<AssessmentView> {
    await this.access.householdCamp(user, householdId, 'GET /assessments/:householdId');
    const rows: AssessmentRecordRow[] = await this.dataSource.query(
      `SELECT a.* FROM assessments a JOIN households h USING (household_id)
       WHERE a.household_id = $1 AND h.status NOT IN ('departed', 'closed')`,
      [householdId],
    );
    const row = rows[0];
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
    const where = `h.status NOT IN ('departed', 'closed') AND ($1::text[] IS NULL OR a.camp_id = ANY($1::text[]))`;
    const countRows: { status: AssessmentStatus; n: number }[] = await this.dataSource.query(
      `SELECT a.status, count(*)::int AS n FROM assessments a JOIN households h USING (household_id) WHERE ${where} GROUP BY a.status`,
      [camps],
    );
    const counts: Record<AssessmentStatus, number> = { eligible: 0, pending: 0, ineligible: 0 };
    for (const row of countRows) counts[row.status] = row.n;
    const limit = query.limit ?? 50;
    const rows: AssessmentRecordRow[] = await this.dataSource.query(
      `SELECT a.* FROM assessments a JOIN households h USING (household_id)
       WHERE ${where} AND ($2::text IS NULL OR a.status = $2) AND ($3::uuid IS NULL OR a.household_id > $3)
       ORDER BY a.household_id LIMIT $4`,
      [camps, query.status ?? null, query.after ?? null, limit],
    );
    const items = rows.map(viewOf);
    return { counts, items, nextAfter: items.length === limit ? (items.at(-1)?.householdId ?? null) : null };
  }
}
