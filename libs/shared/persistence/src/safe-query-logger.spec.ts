import { describe, expect, it } from '@jest/globals';
import { SafeQueryLogger, type QueryLogSink } from './safe-query-logger.js';

function sink(): QueryLogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, debug: (m) => lines.push(m), log: (m) => lines.push(m), warn: (m) => lines.push(m) };
}

describe(SafeQueryLogger.name, () => {
  it('should log a failed query as its statement and a safe description, never its parameters', () => {
    const out = sink();
    const error = Object.assign(new Error('value too long for type character varying(40)'), { code: '22001', routine: 'varchar', driverError: {} });
    new SafeQueryLogger(out, true).logQueryError(error, 'INSERT INTO members (id, full_name_ar)\n   VALUES ($1, $2)', ['m-1', 'فاطمة الحسن']);
    expect(out.lines).toEqual(['query failed: INSERT INTO members (id, full_name_ar) VALUES ($1, $2) — database error 22001: value too long for type character varying(40)']);
  });

  it('should log queries (when asked) without their parameters', () => {
    const out = sink();
    new SafeQueryLogger(out, true).logQuery('SELECT 1 WHERE phone_hash = $1', ['secret-hash']);
    new SafeQueryLogger(out, false).logQuery('SELECT 2', ['secret-hash']);
    expect(out.lines).toEqual(['query: SELECT 1 WHERE phone_hash = $1']);
  });
});
