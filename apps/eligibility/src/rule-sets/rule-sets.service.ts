import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '@awda/auth';
import { isUniqueViolation } from '@awda/persistence';
import { validateRuleSet, type RuleSetError } from '@awda/eligibility-rules';
import { AuditLog } from '../audit/audit-log.js';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import type { RuleSetRow } from './rule-set.repository.js';
import { ruleSetInvalid, ruleSetNotFound, ruleSetVersionTaken } from './rule-sets.errors.js';
import { returnedRows } from '@awda/persistence';

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

const ACTIVATION_LOCK = 'eligibility-rule-set-activation';

/** Rule sets: drafts get the next version on creation; exactly one is active; activation re-evaluates everyone. */
@Injectable()
export class RuleSetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: ReevaluationRuns,
    private readonly audit: AuditLog,
    private readonly signal: WorkSignal,
  ) {}

  async list(): Promise<RuleSetView[]> {
    const rows: RuleSetRow[] = await this.dataSource.query('SELECT * FROM rule_sets ORDER BY version DESC');
    return rows.map(viewOf);
  }

  async get(version: number): Promise<RuleSetView> {
    const rows: RuleSetRow[] = await this.dataSource.query('SELECT * FROM rule_sets WHERE version = $1', [version]);
    const row = rows[0];
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
        const [{ next }] = (await manager.query('SELECT coalesce(max(version), 0) + 1 AS next FROM rule_sets')) as [{ next: number }];
        // The stored document carries the version it was saved as, whatever the draft said.
        const stored = { ...checked.ruleSet, version: next };
        const rows: RuleSetRow[] = await manager.query(
          `INSERT INTO rule_sets (id, version, name, document, created_by) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING *`,
          [uuidv7(), next, stored.name, JSON.stringify(stored), user.sub],
        );
        await this.audit.record(manager, { actor: user.sub, action: 'rule_set.created', details: { version: next } });
        const row = rows[0];
        if (!row) throw new Error('rule set insert returned nothing');
        return viewOf(row);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'rule_sets_version_unique')) throw ruleSetVersionTaken();
      throw error;
    }
  }

  async activate(user: AuthUser, version: number): Promise<RuleSetView & { reevaluationRunId: string | null }> {
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ACTIVATION_LOCK]);
      const rows: RuleSetRow[] = await manager.query('SELECT * FROM rule_sets WHERE version = $1', [version]);
      const row = rows[0];
      if (!row) throw ruleSetNotFound(version);
      if (row.active) return { ...viewOf(row), reevaluationRunId: null };
      await manager.query('UPDATE rule_sets SET active = false WHERE active');
      const updated = returnedRows<RuleSetRow>(
        await manager.query(
          'UPDATE rule_sets SET active = true, activated_by = $2, activated_at = now() WHERE version = $1 RETURNING *',
          [version, user.sub],
        ),
      );
      const runId = await this.runs.start(manager, { kind: 'rule_set', ruleSetVersion: version });
      await this.audit.record(manager, { actor: user.sub, action: 'rule_set.activated', details: { version, runId } });
      const activated = updated[0];
      if (!activated) throw new Error('rule set activation updated nothing');
      return { ...viewOf(activated), reevaluationRunId: runId };
    });
    if (result.reevaluationRunId) this.signal.kick();
    return result;
  }
}
