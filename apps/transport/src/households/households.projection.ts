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

/**
 * Transport's copy of what it needs of a household (no names): case number, size in seat units, ambulance places,
 * destination, registration status, eligibility and priority. Each source keeps its own version and
 * an older event never overwrites a newer one (events can arrive out of order).
 */
@Injectable()
export class HouseholdsProjection {
  constructor(
    private readonly inbox: Inbox,
    private readonly reactions: HouseholdReactions,
    private readonly merges: MergedDuplicates,
  ) {}

  async applySnapshot(event: EventEnvelope, snapshot: HouseholdSnapshotV1): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      const locked = await this.lock(manager, snapshot.householdId, snapshot.campId);
      if (snapshot.version <= locked.household.householdVersion) return;
      const needs = travelNeedsOf(snapshot.members);
      await manager.query(
        `UPDATE households SET camp_id = $2, household_version = $3, registration_status = $4, destination_area = $5,
                members = $6::jsonb, seat_units = $7, ambulance_places = $8, ambulance_seats = $9, case_number = $10, updated_at = now()
          WHERE household_id = $1`,
        [
          snapshot.householdId,
          snapshot.campId,
          snapshot.version,
          snapshot.status,
          snapshot.destinationArea,
          JSON.stringify(needs.members),
          needs.seatUnits,
          needs.ambulancePlaces,
          needs.ambulanceSeats,
          snapshot.caseNumber,
        ],
      );
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
      // The destination is registration's to say; the assessment's copy only fills a gap.
      // The priority's basis (absent from older producers) lets planning count waiting time to its own day.
      await manager.query(
        `UPDATE households SET assessment_version = $2, eligibility = $3, priority = $4,
                destination_area = COALESCE(destination_area, $5), assessment_reasons = $6, priority_basis = $7::jsonb,
                updated_at = now()
          WHERE household_id = $1`,
        [
          assessment.householdId,
          assessment.assessmentVersion,
          assessment.status,
          assessment.priority,
          assessment.destinationArea,
          assessment.reasons.map((reason) => reason.code),
          assessment.priorityBasis ? JSON.stringify(assessment.priorityBasis) : null,
        ],
      );
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
      await manager.query(
        `UPDATE households SET registration_status = $2, household_version = $3, updated_at = now() WHERE household_id = $1`,
        [data.householdId, status, data.version],
      );
      if (mergedInto !== undefined) await this.merges.seatToKept(manager, locked, mergedInto);
      else await this.reactions.react(manager, locked);
    });
  }

  /** An event may come before the household's snapshot: keep a row for what we know so far. */
  private async lock(manager: EntityManager, householdId: string, campId: string): Promise<LockedHousehold> {
    await manager.query(`INSERT INTO households (household_id, camp_id) VALUES ($1, $2) ON CONFLICT (household_id) DO NOTHING`, [
      householdId,
      campId,
    ]);
    const locked = await lockHouseholdWithSeat(manager, householdId);
    if (!locked) throw new Error(`household ${householdId} vanished while being projected`);
    return locked;
  }
}
