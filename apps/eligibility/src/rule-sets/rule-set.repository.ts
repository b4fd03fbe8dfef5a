import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validateRuleSet, type RuleSet } from '@awda/eligibility-rules';

export interface RuleSetRow {
  id: string;
  version: number;
  name: string;
  document: unknown;
  active: boolean;
  created_by: string;
  created_at: Date;
  activated_by: string | null;
  activated_at: Date | null;
}

/** Reads a stored document as a versioned rule set; stored documents were validated on creation. */
export function ruleSetOfRow(row: Pick<RuleSetRow, 'version' | 'document'>): RuleSet {
  const checked = validateRuleSet(row.document);
  if (!checked.valid) {
    throw new Error(`stored rule set ${row.version} is not valid: ${checked.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  return { ...checked.ruleSet, version: row.version };
}

@Injectable()
export class RuleSetRepository {
  /** The one active rule set; its absence is a fault (the migration seeds version 1). */
  async active(manager: EntityManager): Promise<RuleSet> {
    const rows: RuleSetRow[] = await manager.query('SELECT version, document FROM rule_sets WHERE active');
    const row = rows[0];
    if (!row) throw new Error('no active rule set');
    return ruleSetOfRow(row);
  }
}
