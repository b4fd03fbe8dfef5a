import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { ConflictError, NotFoundError } from '@awda/bootstrap';
import { HOUSEHOLD_CLOSED_V1 } from '@awda/contracts';
import {
  claimIdempotencyKey,
  storeIdempotentAnswerParams,
  storeIdempotentAnswerSql,
  type IdempotencyClaim,
} from '../common/idempotency.interceptor.js';
import { householdRule } from '../common/registration.errors.js';
import { retriedTransaction } from '../common/retried-transaction.js';
import { HouseholdChanges, type SpecificEvent } from '../households/household-changes.js';
import { HouseholdStore } from '../households/household.store.js';

export class ResolveDuplicateDto {
  @ApiProperty({ enum: ['same', 'distinct'] }) @IsIn(['same', 'distinct']) decision!: 'same' | 'distinct';
  @ApiProperty({ example: 'Same family booklet; registered twice at intake' }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;
  @ApiPropertyOptional({ description: 'With "same": the household of the pair whose case is closed as a duplicate' })
  @IsOptional() @IsUUID()
  closeHouseholdId?: string;
}

export class ListDuplicatesQuery {
  @ApiPropertyOptional({ enum: ['open', 'same', 'distinct'] }) @IsOptional() @IsIn(['open', 'same', 'distinct']) status?: string;
}

export interface DuplicateCandidateView {
  id: string;
  householdId: string;
  otherHouseholdId: string;
  campId: string;
  otherCampId: string;
  reasons: string[];
  score: number;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: string;
}

const COLUMNS = `id, household_id AS "householdId", other_household_id AS "otherHouseholdId", camp_id AS "campId",
  other_camp_id AS "otherCampId", reasons, score, status, decided_by AS "decidedBy", decision_reason AS "decisionReason",
  created_at AS "createdAt"`;

/** The supervisors' queue of possible duplicates: decided by a person, never merged by the machine. */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdStore,
    private readonly changes: HouseholdChanges,
  ) {}

  async list(user: AuthUser, status = 'open'): Promise<DuplicateCandidateView[]> {
    const scope = campScope(user);
    const rows: DuplicateCandidateView[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM duplicate_candidates WHERE status = $1
         AND ($2::text[] IS NULL OR camp_id = ANY($2::text[]) OR other_camp_id = ANY($2::text[]))
       ORDER BY created_at LIMIT 500`,
      [status, scope === 'all' ? null : scope],
    );
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  async resolve(user: AuthUser, id: string, dto: ResolveDuplicateDto, idempotency?: IdempotencyClaim): Promise<DuplicateCandidateView> {
    // Households locked in id order; a deadlock with a registration flagging one of them is run again.
    return retriedTransaction(this.dataSource, async (manager) => {
      if (idempotency) await claimIdempotencyKey(manager, idempotency);
      const rows: DuplicateCandidateView[] = await manager.query(`SELECT ${COLUMNS} FROM duplicate_candidates WHERE id = $1 FOR UPDATE`, [id]);
      const candidate = rows[0];
      if (candidate === undefined || !canAccessCamp(user, candidate.campId) || !canAccessCamp(user, candidate.otherCampId)) {
        throw new NotFoundError('REGISTRATION.DUPLICATE_NOT_FOUND', 'No such possible duplicate in your camps');
      }
      if (candidate.status !== 'open') throw new ConflictError('REGISTRATION.DUPLICATE_DECIDED', 'This possible duplicate was already decided');
      const pair = [candidate.householdId, candidate.otherHouseholdId];
      if (dto.closeHouseholdId !== undefined && (dto.decision !== 'same' || !pair.includes(dto.closeHouseholdId))) {
        throw householdRule('CLOSE_NOT_IN_PAIR', 'closeHouseholdId: only one of the two households, and only when they are the same', 'closeHouseholdId');
      }
      await manager.query(
        `UPDATE duplicate_candidates SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`,
        [id, dto.decision, user.sub, dto.reason],
      );
      for (const householdId of [...pair].sort()) {
        const household = await this.store.find(manager, householdId, true);
        if (household === undefined) continue;
        const closing = dto.closeHouseholdId === householdId && household.status !== 'closed';
        const saved = await this.changes.save(manager, household, closing ? { status: 'closed', closed_reason: 'duplicate' } : {});
        const events: SpecificEvent[] = closing
          ? [{ subject: HOUSEHOLD_CLOSED_V1, data: { householdId, campId: saved.campId, reason: 'duplicate', version: saved.version } }]
          : [];
        await this.changes.publish(manager, saved, {
          kind: closing ? 'closed' : 'duplicate_resolved',
          changes: closing ? ['duplicates', 'status'] : ['duplicates'],
          actor: user.sub,
          detail: { candidateId: id, decision: dto.decision },
          events,
        });
      }
      const updated: DuplicateCandidateView[] = await manager.query(`SELECT ${COLUMNS} FROM duplicate_candidates WHERE id = $1`, [id]);
      const view = updated[0] ?? candidate;
      const answer = { ...view, createdAt: new Date(view.createdAt).toISOString() };
      if (idempotency) await manager.query(storeIdempotentAnswerSql(1), storeIdempotentAnswerParams(idempotency, answer));
      return answer;
    });
  }
}
