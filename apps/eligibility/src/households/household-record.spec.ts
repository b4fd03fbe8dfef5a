import { describe, expect, it } from '@jest/globals';
import type { HouseholdSnapshotV1, MemberFactsV1 } from '@awda/contracts';
import { applySnapshot, applyStatusEvent, householdFacts, type HouseholdRecord } from './household-record.js';

const HH = '0190a000-0000-7000-8000-000000000001';

function member(overrides: Partial<MemberFactsV1> = {}): MemberFactsV1 {
  return {
    memberId: '0190a000-0000-7000-8000-0000000000a1',
    isHead: true,
    age: 40,
    sex: 'male',
    needs: ['SMC'],
    fitToTravel: null,
    hasMedicalClearance: false,
    hasBestInterestsDetermination: true,
    hasIdentityDocument: true,
    consent: null,
    ...overrides,
  };
}

function snapshot(version: number, overrides: Partial<HouseholdSnapshotV1> = {}): HouseholdSnapshotV1 {
  return {
    householdId: HH,
    campId: 'mahmoudli',
    caseNumber: 'MAH-1',
    version,
    status: 'registered',
    destinationArea: 'SY020300',
    language: 'ar',
    consentPolicy: 'each_adult',
    registeredAt: '2025-01-10T08:00:00.000Z',
    members: [member()],
    unresolvedDuplicates: 2,
    ...overrides,
  };
}

describe('household projection', () => {
  it('should map a snapshot to the facts the rules read, duplicates and best-interests flag included', () => {
    const record = applySnapshot(null, snapshot(1));
    const facts = record && householdFacts(record);
    expect(facts).toEqual({
      householdId: HH,
      campId: 'mahmoudli',
      status: 'registered',
      destinationArea: 'SY020300',
      registeredAt: '2025-01-10T08:00:00.000Z',
      consentPolicy: 'each_adult',
      unresolvedDuplicateCandidates: 2,
      guardianConsent: null,
      members: [
        {
          memberId: member().memberId,
          isHead: true,
          age: 40,
          sex: 'male',
          needs: ['SMC'],
          fitToTravel: null,
          hasMedicalClearance: false,
          travelMode: null,
          hasBestInterestsDetermination: true,
          hasIdentityDocument: true,
          consent: null,
        },
      ],
    });
  });

  it('should carry the travel mode of the medical clearance to the rules', () => {
    const record = applySnapshot(null, snapshot(1, { members: [member({ hasMedicalClearance: true, travelMode: 'stretcher' })] }));
    expect(record && householdFacts(record)?.members[0]?.travelMode).toBe('stretcher');
  });

  it("should keep a child-headed household's guardian consent from the snapshot", () => {
    const minor = member({ age: 16, hasBestInterestsDetermination: false });
    const record = applySnapshot(null, snapshot(1, {
      members: [minor],
      childHeaded: true,
      guardianConsent: { basis: 'guardian', decision: 'consent', decidedOn: '2025-06-01' },
    }));
    expect(record && householdFacts(record)?.guardianConsent).toEqual({ basis: 'guardian', decision: 'consent' });
  });

  it('should ignore a snapshot that is not newer than the one applied', () => {
    const v3 = applySnapshot(null, snapshot(3)) as HouseholdRecord;
    expect(applySnapshot(v3, snapshot(2, { destinationArea: 'SY999999' }))).toBeNull();
    expect(applySnapshot(v3, snapshot(3))).toBeNull();
    expect(applySnapshot(v3, snapshot(4))?.version).toBe(4);
  });

  it('should keep a withdrawal that arrived before the household, and let an older snapshot fill in the facts', () => {
    const stub = applyStatusEvent(null, { householdId: HH, campId: 'mahmoudli', status: 'withdrawn', version: 5 }) as HouseholdRecord;
    expect(stub.facts).toBeNull();
    expect(householdFacts(stub)).toBeNull();
    const filled = applySnapshot(stub, snapshot(1)) as HouseholdRecord;
    expect(filled.status).toBe('withdrawn');
    expect(filled.version).toBe(5);
    expect(householdFacts(filled)?.status).toBe('withdrawn');
  });

  it('should let a snapshot newer than the withdrawal decide the status (the family consented again)', () => {
    const registered = applySnapshot(null, snapshot(1)) as HouseholdRecord;
    const withdrawn = applyStatusEvent(registered, { householdId: HH, campId: 'mahmoudli', status: 'withdrawn', version: 2 }) as HouseholdRecord;
    expect(withdrawn.status).toBe('withdrawn');
    expect(applySnapshot(withdrawn, snapshot(3))?.status).toBe('registered');
  });

  it('should ignore a withdrawal older than the snapshot applied', () => {
    const v4 = applySnapshot(null, snapshot(4)) as HouseholdRecord;
    expect(applyStatusEvent(v4, { householdId: HH, campId: 'mahmoudli', status: 'withdrawn', version: 3 })).toBeNull();
  });

  it('should not evaluate a household that departed or was closed', () => {
    const departed = applySnapshot(null, snapshot(2, { status: 'departed' })) as HouseholdRecord;
    expect(householdFacts(departed)).toBeNull();
    const closed = applyStatusEvent(applySnapshot(null, snapshot(1)), {
      householdId: HH,
      campId: 'mahmoudli',
      status: 'closed',
      version: 2,
    }) as HouseholdRecord;
    expect(householdFacts(closed)).toBeNull();
  });
});
