import { describe, expect, it } from '@jest/globals';
import { checkGuardianDraft, guardianConsentBody, type GuardianDraft } from './guardian-form';

const empty: GuardianDraft = {
  basis: 'guardian',
  decision: 'consent',
  decidedOn: '2026-12-01',
  method: 'signed_form',
  fullName: '',
  relationship: '',
  phone: '',
  reference: '',
  contactPhone: '',
};

describe('the guardian consent form', () => {
  it('should ask for the guardian\'s name, relationship and phone, or for a best-interests reference', () => {
    expect([...checkGuardianDraft(empty).keys()].sort()).toEqual(['guardian.fullName', 'guardian.phone', 'guardian.relationship']);
    expect([...checkGuardianDraft({ ...empty, basis: 'best_interests' }).keys()]).toEqual(['bestInterests.reference']);
    expect([...checkGuardianDraft({ ...empty, basis: 'best_interests', reference: 'BID-1', decidedOn: '' }).keys()]).toEqual(['decidedOn']);
  });

  it('should send only the part of the basis chosen, with Latin digits', () => {
    const typed = { ...empty, fullName: ' ماجد حسن ', relationship: 'uncle', phone: '٠٩٥٥ ٤١٢ ٣٧٦', reference: 'left over' };
    expect(guardianConsentBody(typed)).toEqual({
      basis: 'guardian',
      decision: 'consent',
      decidedOn: '2026-12-01',
      method: 'signed_form',
      guardian: { fullName: 'ماجد حسن', relationship: 'uncle', phone: '0955 412 376' },
    });
    expect(guardianConsentBody({ ...typed, basis: 'best_interests', reference: ' BID-7 ', decision: 'decline' })).toEqual({
      basis: 'best_interests',
      decision: 'decline',
      decidedOn: '2026-12-01',
      bestInterests: { reference: 'BID-7' },
    });
    expect(guardianConsentBody({ ...empty, basis: 'best_interests', reference: 'BID-7', contactPhone: '0944 765 432' })).toMatchObject({
      bestInterests: { reference: 'BID-7', contactPhone: '0944 765 432' },
    });
  });
});
