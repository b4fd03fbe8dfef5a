// The repositories' own test: their queries on the real schema (migrations applied), and a column whose
// type changed failing at the repository edge with the repository's name, not later in a service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openServiceDataSource, RowShapeError } from '@awda/persistence';
import { createTestDatabase, type TestDatabase } from '@awda/testing';
import { notificationsMigrations } from '../src/migrations/index.js';
import { TemplatesRepository } from '../src/templates/templates.repository.js';

describe('notifications repositories on the real schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const templates = new TemplatesRepository();

  beforeAll(async () => {
    db = await createTestDatabase('notifications-repos');
    dataSource = await openServiceDataSource({ url: db.url, schema: 'notifications', entities: [], migrations: notificationsMigrations, poolSize: 2 });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('should read a template override as it wrote it, and forget it when deleted', async () => {
    await templates.upsert(dataSource.manager, 'registered', 'kmr', 'Malbata we hat qeydkirin.', 'admin-1');
    await templates.upsert(dataSource.manager, 'registered', 'kmr', 'Malbata we hat tomarkirin.', 'admin-1');
    expect(await templates.list(dataSource.manager)).toEqual([{ template: 'registered', language: 'kmr', body: 'Malbata we hat tomarkirin.' }]);
    await templates.delete(dataSource.manager, 'registered', 'kmr');
    expect(await templates.list(dataSource.manager)).toEqual([]);
  });

  it('should fail at the repository, naming it and the column, when a column changes type', async () => {
    await templates.upsert(dataSource.manager, 'registered', 'ar', 'تم تسجيل أسرتكم.', 'admin-1');
    await dataSource.query(`ALTER TABLE template_overrides ALTER COLUMN body TYPE bytea USING convert_to(body, 'UTF8')`);
    try {
      const error = await templates.list(dataSource.manager).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RowShapeError);
      expect((error as Error).message).toMatch(/^TemplatesRepository\.list: row 0, column "body"/);
    } finally {
      await dataSource.query(`ALTER TABLE template_overrides ALTER COLUMN body TYPE text USING convert_from(body, 'UTF8')`);
    }
  });
});
