import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '@awda/auth';
import { isUniqueViolation } from '@awda/persistence';
import { validateRuleSet, type RuleSetError } from '@awda/eligibility-rules';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import { RuleSetsRepository, type RuleSetRow } from './rule-sets.repository.js';
import { ruleSetInvalid, ruleSetNotFound, ruleSetVersionTaken } from './rule-sets.errors.js';

export interface RuleSetView {
  version: number;
  name: string;
  active: boolean;
  document: unknown;
  createdBy: string;
  createdAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
}

function viewOf(row: RuleSetRow): RuleSetView {
  return {
    version: row.version,
    name: row.name,
    active: row.active,
    document: row.document,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    activatedBy: row.activated_by,
    activatedAt: row.activated_at?.toISOString() ?? null,
  };
}

/** Rule sets: drafts get the next version on creation; exactly one is active; activation re-evaluates everyone. */
@Injectable()
export class RuleSetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: ReevaluationRuns,
    private readonly audit: AuditLogRepository,
    private readonly signal: WorkSignal,
    private readonly ruleSets: RuleSetsRepository,
  ) {}

  async list(): Promise<RuleSetView[]> {
    const rows = await this.ruleSets.list(this.dataSource.manager);
    return rows.map(viewOf);
  }

  async get(version: number): Promise<RuleSetView> {
    const row = await this.ruleSets.get(this.dataSource.manager, version);
    if (!row) throw ruleSetNotFound(version);
    return viewOf(row);
  }

  validate(document: unknown): { valid: boolean; errors: readonly RuleSetError[] } {
    const checked = validateRuleSet(document);
    return { valid: checked.valid, errors: checked.errors };
  }

  async create(user: AuthUser, document: unknown): Promise<RuleSetView> {
    const checked = validateRuleSet(document);
    if (!checked.valid) throw ruleSetInvalid(checked.errors);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const next = await this.ruleSets.nextVersion(manager);
        // The stored document carries the version it was saved as, whatever the draft said.
        const stored = { ...checked.ruleSet, version: next };
        const row = await this.ruleSets.insert(manager, { id: uuidv7(), version: next, name: stored.name, document: stored, createdBy: user.sub });
        await this.audit.record(manager, { actor: user.sub, action: 'rule_set.created', details: { version: next } });
        return viewOf(row);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'rule_sets_version_unique')) throw ruleSetVersionTaken();
      throw error;
    }
  }

  async activate(user: AuthUser, version: number): Promise<RuleSetView & { reevaluationRunId: string | null }> {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.ruleSets.lockActivation(manager);
      const row = await this.ruleSets.get(manager, version);
      if (!row) throw ruleSetNotFound(version);
      if (row.active) return { ...viewOf(row), reevaluationRunId: null };
      const activated = await this.ruleSets.activate(manager, version, user.sub);
      const runId = await this.runs.start(manager, { kind: 'rule_set', ruleSetVersion: version });
      await this.audit.record(manager, { actor: user.sub, action: 'rule_set.activated', details: { version, runId } });
      if (!activated) throw new Error('rule set activation updated nothing');
      return { ...viewOf(activated), reevaluationRunId: runId };
    });
    if (result.reevaluationRunId) this.signal.kick();
    return result;
  }
}
