import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { ConflictError, NotFoundError } from '@awda/bootstrap';
import {
  claimIdempotencyKey,
  storeIdempotentAnswerParams,
  type IdempotencyClaim,
} from '../common/idempotency.interceptor.js';
import { IdempotencyKeysRepository } from '../common/idempotency-keys.repository.js';
import { householdRule } from '../common/registration.errors.js';
import { retriedTransaction } from '../common/retried-transaction.js';
import { HouseholdChanges } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { DuplicateMerge } from './duplicate-merge.js';
import { DuplicatesRepository, type CandidateRow, type MergeApproval } from './duplicates.repository.js';
import type { ListDuplicatesQuery, ResolveDuplicateDto } from './dto/duplicates.dto.js';

export interface DuplicateCandidateView {
  id: string;
  householdId: string;
  otherHouseholdId: string;
  campId: string;
  otherCampId: string;
  /** Registration status of each household: a scheduled one keeps its seat while the pair waits. */
  householdStatus: string | null;
  otherHouseholdStatus: string | null;
  reasons: string[];
  score: number;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
  /** Decided "same": the household kept. */
  keptHouseholdId: string | null;
  /** A merge of a pair across two camps, agreed by one camp's supervisor, waiting for the other's. */
  mergeProposal: { keepHouseholdId: string; approvedCamps: string[]; awaitingCamps: string[] } | null;
  createdAt: string;
}

export interface DuplicatePage {
  items: DuplicateCandidateView[];
  /** Pass as `after` for the next page; null on the last. */
  nextAfter: string | null;
}

/**
 * The supervisors' queue of possible duplicates: decided by a person, never merged by the machine.
 * A pair across two camps: a supervisor of either camp may say "distinct"; "same" closes a record of
 * one camp for good, so it needs a supervisor of each camp (the second agreeing with the first on
 * which record stays), one whose camps cover both, or an admin.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
    private readonly candidates: DuplicatesRepository,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
    private readonly merges: DuplicateMerge,
  ) {}

  async list(user: AuthUser, query: ListDuplicatesQuery): Promise<DuplicatePage> {
    const scope = campScope(user);
    const limit = query.limit ?? 50;
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) return { items: [], nextAfter: null };
    const rows = await this.candidates.page(this.dataSource.manager, {
      status: query.status ?? 'open',
      camps: scope === 'all' ? null : scope,
      campId: query.campId ?? null,
      after: query.after ?? null,
      limit,
    });
    const items = rows.slice(0, limit).map(viewOf);
    return { items, nextAfter: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  async resolve(user: AuthUser, id: string, dto: ResolveDuplicateDto, idempotency?: IdempotencyClaim): Promise<DuplicateCandidateView> {
    // Households locked in id order; a deadlock with a registration flagging one of them is run again.
    return retriedTransaction(this.dataSource, async (manager) => {
      if (idempotency) await claimIdempotencyKey(manager, idempotency);
      const candidate = await this.candidates.find(manager, id, true);
      if (candidate === undefined || !(canAccessCamp(user, candidate.campId) || canAccessCamp(user, candidate.otherCampId))) {
        throw new NotFoundError('REGISTRATION.DUPLICATE_NOT_FOUND', 'No such possible duplicate in your camps');
      }
      if (candidate.status !== 'open') throw new ConflictError('REGISTRATION.DUPLICATE_DECIDED', 'This possible duplicate was already decided');
      if (dto.decision === 'distinct') await this.distinct(manager, candidate, dto, user);
      else await this.same(manager, candidate, dto, user);
      const answer = viewOf((await this.candidates.find(manager, id)) ?? candidate);
      if (idempotency) await this.idempotencyKeys.storeAnswer(manager, storeIdempotentAnswerParams(idempotency, answer));
      return answer;
    });
  }

  private async distinct(manager: EntityManager, candidate: CandidateRow, dto: ResolveDuplicateDto, user: AuthUser): Promise<void> {
    if (dto.keepHouseholdId !== undefined || dto.closeHouseholdId !== undefined) {
      throw householdRule('KEEP_ONLY_WHEN_SAME', 'keepHouseholdId: a household is kept (and the other closed) only when they are the same family', 'keepHouseholdId');
    }
    await this.candidates.decide(manager, candidate.id, 'distinct', user.sub, dto.reason, null);
    // Both snapshots again: the pair no longer holds either household back.
    for (const householdId of [candidate.householdId, candidate.otherHouseholdId].sort()) {
      const household = await this.store.find(manager, householdId, true);
      if (household === undefined) continue;
      const saved = await this.changes.save(manager, household);
      await this.changes.publish(manager, saved, {
        kind: 'duplicate_resolved',
        changes: ['duplicates'],
        actor: user.sub,
        detail: { candidateId: candidate.id, decision: 'distinct' },
      });
    }
  }

  private async same(manager: EntityManager, candidate: CandidateRow, dto: ResolveDuplicateDto, user: AuthUser): Promise<void> {
    const pair = [candidate.householdId, candidate.otherHouseholdId];
    const keep = dto.keepHouseholdId ?? pair.find((h) => h !== dto.closeHouseholdId);
    const close = pair.find((h) => h !== keep);
    const named = [dto.keepHouseholdId, dto.closeHouseholdId].filter((h) => h !== undefined);
    if (keep === undefined || close === undefined || named.some((h) => !pair.includes(h)) || (dto.closeHouseholdId !== undefined && dto.closeHouseholdId === keep)) {
      throw householdRule('KEEP_NOT_IN_PAIR', 'keepHouseholdId: name one household of this pair to keep (the other is closed)', 'keepHouseholdId');
    }
    const camps = [...new Set([candidate.campId, candidate.otherCampId])];
    const mine = camps.filter((camp) => canAccessCamp(user, camp));
    const approvals = candidate.mergeApprovals.filter((a) => !mine.includes(a.camp));
    const other = approvals.find((a) => a.keepHouseholdId !== keep);
    if (other !== undefined) {
      throw new ConflictError(
        'REGISTRATION.MERGE_DISAGREES',
        `A supervisor of camp ${other.camp} proposed keeping the other household; agree to keep that one, or decide "distinct"`,
        { keepHouseholdId: other.keepHouseholdId },
      );
    }
    const at = new Date().toISOString();
    const agreed: MergeApproval[] = [...approvals, ...mine.map((camp) => ({ camp, by: user.sub, keepHouseholdId: keep, reason: dto.reason, at }))];
    if (!camps.every((camp) => agreed.some((a) => a.camp === camp))) {
      await this.candidates.proposeMerge(manager, candidate.id, agreed, keep);
      return;
    }
    await this.candidates.proposeMerge(manager, candidate.id, agreed, keep);
    await this.candidates.decide(manager, candidate.id, 'same', user.sub, dto.reason, keep);
    await this.merges.merge(manager, candidate.id, keep, close, user.sub);
  }
}

function viewOf(row: CandidateRow): DuplicateCandidateView {
  const camps = [...new Set([row.campId, row.otherCampId])];
  const approved = [...new Set(row.mergeApprovals.map((a) => a.camp))];
  const proposal =
    row.status === 'open' && row.keepHouseholdId !== null
      ? { keepHouseholdId: row.keepHouseholdId, approvedCamps: approved, awaitingCamps: camps.filter((c) => !approved.includes(c)) }
      : null;
  return {
    id: row.id,
    householdId: row.householdId,
    otherHouseholdId: row.otherHouseholdId,
    campId: row.campId,
    otherCampId: row.otherCampId,
    householdStatus: row.householdStatus,
    otherHouseholdStatus: row.otherHouseholdStatus,
    reasons: row.reasons,
    score: row.score,
    status: row.status,
    decidedBy: row.decidedBy,
    decisionReason: row.decisionReason,
    keptHouseholdId: row.status === 'same' ? row.keepHouseholdId : null,
    mergeProposal: proposal,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
