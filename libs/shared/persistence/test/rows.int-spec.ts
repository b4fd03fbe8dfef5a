// The column schemas of `pg` against what node-postgres and TypeORM really hand back, and a renamed
// column failing on a real table.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '../src/database.js';
import { execute, pg, queryRow, queryRows, RowShapeError, z } from '../src/rows.js';
import { createTestDatabase, type TestDatabase } from '@awda/testing';

describe('row schemas on a real PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('rows');
    dataSource = await openServiceDataSource({ url: db.url, schema: 'rows', entities: [], migrations: [], poolSize: 2 });
    await dataSource.query(`CREATE TABLE seats (id uuid PRIMARY KEY, units int NOT NULL, weight numeric(6,2) NOT NULL,
      taken_at timestamptz NOT NULL, notes text, tags text[] NOT NULL DEFAULT '{}', extra jsonb NOT NULL DEFAULT '{}')`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('should type count(*), numeric, timestamptz, int, uuid, text[], jsonb as node-postgres delivers them', async () => {
    await execute(dataSource, `INSERT INTO seats (id, units, weight, taken_at, tags, extra) VALUES
      ('0190b5a0-0000-7000-8000-000000000001', 2, 10.50, '2026-12-01T10:00:00Z', '{a,b}', '{"k":1}')`);
    const row = await queryRow(
      dataSource,
      'seats.summary',
      z.object({ total: pg.bigint(), weight: pg.numeric(), latest: pg.timestamp(), units: pg.int(), id: pg.uuid(), tags: pg.textArray(), extra: pg.json(), notes: pg.text().nullable() }),
      `SELECT count(*) OVER () AS total, weight, taken_at AS latest, units, id, tags, extra, notes FROM seats`,
    );
    expect(row).toEqual({
      total: 1,
      weight: '10.50',
      latest: new Date('2026-12-01T10:00:00Z'),
      units: 2,
      id: '0190b5a0-0000-7000-8000-000000000001',
      tags: ['a', 'b'],
      extra: { k: 1 },
      notes: null,
    });
  });

  it('should fail on a renamed column and read UPDATE … RETURNING rows', async () => {
    await dataSource.query('ALTER TABLE seats RENAME COLUMN units TO seat_units');
    const seatRow = z.object({ id: pg.uuid(), units: pg.int() });
    await expect(queryRows(dataSource, 'SeatsRepository.list', seatRow, 'SELECT * FROM seats')).rejects.toThrow(RowShapeError);
    await expect(queryRows(dataSource, 'SeatsRepository.list', seatRow, 'SELECT * FROM seats')).rejects.toThrow(
      'SeatsRepository.list: row 0, column "units": missing',
    );
    const updated = await queryRows(dataSource, 'SeatsRepository.take', z.object({ seat_units: pg.int() }), 'UPDATE seats SET seat_units = seat_units + 1 RETURNING seat_units');
    expect(updated).toEqual([{ seat_units: 3 }]);
    expect(await execute(dataSource, 'DELETE FROM seats WHERE seat_units = $1', [3])).toBe(1);
  });
});
