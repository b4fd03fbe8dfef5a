// The convoy planner seats higher scores first. The score is a sum a supervisor can recompute by hand:
// points per member with each need, plus points per full month of waiting, up to a cap.
import type { HouseholdFacts } from './household-facts.js';
import type { PriorityConfig } from './rule-set.js';

export interface NeedComponent {
  readonly code: string;
  /** Members having this need. */
  readonly members: number;
  readonly weight: number;
  readonly points: number;
}

export interface WaitingComponent {
  /** Full calendar months since registration. */
  readonly months: number;
  /** The months that count, after the cap. */
  readonly countedMonths: number;
  readonly perMonth: number;
  readonly points: number;
}

/**
 * What a score is made of, so that a planner can count waiting time up to the day it plans: the needs'
 * points do not change with time, waiting points grow by the month.
 */
export interface PriorityBasis {
  readonly needPoints: number;
  /** ISO 8601: the registration date waiting is counted from. */
  readonly waitingSince: string;
  readonly pointsPerWaitingMonth: number;
  readonly maxWaitingMonths: number;
}

export interface PriorityScore {
  readonly score: number;
  /** Absent from assessments stored before it existed. */
  readonly basis?: PriorityBasis;
  readonly components: {
    /** One entry per need present in the household, by code. */
    readonly needs: readonly NeedComponent[];
    readonly waiting: WaitingComponent;
  };
}

// Rounded so that 0.1 + 0.2 reads as 0.3 in an explanation and compares equal after a JSON round trip.
function roundPoints(points: number): number {
  return Math.round(points * 1000) / 1000;
}

/** The instant an ISO 8601 string names; a RangeError naming `what` when it names none. */
export function parseInstant(iso: string, what: string): Date {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO 8601 date: ${JSON.stringify(iso)}`);
  return new Date(ms);
}

function msIntoMonth(date: Date): number {
  return date.getTime() - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/**
 * Full calendar months (UTC) from `from` to `to`; 0 when `to` is earlier. Whole months keep the score
 * steady between evaluations, so a re-evaluation a day later is not a new decision.
 */
export function fullMonthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  // The monthly anniversary has not come yet in `to`'s month.
  const anniversaryPending = msIntoMonth(to) < msIntoMonth(from);
  return Math.max(0, anniversaryPending ? months - 1 : months);
}

/** The household's priority score with the parts it is made of. */
export function priorityOf(facts: HouseholdFacts, config: PriorityConfig, now: Date): PriorityScore {
  const counts = new Map<string, number>();
  for (const member of facts.members) {
    member.needs.forEach((need, index) => {
      // A need recorded twice on one member counts once.
      if (member.needs.indexOf(need) === index) counts.set(need, (counts.get(need) ?? 0) + 1);
    });
  }
  const weights: Readonly<Record<string, number | undefined>> = config.weights;
  const needs: NeedComponent[] = [...counts.keys()].sort().map((code) => {
    const members = counts.get(code) ?? 0;
    const weight = weights[code] ?? 0;
    return { code, members, weight, points: roundPoints(members * weight) };
  });
  const months = fullMonthsBetween(parseInstant(facts.registeredAt, 'registeredAt'), now);
  const countedMonths = Math.min(months, config.maxWaitingMonths);
  const waiting: WaitingComponent = {
    months,
    countedMonths,
    perMonth: config.waitingPerMonth,
    points: roundPoints(countedMonths * config.waitingPerMonth),
  };
  const needPoints = roundPoints(needs.reduce((sum, need) => sum + need.points, 0));
  const basis: PriorityBasis = {
    needPoints,
    waitingSince: facts.registeredAt,
    pointsPerWaitingMonth: config.waitingPerMonth,
    maxWaitingMonths: config.maxWaitingMonths,
  };
  return { score: roundPoints(needPoints + waiting.points), basis, components: { needs, waiting } };
}

/** The score on a given day from its basis: the same sum as priorityOf, with waiting counted up to `at`. */
export function priorityAt(basis: PriorityBasis, at: Date): number {
  const months = Math.min(fullMonthsBetween(parseInstant(basis.waitingSince, 'waitingSince'), at), basis.maxWaitingMonths);
  return roundPoints(basis.needPoints + months * basis.pointsPerWaitingMonth);
}
