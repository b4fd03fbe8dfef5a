import { describe, expect, it } from '@jest/globals';
import type { MemberFactsV1 } from '@awda/contracts';
import { needsAmbulance, travelNeedsOf } from './household-facts.js';

function member(age: number, extra: Partial<MemberFactsV1> = {}): MemberFactsV1 {
  return {
    memberId: `00000000-0000-4000-8000-${String(age).padStart(12, '0')}`,
    isHead: false,
    age,
    sex: 'female',
    needs: [],
    fitToTravel: null,
    hasMedicalClearance: false,
    hasBestInterestsDetermination: false,
    hasIdentityDocument: true,
    consent: 'consent',
    ...extra,
  };
}

describe(travelNeedsOf.name, () => {
  it('should seat infants on a lap and count children and adults as one seat each', () => {
    const needs = travelNeedsOf([member(40, { isHead: true }), member(35), member(7), member(1)]);
    expect(needs.seatUnits).toBe(3);
    expect(needs.ambulancePlaces).toBe(0);
  });

  it('should move a member with a serious medical condition who is not fit to travel to an ambulance', () => {
    const needs = travelNeedsOf([member(60, { needs: ['SMC'], fitToTravel: false }), member(30)]);
    expect(needs.seatUnits).toBe(1);
    expect(needs.ambulancePlaces).toBe(1);
    expect(needs.members.filter((m) => m.ambulance)).toHaveLength(1);
  });
});

describe('travel modes of the medical clearance', () => {
  it('should book a stretcher, a seated ambulance place, or a bus seat as the clearance states', () => {
    const needs = travelNeedsOf([
      member(40, { isHead: true }),
      member(70, { needs: ['SMC'], fitToTravel: false, hasMedicalClearance: true, travelMode: 'stretcher' }),
      member(65, { needs: ['SMC'], fitToTravel: false, hasMedicalClearance: true, travelMode: 'ambulance_seated' }),
      member(50, { needs: ['SMC'], fitToTravel: false, hasMedicalClearance: true, travelMode: 'bus' }),
    ]);
    expect(needs).toMatchObject({ seatUnits: 2, ambulancePlaces: 1, ambulanceSeats: 1 });
    expect(needs.members.map((m) => m.place)).toEqual(['bus', 'stretcher', 'ambulance_seat', 'bus']);
  });

  it('should give a member travelling with a companion a whole seat beside the family, even an infant', () => {
    const needs = travelNeedsOf([
      member(30, { isHead: true }),
      member(1, { needs: ['SMC'], hasMedicalClearance: true, travelMode: 'bus_with_companion' }),
    ]);
    expect(needs).toMatchObject({ seatUnits: 2, ambulancePlaces: 0, ambulanceSeats: 0 });
  });
});

describe(needsAmbulance.name, () => {
  it('should keep a medical case cleared fit to travel on the bus', () => {
    expect(needsAmbulance({ needs: ['SMC'], fitToTravel: true })).toBe(false);
    expect(needsAmbulance({ needs: ['SMC'], fitToTravel: null })).toBe(true);
    expect(needsAmbulance({ needs: ['DIS'], fitToTravel: false })).toBe(false);
  });
});
