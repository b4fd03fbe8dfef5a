// The repositories check their rows (issue 16): a renamed or retyped column fails here, naming the
// repository method and the column, instead of reaching a user as a wrong value.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { RowShapeError } from '@awda/persistence';
import { HouseholdsRepository } from '../src/households/households.repository.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

let h: Harness;
let householdId: string;

/** Runs work in a transaction that is always rolled back (the schema change never outlives the test). */
async function inRolledBack(work: (manager: EntityManager) => Promise<void>): Promise<void> {
  const runner = h.service.app.get(DataSource).createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await work(runner.manager);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

beforeAll(async () => {
  h = await startHarness();
  const caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-repositories');
  const created = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family('REPO-1')).expect(201);
  householdId = (created.body as { id: string }).id;
});

afterAll(async () => {
  await h?.close();
});

describe('HouseholdsRepository rows', () => {
  it('should read the household and its aggregate as the schemas describe them', async () => {
    const repository = h.service.app.get(HouseholdsRepository);
    await inRolledBack(async (manager) => {
      const household = await repository.find(manager, householdId);
      expect(household?.caseNumber).toBe('REPO-1');
      expect(household?.registeredAt).toBeInstanceOf(Date);
      const aggregate = await repository.aggregate(manager, household!);
      expect(aggregate.members.length).toBeGreaterThan(0);
      expect(aggregate.members[0]?.householdId).toBe(householdId);
    });
  });

  it('should refuse a household row whose column changed type, naming the method and the column', async () => {
    const repository = h.service.app.get(HouseholdsRepository);
    await inRolledBack(async (manager) => {
      await manager.query(`ALTER TABLE households ALTER COLUMN version TYPE text USING version::text`);
      const read = repository.find(manager, householdId);
      await expect(read).rejects.toBeInstanceOf(RowShapeError);
      await expect(read).rejects.toThrow(/HouseholdsRepository\.find: row 0, column "version"/);
    });
  });

  it('should refuse a member in the aggregate (JSON built in SQL) whose column changed type', async () => {
    const repository = h.service.app.get(HouseholdsRepository);
    await inRolledBack(async (manager) => {
      const household = await repository.find(manager, householdId);
      await manager.query(`ALTER TABLE members ALTER COLUMN position TYPE text USING position::text`);
      const read = repository.aggregate(manager, household!);
      await expect(read).rejects.toBeInstanceOf(RowShapeError);
      await expect(read).rejects.toThrow(/HouseholdsRepository\.aggregate: row 0, column "members\.0\.position"/);
    });
  });
});
