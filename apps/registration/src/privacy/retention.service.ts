import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { describeError } from '@awda/observability';
import { returnedRows } from '@awda/persistence';
import type { RegistrationConfig } from '../config.js';
import { ErasureService } from './erasure.service.js';

/** One advisory lock for the whole job: with several replicas, one runs it and the others skip. */
const RETENTION_LOCK = 'awda.registration.retention';
const BATCH = 100;
const RETENTION_ACTOR = 'retention';

export interface RetentionCandidate {
  householdId: string;
  campId: string;
  status: string;
  /** Its last change: the case closed (or was withdrawn) then at the latest. */
  closedSince: string;
}

export interface RetentionReport {
  dryRun: boolean;
  /** False when another replica held the job's lock: nothing was done or listed. */
  ran: boolean;
  households: RetentionCandidate[];
  auditLogRows: number;
  /** Messages of imports' rejected rows older than their period (they may quote names or phones). */
  importErrorRows: number;
  periods: { closedCaseDays: number; closedCaseDaysByCamp: Record<string, number>; auditLogDays: number; importErrorDays: number };
}

/**
 * Retention: closed cases — departed (returned), closed, or withdrawn and unchanged since — are erased
 * once older than RETENTION_CLOSED_CASE_DAYS (or the camp's RETENTION_CLOSED_CASE_DAYS_BY_CAMP);
 * audit rows older than RETENTION_AUDIT_LOG_DAYS, and imports' rejected-row messages older than
 * RETENTION_IMPORT_ERRORS_DAYS, are deleted. A dry run lists what would go. The
 * scheduled run takes a PostgreSQL advisory lock, so several replicas never run it at once.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly erasure: ErasureService,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.timer !== undefined || this.config.RETENTION_RUN_MINUTES === 0 || this.config.NODE_ENV === 'test') return;
    this.timer = setInterval(() => this.kick(), this.config.RETENTION_RUN_MINUTES * 60_000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private kick(): void {
    this.running ??= this.run(false)
      .catch((error: unknown) => this.logger.warn(`retention not applied, tried again later: ${describeError(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** Lists (dry run) or erases and deletes what the retention periods say must go. */
  async run(dryRun: boolean): Promise<RetentionReport> {
    const periods = {
      closedCaseDays: this.config.RETENTION_CLOSED_CASE_DAYS,
      closedCaseDaysByCamp: this.config.RETENTION_CLOSED_CASE_DAYS_BY_CAMP,
      auditLogDays: this.config.RETENTION_AUDIT_LOG_DAYS,
      importErrorDays: this.config.RETENTION_IMPORT_ERRORS_DAYS,
    };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const locked: { ok: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [RETENTION_LOCK]);
      if (locked[0]?.ok !== true) return { dryRun, ran: false, households: [], auditLogRows: 0, importErrorRows: 0, periods };
      try {
        const households = await this.candidates(runner.manager);
        const auditLogRows = await this.oldAuditRows(runner.manager);
        const importErrorRows = await this.oldImportErrors(runner.manager, false);
        if (!dryRun) {
          for (let i = 0; i < households.length; i += BATCH) await this.eraseBatch(households.slice(i, i + BATCH));
          await this.deleteOldAudit(runner.manager);
          await this.oldImportErrors(runner.manager, true);
          if (households.length > 0 || auditLogRows > 0 || importErrorRows > 0) {
            this.logger.log(
              `retention: ${households.length} closed case(s) erased, ${auditLogRows} audit row(s) and ${importErrorRows} import error row(s) deleted`,
            );
          }
        }
        return { dryRun, ran: true, households, auditLogRows, importErrorRows, periods };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [RETENTION_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async candidates(manager: EntityManager): Promise<RetentionCandidate[]> {
    const rows: { id: string; camp_id: string; status: string; updated_at: Date }[] = await manager.query(
      `SELECT id, camp_id, status, updated_at FROM households
       WHERE erased_at IS NULL AND status IN ('departed', 'closed', 'withdrawn')
         AND updated_at < now() - make_interval(days => coalesce((($2::jsonb) ->> camp_id)::int, $1::int))
       ORDER BY updated_at, id`,
      [this.config.RETENTION_CLOSED_CASE_DAYS, JSON.stringify(this.config.RETENTION_CLOSED_CASE_DAYS_BY_CAMP)],
    );
    return rows.map((r) => ({ householdId: r.id, campId: r.camp_id, status: r.status, closedSince: new Date(r.updated_at).toISOString() }));
  }

  private async eraseBatch(batch: RetentionCandidate[]): Promise<void> {
    for (const c of batch) {
      await this.dataSource.transaction(async (manager) => {
        // Checked again under the row lock: a case reopened or erased meanwhile is left alone.
        const rows: { erased_at: Date | null; status: string }[] = await manager.query(
          `SELECT erased_at, status FROM households WHERE id = $1 FOR UPDATE`,
          [c.householdId],
        );
        const row = rows[0];
        if (row === undefined || row.erased_at !== null || row.status !== c.status) return;
        await this.erasure.eraseLocked(manager, c.householdId, c.campId, RETENTION_ACTOR, `retention: ${c.status} case older than its retention period`, 'retention');
      });
    }
  }

  private async oldAuditRows(manager: EntityManager): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE at < now() - make_interval(days => $1::int)`,
      [this.config.RETENTION_AUDIT_LOG_DAYS],
    );
    return rows[0]?.n ?? 0;
  }

  private async deleteOldAudit(manager: EntityManager): Promise<void> {
    for (let n = 10_000; n === 10_000; ) {
      n = returnedRows(
        await manager.query(
          `DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < now() - make_interval(days => $1::int) LIMIT 10000) RETURNING id`,
          [this.config.RETENTION_AUDIT_LOG_DAYS],
        ),
      ).length;
    }
  }

  /** Counts, or deletes, the rejected-row messages of imports started before their retention period. */
  private async oldImportErrors(manager: EntityManager, remove: boolean): Promise<number> {
    const old = `import_id IN (SELECT id FROM imports WHERE created_at < now() - make_interval(days => $1::int))`;
    if (!remove) {
      const rows: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM import_errors WHERE ${old}`, [this.config.RETENTION_IMPORT_ERRORS_DAYS]);
      return rows[0]?.n ?? 0;
    }
    return returnedRows(await manager.query(`DELETE FROM import_errors WHERE ${old} RETURNING import_id`, [this.config.RETENTION_IMPORT_ERRORS_DAYS])).length;
  }
}
