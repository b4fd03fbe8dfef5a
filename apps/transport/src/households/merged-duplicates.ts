import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isOpen, lockHouseholdWithSeat, type LockedHousehold } from '../scheduling/household-lock.js';
import { SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { HouseholdReactions } from './household-reactions.js';
import { HouseholdsRepository } from './households.repository.js';
import { SchedulingRepository } from '../scheduling/scheduling.repository.js';

const MERGE = 'system:duplicate-merge';

/**
 * A supervisor decided two records are one family and closed one (household.closed, reason
 * duplicate, mergedInto = the record kept). The family keeps its place: the closed record's seat
 * passes to the kept record on the same convoy, unless the kept record already has a seat (then the
 * closed one's is freed: one family, one seat) or lives in another camp than the convoy leaves from.
 */
@Injectable()
export class MergedDuplicates {
  private readonly logger = new Logger(MergedDuplicates.name);

  constructor(
    private readonly scheduling: SchedulingRepository,
    private readonly households: HouseholdsRepository,
    private readonly ledger: SeatLedger,
    private readonly reactions: HouseholdReactions,
  ) {}

  /** Call with the closed record locked (convoy, then household) and its status already saved. */
  async seatToKept(manager: EntityManager, closed: LockedHousehold, keptId: string): Promise<void> {
    const { assignment, convoy, household } = closed;
    if (!assignment || !convoy || !isOpen(convoy)) return;
    // The merge may reach transport before anything else of the kept record.
    await this.households.ensureHousehold(manager, keptId, household.campId);
    const kept = await lockHouseholdWithSeat(this.scheduling, manager, keptId);
    if (!kept) throw new Error(`household ${keptId} vanished while a seat moved to it`);
    if (kept.assignment || kept.household.campId !== convoy.campId) {
      await this.ledger.unschedule(manager, assignment, household.campId, 'closed');
      return;
    }
    // The places pass from one assignment to the other without being given back in between, so no
    // other family can take them; the bookings (vehicles) stay as they are.
    const moved = await this.ledger.createAssignment(
      manager,
      {
        ...kept.household,
        seatUnits: assignment.seatUnits,
        ambulancePlaces: assignment.ambulancePlaces,
        ambulanceSeats: assignment.ambulanceSeats,
        cargoMillis: assignment.cargoMillis,
      },
      convoy.id,
      MERGE,
    );
    await this.households.moveBookings(manager, assignment.id, moved.id);
    await this.households.dropCheckIns(manager, assignment.id);
    await this.ledger.unschedule(manager, assignment, household.campId, 'closed', { note: `merged into ${keptId}` });
    // Until the kept record's own snapshot arrives, it goes where the closed one went.
    const destinationArea = kept.household.destinationArea ?? household.destinationArea;
    await this.ledger.announceScheduled(manager, convoy, [{ ...kept.household, destinationArea }]);
    this.logger.log(`household ${household.householdId} closed as a duplicate: its seat on convoy ${convoy.id} moved to ${keptId}`);
    // The kept record's own size and destination, when known: re-booked on this convoy, or freed.
    if (kept.household.householdVersion > 0) await this.reactions.react(manager, { household: kept.household, assignment: moved, convoy });
  }
}
