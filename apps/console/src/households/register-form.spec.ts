import { describe, expect, it } from '@jest/globals';
import { checkHousehold, emptyHousehold, emptyMember, householdBody, type HouseholdDraft } from './register-form';
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
