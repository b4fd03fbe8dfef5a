import type { EntityManager } from 'typeorm';
import { reaches } from '@awda/areas';
import { ConflictError } from '@awda/bootstrap';
import {
  OPEN_CONVOY_STATUSES,
  type AssignmentRow,
  type ConvoyRow,
  type HouseholdRow,
  type SchedulingRepository,
} from './scheduling.repository.js';

export interface LockedHousehold {
  household: HouseholdRow;
  assignment?: AssignmentRow;
  convoy?: ConvoyRow;
}

/**
 * Locks a household and the convoy it rides, always convoy first then household (the order every
 * writer uses, so a cancellation and a withdrawal never deadlock). Re-reads the assignment after
 * locking in case it moved meanwhile.
 */
export async function lockHouseholdWithSeat(scheduling: SchedulingRepository, manager: EntityManager, householdId: string): Promise<LockedHousehold | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const seen = await scheduling.activeAssignment(manager, householdId);
    const convoy = seen ? await scheduling.findConvoy(manager, seen.convoyId, 'FOR SHARE') : undefined;
    const household = await scheduling.findHousehold(manager, householdId, 'FOR UPDATE');
    if (!household) return undefined;
    const assignment = await scheduling.activeAssignment(manager, householdId);
    if (assignment?.id === seen?.id) return { household, assignment, convoy };
  }
  throw new ConflictError('TRANSPORT.CHANGED_CONCURRENTLY', 'The household’s seat changed while this was saved; try again.');
}

export function isOpen(convoy: ConvoyRow): boolean {
  return OPEN_CONVOY_STATUSES.includes(convoy.status);
}

/**
 * Convoy destinations are area codes at any level: a convoy to SY11 goes to every place in Ar-Raqqa
 * governorate. `chain` is the household's destination and every area above it (AreaChains).
 */
export function goesTo(convoy: Pick<ConvoyRow, 'destinations'>, chain: readonly string[]): boolean {
  return reaches(convoy.destinations, chain);
}

/** Eligible, known in full (a registration snapshot arrived), not withdrawn, closed or gone. */
export function isSchedulable(household: HouseholdRow): boolean {
  return (
    household.eligibility === 'eligible' &&
    household.householdVersion > 0 &&
    household.destinationArea !== null &&
    (household.registrationStatus === 'registered' || household.registrationStatus === 'scheduled')
  );
}
