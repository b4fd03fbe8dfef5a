import { describe, expect, it } from '@jest/globals';
import { campScope, canAccessCamp, type AuthUser } from './roles.js';
import { userFromClaims } from './token-verifier.js';

const caseworker: AuthUser = { sub: 'u1', roles: ['caseworker'], camps: ['mahmoudli', 'areesha'] };
const admin: AuthUser = { sub: 'u2', roles: ['admin'], camps: [] };
const regional: AuthUser = { sub: 'u3', roles: ['supervisor'], camps: ['*'] };

describe(canAccessCamp.name, () => {
  it('should allow only the camps in the claim', () => {
    expect(canAccessCamp(caseworker, 'mahmoudli')).toBe(true);
    expect(canAccessCamp(caseworker, 'al-hol')).toBe(false);
  });

  it('should allow every camp to admins and to holders of "*"', () => {
    expect(canAccessCamp(admin, 'al-hol')).toBe(true);
    expect(canAccessCamp(regional, 'al-hol')).toBe(true);
  });
});

describe(campScope.name, () => {
  it('should list the camps, or say all', () => {
    expect(campScope(caseworker)).toEqual(['mahmoudli', 'areesha']);
    expect(campScope(admin)).toBe('all');
    expect(campScope(regional)).toBe('all');
    expect(campScope({ sub: 'u4', roles: ['logistics'], camps: [] })).toEqual([]);
  });
});

describe(userFromClaims.name, () => {
  it('should keep known roles and sane camp ids only', () => {
    const user = userFromClaims({
      sub: 'u5',
      roles: ['caseworker', 'root', 7, 'caseworker'],
      camps: ['mahmoudli', '', 3, 'x'.repeat(65)],
    });
    expect(user).toEqual({ sub: 'u5', roles: ['caseworker'], camps: ['mahmoudli'] });
  });

  it('should accept a single camp given as a string and missing claims as empty', () => {
    expect(userFromClaims({ sub: 'u6', camps: 'areesha' })).toEqual({ sub: 'u6', roles: [], camps: ['areesha'] });
  });
});
