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
