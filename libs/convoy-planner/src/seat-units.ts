import { DEFAULT_SEAT_WEIGHTS, type Member, type SeatWeights } from './planner-input.js';

// Weights like 0.1 do not add up exactly in binary; a sum within this of an integer counts as that integer.
const ROUNDING_SLACK = 1e-9;

/** Rounds a household's seat units up to a whole seat: ceil per household, never per member. */
export function roundSeatUnits(units: number): number {
  return Math.max(0, Math.ceil(units - ROUNDING_SLACK));
}

/** The seat units one member takes on a bus. */
export function memberSeatWeight(age: number, weights: SeatWeights = DEFAULT_SEAT_WEIGHTS): number {
  if (age < weights.infantUnderAge) return weights.infant;
  if (age < weights.childUnderAge) return weights.child;
  return weights.adult;
}

/**
 * Bus seat units of a household: ceil of the members' weights. `ambulancePlaces` members ride an
 * ambulance instead; since the caller did not say who, the lightest members are taken off, so the bus
 * count is never short of a seat.
 */
export function seatUnitsOf(
  members: readonly Member[],
  weights: SeatWeights = DEFAULT_SEAT_WEIGHTS,
  ambulancePlaces = 0,
): number {
  const memberWeights = members.map((member) => memberSeatWeight(member.age, weights)).sort((a, b) => a - b);
  const onBus = memberWeights.slice(Math.min(ambulancePlaces, memberWeights.length));
  return roundSeatUnits(onBus.reduce((sum, weight) => sum + weight, 0));
}

/** The most seat units a bus is given: floor(seats × (1 − spareShare)). */
export function effectiveCapacity(seats: number, spareShare: number): number {
  return Math.max(0, Math.floor(seats * (1 - spareShare) + ROUNDING_SLACK));
}
