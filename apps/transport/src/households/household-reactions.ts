import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@awda/bootstrap';
import { AreaChains } from '../areas/area-chains.js';
import { goesTo, isOpen, type LockedHousehold } from '../scheduling/household-lock.js';
import { type AssignmentRow, type HouseholdRow, SchedulingRepository } from '../scheduling/scheduling.repository.js';
import { SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { HouseholdsRepository } from './households.repository.js';

/**
 * What happens to a family's seat when what we know of the family changes: withdrawn, no longer
 * eligible or closed → the seat is freed and the family told; a new size (seats, ambulance places,
 * truck share) → re-booked within the same convoy, on several of its buses if the family is larger
 * than one, if it still fits; else freed (size_changed).
 */
@Injectable()
export class HouseholdReactions {
  private readonly logger = new Logger(HouseholdReactions.name);

  constructor(
    private readonly scheduling: SchedulingRepository,
    private readonly households: HouseholdsRepository,
    private readonly ledger: SeatLedger,
    private readonly areas: AreaChains,
  ) {}

  /** Call with the locks taken before the projection row was updated. */
  async react(manager: EntityManager, locked: LockedHousehold): Promise<void> {
    const { assignment, convoy } = locked;
    // Departed or arrived families keep their record; a cancelled convoy has already released them.
    if (!assignment || !convoy || !isOpen(convoy)) return;
    const household = await this.scheduling.findHousehold(manager, locked.household.householdId);
    if (!household) return;
    const reason = unscheduleReason(household);
    if (reason) {
      this.logger.log(`household ${household.householdId} unscheduled from convoy ${convoy.id}: ${reason}`);
      await this.ledger.unschedule(manager, assignment, household.campId, reason);
      return;
    }
    if (household.destinationArea === null || !goesTo(convoy, await this.areas.chainOf(manager, household.destinationArea))) {
      await this.ledger.unschedule(manager, assignment, household.campId, 'destination_changed');
      return;
    }
    const memberIds = household.members.map((member) => member.memberId);
    await this.households.dropCheckInsOfOthers(manager, assignment.id, memberIds);
    const sameSize =
      household.seatUnits === assignment.seatUnits &&
      household.ambulancePlaces === assignment.ambulancePlaces &&
      household.ambulanceSeats === assignment.ambulanceSeats &&
      household.cargoMillis === assignment.cargoMillis;
    if (sameSize) return;
    const resized: AssignmentRow = {
      ...assignment,
      seatUnits: household.seatUnits,
      ambulancePlaces: household.ambulancePlaces,
      ambulanceSeats: household.ambulanceSeats,
      cargoMillis: household.cargoMillis,
    };
    if (await this.rebook(manager, assignment, resized)) {
      await this.households.resizeAssignment(manager, resized);
      return;
    }
    this.logger.log(`household ${household.householdId} no longer fits convoy ${convoy.id}: size_changed`);
    await this.ledger.unschedule(manager, assignment, household.campId, 'size_changed');
  }


  /** Gives back the old places and books the new size, same (first) bus first, then any bus of the convoy. */
  private async rebook(manager: EntityManager, before: AssignmentRow, resized: AssignmentRow): Promise<boolean> {
    const buses = await this.households.busesOf(manager, before.id);
    await this.ledger.releaseBookings(manager, before.id);
    for (const busVehicleId of [buses[0]?.vehicleId, undefined]) {
      try {
        await this.households.inSavepoint(manager, 'rebook', () => this.ledger.bookFamily(manager, resized, busVehicleId));
        return true;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return false;
  }
}

// Reasons that never take a family off its convoy by themselves: a possible duplicate goes to a
// supervisor (eligibility does not count one against a scheduled family; this covers the moment before
// registration has told eligibility the family is scheduled).
const SUPERVISOR_DECIDES = new Set(['duplicate_unresolved']);

/** Why a family with a seat must give it up, or undefined when it keeps it. */
export function unscheduleReason(household: Pick<HouseholdRow, 'registrationStatus' | 'eligibility' | 'assessmentReasons'>): string | undefined {
  if (household.registrationStatus === 'withdrawn') return 'withdrawn';
  if (household.registrationStatus === 'closed' || household.registrationStatus === 'departed') return 'closed';
  if (household.eligibility === 'eligible') return undefined;
  // Not assessed yet: a seat moved to the record kept of a merged duplicate, before its first assessment.
  if (household.eligibility === null) return undefined;
  const reasons = household.assessmentReasons;
  if (household.eligibility === 'pending' && reasons.length > 0 && reasons.every((code) => SUPERVISOR_DECIDES.has(code))) return undefined;
  return 'no_longer_eligible';
}
