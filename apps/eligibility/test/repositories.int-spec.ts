// The repositories' own test: their queries on the real schema (migrations applied), and a renamed
// column failing at the repository edge with the repository's name, not later in a service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { openServiceDataSource, RowShapeError } from '@awda/persistence';
import { createTestDatabase, type TestDatabase } from '@awda/testing';
import { AssessmentsRepository } from '../src/assessments/assessments.repository.js';
import { eligibilityMigrations } from '../src/migrations/index.js';
import { OverridesRepository } from '../src/overrides/overrides.repository.js';
import { RuleSetsRepository } from '../src/rule-sets/rule-sets.repository.js';

describe('eligibility repositories on the real schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const overrides = new OverridesRepository();
  const householdId = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase('eligibility-repos');
    dataSource = await openServiceDataSource({ url: db.url, schema: 'eligibility', entities: [], migrations: eligibilityMigrations, poolSize: 2 });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('should read what it writes, typed by its schemas (the seeded rule set, an override, empty counts)', async () => {
    const active = await new RuleSetsRepository().active(dataSource.manager);
    expect(active.version).toBe(1);
    const inserted = await overrides.insert(dataSource.manager, {
      id: uuidv7(),
      householdId,
      campId: 'mahmoudli',
      outcome: 'eligible',
      reason: 'generated test reason',
      waives: ['r1'],
      expiresAt: new Date('2030-01-01T00:00:00Z'),
      createdBy: 'supervisor-1',
    });
    expect(inserted).toMatchObject({ household_id: householdId, outcome: 'eligible', waives: ['r1'], revoked_at: null });
    expect(inserted.created_at).toBeInstanceOf(Date);
    expect((await overrides.current(dataSource.manager, [householdId])).get(householdId)).toMatchObject({ outcome: 'eligible', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(await new AssessmentsRepository().counts(dataSource.manager, null)).toEqual({ eligible: 0, pending: 0, ineligible: 0 });
  });

  it('should fail at the repository, naming it and the column, when a column is renamed', async () => {
    await dataSource.query('ALTER TABLE overrides RENAME COLUMN waives TO waived_rules');
    try {
      const error = await overrides.historyOf(dataSource.manager, householdId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RowShapeError);
      expect((error as Error).message).toMatch(/^OverridesRepository\.historyOf: row 0, column "waives": missing/);
    } finally {
      await dataSource.query('ALTER TABLE overrides RENAME COLUMN waived_rules TO waives');
    }
  });
});
