// The repositories' own test: their queries on the real schema (migrations applied), and a column whose
// type changed failing at the repository edge with the repository's name, not later in a service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { openServiceDataSource, RowShapeError } from '@awda/persistence';
import { createTestDatabase, type TestDatabase } from '@awda/testing';
import { VehiclesRepository } from '../src/fleet/vehicles.repository.js';
import { transportMigrations } from '../src/migrations/index.js';

describe('transport repositories on the real schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const vehicles = new VehiclesRepository();
  const id = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase('transport-repos');
    dataSource = await openServiceDataSource({ url: db.url, schema: 'transport', entities: [], migrations: transportMigrations, poolSize: 2 });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('should read a vehicle as it wrote it, typed by its schema (numbers, dates as text)', async () => {
    await vehicles.insertVehicle(dataSource.manager, {
      id,
      campId: 'mahmoudli',
      type: 'bus',
      plate: `REPO-${id.slice(-6)}`,
      operator: 'generated operator',
      seats: 45,
      cargoCapacity: null,
      stretcherPlaces: null,
      seatedPlaces: null,
    });
    await vehicles.replaceAvailableDates(dataSource.manager, id, ['2030-01-02', '2030-01-01']);
    expect(await vehicles.findVehicle(dataSource.manager, id)).toEqual({
      id,
      campId: 'mahmoudli',
      type: 'bus',
      plate: `REPO-${id.slice(-6)}`,
      operator: 'generated operator',
      seats: 45,
      cargoCapacity: null,
      stretcherPlaces: null,
      seatedPlaces: null,
      availableDates: ['2030-01-01', '2030-01-02'],
    });
  });

  it('should fail at the repository, naming it and the column, when a column changes type', async () => {
    await dataSource.query(`ALTER TABLE vehicles ALTER COLUMN operator TYPE bytea USING convert_to(operator, 'UTF8')`);
    try {
      const error = await vehicles.findVehicle(dataSource.manager, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RowShapeError);
      expect((error as Error).message).toMatch(/^VehiclesRepository\.findVehicle: row 0, column "operator"/);
    } finally {
      await dataSource.query(`ALTER TABLE vehicles ALTER COLUMN operator TYPE text USING convert_from(operator, 'UTF8')`);
    }
  });
});
