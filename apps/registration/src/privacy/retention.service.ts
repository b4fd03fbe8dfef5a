import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { describeError } from '@awda/observability';
import type { RegistrationConfig } from '../config.js';
import { ErasureService } from './erasure.service.js';
import { RetentionRepository } from './retention.repository.js';

const BATCH = 100;
const AUDIT_BATCH = 10_000;
const RETENTION_ACTOR = 'retention';

export interface RetentionCandidate {
  householdId: string;
  campId: string;
  status: string;
  /** Its last change: the case closed (or was withdrawn) then at the latest. */
  closedSince: string;
}

/** What a run covers in one camp (audit rows belong to no camp: they are counted for all). */
export interface RetentionCampCount {
  campId: string;
  /** The camp's closed-case period (RETENTION_CLOSED_CASE_DAYS_BY_CAMP, else RETENTION_CLOSED_CASE_DAYS). */
  closedCaseDays: number;
  closedCases: number;
  importErrorRows: number;
}

export interface RetentionReport {
  dryRun: boolean;
  /** False when another replica held the job's lock: nothing was done or listed. */
  ran: boolean;
  households: RetentionCandidate[];
  auditLogRows: number;
  /** Messages of imports' rejected rows older than their period (they may quote names or phones). */
  importErrorRows: number;
  /** The same per camp: camps with something to go, or a period of their own. */
  byCamp: RetentionCampCount[];
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
    private readonly retention: RetentionRepository,
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
      if (!(await this.retention.tryLock(runner.manager))) {
        return { dryRun, ran: false, households: [], auditLogRows: 0, importErrorRows: 0, byCamp: [], periods };
      }
      try {
        const manager = runner.manager;
        const households = (await this.retention.candidates(manager, periods.closedCaseDays, periods.closedCaseDaysByCamp)).map((r) => ({
          householdId: r.id, campId: r.camp_id, status: r.status, closedSince: r.updated_at.toISOString(),
        }));
        const auditLogRows = await this.retention.countOldAudit(manager, periods.auditLogDays);
        const importErrors = await this.retention.oldImportErrorsByCamp(manager, periods.importErrorDays);
        const importErrorRows = importErrors.reduce((sum, c) => sum + c.n, 0);
        const byCamp = perCamp(households, importErrors, periods.closedCaseDays, periods.closedCaseDaysByCamp);
        if (!dryRun) {
          for (let i = 0; i < households.length; i += BATCH) await this.eraseBatch(households.slice(i, i + BATCH));
          let deleted = AUDIT_BATCH;
          while (deleted === AUDIT_BATCH) deleted = await this.retention.deleteOldAudit(manager, periods.auditLogDays, AUDIT_BATCH);
          await this.retention.deleteOldImportErrors(manager, periods.importErrorDays);
          if (households.length > 0 || auditLogRows > 0 || importErrorRows > 0) {
            this.logger.log(
              `retention: ${households.length} closed case(s) erased, ${auditLogRows} audit row(s) and ${importErrorRows} import error row(s) deleted`,
            );
          }
        }
        return { dryRun, ran: true, households, auditLogRows, importErrorRows, byCamp, periods };
      } finally {
        await this.retention.unlock(runner.manager);
      }
    } finally {
      await runner.release();
    }
  }

  private async eraseBatch(batch: RetentionCandidate[]): Promise<void> {
    for (const c of batch) {
      await this.dataSource.transaction(async (manager) => {
        // Checked again under the row lock: a case reopened or erased meanwhile is left alone.
        const row = await this.retention.lockHousehold(manager, c.householdId);
        if (row === undefined || row.erased_at !== null || row.status !== c.status) return;
        await this.erasure.eraseLocked(manager, c.householdId, c.campId, RETENTION_ACTOR, `retention: ${c.status} case older than its retention period`, 'retention');
      });
    }
  }
}

/** Per camp: its closed-case period, the closed cases to erase and the import-error rows to delete. */
export function perCamp(
  households: RetentionCandidate[],
  importErrors: { camp_id: string; n: number }[],
  defaultDays: number,
  daysByCamp: Record<string, number>,
): RetentionCampCount[] {
  const camps = new Map<string, RetentionCampCount>();
  const of = (campId: string): RetentionCampCount => {
    let camp = camps.get(campId);
    if (camp === undefined) {
      camp = { campId, closedCaseDays: daysByCamp[campId] ?? defaultDays, closedCases: 0, importErrorRows: 0 };
      camps.set(campId, camp);
    }
    return camp;
  };
  for (const campId of Object.keys(daysByCamp)) of(campId);
  for (const h of households) of(h.campId).closedCases += 1;
  for (const e of importErrors) of(e.camp_id).importErrorRows += e.n;
  return [...camps.values()].sort((a, b) => a.campId.localeCompare(b.campId));
}
