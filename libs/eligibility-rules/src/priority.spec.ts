import { describe, expect, it } from '@jest/globals';
import { HEAD, NOW, household, member } from '../test/household.fixture.js';
import { fullMonthsBetween, priorityAt, priorityOf } from './priority.js';
import type { PriorityConfig } from './rule-set.js';

const config: PriorityConfig = { weights: { SMC: 10, DIS: 6, UASC: 8 }, waitingPerMonth: 1.5, maxWaitingMonths: 12 };

describe(priorityOf.name, () => {
  it('should add points per member with each need and per full month of waiting', () => {
    const facts = household({
      members: [HEAD, member({ needs: ['SMC', 'DIS'] }), member({ needs: ['SMC'] }), member({ needs: ['PLW'] })],
    });
    // 2 × SMC 10 + 1 × DIS 6 + PLW unweighted 0 + 5 months × 1.5
    expect(priorityOf(facts, config, NOW)).toEqual({
      score: 33.5,
      basis: { needPoints: 26, waitingSince: '2025-01-10T08:00:00Z', pointsPerWaitingMonth: 1.5, maxWaitingMonths: 12 },
      components: {
        needs: [
          { code: 'DIS', members: 1, weight: 6, points: 6 },
          { code: 'PLW', members: 1, weight: 0, points: 0 },
          { code: 'SMC', members: 2, weight: 10, points: 20 },
        ],
        waiting: { months: 5, countedMonths: 5, perMonth: 1.5, points: 7.5 },
      },
    });
  });

  it('should count a need recorded twice on one member once', () => {
    const facts = household({ members: [HEAD, member({ needs: ['SMC', 'SMC'] })], registeredAt: NOW.toISOString() });
    expect(priorityOf(facts, config, NOW).score).toBe(10);
  });

  it('should cap the waiting time', () => {
    const facts = household({ registeredAt: '2022-01-01T00:00:00Z' });
    expect(priorityOf(facts, config, NOW).components.waiting).toEqual({
      months: 41,
      countedMonths: 12,
      perMonth: 1.5,
      points: 18,
    });
  });

  it('should keep fractional weights readable', () => {
    const facts = household({ members: [member({ needs: ['SMC'] })], registeredAt: NOW.toISOString() });
    const fractional: PriorityConfig = { weights: { SMC: 0.1 }, waitingPerMonth: 0.2, maxWaitingMonths: 1 };
    expect(priorityOf({ ...facts, registeredAt: '2025-05-01T00:00:00Z' }, fractional, NOW).score).toBe(0.3);
  });

  it('should refuse a registration date that is not a date', () => {
    expect(() => priorityOf(household({ registeredAt: 'last spring' }), config, NOW)).toThrow(
      'registeredAt is not an ISO 8601 date: "last spring"',
    );
  });
});

describe(priorityAt.name, () => {
  it('should give the score of the day it is asked for, counting waiting time up to that day', () => {
    const facts = household({ members: [HEAD, member({ needs: ['DIS'] })] });
    const basis = priorityOf(facts, config, NOW).basis;
    if (!basis) throw new Error('no basis');
    // Assessed in June (5 months waited); planned in September: 8 months.
    expect(priorityAt(basis, NOW)).toBe(priorityOf(facts, config, NOW).score);
    const september = new Date('2025-09-15T10:00:00Z');
    expect(priorityAt(basis, september)).toBe(6 + 8 * 1.5);
    expect(priorityAt(basis, september)).toBe(priorityOf(facts, config, september).score);
    // Capped like priorityOf.
    expect(priorityAt(basis, new Date('2030-01-01T00:00:00Z'))).toBe(6 + 12 * 1.5);
  });
});

describe(fullMonthsBetween.name, () => {
  const at = (iso: string): Date => new Date(iso);

  it('should count a month only once its anniversary has passed', () => {
    expect(fullMonthsBetween(at('2025-01-10T08:00:00Z'), at('2025-02-10T07:59:59Z'))).toBe(0);
    expect(fullMonthsBetween(at('2025-01-10T08:00:00Z'), at('2025-02-10T08:00:00Z'))).toBe(1);
    expect(fullMonthsBetween(at('2024-11-30T00:00:00Z'), at('2025-02-28T00:00:00Z'))).toBe(2);
    expect(fullMonthsBetween(at('2024-11-30T00:00:00Z'), at('2025-03-01T00:00:00Z'))).toBe(3);
  });

  it('should not count negative months for a registration in the future', () => {
    expect(fullMonthsBetween(at('2025-08-01T00:00:00Z'), NOW)).toBe(0);
  });
});
