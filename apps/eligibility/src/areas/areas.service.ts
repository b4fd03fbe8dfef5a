import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '@awda/auth';
import { DomainError } from '@awda/bootstrap';
import { AREA_CODE_PATTERN, AREA_STATUS_CHANGED_V1, type AreaStatus } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { AuditLog } from '../audit/audit-log.js';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import { DEFAULT_AREA_STATUS } from './area.repository.js';
import type { SetAreaStatusDto } from './dto/set-area-status.dto.js';
import { returnedRows } from '@awda/persistence';

interface AreaRow {
  code: string;
  status: AreaStatus;
  reason: string | null;
  effective_from: Date;
  version: number;
  updated_by: string;
  updated_at: Date;
}

interface AreaChangeRow {
  id: string;
  area_code: string;
  status: AreaStatus;
  reason: string | null;
  effective_from: Date;
  requested_by: string;
  requested_at: Date;
  applied_at: Date | null;
}

export interface AreaChangeView {
  id: string;
  areaCode: string;
  status: AreaStatus;
  reason: string | null;
  effectiveFrom: string;
  requestedBy: string;
  appliedAt: string | null;
}

const changeView = (row: AreaChangeRow): AreaChangeView => ({
  id: row.id,
  areaCode: row.area_code,
  status: row.status,
  reason: row.reason,
  effectiveFrom: row.effective_from.toISOString(),
  requestedBy: row.requested_by,
  appliedAt: row.applied_at?.toISOString() ?? null,
});

/**
 * Destination areas open, closed or restricted for return. A change takes effect at its effective
 * date: at once, or when the scheduler finds it due (a stored row, so a restart does not lose it).
 * Taking effect publishes area.status-changed and starts a batched re-evaluation of the area's households.
 */
@Injectable()
export class AreasService {
  private readonly logger = new Logger(AreasService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly runs: ReevaluationRuns,
    private readonly audit: AuditLog,
    private readonly signal: WorkSignal,
  ) {}

  async list(): Promise<{ defaultStatus: AreaStatus; areas: Record<string, unknown>[]; scheduled: AreaChangeView[] }> {
    const areas: AreaRow[] = await this.dataSource.query('SELECT * FROM areas ORDER BY code');
    const scheduled: AreaChangeRow[] = await this.dataSource.query(
      'SELECT * FROM area_changes WHERE applied_at IS NULL ORDER BY effective_from',
    );
    return {
      defaultStatus: DEFAULT_AREA_STATUS,
      areas: areas.map((a) => ({
        code: a.code,
        status: a.status,
        reason: a.reason,
        effectiveFrom: a.effective_from.toISOString(),
        version: a.version,
        updatedBy: a.updated_by,
      })),
      scheduled: scheduled.map(changeView),
    };
  }

  async requestStatus(user: AuthUser, code: string, dto: SetAreaStatusDto): Promise<AreaChangeView> {
    if (!AREA_CODE_PATTERN.test(code)) {
      throw new DomainError('ELIGIBILITY.AREA_CODE_INVALID', 'Area codes look like SY020300 (a p-code)', 422);
    }
    if (dto.status !== 'open' && !dto.reason) {
      throw new DomainError('ELIGIBILITY.AREA_REASON_REQUIRED', 'Say why the area is closed or restricted; families are told', 422);
    }
    const now = new Date();
    const effectiveFrom = dto.effectiveFrom ? new Date(dto.effectiveFrom) : now;
    const change = await this.dataSource.transaction(async (manager) => {
      const rows: AreaChangeRow[] = await manager.query(
        `INSERT INTO area_changes (id, area_code, status, reason, effective_from, requested_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [uuidv7(), code, dto.status, dto.reason ?? null, effectiveFrom, user.sub],
      );
      const inserted = rows[0];
      if (!inserted) throw new Error('area change insert returned nothing');
      await this.audit.record(manager, {
        actor: user.sub,
        action: 'area.status_requested',
        details: { areaCode: code, status: dto.status, effectiveFrom: effectiveFrom.toISOString() },
      });
      if (effectiveFrom.getTime() > now.getTime()) return inserted;
      return this.apply(manager, inserted);
    });
    this.signal.kick();
    return changeView(change);
  }

  /** Applies every change that has come due; returns how many. Replicas share the work (SKIP LOCKED). */
  async applyDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: AreaChangeRow[] = await manager.query(
        `SELECT * FROM area_changes WHERE applied_at IS NULL AND effective_from <= now()
         ORDER BY effective_from LIMIT 50 FOR UPDATE SKIP LOCKED`,
      );
      for (const change of due) await this.apply(manager, change);
      return due.length;
    });
  }

  private async apply(manager: EntityManager, change: AreaChangeRow): Promise<AreaChangeRow> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`eligibility-area-${change.area_code}`]);
    const rows: AreaRow[] = await manager.query('SELECT * FROM areas WHERE code = $1 FOR UPDATE', [change.area_code]);
    const current = rows[0];
    const previousStatus = current?.status ?? DEFAULT_AREA_STATUS;
    const changed = previousStatus !== change.status || (current?.reason ?? null) !== change.reason;
    const applied = returnedRows<AreaChangeRow>(
      await manager.query('UPDATE area_changes SET applied_at = now() WHERE id = $1 RETURNING *', [change.id]),
    );
    if (!changed) return applied[0] ?? change;
    const version = (current?.version ?? 0) + 1;
    await manager.query(
      `INSERT INTO areas (code, status, reason, effective_from, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (code) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
         effective_from = EXCLUDED.effective_from, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [change.area_code, change.status, change.reason, change.effective_from, version, change.requested_by],
    );
    await this.outbox.enqueue(manager, AREA_STATUS_CHANGED_V1, {
      areaCode: change.area_code,
      status: change.status,
      previousStatus,
      reason: change.reason,
      effectiveFrom: change.effective_from.toISOString(),
      version,
    });
    await this.runs.start(manager, { kind: 'area', areaCode: change.area_code });
    this.logger.log(`area ${change.area_code}: ${previousStatus} → ${change.status} (version ${version})`);
    return applied[0] ?? change;
  }
}
