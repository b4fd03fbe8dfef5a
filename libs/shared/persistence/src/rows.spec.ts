import { describe, expect, it } from '@jest/globals';
import { checkRows, execute, pg, queryRow, queryRows, RowShapeError, z, type SqlRunner } from './rows.js';

const householdRow = z.object({
  id: pg.uuid(),
  camp_id: pg.text(),
  version: pg.int(),
  members: pg.bigint(),
  score: pg.numeric(),
  updated_at: pg.timestamp(),
  note: pg.text().nullable(),
});
const SOURCE = 'HouseholdRepository.find';

function runner(result: unknown): SqlRunner & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return { calls, query: async (sql, parameters) => (calls.push([sql, parameters]), result) };
}

const goodRow = { id: 'h-1', camp_id: 'mahmoudli', version: 3, members: '5', score: '12.50', updated_at: new Date(0), note: null };

describe('queryRows', () => {
  it('should answer typed rows, with int8 as a number and numeric kept as its exact string', async () => {
    const rows = await queryRows(runner([goodRow]), SOURCE, householdRow, 'SELECT …', ['h-1']);
    expect(rows).toEqual([{ ...goodRow, members: 5 }]);
  });

  it('should fail, naming the source and the column, when a column has been renamed', async () => {
    const renamed = { ...goodRow, camp_code: goodRow.camp_id } as Record<string, unknown>;
    delete renamed.camp_id;
    const error = await queryRows(runner([goodRow, renamed]), SOURCE, householdRow, 'SELECT …').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowShapeError);
    expect((error as RowShapeError).message).toMatch(/^HouseholdRepository\.find: row 1, column "camp_id": missing/);
    expect(error).toMatchObject({ source: SOURCE, rowIndex: 1, column: 'camp_id' });
  });

  it('should fail when a timestamp arrives as text or an int8 as something else, without the value in the message', () => {
    expect(() => checkRows(SOURCE, householdRow, [{ ...goodRow, updated_at: '2026-01-01' }])).toThrow(/column "updated_at"/);
    const secret = '+963 944 000 111';
    let message = '';
    try {
      checkRows(SOURCE, householdRow, [{ ...goodRow, members: secret }]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/column "members"/);
    expect(message).not.toContain(secret);
  });

  it('should refuse an int8 beyond the safe integer range rather than round it', () => {
    expect(() => checkRows(SOURCE, householdRow, [{ ...goodRow, members: '9007199254740993' }])).toThrow(/safe integer/);
  });

  it('should read the rows of UPDATE … RETURNING in TypeORM\'s [rows, count] shape', () => {
    expect(checkRows(SOURCE, householdRow, [[goodRow], 1])).toHaveLength(1);
  });
});

describe('queryRow', () => {
  it('should answer undefined for no row and refuse more than one', async () => {
    expect(await queryRow(runner([]), SOURCE, householdRow, 'SELECT …')).toBeUndefined();
    await expect(queryRow(runner([goodRow, goodRow]), SOURCE, householdRow, 'SELECT …')).rejects.toThrow(/at most one row/);
  });
});

describe('execute', () => {
  it('should answer the affected count of UPDATE/DELETE and pass the parameters through', async () => {
    const r = runner([[], 4]);
    expect(await execute(r, 'DELETE FROM x WHERE id = $1', ['a'])).toBe(4);
    expect(r.calls).toEqual([['DELETE FROM x WHERE id = $1', ['a']]]);
    expect(await execute(runner([]), 'INSERT …')).toBeUndefined();
  });
});
