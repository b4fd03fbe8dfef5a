import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HouseholdChanges } from '../households/household-changes.js';
import type { HouseholdRecord } from '../households/household.types.js';
import { DuplicateFinder } from './duplicate.finder.js';

/** Queues duplicate candidates of a household and tells consumers about the other households' new counts. */
@Injectable()
export class DuplicateQueue {
  constructor(
    private readonly finder: DuplicateFinder,
    private readonly changes: HouseholdChanges,
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
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended('registration.identity:' || k, 0))) FROM (
         SELECT k FROM (
           SELECT unnest($1::text[]) AS k
           UNION SELECT phone_hash FROM households WHERE id = $2 AND phone_hash IS NOT NULL
           UNION SELECT number_hash FROM identity_documents WHERE household_id = $2
         ) identities ORDER BY k COLLATE "C") ordered`,
      [keys, householdId ?? null],
    );
  }

  /** Returns how many other households were newly queued as possible duplicates. */
  async check(manager: EntityManager, household: Pick<HouseholdRecord, 'id' | 'campId'>, actor: string): Promise<number> {
    const others = await this.finder.queueFor(manager, household.id, household.campId);
    // Sorted ids: concurrent registrations lock the other households in the same order.
    for (const otherId of others) {
      const saved = await this.changes.saveIfExists(manager, otherId);
      if (saved === undefined) continue;
      await this.changes.publish(manager, saved, {
        kind: 'duplicate_flagged',
        changes: ['duplicates'],
        actor,
        detail: { otherHouseholdId: household.id },
      });
    }
    return others.length;
  }
}
