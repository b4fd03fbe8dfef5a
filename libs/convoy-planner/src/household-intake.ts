// Turns submitted households into what the packing needs, or into an unplaced entry saying why not.
import { compareText, toCargoMillis, type PlannerContext } from './planner-context.js';
import type { HouseholdToPlan } from './planner-input.js';
import type { UnplacedHousehold, UnplacedReasonCode } from './planner-output.js';
import { fewestBusesFor } from './lower-bound.js';
import { roundSeatUnits, seatUnitsOf } from './seat-units.js';

export interface PlannableHousehold {
  readonly id: string;
  readonly destination: string;
  readonly corridorId: string;
  readonly priority: number;
  /** Whole bus seat units. */
  readonly seatUnits: number;
  /** Cargo in thousandths of a truck share. */
  readonly cargoMillis: number;
  /** Stretcher places. */
  readonly ambulancePlaces: number;
  /** Seated ambulance places. */
  readonly ambulanceSeats: number;
}

export interface HouseholdIntake {
  readonly plannable: readonly PlannableHousehold[];
  readonly unplaced: readonly UnplacedHousehold[];
}

export function unplacedHousehold(householdId: string, code: UnplacedReasonCode, message: string): UnplacedHousehold {
  return { householdId, reason: { code, message } };
}

/** Highest priority first, then by id: the order in which households claim capacity. */
export function byPriorityThenId(a: { priority: number; id: string }, b: { priority: number; id: string }): number {
  return b.priority - a.priority || compareText(a.id, b.id);
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The first problem with the household's own data, as a sentence; undefined when it is usable. */
function dataProblem(household: HouseholdToPlan): string | undefined {
  if (typeof household.destination !== 'string' || household.destination === '') return 'The household has no destination.';
  if (typeof household.priority !== 'number' || !Number.isFinite(household.priority)) return 'The household has no priority score.';
  const hasMembers = household.members !== undefined;
  const hasSeatUnits = household.seatUnits !== undefined;
  if (hasMembers === hasSeatUnits) return 'Give either the members or the seat units of the household, not both or neither.';
  if (hasMembers && !household.members?.every((member) => isNonNegative(member.age))) {
    return 'A member of the household has no valid age.';
  }
  if (hasSeatUnits && !isNonNegative(household.seatUnits)) return 'The seat units of the household are not a number of seats.';
  if (household.cargoUnits !== undefined && !isNonNegative(household.cargoUnits)) return 'The cargo estimate is not a number of truck shares.';
  const places = household.ambulancePlaces ?? 0;
  if (!Number.isInteger(places) || places < 0) return 'The ambulance places are not a whole number of people.';
  const seats = household.ambulanceSeats ?? 0;
  if (!Number.isInteger(seats) || seats < 0) return 'The seated ambulance places are not a whole number of people.';
  if (household.members !== undefined && places + seats > household.members.length) {
    return 'More ambulance places are asked for than the household has members.';
  }
  return undefined;
}

function corridorOf(household: HouseholdToPlan, context: PlannerContext): string | UnplacedHousehold {
  if (household.corridor !== undefined) {
    const listed = context.corridorDestinations.get(household.corridor)?.has(household.destination) ?? false;
    if (listed) return household.corridor;
    return unplacedHousehold(
      household.id,
      'DESTINATION_OFF_CORRIDOR',
      `Destination ${household.destination} is not on corridor ${household.corridor}.`,
    );
  }
  // Several corridors may list a destination; the first by id is taken unless the household names one.
  const corridorId = context.corridorsByDestination.get(household.destination)?.[0];
  if (corridorId !== undefined) return corridorId;
  return unplacedHousehold(
    household.id,
    'DESTINATION_OFF_CORRIDOR',
    `Destination ${household.destination} is not on any corridor of this plan, so no convoy goes there.`,
  );
}

function sizeProblem(household: PlannableHousehold, context: PlannerContext): UnplacedHousehold | undefined {
  const largestBus = context.buses[0]?.capacity ?? 0;
  // Without buses the shortage is reported as NO_BUS_SEATS when packing.
  if (largestBus === 0 || household.seatUnits <= largestBus) return undefined;
  if (!context.splitLargeHouseholds) {
    return unplacedHousehold(
      household.id,
      'HOUSEHOLD_LARGER_THAN_ANY_BUS',
      `The household needs ${household.seatUnits} seats but the largest bus carries ${largestBus}, and households are not split across buses.`,
    );
  }
  const busesNeeded = fewestBusesFor(household.seatUnits, context.buses.map((bus) => bus.capacity));
  if (busesNeeded > context.maxBusesPerConvoy) {
    return unplacedHousehold(
      household.id,
      'HOUSEHOLD_LARGER_THAN_CONVOY',
      `The household needs ${household.seatUnits} seats, more than one convoy of ${context.maxBusesPerConvoy} buses carries.`,
    );
  }
  return undefined;
}

/** Validates households one by one; a bad household is unplaced with a reason and never stops the plan. */
export function intakeHouseholds(households: readonly HouseholdToPlan[], context: PlannerContext): HouseholdIntake {
  const idCounts = new Map<string, number>();
  for (const household of households) idCounts.set(household.id, (idCounts.get(household.id) ?? 0) + 1);
  const plannable: PlannableHousehold[] = [];
  const unplaced: UnplacedHousehold[] = [];
  const reportedDuplicates = new Set<string>();
  for (const household of households) {
    if (typeof household.id !== 'string' || household.id === '') {
      unplaced.push(unplacedHousehold(String(household.id), 'INVALID_HOUSEHOLD', 'The household has no id.'));
      continue;
    }
    if ((idCounts.get(household.id) ?? 0) > 1) {
      // Keeping one of the copies would depend on input order, so none is planned.
      if (!reportedDuplicates.has(household.id)) {
        reportedDuplicates.add(household.id);
        unplaced.push(unplacedHousehold(household.id, 'DUPLICATE_HOUSEHOLD_ID', 'Two or more households were sent with this id; none of them is planned.'));
      }
      continue;
    }
    const problem = dataProblem(household);
    if (problem !== undefined) {
      unplaced.push(unplacedHousehold(household.id, 'INVALID_HOUSEHOLD', problem));
      continue;
    }
    const corridor = corridorOf(household, context);
    if (typeof corridor !== 'string') {
      unplaced.push(corridor);
      continue;
    }
    const ambulancePlaces = household.ambulancePlaces ?? 0;
    const ambulanceSeats = household.ambulanceSeats ?? 0;
    const seatUnits =
      household.members !== undefined
        ? seatUnitsOf(household.members, context.seatWeights, ambulancePlaces + ambulanceSeats)
        : roundSeatUnits(household.seatUnits ?? 0);
    const candidate: PlannableHousehold = {
      id: household.id,
      destination: household.destination,
      corridorId: corridor,
      priority: household.priority,
      seatUnits,
      cargoMillis: toCargoMillis(household.cargoUnits ?? 1),
      ambulancePlaces,
      ambulanceSeats,
    };
    const tooLarge = sizeProblem(candidate, context);
    if (tooLarge !== undefined) unplaced.push(tooLarge);
    else plannable.push(candidate);
  }
  return { plannable, unplaced };
}
