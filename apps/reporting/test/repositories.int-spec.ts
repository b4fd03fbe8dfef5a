// The repository's own test: facts merged and read back on the real schema (migrations applied), and a
// column whose type changed failing at the repository edge with the repository's name.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openServiceDataSource, RowShapeError } from '@awda/persistence';
import { createTestDatabase, type TestDatabase } from '@awda/testing';
import { FactsRepository } from '../src/facts/facts.repository.js';
import { reportingMigrations } from '../src/migrations/index.js';
import type { Fact } from '../src/projection/facts.js';

describe('reporting facts repository on the real schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let facts: FactsRepository;
  const area = { code: 'SY0206', nameAr: 'منبج', nameEn: 'Manbij' } as unknown as Fact;

  beforeAll(async () => {
    db = await createTestDatabase('reporting-repos');
    dataSource = await openServiceDataSource({ url: db.url, schema: 'reporting', entities: [], migrations: reportingMigrations, poolSize: 2 });
    facts = new FactsRepository(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('should merge a fact once and read it back by kind', async () => {
    const update = { kind: 'area' as const, key: 'SY0206', campId: null, apply: () => area };
    await dataSource.transaction((manager) => facts.apply(manager, [update]));
    await dataSource.transaction((manager) => facts.apply(manager, [update]));
    expect(await facts.count()).toBe(1);
    expect((await facts.load('all')).areas).toEqual([area]);
  });

  it('should fail at the repository, naming it and the column, when a column changes type', async () => {
    await dataSource.query('ALTER TABLE facts ALTER COLUMN body TYPE text USING body::text');
    try {
      const error = await facts.load('all').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RowShapeError);
      expect((error as Error).message).toMatch(/^FactsRepository\.load: row 0, column "body"/);
    } finally {
      await dataSource.query('ALTER TABLE facts ALTER COLUMN body TYPE jsonb USING body::jsonb');
    }
  });
});
