import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HouseholdChanges } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { HouseholdRecord } from '../households/household.types.js';
import { DuplicateFinder } from './duplicate.finder.js';
import { DuplicatesRepository, type MatchMember } from './duplicates.repository.js';

/** Queues duplicate candidates of a household and tells consumers about the other households' new counts. */
@Injectable()
export class DuplicateQueue {
  constructor(
    private readonly finder: DuplicateFinder,
    private readonly changes: HouseholdChanges,
    private readonly households: HouseholdsRepository,
    private readonly candidates: DuplicatesRepository,
  ) {}

  /**
   * Serialises registrations that share a phone or a document number, until commit: the second one
   * then sees the first (committed) and queues the pair. Without it two at the same moment each
   * missed the other. Keys in one order, so two holders never wait on each other. Names are not
   * locked: two registrations alike only by name at the same moment can still miss each other.
   */
  async lockIdentities(manager: EntityManager, identityHashes: (string | null | undefined)[], householdId?: string): Promise<void> {
    const keys = [...new Set(identityHashes.filter((k): k is string => typeof k === 'string' && k !== ''))];
    if (keys.length === 0 && householdId === undefined) return;
    // With a household: its phone and documents as committed too, read before its row is locked, so
    // that two changes of households sharing one take the same lock first instead of deadlocking.
    await this.candidates.lockIdentities(manager, keys, householdId ?? null);
  }

  /**
   * Returns how many other households were newly queued as possible duplicates. inserted: see
   * DuplicateFinder.queueFor. Another household is
   * republished (household.updated) only when the flag changes what a consumer decides on: a
   * registered household with no open possible duplicate until now, which eligibility now holds for
   * a supervisor. A household already held, or one that is scheduled (a flag goes to a supervisor
   * and does not take a family off its convoy), withdrawn or closed, gets a timeline row only; its
   * next snapshot carries the new count. Without this, 531 registrations of very common names sent
   * ~41,000 household.updated and as many assessments.
   */
  async check(manager: EntityManager, household: Pick<HouseholdRecord, 'id' | 'campId'>, actor: string, inserted?: MatchMember[]): Promise<number> {
    const others = await this.finder.queueFor(manager, household.id, household.campId, inserted);
    // Sorted ids: concurrent registrations lock the other households in the same order.
    for (const otherId of others) {
      const other = await this.households.lockWithOpenDuplicates(manager, otherId);
      if (other === undefined) continue;
      const detail = { otherHouseholdId: household.id };
      if (other.status !== 'registered' || other.open > 1) {
        await this.changes.timeline(manager, otherId, 'duplicate_flagged', null, actor, [], detail);
        continue;
      }
      const saved = await this.changes.saveIfExists(manager, otherId);
      if (saved === undefined) continue;
      await this.changes.publish(manager, saved, { kind: 'duplicate_flagged', changes: ['duplicates'], actor, detail });
    }
    return others.length;
  }
}
