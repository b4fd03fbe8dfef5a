import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

/** One advisory lock for the whole job: with several replicas, one runs it and the others skip. */
const RETENTION_LOCK = 'awda.registration.retention';

const lockRow = z.object({ ok: pg.bool() });
const candidateRow = z.object({ id: pg.uuid(), camp_id: pg.text(), status: pg.text(), updated_at: pg.timestamp() });
const stateRow = z.object({ erased_at: pg.timestamp().nullable(), status: pg.text() });
const countRow = z.object({ n: pg.int() });
const idRow = z.object({ id: pg.uuid() });
const importIdRow = z.object({ import_id: pg.uuid() });
const campCountRow = z.object({ camp_id: pg.text(), n: pg.int() });

export type RetentionCandidateRow = z.output<typeof candidateRow>;

// Imports started before the rejected-row messages' retention period.
const OLD_IMPORT_ERRORS = `import_id IN (SELECT id FROM imports WHERE created_at < now() - make_interval(days => $1::int))`;

/** The SQL of registration's retention job. */
@Injectable()
export class RetentionRepository {
  /** The job's session lock on this connection; false when another replica holds it. */
  async tryLock(manager: EntityManager): Promise<boolean> {
    return (await queryRow(manager, 'RetentionRepository.tryLock', lockRow, `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [RETENTION_LOCK]))?.ok === true;
  }

  async unlock(manager: EntityManager): Promise<void> {
    await execute(manager, `SELECT pg_advisory_unlock(hashtext($1))`, [RETENTION_LOCK]);
  }

  /** Closed cases (departed, closed, withdrawn) unchanged for longer than their camp's period. */
  candidates(manager: EntityManager, defaultDays: number, daysByCamp: Record<string, number>): Promise<RetentionCandidateRow[]> {
    return queryRows(
      manager,
      'RetentionRepository.candidates',
      candidateRow,
      `SELECT id, camp_id, status, updated_at FROM households
       WHERE erased_at IS NULL AND status IN ('departed', 'closed', 'withdrawn')
         AND updated_at < now() - make_interval(days => coalesce((($2::jsonb) ->> camp_id)::int, $1::int))
       ORDER BY updated_at, id`,
      [defaultDays, JSON.stringify(daysByCamp)],
    );
  }

  /** The household's row locked, to check again that it is still a case to erase. */
  lockHousehold(manager: EntityManager, householdId: string): Promise<z.output<typeof stateRow> | undefined> {
    return queryRow(manager, 'RetentionRepository.lockHousehold', stateRow, `SELECT erased_at, status FROM households WHERE id = $1 FOR UPDATE`, [householdId]);
  }

  async countOldAudit(manager: EntityManager, days: number): Promise<number> {
    return (await queryRow(manager, 'RetentionRepository.countOldAudit', countRow,
      `SELECT count(*)::int AS n FROM audit_log WHERE at < now() - make_interval(days => $1::int)`, [days]))?.n ?? 0;
  }

  /** Deletes up to `limit` audit rows older than the period; answers how many went. */
  async deleteOldAudit(manager: EntityManager, days: number, limit: number): Promise<number> {
    const gone = await queryRows(manager, 'RetentionRepository.deleteOldAudit', idRow,
      `DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < now() - make_interval(days => $1::int) LIMIT $2) RETURNING id`, [days, limit]);
    return gone.length;
  }

  /** Rejected-row messages of imports started before the period, per camp of the import. */
  oldImportErrorsByCamp(manager: EntityManager, days: number): Promise<z.output<typeof campCountRow>[]> {
    return queryRows(manager, 'RetentionRepository.oldImportErrorsByCamp', campCountRow,
      `SELECT i.camp_id, count(*)::int AS n FROM import_errors e JOIN imports i ON i.id = e.import_id
       WHERE i.created_at < now() - make_interval(days => $1::int) GROUP BY i.camp_id ORDER BY i.camp_id`, [days]);
  }

  async deleteOldImportErrors(manager: EntityManager, days: number): Promise<number> {
    const gone = await queryRows(manager, 'RetentionRepository.deleteOldImportErrors', importIdRow,
      `DELETE FROM import_errors WHERE ${OLD_IMPORT_ERRORS} RETURNING import_id`, [days]);
    return gone.length;
  }
}
