import { describe, expect, it } from '@jest/globals';
import type { MemberView } from '../api/types';
import { checkHousehold, checkMember, emptyHousehold, emptyMember, householdBody, memberBody, memberDraftOf, memberUpdateBody, type HouseholdDraft } from './register-form';
import { guessKind, searchParams } from './search';

function filled(): HouseholdDraft {
  const draft = emptyHousehold('mahmoudli');
  draft.caseNumber = 'MHM-2025-00123';
  draft.destinationArea = 'SY020300';
  draft.phone = '٠٩٤٤ ١٢٣ ٤٥٦';
  const head = draft.members[0];
  if (!head) throw new Error('no head');
  Object.assign(head, { fullNameAr: 'خالد عمر الحسن', sex: 'male', dateOfBirth: '1980-05-02' });
  const child = emptyMember('daughter');
  Object.assign(child, { fullNameAr: 'سارة خالد', sex: 'female', estimatedAge: '٧', needs: ['DIS'] });
  draft.members.push(child);
  return draft;
}

describe('checkHousehold', () => {
  it('should find nothing wrong in a complete household', () => {
    expect([...checkHousehold(filled(), new Date('2026-01-01'))]).toEqual([]);
  });

  it('should name each missing field by the path the API uses', () => {
    const draft = emptyHousehold('mahmoudli');
    const problems = checkHousehold(draft);
    expect(problems.get('caseNumber')).toBe('form.required');
    expect(problems.get('destinationArea')).toBe('form.required');
    expect(problems.get('members.0.fullNameAr')).toBe('form.required');
    expect(problems.get('members.0.sex')).toBe('form.required');
    expect(problems.get('members.0.dateOfBirth')).toBe('form.ageOrBirthDate');
  });

  it('should ask for exactly one head', () => {
    const draft = filled();
    const second = draft.members[1];
    if (!second) throw new Error('no member');
    second.relationship = 'head';
    expect(checkHousehold(draft).get('members.1.relationship')).toBe('form.oneHead');
  });

  it('should refuse a future birth date and an Arabic name written in Latin letters', () => {
    const draft = filled();
    const head = draft.members[0];
    if (!head) throw new Error('no head');
    head.dateOfBirth = '2030-01-01';
    head.fullNameAr = 'Khaled';
    const problems = checkHousehold(draft, new Date('2026-01-01'));
    expect(problems.get('members.0.dateOfBirth')).toBe('form.birthDateInvalid');
    expect(problems.get('members.0.fullNameAr')).toBe('form.arabicNameScript');
  });
});

describe('householdBody', () => {
  it('should send what the API takes: Latin digits, an age or a birth date, no empty fields', () => {
    const body = householdBody(filled());
    expect(body).toEqual({
      campId: 'mahmoudli',
      caseNumber: 'MHM-2025-00123',
      destinationArea: 'SY020300',
      language: 'ar',
      phone: '0944 123 456',
      members: [
        { fullNameAr: 'خالد عمر الحسن', sex: 'male', relationship: 'head', dateOfBirth: '1980-05-02' },
        { fullNameAr: 'سارة خالد', sex: 'female', relationship: 'daughter', estimatedAge: 7, needs: ['DIS'] },
      ],
    });
  });
});

describe('searchParams', () => {
  it('should tell a phone, a case number and a name apart', () => {
    expect(guessKind('0944 123 456')).toBe('phone');
    expect(guessKind('+963944123456')).toBe('phone');
    expect(guessKind('MHM-2025-00123')).toBe('caseNumber');
    expect(guessKind('محمد العلي')).toBe('name');
    expect(guessKind('Mohammed al-Ali')).toBe('name');
  });

  it('should send Latin digits and nothing for an empty search', () => {
    expect(searchParams('٠٩٤٤ ١٢٣ ٤٥٦', 'auto')).toEqual({ phone: '0944123456' });
    expect(searchParams('  ', 'auto')).toBeNull();
    expect(searchParams('  محمد   العلي ', 'name')).toEqual({ name: 'محمد العلي' });
  });
});

describe('memberUpdateBody', () => {
  const registered: MemberView = {
    id: '7d0b7b9e-9a43-4d43-8a5b-0d5b0d6f3a11',
    fullNameAr: 'سارة خالد',
    fullNameLatin: 'Sara Khaled',
    sex: 'female',
    dateOfBirth: null,
    estimatedAge: 30,
    age: 32,
    relationship: 'spouse',
    needs: ['DIS'],
    fitToTravel: null,
    hasMedicalClearance: false,
    travelMode: null,
    hasBestInterestsDetermination: false,
    documents: [{ type: 'camp_card', number: 'C-1' }],
    consent: null,
  };

  it('should send nothing for a member left as registered (an estimated age is not restarted)', () => {
    const before = memberDraftOf(registered);
    expect(before.estimatedAge).toBe('32');
    expect(memberUpdateBody({ ...before }, before)).toEqual({});
  });

  it('should send only what changed, removals as empty and unticked boxes as false', () => {
    const before = memberDraftOf({ ...registered, hasMedicalClearance: true });
    expect(before.fitToTravel).toBe('');
    const after = { ...before, fullNameLatin: '', needs: [], documents: [], hasMedicalClearance: false, estimatedAge: '٣٣', fitToTravel: 'unfit' as const };
    expect(memberUpdateBody(after, before)).toEqual({ fullNameLatin: null, needs: [], documents: [], hasMedicalClearance: false, estimatedAge: 33, fitToTravel: false });
    expect(memberUpdateBody({ ...after, fitToTravel: '' }, { ...after })).toEqual({ fitToTravel: null });
  });

  it('should send the travel mode a clearance states, and take it away with the clearance', () => {
    const before = memberDraftOf({ ...registered, needs: ['SMC'] });
    expect(before.travelMode).toBe('');
    const cleared = { ...before, hasMedicalClearance: true, travelMode: 'stretcher' as const };
    expect(memberUpdateBody(cleared, before)).toEqual({ hasMedicalClearance: true, travelMode: 'stretcher' });
    const recorded = memberDraftOf({ ...registered, needs: ['SMC'], hasMedicalClearance: true, travelMode: 'stretcher' });
    expect(recorded.travelMode).toBe('stretcher');
    expect(memberUpdateBody({ ...recorded, travelMode: 'bus_with_companion' }, recorded)).toEqual({ travelMode: 'bus_with_companion' });
    // Unticking the clearance: the mode it stated goes too, even if the select still shows one.
    expect(memberUpdateBody({ ...recorded, hasMedicalClearance: false }, recorded)).toEqual({ hasMedicalClearance: false, travelMode: null });
  });
});

describe('memberBody', () => {
  it('should send a travel mode only with a medical clearance', () => {
    const member = { ...emptyMember('head'), fullNameAr: 'خالد عمر', sex: 'male' as const, estimatedAge: '40', needs: ['SMC' as const] };
    expect(memberBody({ ...member, hasMedicalClearance: true, travelMode: 'ambulance_seated' })).toMatchObject({ hasMedicalClearance: true, travelMode: 'ambulance_seated' });
    expect(memberBody({ ...member, travelMode: 'ambulance_seated' })).not.toHaveProperty('travelMode');
    expect(memberBody({ ...member, hasMedicalClearance: true })).not.toHaveProperty('travelMode');
  });
});

describe('checkMember', () => {
  it('should name a member\'s problems by its own fields', () => {
    const problems = checkMember({ ...emptyMember('son'), fullNameAr: 'Omar', estimatedAge: '7' });
    expect(problems.get('fullNameAr')).toBe('form.arabicNameScript');
    expect(problems.get('sex')).toBe('form.required');
    expect(problems.has('relationship')).toBe(false);
  });
});
