// The migration of overrides made before waivers existed: an "eligible" override waived every rule for
// ever; after the migration it waives only what was failing and may be waived, and it expires.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { serviceMigrations } from '@awda/bootstrap';
import { openServiceDataSource } from '@awda/persistence';
import { createTestDatabase, type TestDatabase } from '@awda/testing';
import { eligibilityService } from '../src/eligibility.definition.js';
import { DestinationsAndWaivers1764520000000 } from '../src/migrations/1764520000000-destinations-and-waivers.js';

const DAY = 86_400_000;

describe(DestinationsAndWaivers1764520000000.name, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const ids = { documentAndConsent: uuidv7(), consentOnly: uuidv7(), longExpiry: uuidv7(), ineligible: uuidv7() };

  const open = (migrations: ReturnType<typeof serviceMigrations>) =>
    openServiceDataSource({ url: db.url, schema: 'eligibility', entities: [], migrations, poolSize: 2 });

  /** An override as the old code stored it, on a household whose last assessment failed these rules. */
  async function oldOverride(householdId: string, outcome: string, expiresAt: Date | null, failing: { ruleId: string; code: string }[]) {
    const old = await open(serviceMigrations(eligibilityService).filter((m) => m !== DestinationsAndWaivers1764520000000));
    await old.query(
      `INSERT INTO assessments (household_id, camp_id, destination_area, status, priority, rule_set_version, household_version,
                                assessment_version, override_outcome, result, assessed_at)
       VALUES ($1, 'mahmoudli', 'SY110000', 'eligible', 0, 1, 3, 2, $2, $3::jsonb, now())`,
      [householdId, outcome, JSON.stringify({ reasons: failing.map((f) => ({ ...f, params: {}, outcome: 'pending' })) })],
    );
    await old.query(
      `INSERT INTO overrides (id, household_id, camp_id, outcome, reason, expires_at, created_by)
       VALUES ($1, $2, 'mahmoudli', $3, 'Granted before waivers existed', $4, 'sup-1')`,
      [uuidv7(), householdId, outcome, expiresAt],
    );
    await old.destroy();
  }

  beforeAll(async () => {
    db = await createTestDatabase('eligibility_migration');
    await oldOverride(ids.documentAndConsent, 'eligible', null, [
      { ruleId: 'consent', code: 'consent_missing' },
      { ruleId: 'head-identity-document', code: 'head_document_missing' },
    ]);
    await oldOverride(ids.consentOnly, 'eligible', null, [{ ruleId: 'consent', code: 'consent_missing' }]);
    await oldOverride(ids.longExpiry, 'eligible', new Date(Date.now() + 3 * 365 * DAY), [{ ruleId: 'no-duplicates', code: 'duplicate_unresolved' }]);
    await oldOverride(ids.ineligible, 'ineligible', null, []);
    dataSource = await open(serviceMigrations(eligibilityService));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const overrideOf = async (householdId: string) =>
    (
      (await dataSource.query('SELECT waives, expires_at, revoked_at, revoked_by FROM overrides WHERE household_id = $1', [householdId])) as {
        waives: string[];
        expires_at: Date | null;
        revoked_at: Date | null;
        revoked_by: string | null;
      }[]
    )[0];

  it('should keep waiving what was failing and may be waived, never consent, and give it the default lifetime', async () => {
    const override = await overrideOf(ids.documentAndConsent);
    expect(override).toMatchObject({ waives: ['head-identity-document'], revoked_at: null });
    const lifetime = (override?.expires_at?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(29 * DAY);
    expect(lifetime).toBeLessThanOrEqual(30 * DAY);
  });

  it('should revoke an override that waived nothing an override may still waive, saying why', async () => {
    const override = await overrideOf(ids.consentOnly);
    expect(override).toMatchObject({ waives: [], revoked_by: 'system' });
    expect(override?.revoked_at).not.toBeNull();
  });

  it('should bring a far expiry back to the cap, and leave an ineligible override as it was', async () => {
    const long = await overrideOf(ids.longExpiry);
    expect(long?.waives).toEqual(['no-duplicates']);
    expect((long?.expires_at?.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(180 * DAY);
    expect(await overrideOf(ids.ineligible)).toMatchObject({ waives: [], expires_at: null, revoked_at: null });
  });

  it('should audit each migrated override and queue a re-evaluation of everyone', async () => {
    const audit: { household_id: string }[] = await dataSource.query(`SELECT household_id FROM audit_log WHERE action = 'override.migrated'`);
    expect(new Set(audit.map((a) => a.household_id))).toEqual(new Set([ids.documentAndConsent, ids.consentOnly, ids.longExpiry]));
    const runs: { cause: string; finished_at: Date | null }[] = await dataSource.query('SELECT cause, finished_at FROM reevaluation_runs');
    expect(runs).toEqual([{ cause: 'overrides_migrated', finished_at: null }]);
  });
});
