import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  EventEnvelope,
  HouseholdAssessedV1,
  HouseholdClosedV1,
  HouseholdSnapshotV1,
  HouseholdWithdrawnV1,
} from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { lockHouseholdWithSeat, type LockedHousehold } from '../scheduling/household-lock.js';
import { HouseholdReactions } from './household-reactions.js';
import { MergedDuplicates } from './merged-duplicates.js';
import { travelNeedsOf } from './household-facts.js';
import { HouseholdsRepository } from './households.repository.js';
import { SchedulingRepository } from '../scheduling/scheduling.repository.js';

/**
 * Transport's copy of what it needs of a household (no names): case number, size in seat units, ambulance places,
 * destination, registration status, eligibility and priority. Each source keeps its own version and
 * an older event never overwrites a newer one (events can arrive out of order).
 */
@Injectable()
export class HouseholdsProjection {
  constructor(
    private readonly scheduling: SchedulingRepository,
    private readonly households: HouseholdsRepository,
    private readonly inbox: Inbox,
    private readonly reactions: HouseholdReactions,
    private readonly merges: MergedDuplicates,
  ) {}

  async applySnapshot(event: EventEnvelope, snapshot: HouseholdSnapshotV1): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      const locked = await this.lock(manager, snapshot.householdId, snapshot.campId);
      if (snapshot.version <= locked.household.householdVersion) return;
      const needs = travelNeedsOf(snapshot.members);
      await this.households.saveSnapshot(manager, snapshot, needs);
      // Closed as a duplicate: the seat goes to the record kept, whichever of this snapshot and
      // household.closed (same version) arrives first.
      if (snapshot.status === 'closed' && snapshot.mergedInto !== undefined) await this.merges.seatToKept(manager, locked, snapshot.mergedInto);
      else await this.reactions.react(manager, locked);
    });
  }

  async applyAssessment(event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    const assessment = event.data;
    await this.inbox.process(event, async (manager) => {
      const locked = await this.lock(manager, assessment.householdId, assessment.campId);
      if (assessment.assessmentVersion <= locked.household.assessmentVersion) return;
      await this.households.saveAssessment(manager, assessment);
      await this.reactions.react(manager, locked);
    });
  }

  async applyWithdrawn(event: EventEnvelope<HouseholdWithdrawnV1>): Promise<void> {
    await this.applyStatus(event, event.data, 'withdrawn');
  }

  async applyClosed(event: EventEnvelope<HouseholdClosedV1>): Promise<void> {
    const keptId = event.data.reason === 'duplicate' ? event.data.mergedInto : undefined;
    await this.applyStatus(event, event.data, 'closed', keptId);
  }

  private async applyStatus(
    event: EventEnvelope,
    data: { householdId: string; campId: string; version: number },
    status: 'withdrawn' | 'closed',
    /** Closed as a duplicate of this household: the seat goes there. */
    mergedInto?: string,
  ): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      const locked = await this.lock(manager, data.householdId, data.campId);
      if (data.version <= locked.household.householdVersion) return;
      await this.households.saveRegistrationStatus(manager, data.householdId, status, data.version);
      if (mergedInto !== undefined) await this.merges.seatToKept(manager, locked, mergedInto);
      else await this.reactions.react(manager, locked);
    });
  }

  /** An event may come before the household's snapshot: keep a row for what we know so far. */
  private async lock(manager: EntityManager, householdId: string, campId: string): Promise<LockedHousehold> {
    await this.households.ensureHousehold(manager, householdId, campId);
    const locked = await lockHouseholdWithSeat(this.scheduling, manager, householdId);
    if (!locked) throw new Error(`household ${householdId} vanished while being projected`);
    return locked;
  }
}
