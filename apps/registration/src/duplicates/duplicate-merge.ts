import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '@awda/bootstrap';
import { HOUSEHOLD_CLOSED_V1 } from '@awda/contracts';
import { HouseholdChanges } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { HouseholdRecord } from '../households/household.types.js';
import { AssessmentsRepository } from '../household-status/assessments.repository.js';
import { DuplicatesRepository } from './duplicates.repository.js';

// The only reason code a merge itself resolves: the pair being decided.
const RESOLVED_BY_MERGE = 'duplicate_unresolved';

/**
 * "Same family": one record stays, the other is closed as its duplicate. The record kept takes the
 * earlier registration date (the family waited since then), and transport moves the closed record's
 * seat to it (household.closed names it in mergedInto), so one family never holds two seats. Call
 * after the pair is marked decided, so that both snapshots count it as resolved.
 */
@Injectable()
export class DuplicateMerge {
  constructor(
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
    private readonly candidates: DuplicatesRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async merge(manager: EntityManager, candidateId: string, keepId: string, closeId: string, actor: string): Promise<void> {
    // Locked in id order, as every writer of two households does.
    const locked = new Map<string, HouseholdRecord>();
    for (const id of [keepId, closeId].sort()) {
      const household = await this.store.find(manager, id, true);
      if (household !== undefined) locked.set(id, household);
    }
    const keep = locked.get(keepId);
    const close = locked.get(closeId);
    if (keep === undefined || close === undefined) throw new ConflictError('REGISTRATION.MERGE_HOUSEHOLD_GONE', 'One of the two households no longer exists');
    if (keep.status === 'closed' || keep.status === 'departed') {
      throw new ConflictError('REGISTRATION.MERGE_KEEP_CLOSED', 'The household to keep is closed; keep the other one, or decide "distinct"');
    }
    await this.refuseLosingSeat(manager, keep, close);

    const earlier = new Date(close.registeredAt) < new Date(keep.registeredAt);
    const kept = await this.changes.save(manager, keep, earlier ? { registered_at: close.registeredAt } : {});
    const registeredAt = { from: new Date(keep.registeredAt).toISOString(), to: new Date(close.registeredAt).toISOString() };
    await this.changes.publish(manager, kept, {
      kind: 'duplicate_resolved',
      changes: earlier ? ['duplicates', 'registeredAt'] : ['duplicates'],
      actor,
      detail: { candidateId, decision: 'same', closedHouseholdId: closeId, ...(earlier ? { values: { registeredAt } } : {}) },
    });
    if (close.status === 'closed' || close.status === 'departed') return;
    const closed = await this.changes.save(manager, close, { status: 'closed', closed_reason: 'duplicate', merged_into: keepId });
    await this.changes.publish(manager, closed, {
      kind: 'closed',
      changes: ['duplicates', 'status'],
      actor,
      detail: { candidateId, decision: 'same', mergedInto: keepId, values: { status: { from: close.status, to: 'closed' } } },
      events: [
        {
          subject: HOUSEHOLD_CLOSED_V1,
          data: { householdId: closeId, campId: closed.campId, reason: 'duplicate', version: closed.version, mergedInto: keepId },
        },
      ],
    });
  }

  /**
   * A seat moves to the record kept; a record that cannot travel yet would lose it at once (transport
   * frees a seat whose family is no longer eligible). Refused while the record kept is held back by
   * anything but this very pair.
   */
  private async refuseLosingSeat(manager: EntityManager, keep: HouseholdRecord, close: HouseholdRecord): Promise<void> {
    if (close.status !== 'scheduled' || keep.status === 'scheduled') return;
    const assessment = await this.assessments.latestCodes(manager, keep.id);
    const blocking = assessment === undefined ? ['not_assessed'] : assessment.status === 'eligible' ? [] : assessment.codes.filter((c) => c !== RESOLVED_BY_MERGE);
    if (blocking.length === 0) return;
    throw new ConflictError(
      'REGISTRATION.MERGE_WOULD_LOSE_SEAT',
      `The household to close has a seat on a convoy, and the household you keep cannot travel yet (${blocking.join(', ')}): ` +
        'keep the scheduled household, or complete the other one first',
      { blocking },
    );
  }
}
