import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '@awda/auth';
import { DomainError } from '@awda/bootstrap';
import { AREA_CODE_PATTERN, AREA_STATUS_CHANGED_V1, type AreaStatus } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { ReevaluationRuns } from '../reevaluation/reevaluation-runs.js';
import { WorkSignal } from '../reevaluation/work-signal.js';
import { AreasRepository, DEFAULT_AREA_STATUS, type AreaChangeRow } from './areas.repository.js';
import type { SetAreaStatusDto } from './dto/set-area-status.dto.js';

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
    private readonly audit: AuditLogRepository,
    private readonly signal: WorkSignal,
    private readonly statuses: AreasRepository,
  ) {}

  async list(): Promise<{ defaultStatus: AreaStatus; areas: Record<string, unknown>[]; scheduled: AreaChangeView[] }> {
    const areas = await this.statuses.list(this.dataSource.manager);
    const scheduled = await this.statuses.scheduled(this.dataSource.manager);
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
      const inserted = await this.statuses.insertChange(manager, {
        id: uuidv7(),
        areaCode: code,
        status: dto.status,
        reason: dto.reason ?? null,
        effectiveFrom,
        requestedBy: user.sub,
      });
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
      const due = await this.statuses.claimDue(manager);
      for (const change of due) await this.apply(manager, change);
      return due.length;
    });
  }

  private async apply(manager: EntityManager, change: AreaChangeRow): Promise<AreaChangeRow> {
    const current = await this.statuses.lock(manager, change.area_code);
    const previousStatus = current?.status ?? DEFAULT_AREA_STATUS;
    const changed = previousStatus !== change.status || (current?.reason ?? null) !== change.reason;
    const applied = await this.statuses.markApplied(manager, change.id);
    if (!changed) return applied ?? change;
    const version = (current?.version ?? 0) + 1;
    await this.statuses.save(manager, change, version);
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
    return applied ?? change;
  }
}
