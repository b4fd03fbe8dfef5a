import type { PlannerContext } from './planner-context.js';

/** Fewest vehicles that can hold `amount`, taking the largest first; Infinity when all of them cannot. */
export function fewestBusesFor(amount: number, capacitiesLargestFirst: readonly number[]): number {
  let covered = 0;
  let count = 0;
  for (const capacity of capacitiesLargestFirst) {
    if (covered >= amount) break;
    covered += capacity;
    count += 1;
  }
  return covered >= amount ? count : Number.POSITIVE_INFINITY;
}

/**
 * Lower bound on one corridor's buses: the fewest of the fleet's largest buses whose capacities add up to
 * its seat units. With one bus size it is ⌈seatUnits / capacity⌉; with mixed sizes it stays a valid bound
 * because no set of fewer buses has as many seats.
 */
export function corridorLowerBound(seatUnits: number, context: PlannerContext): number {
  const bound = fewestBusesFor(seatUnits, context.buses.map((bus) => bus.capacity));
  return Number.isFinite(bound) ? bound : context.buses.length;
}
