import { describe, expect, it } from '@jest/globals';
import { boardingConvoy, outcomeOf, retryDelayMs, searchFamilies, type ConvoyAnswer, type ManifestAnswer } from './boarding-data';

const member = (memberId: string, isHead = false) => ({ memberId, fullNameAr: `اسم ${memberId}`, fullNameLatin: null, isHead, age: 30 });
const destination = { code: 'SY110200', nameAr: 'الطبقة', nameEn: 'Tabqa' };

const manifest: ManifestAnswer = {
  convoy: { id: 'c1', campId: 'mahmoudli', departureDate: '2026-12-07', departureTime: '07:30:00', assemblyPoint: 'Gate 2', status: 'confirmed' },
  vehicles: [
    {
      plate: 'BUS-1',
      kind: 'seats',
      households: [
        { householdId: 'h2', caseNumber: 'MAH-0002', destination, people: 2, head: null, members: [member('m21', true), member('m22')] },
        { householdId: 'h1', caseNumber: 'MAH-0001', destination, people: 3, head: null, members: [member('m11', true), member('m12')] },
      ],
    },
    { plate: 'AMB-1', kind: 'stretcher', households: [{ householdId: 'h1', caseNumber: 'MAH-0001', destination, people: 3, head: null, members: [member('m13')] }] },
    { plate: 'TRK-1', kind: 'cargo', households: [{ householdId: 'h3', caseNumber: 'MAH-0003', destination, people: 1, head: null, members: [] }] },
  ],
};

const convoy: ConvoyAnswer = {
  id: 'c1',
  campId: 'mahmoudli',
  departureDate: '2026-12-07',
  departureTime: '07:30:00',
  assemblyPoint: 'Gate 2',
  status: 'boarding',
  households: [
    { householdId: 'h1', status: 'assigned', members: 3, checkedIn: ['m11', 'm12', 'm13'], noShow: false },
    { householdId: 'h2', status: 'released', members: 2, checkedIn: [], noShow: true },
  ],
};

describe('boardingConvoy', () => {
  it('should list each family once with every member from its bus and ambulance sheets, and what transport recorded', () => {
    const stored = boardingConvoy(manifest, convoy, '2026-12-07T05:00:00Z');
    expect(stored.families.map((family) => family.caseNumber)).toEqual(['MAH-0001', 'MAH-0002']);
    const [first, second] = stored.families;
    expect(first?.members.map((m) => m.memberId)).toEqual(['m11', 'm12', 'm13']);
    expect(first?.plates).toEqual(['BUS-1', 'AMB-1']);
    expect(first?.state).toBe('checked-in');
    expect(second?.state).toBe('no-show');
    expect(stored.status).toBe('boarding');
  });
});

describe('searchFamilies', () => {
  it('should find a family by part of its case number, whatever the dashes, case and digits', () => {
    const { families } = boardingConvoy(manifest, convoy, '2026-12-07T05:00:00Z');
    expect(searchFamilies(families, 'mah0002').map((f) => f.householdId)).toEqual(['h2']);
    expect(searchFamilies(families, '٠٠٠١').map((f) => f.householdId)).toEqual(['h1']);
    expect(searchFamilies(families, '')).toHaveLength(2);
    expect(searchFamilies(families, '999')).toEqual([]);
  });
});

describe('outcomeOf', () => {
  it('should retry when no answer came or the server failed, and list refusals for a person to see', () => {
    expect(outcomeOf(200)).toBe('done');
    expect(outcomeOf(0, 'NETWORK')).toBe('retry');
    expect(outcomeOf(503, 'SERVICE_BUSY')).toBe('retry');
    expect(outcomeOf(429)).toBe('retry');
    expect(outcomeOf(401, 'AUTH.NO_SESSION')).toBe('signed-out');
    expect(outcomeOf(403, 'AUTH.CSRF')).toBe('signed-out');
    expect(outcomeOf(403, 'TRANSPORT.CAMP_NOT_ALLOWED')).toBe('conflict');
    expect(outcomeOf(409, 'TRANSPORT.HOUSEHOLD_NOT_ON_CONVOY')).toBe('conflict');
    expect(outcomeOf(422, 'IDEMPOTENCY.KEY_REUSED')).toBe('conflict');
  });

  it('should wait longer after each failure, at most a minute', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30)).toBe(60_000);
  });
});
