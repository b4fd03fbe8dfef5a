import { describe, expect, it } from '@jest/globals';
import { describeError, isDatabaseError } from './error-text.js';

/** The shape TypeORM gives a failed query: pg's fields copied onto it, the bound values alongside. */
function queryFailed(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { name: 'QueryFailedError', driverError: {}, parameters: ['فاطمة الحسن', '+963944123456'], ...fields });
}

describe(describeError.name, () => {
  it('should tell a database error by its SQLSTATE and identifiers, masking the values it quotes', () => {
    const error = queryFailed('invalid input syntax for type date: "1984-02-30"', { code: '22007', routine: 'DateTimeParseError' });
    expect(isDatabaseError(error)).toBe(true);
    expect(describeError(error)).toBe('database error 22007: invalid input syntax for type date: "…"');
  });

  it('should keep the constraint and table a unique violation names, and never its parameters or detail', () => {
    const error = queryFailed('duplicate key value violates unique constraint "households_camp_case_unique"', {
      code: '23505', table: 'households', constraint: 'households_camp_case_unique', detail: 'Key (camp_id, case_number)=(m, X-1) already exists.',
    });
    const text = describeError(error);
    expect(text).toBe('database error 23505 (table households, constraint households_camp_case_unique): duplicate key value violates unique constraint "households_camp_case_unique"');
    expect(text).not.toContain('X-1');
    expect(text).not.toContain('963944123456');
  });

  it('should describe any other error by its class and message', () => {
    expect(describeError(new RangeError('too far'))).toBe('RangeError: too far');
    expect(isDatabaseError(new Error('x'))).toBe(false);
  });
});
