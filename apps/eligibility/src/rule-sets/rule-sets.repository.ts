import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validateRuleSet, type RuleSet } from '@awda/eligibility-rules';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

/** The document is jsonb checked by validateRuleSet when it is read as a rule set. */
const ruleSetRow = z.object({
  id: pg.uuid(),
  version: pg.int(),
  name: pg.text(),
  document: pg.json(),
  active: pg.bool(),
  created_by: pg.text(),
  created_at: pg.timestamp(),
  activated_by: pg.text().nullable(),
  activated_at: pg.timestamp().nullable(),
});
export type RuleSetRow = Row<typeof ruleSetRow>;

const ACTIVATION_LOCK = 'eligibility-rule-set-activation';

/** Reads a stored document as a versioned rule set; stored documents were validated on creation. */
export function ruleSetOfRow(row: Pick<RuleSetRow, 'version' | 'document'>): RuleSet {
  const checked = validateRuleSet(row.document);
  if (!checked.valid) {
    throw new Error(`stored rule set ${row.version} is not valid: ${checked.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  return { ...checked.ruleSet, version: row.version };
}

@Injectable()
export class RuleSetsRepository {
  /** The one active rule set; its absence is a fault (the migration seeds version 1). */
  async active(manager: EntityManager): Promise<RuleSet> {
    const row = await queryRow(manager, 'RuleSetsRepository.active', ruleSetRow.pick({ version: true, document: true }), 'SELECT version, document FROM rule_sets WHERE active');
    if (!row) throw new Error('no active rule set');
    return ruleSetOfRow(row);
  }

  async list(manager: EntityManager): Promise<RuleSetRow[]> {
    return queryRows(manager, 'RuleSetsRepository.list', ruleSetRow, 'SELECT * FROM rule_sets ORDER BY version DESC');
  }

  async get(manager: EntityManager, version: number): Promise<RuleSetRow | undefined> {
    return queryRow(manager, 'RuleSetsRepository.get', ruleSetRow, 'SELECT * FROM rule_sets WHERE version = $1', [version]);
  }

  /** The version a new rule set gets (the unique constraint settles a race). */
  async nextVersion(manager: EntityManager): Promise<number> {
    const row = await queryRow(manager, 'RuleSetsRepository.nextVersion', z.object({ next: pg.int() }), 'SELECT coalesce(max(version), 0) + 1 AS next FROM rule_sets');
    if (!row) throw new Error('rule set version query returned nothing');
    return row.next;
  }

  async insert(manager: EntityManager, ruleSet: { id: string; version: number; name: string; document: unknown; createdBy: string }): Promise<RuleSetRow> {
    const row = await queryRow(
      manager,
      'RuleSetsRepository.insert',
      ruleSetRow,
      `INSERT INTO rule_sets (id, version, name, document, created_by) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING *`,
      [ruleSet.id, ruleSet.version, ruleSet.name, JSON.stringify(ruleSet.document), ruleSet.createdBy],
    );
    if (!row) throw new Error('rule set insert returned nothing');
    return row;
  }

  /** Serialises activations for the transaction. */
  async lockActivation(manager: EntityManager): Promise<void> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', [ACTIVATION_LOCK]);
  }

  /** Makes `version` the one active rule set; undefined when no such version exists. */
  async activate(manager: EntityManager, version: number, by: string): Promise<RuleSetRow | undefined> {
    await execute(manager, 'UPDATE rule_sets SET active = false WHERE active');
    return queryRow(
      manager,
      'RuleSetsRepository.activate',
      ruleSetRow,
      'UPDATE rule_sets SET active = true, activated_by = $2, activated_at = now() WHERE version = $1 RETURNING *',
      [version, by],
    );
  }
}
