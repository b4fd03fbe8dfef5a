import { describe, expect, it } from '@jest/globals';
import { identityFromClaims } from './oidc-claims.js';

const NAMES = { roles: 'roles', camps: 'camps', name: 'name', username: 'preferred_username' };

describe(identityFromClaims.name, () => {
  it('should keep only Awda roles and valid camp ids, and take the name and username from their claims', () => {
    const result = identityFromClaims(
      { sub: 'kc-1', roles: ['caseworker', 'offline_access', 'uma_authorization'], camps: ['mahmoudli', 'areesha', 'Not A Camp'], name: 'Layla H.', preferred_username: 'layla' },
      NAMES,
    );
    expect(result).toEqual({
      ok: true,
      identity: { subject: 'kc-1', username: 'layla', displayName: 'Layla H.', roles: ['caseworker'], camps: ['areesha', 'mahmoudli'] },
    });
  });

  it("should read nested claims such as Keycloak's realm_access.roles and a space-separated camp list", () => {
    const result = identityFromClaims(
      { sub: 'kc-2', realm_access: { roles: ['supervisor'] }, awda: { camps: 'mahmoudli al-hol' }, email: 's@example.org' },
      { ...NAMES, roles: 'realm_access.roles', camps: 'awda.camps' },
    );
    expect(result).toEqual({
      ok: true,
      identity: { subject: 'kc-2', username: 's@example.org', displayName: 's@example.org', roles: ['supervisor'], camps: ['al-hol', 'mahmoudli'] },
    });
  });

  it('should refuse someone with no Awda role, or with no camp unless they administer', () => {
    expect(identityFromClaims({ sub: 'x', roles: ['offline_access'], camps: ['mahmoudli'] }, NAMES)).toEqual({ ok: false, reason: 'no_role' });
    expect(identityFromClaims({ sub: 'x', roles: ['caseworker'] }, NAMES)).toEqual({ ok: false, reason: 'no_camp' });
    expect(identityFromClaims({ sub: 'x', roles: ['admin'] }, NAMES)).toMatchObject({ ok: true, identity: { camps: [] } });
    expect(identityFromClaims({ roles: ['admin'] }, NAMES)).toEqual({ ok: false, reason: 'no_subject' });
  });

  it("should reduce a list holding '*' to every camp", () => {
    expect(identityFromClaims({ sub: 'x', roles: ['logistics'], camps: ['mahmoudli', '*'] }, NAMES)).toMatchObject({ ok: true, identity: { camps: ['*'] } });
  });
});
