/** The time the service decides with; tests inject their own to cross quiet hours and departures. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('NOTIFICATIONS_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
