import { describe, expect, it } from '@jest/globals';
import {
  ambulances,
  buses,
  CORRIDORS,
  household,
  planViolations,
  realisticHouseholds,
  seededRandom,
  shuffled,
  trucks,
  withoutTiming,
} from '../test/planner-fixtures.js';
import { planConvoys } from './plan-convoys.js';
import { ConvoyPlanInputError, type ConvoyPlanInput, type HouseholdToPlan, type VehicleToPlan } from './planner-input.js';
import type { ConvoyPlan } from './planner-output.js';

const ALL_DESTINATIONS = [...CORRIDORS.raqqa, ...CORRIDORS.deir];

function inputOf(
  households: readonly HouseholdToPlan[],
  vehicles: readonly VehicleToPlan[],
  options: Partial<ConvoyPlanInput['options']> = {},
): ConvoyPlanInput {
  return { households, vehicles, options: { corridors: CORRIDORS, ...options } };
}

function convoyOf(plan: ConvoyPlan, householdId: string) {
  return plan.convoys.find((convoy) => convoy.householdIds.includes(householdId));
}

describe(planConvoys.name, () => {
  it('should keep every household whole in one convoy and on one bus when it fits in one', () => {
    const households = realisticHouseholds(600, 7, ALL_DESTINATIONS);
    const input = inputOf(households, [...buses(120), ...trucks(700), ...ambulances(40)], { maxBusesPerConvoy: 5 });
    const plan = planConvoys(input);
    expect(plan.unplaced).toEqual([]);
    expect(plan.convoys.length).toBeGreaterThan(10);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should seat a household larger than any bus on several buses of one convoy', () => {
    const input = inputOf(
      [household('big', 95), household('a', 30), household('b', 30)],
      [...buses(6), ...trucks(3)],
      { maxBusesPerConvoy: 3 },
    );
    const plan = planConvoys(input);
    const convoy = convoyOf(plan, 'big');
    const parts = convoy?.buses.flatMap((bus) => bus.households.filter((part) => part.householdId === 'big')) ?? [];
    expect(parts.map((part) => part.seatUnits)).toEqual([40, 40, 15]);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should never mix destinations of different corridors on a bus or in a convoy', () => {
    const input = inputOf(
      [household('raqqa', 20, { destination: 'TABQA' }), household('deir', 20, { destination: 'DEZ-HAJIN' })],
      [...buses(4), ...trucks(2)],
    );
    const plan = planConvoys(input);
    expect(plan.quality.busesUsed).toBe(2);
    expect(plan.convoys.map((convoy) => [convoy.corridorId, convoy.destinations])).toEqual([
      ['deir', ['DEZ-HAJIN']],
      ['raqqa', ['TABQA']],
    ]);
  });

  it('should let destinations on one corridor share a bus', () => {
    const input = inputOf(
      [household('city', 20, { destination: 'RAQ-CITY' }), household('tabqa', 20, { destination: 'TABQA' })],
      [...buses(4), ...trucks(2)],
    );
    const plan = planConvoys(input);
    expect(plan.quality.busesUsed).toBe(1);
    expect(plan.convoys[0]?.destinations).toEqual(['RAQ-CITY', 'TABQA']);
  });

  it('should fill a bus to at most floor(seats × (1 − spare share))', () => {
    const households = [household('forty', 40), household('one', 1)];
    const withSpare = planConvoys(inputOf(households, [...buses(2), ...trucks(2)]));
    expect(withSpare.quality.busesUsed).toBe(2);
    expect(withSpare.convoys[0]?.buses.map((bus) => [bus.capacity, bus.seatUnits])).toEqual([[40, 40], [40, 1]]);
    const withoutSpare = planConvoys(inputOf(households, [...buses(2), ...trucks(2)], { spareShare: 0 }));
    expect(withoutSpare.quality.busesUsed).toBe(1);
  });

  it('should give ambulance places in the household convoy and no bus seat to those riders', () => {
    const patientFamily = household('patient', 0, {
      seatUnits: undefined,
      members: [{ age: 70 }, { age: 45 }, { age: 40 }],
      ambulancePlaces: 1,
    });
    // 38 + 2 fills one bus exactly; had the patient taken a seat, a second bus would be needed.
    const input = inputOf([patientFamily, household('other', 38)], [...buses(2), ...trucks(2), ...ambulances(1)]);
    const plan = planConvoys(input);
    const convoy = convoyOf(plan, 'patient');
    expect(plan.quality.busesUsed).toBe(1);
    expect(convoy?.buses[0]?.households).toEqual([
      { householdId: 'other', seatUnits: 38 },
      { householdId: 'patient', seatUnits: 2 },
    ]);
    expect(convoy?.ambulances).toEqual([
      { vehicleId: 'amb-001', stretcherPlaces: 2, seatedPlaces: 0, places: 1, seats: 0, households: [{ householdId: 'patient', places: 1, seats: 0 }] },
    ]);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should book a seated ambulance place and a stretcher place in the household convoy, off the bus', () => {
    const patientFamily = household('patients', 0, {
      seatUnits: undefined,
      members: [{ age: 70 }, { age: 68 }, { age: 45 }, { age: 40 }],
      ambulancePlaces: 1,
      ambulanceSeats: 1,
    });
    const vehicles = [...buses(2), ...trucks(2), ...ambulances(1, 1, 0, 'stretcher-only'), ...ambulances(1, 0, 2, 'seats-only')];
    const input = inputOf([patientFamily, household('other', 30)], vehicles);
    const plan = planConvoys(input);
    const convoy = convoyOf(plan, 'patients');
    expect(plan.unplaced).toEqual([]);
    expect(convoy?.buses.flatMap((bus) => bus.households).find((part) => part.householdId === 'patients')).toEqual({
      householdId: 'patients',
      seatUnits: 2,
    });
    expect(convoy?.ambulances).toEqual([
      { vehicleId: 'stretcher-only-001', stretcherPlaces: 1, seatedPlaces: 0, places: 1, seats: 0, households: [{ householdId: 'patients', places: 1, seats: 0 }] },
      { vehicleId: 'seats-only-001', stretcherPlaces: 0, seatedPlaces: 2, places: 0, seats: 1, households: [{ householdId: 'patients', places: 0, seats: 1 }] },
    ]);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should leave a family out with NO_AMBULANCE_PLACE rather than split it when no seated ambulance place is left', () => {
    const households = [
      household('seated-first', 4, { priority: 9, ambulanceSeats: 1 }),
      household('seated-second', 4, { priority: 8, ambulanceSeats: 1 }),
      household('stretcher', 4, { priority: 7, ambulancePlaces: 1 }),
    ];
    // One ambulance with a stretcher and one patient seat: the second seated patient has no place anywhere.
    const input = inputOf(households, [...buses(2), ...trucks(3), ...ambulances(1, 1, 1)]);
    const plan = planConvoys(input);
    expect(plan.convoys.flatMap((convoy) => convoy.householdIds).sort()).toEqual(['seated-first', 'stretcher']);
    expect(plan.unplaced.map((entry) => [entry.householdId, entry.reason.code])).toEqual([['seated-second', 'NO_AMBULANCE_PLACE']]);
    expect(plan.unplaced[0]?.reason.message).toContain('0 on a stretcher, 1 seated');
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should load belongings on cargo trucks of the household own convoy', () => {
    const input = inputOf(
      [household('a', 30, { cargoUnits: 2.5 }), household('b', 30), household('c', 30, { cargoUnits: 0.5 })],
      [...buses(3), ...trucks(5)],
      { maxBusesPerConvoy: 1 },
    );
    const plan = planConvoys(input);
    expect(plan.convoys).toHaveLength(3);
    const trucksOfA = convoyOf(plan, 'a')?.cargoTrucks.map((truck) => truck.households) ?? [];
    expect(trucksOfA).toEqual([
      [{ householdId: 'a', cargoUnits: 1 }],
      [{ householdId: 'a', cargoUnits: 1 }],
      [{ householdId: 'a', cargoUnits: 0.5 }],
    ]);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should leave the lowest-priority households unplaced when seats run short', () => {
    const households = [1, 2, 3, 4, 5, 6].map((priority) => household(`p${priority}`, 10, { priority }));
    const plan = planConvoys(inputOf(households, [...buses(1), ...trucks(6)]));
    expect(plan.convoys[0]?.householdIds).toEqual(['p3', 'p4', 'p5', 'p6']);
    expect(plan.unplaced.map((entry) => [entry.householdId, entry.reason.code])).toEqual([
      ['p2', 'NO_BUS_SEATS'],
      ['p1', 'NO_BUS_SEATS'],
    ]);
  });

  it('should still seat a lower-priority household in seats a higher one could not use', () => {
    const households = [household('high', 30, { priority: 3 }), household('middle', 20, { priority: 2 }), household('low', 10, { priority: 1 })];
    const plan = planConvoys(inputOf(households, [...buses(1), ...trucks(3)]));
    expect(plan.convoys[0]?.householdIds).toEqual(['high', 'low']);
    expect(plan.unplaced.map((entry) => entry.householdId)).toEqual(['middle']);
  });

  it('should leave out only the household whose need is short, not everyone after it', () => {
    const households = [
      household('first-patient', 5, { priority: 9, ambulancePlaces: 1 }),
      household('second-patient', 5, { priority: 8, ambulancePlaces: 1 }),
      household('no-patient', 5, { priority: 7 }),
    ];
    const plan = planConvoys(inputOf(households, [...buses(1), ...trucks(3), ...ambulances(1, 1)]));
    expect(plan.convoys[0]?.householdIds).toEqual(['first-patient', 'no-patient']);
    expect(plan.unplaced.map((entry) => [entry.householdId, entry.reason.code])).toEqual([['second-patient', 'NO_AMBULANCE_PLACE']]);
  });

  it('should give the same plan whatever the order of households, vehicles and corridors', () => {
    const households = realisticHouseholds(800, 11, [...ALL_DESTINATIONS, 'NOWHERE']);
    const vehicles = [...buses(70), ...buses(20, 30, 'minibus'), ...trucks(600), ...ambulances(12)];
    const input = inputOf(households, vehicles, { maxBusesPerConvoy: 8 });
    const random = seededRandom(3);
    const reordered: ConvoyPlanInput = {
      households: shuffled(households, random),
      vehicles: shuffled(vehicles, random),
      options: { corridors: { deir: [...CORRIDORS.deir].reverse(), raqqa: [...CORRIDORS.raqqa].reverse() }, maxBusesPerConvoy: 8 },
    };
    const plan = planConvoys(input);
    expect(plan.unplaced.length).toBeGreaterThan(50);
    expect(withoutTiming(planConvoys(reordered))).toEqual(withoutTiming(plan));
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should say why each household could not be planned', () => {
    const input = inputOf(
      [
        household('unknown-destination', 4, { destination: 'HASAKAH' }),
        household('wrong-corridor', 4, { destination: 'TABQA', corridor: 'deir' }),
        household('huge', 900),
        household('bad-age', 0, { seatUnits: undefined, members: [{ age: -3 }] }),
        household('twice', 4),
        household('twice', 5),
      ],
      [...buses(30), ...trucks(30)],
    );
    const unsplit = planConvoys(inputOf([household('too-big', 41)], [...buses(2), ...trucks(1)], { splitLargeHouseholds: false }));
    const noTruck = planConvoys(inputOf([household('no-truck', 4)], buses(1)));
    const noAmbulance = planConvoys(inputOf([household('no-ambulance', 4, { ambulancePlaces: 1 })], [...buses(1), ...trucks(1)]));
    const noBus = planConvoys(inputOf([household('no-bus', 4)], trucks(1)));
    const reasons = [planConvoys(input), unsplit, noTruck, noAmbulance, noBus].flatMap((plan) => plan.unplaced);
    expect(Object.fromEntries(reasons.map((entry) => [entry.householdId, entry.reason.code]))).toEqual({
      'unknown-destination': 'DESTINATION_OFF_CORRIDOR',
      'wrong-corridor': 'DESTINATION_OFF_CORRIDOR',
      huge: 'HOUSEHOLD_LARGER_THAN_CONVOY',
      'bad-age': 'INVALID_HOUSEHOLD',
      twice: 'DUPLICATE_HOUSEHOLD_ID',
      'too-big': 'HOUSEHOLD_LARGER_THAN_ANY_BUS',
      'no-truck': 'NO_CARGO_TRUCK',
      'no-ambulance': 'NO_AMBULANCE_PLACE',
      'no-bus': 'NO_BUS_SEATS',
    });
    expect(reasons.every((entry) => /^[A-Z].*\.$/.test(entry.reason.message))).toBe(true);
  });

  it('should refuse options it cannot plan with', () => {
    expect(() => planConvoys(inputOf([], buses(1), { spareShare: 1 }))).toThrow(ConvoyPlanInputError);
    expect(() => planConvoys(inputOf([], [...buses(1), ...buses(1)]))).toThrow(/appears twice/);
  });
});
