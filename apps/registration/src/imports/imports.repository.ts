import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';
import type { ImportFormat, RowError } from './import-rows.js';

// The process running an import holds this session lock for its whole life: a queued or running
// import whose lock is free belongs to a process that is gone (any replica can tell, no clock needed).
const IMPORT_LOCK = 'hashtextextended($1::text, 0)';

const VIEW_COLUMNS = `id, camp_id AS "campId", file_name AS "fileName", format, dry_run AS "dryRun", status, rows_total AS "rowsTotal",
  rows_read AS "rowsRead", households_created AS "householdsCreated", households_updated AS "householdsUpdated",
  households_unchanged AS "householdsUnchanged", rows_failed AS "rowsFailed", failure`;

const importRow = z.object({
  id: pg.uuid(),
  campId: pg.text(),
  fileName: pg.text(),
  format: z.enum(['csv', 'xlsx'] satisfies ImportFormat[]),
  dryRun: pg.bool(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  rowsTotal: pg.int().nullable(),
  rowsRead: pg.int(),
  householdsCreated: pg.int(),
  householdsUpdated: pg.int(),
  householdsUnchanged: pg.int(),
  rowsFailed: pg.int(),
  failure: pg.text().nullable(),
});
/** An imports row as the API shows it (without its errors). */
export type ImportRow = Row<typeof importRow>;

const errorRow = z.object({ row: pg.int(), field: pg.text().nullable(), message: pg.text() });
const idRow = z.object({ id: pg.uuid() });

/** Errors written per INSERT (three parameters each). */
const ERRORS_PER_INSERT = 500;

/** The imports and their row errors, and the session lock of a running import. */
@Injectable()
export class ImportsRepository {
  /** Imports left queued or running (by this process or another). */
  async unfinished(runner: SqlRunner): Promise<string[]> {
    const rows = await queryRows(runner, 'ImportsRepository.unfinished', idRow, `SELECT id FROM imports WHERE status IN ('queued', 'running')`);
    return rows.map((r) => r.id);
  }

  /**
   * Marks an import failed if it is still queued or running and no process holds its lock (taken for
   * this statement's transaction only; the status is checked again on the latest row). True if it did.
   */
  async failIfAbandoned(runner: SqlRunner, id: string, failure: string): Promise<boolean> {
    const rows = await queryRows(
      runner,
      'ImportsRepository.failIfAbandoned',
      idRow,
      `UPDATE imports SET status = 'failed', failure = $2, finished_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') AND pg_try_advisory_xact_lock(${IMPORT_LOCK}) RETURNING id`,
      [id, failure],
    );
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    i: { id: string; campId: string; fileName: string; format: ImportFormat; dryRun: boolean; rowsTotal: number | null; startedBy: string },
  ): Promise<ImportRow> {
    const row = await queryRow(
      manager,
      'ImportsRepository.insert',
      importRow,
      `INSERT INTO imports (id, camp_id, file_name, format, dry_run, status, rows_total, started_by)
       VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7) RETURNING ${VIEW_COLUMNS}`,
      [i.id, i.campId, i.fileName, i.format, i.dryRun, i.rowsTotal, i.startedBy],
    );
    if (row === undefined) throw new Error(`import ${i.id} was not inserted`);
    return row;
  }

  async find(runner: SqlRunner, id: string): Promise<ImportRow | undefined> {
    return queryRow(runner, 'ImportsRepository.find', importRow, `SELECT ${VIEW_COLUMNS} FROM imports WHERE id = $1`, [id]);
  }

  /** The first `limit` stored row errors of an import, in row order. */
  async errors(runner: SqlRunner, id: string, limit: number): Promise<RowError[]> {
    return queryRows(
      runner,
      'ImportsRepository.errors',
      errorRow,
      `SELECT row_number AS row, field, message FROM import_errors WHERE import_id = $1 ORDER BY row_number LIMIT $2`,
      [id, limit],
    );
  }

  async markRunning(runner: SqlRunner, id: string): Promise<void> {
    await execute(runner, `UPDATE imports SET status = 'running' WHERE id = $1`, [id]);
  }

  async complete(runner: SqlRunner, id: string, rowsTotal: number): Promise<void> {
    await execute(runner, `UPDATE imports SET status = 'completed', rows_total = $2, finished_at = now() WHERE id = $1`, [id, rowsTotal]);
  }

  async fail(runner: SqlRunner, id: string, failure: string): Promise<void> {
    await execute(runner, `UPDATE imports SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1`, [id, failure]);
  }

  /** Fresh statistics of the tables an import grows (the duplicate check's plans depend on them). */
  async analyzeGrownTables(runner: SqlRunner): Promise<void> {
    await execute(runner, `ANALYZE households, members, identity_documents, duplicate_candidates`);
  }

  /** Adds a batch's counts to the import's progress; rowsFailed: rows with at least one error. */
  async addProgress(
    manager: EntityManager,
    id: string,
    p: { rowsRead: number; created: number; updated: number; unchanged: number; rowsFailed: number },
  ): Promise<void> {
    await execute(
      manager,
      `UPDATE imports SET rows_read = $2, households_created = households_created + $3, households_updated = households_updated + $4,
         households_unchanged = households_unchanged + $5, rows_failed = rows_failed + $6 WHERE id = $1`,
      [id, p.rowsRead, p.created, p.updated, p.unchanged, p.rowsFailed],
    );
  }

  /** Stores row errors, a multi-row INSERT per ERRORS_PER_INSERT. */
  async addErrors(manager: EntityManager, id: string, errors: RowError[]): Promise<void> {
    for (let i = 0; i < errors.length; i += ERRORS_PER_INSERT) {
      const chunk = errors.slice(i, i + ERRORS_PER_INSERT);
      const params: unknown[] = [id];
      const rows = chunk.map((e) => {
        params.push(e.row, e.field, e.message);
        const n = params.length;
        return `($1, $${n - 2}, $${n - 1}, $${n})`;
      });
      await execute(manager, `INSERT INTO import_errors (import_id, row_number, field, message) VALUES ${rows.join(', ')}`, params);
    }
  }

  /** Takes the import's session lock on this connection (held until unlockSession). */
  async lockSession(runner: SqlRunner, id: string): Promise<void> {
    await execute(runner, `SELECT pg_advisory_lock(${IMPORT_LOCK})`, [id]);
  }

  async unlockSession(runner: SqlRunner, id: string): Promise<void> {
    await execute(runner, `SELECT pg_advisory_unlock(${IMPORT_LOCK})`, [id]);
  }
}
