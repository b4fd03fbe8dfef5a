import { describe, expect, it } from '@jest/globals';
import { ageOn, agesSince } from './member-age.js';

const on = (date: string) => new Date(`${date}T12:00:00Z`);

describe('ageOn', () => {
  it('should count whole years from a date of birth, a birthday on 29 February on 1 March in other years', () => {
    expect(ageOn({ dateOfBirth: '2008-12-07', estimatedAge: null, ageRecordedOn: '2025-01-01' }, on('2026-12-06'))).toBe(17);
    expect(ageOn({ dateOfBirth: '2008-12-07', estimatedAge: null, ageRecordedOn: '2025-01-01' }, on('2026-12-07'))).toBe(18);
    expect(ageOn({ dateOfBirth: '2008-02-29', estimatedAge: null, ageRecordedOn: '2025-01-01' }, on('2026-02-28'))).toBe(17);
    expect(ageOn({ dateOfBirth: '2008-02-29', estimatedAge: null, ageRecordedOn: '2025-01-01' }, on('2026-03-01'))).toBe(18);
  });

  it('should add the years since an estimate was recorded', () => {
    expect(ageOn({ dateOfBirth: null, estimatedAge: 1, ageRecordedOn: '2025-12-01' }, on('2026-11-30'))).toBe(1);
    expect(ageOn({ dateOfBirth: null, estimatedAge: 1, ageRecordedOn: '2025-12-01' }, on('2026-12-02'))).toBe(2);
  });
});

describe('agesSince', () => {
  const son = { dateOfBirth: '2008-12-07', estimatedAge: null, ageRecordedOn: '2025-01-01' };
  const mother = { dateOfBirth: '1982-05-10', estimatedAge: null, ageRecordedOn: '2025-01-01' };
  const infant = { dateOfBirth: null, estimatedAge: 1, ageRecordedOn: '2025-12-01' };

  it('should find a son who became an adult since the last snapshot', () => {
    expect(agesSince([mother, son], on('2026-12-05'), on('2026-12-07'), 18)).toEqual({ changed: 1, cameOfAge: 1 });
  });

  it('should find nothing when no age moved, and count other birthdays without an adult among them', () => {
    expect(agesSince([mother, son], on('2026-12-01'), on('2026-12-06'), 18)).toEqual({ changed: 0, cameOfAge: 0 });
    expect(agesSince([mother, infant], on('2026-05-01'), on('2026-12-06'), 18)).toEqual({ changed: 2, cameOfAge: 0 });
  });

  it('should follow the adult age the deployment sets', () => {
    expect(agesSince([son], on('2026-12-05'), on('2026-12-07'), 21)).toEqual({ changed: 1, cameOfAge: 0 });
  });
});
