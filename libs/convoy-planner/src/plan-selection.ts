// Who travels: households claim capacity in priority order; the chosen ones are then packed
// First Fit Decreasing per corridor.
import { busesUsed, createPlanState, insertHousehold, openConvoys, type PlanState } from './convoy-builder.js';
import { byPriorityThenId, unplacedHousehold, type PlannableHousehold } from './household-intake.js';
import { corridorLowerBound } from './lower-bound.js';
import { compareText, fromCargoMillis, type PlannerContext } from './planner-context.js';
import type { UnplacedHousehold, UnplacedReasonCode } from './planner-output.js';

export interface PackedHouseholds {
  readonly state: PlanState;
  readonly placed: readonly PlannableHousehold[];
  readonly unplaced: readonly UnplacedHousehold[];
}

/** FFD order: corridor by corridor, largest seat need first; ties by further needs, priority, then id. */
export function byDecreasingNeeds(a: PlannableHousehold, b: PlannableHousehold): number {
  return (
    compareText(a.corridorId, b.corridorId) ||
    b.seatUnits - a.seatUnits ||
    b.ambulancePlaces - a.ambulancePlaces ||
    b.ambulanceSeats - a.ambulanceSeats ||
    b.cargoMillis - a.cargoMillis ||
    byPriorityThenId(a, b)
  );
}

/** Convoys each corridor needs at least: enough for its fewest buses and for its families. */
export function expectedConvoys(
  context: PlannerContext,
  households: readonly PlannableHousehold[],
  knownBuses: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const totals = new Map<string, { seatUnits: number; families: number }>();
  for (const household of households) {
    const total = totals.get(household.corridorId) ?? { seatUnits: 0, families: 0 };
    totals.set(household.corridorId, { seatUnits: total.seatUnits + household.seatUnits, families: total.families + 1 });
  }
  const counts = new Map<string, number>();
  for (const [corridorId, total] of totals) {
    const buses = knownBuses.get(corridorId) ?? corridorLowerBound(total.seatUnits, context);
    const byBuses = Math.ceil(buses / context.maxBusesPerConvoy);
    counts.set(corridorId, Math.max(byBuses, Math.ceil(total.families / context.maxFamiliesPerConvoy)));
  }
  return counts;
}

/** First Fit Decreasing of all `households` into a fresh fleet; `complete` is false when one did not fit. */
export function packFirstFitDecreasing(
  context: PlannerContext,
  households: readonly PlannableHousehold[],
): { readonly state: PlanState; readonly complete: boolean } {
  const state = createPlanState(context);
  for (const [corridorId, count] of expectedConvoys(context, households)) openConvoys(state, corridorId, count);
  for (const household of [...households].sort(byDecreasingNeeds)) {
    if (!insertHousehold(state, household).placed) return { state, complete: false };
  }
  return { state, complete: true };
}

function shortageMessage(code: UnplacedReasonCode, household: PlannableHousehold): string {
  switch (code) {
    case 'NO_CARGO_TRUCK':
      return `No cargo truck has room for the household's belongings (${fromCargoMillis(household.cargoMillis)} truck shares) in a convoy that has seats for it.`;
    case 'NO_AMBULANCE_PLACE':
      return (
        `No ambulance place is left for the household member(s) who must ride an ambulance ` +
        `(${household.ambulancePlaces} on a stretcher, ${household.ambulanceSeats} seated) in a convoy that has seats for the household; ` +
        `the family is not split across convoys.`
      );
    default:
      return `No bus has ${household.seatUnits} free seats left once households with higher priority are seated.`;
  }
}

/**
 * Priority first, then packing. The longest priority-ordered prefix that FFD can carry is found by
 * bisection; every later household, in priority order, is added first fit where it still fits, so a
 * household is only left out when the fleet cannot take it beside everyone ranked above it. The chosen
 * households are then packed again by FFD, kept when that needs no more buses.
 */
export function selectAndPack(context: PlannerContext, households: readonly PlannableHousehold[]): PackedHouseholds {
  const byPriority = [...households].sort(byPriorityThenId);
  const everyone = packFirstFitDecreasing(context, byPriority);
  if (everyone.complete) return { state: everyone.state, placed: byPriority, unplaced: [] };

  let carried = 0;
  let carriedState = createPlanState(context);
  let notCarried = byPriority.length;
  while (notCarried - carried > 1) {
    const middle = Math.floor((carried + notCarried) / 2);
    const attempt = packFirstFitDecreasing(context, byPriority.slice(0, middle));
    if (attempt.complete) {
      carried = middle;
      carriedState = attempt.state;
    } else {
      notCarried = middle;
    }
  }

  const placed = byPriority.slice(0, carried);
  const unplaced: UnplacedHousehold[] = [];
  for (const household of byPriority.slice(carried)) {
    const outcome = insertHousehold(carriedState, household);
    if (outcome.placed) placed.push(household);
    else unplaced.push(unplacedHousehold(household.id, outcome.code, shortageMessage(outcome.code, household)));
  }

  const repacked = packFirstFitDecreasing(context, placed);
  const state = repacked.complete && busesUsed(repacked.state) <= busesUsed(carriedState) ? repacked.state : carriedState;
  return { state, placed, unplaced };
}
