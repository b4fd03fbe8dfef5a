import { describe, expect, it } from '@jest/globals';
import { mayName } from './user.model.js';

describe(mayName.name, () => {
  const caseworker = { camps: ['mahmoudli'] };
  const elsewhere = { camps: ['areesha'] };
  const everywhere = { camps: ['*'] };

  it('should let an administrator name any user, whatever their camps', () => {
    expect(mayName({ roles: ['admin'], camps: ['areesha'] }, caseworker)).toBe(true);
  });

  it('should let a supervisor name a user of one of their camps, or of every camp', () => {
    const supervisor = { roles: ['supervisor' as const], camps: ['mahmoudli', 'al-hol'] };
    expect(mayName(supervisor, caseworker)).toBe(true);
    expect(mayName(supervisor, everywhere)).toBe(true);
    expect(mayName({ roles: ['supervisor'], camps: ['*'] }, elsewhere)).toBe(true);
  });

  it('should not let a supervisor name a user of other camps only', () => {
    expect(mayName({ roles: ['supervisor'], camps: ['mahmoudli'] }, elsewhere)).toBe(false);
    expect(mayName({ roles: ['supervisor'], camps: [] }, caseworker)).toBe(false);
  });

  it('should not let a case worker or a logistics team member name anyone', () => {
    expect(mayName({ roles: ['caseworker'], camps: ['mahmoudli'] }, caseworker)).toBe(false);
    expect(mayName({ roles: ['logistics'], camps: ['*'] }, caseworker)).toBe(false);
  });
});
