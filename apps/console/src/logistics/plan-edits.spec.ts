import { describe, expect, it } from '@jest/globals';
import type { PlannedConvoy } from './api';
import { editedBusLoads, editsBody, familyLabel, NO_EDITS } from './plan-edits';

const bus = (vehicleId: string, households: { householdId: string; seatUnits: number }[]) => ({
  vehicleId,
  type: 'bus',
  seats: 45,
  capacity: 40,
  seatUnits: households.reduce((sum, part) => sum + part.seatUnits, 0),
  households,
});
const convoy: PlannedConvoy = {
  id: 'raqqa-1',
  corridorId: 'raqqa',
  destinations: ['SY110100'],
  householdIds: ['a', 'b', 'big'],
  seatUnits: 70,
  buses: [bus('bus-1', [{ householdId: 'a', seatUnits: 20 }, { householdId: 'big', seatUnits: 20 }]), bus('bus-2', [{ householdId: 'b', seatUnits: 10 }, { householdId: 'big', seatUnits: 20 }])],
  cargoTrucks: [],
  ambulances: [],
};

describe(editedBusLoads.name, () => {
  it('should count each bus as proposed without edits', () => {
    expect(editedBusLoads(convoy, NO_EDITS)).toEqual(new Map([['bus-1', { seatUnits: 40, families: 2 }], ['bus-2', { seatUnits: 30, families: 2 }]]));
  });

  it('should move a whole family (all its seat units from every bus) and drop one taken out', () => {
    const loads = editedBusLoads(convoy, { moves: new Map([['big', 'bus-2']]), takenOut: new Set(['b']) });
    expect(loads).toEqual(new Map([['bus-1', { seatUnits: 20, families: 1 }], ['bus-2', { seatUnits: 40, families: 1 }]]));
  });
});

describe(editsBody.name, () => {
  it('should send nothing without edits, and the moves and take-outs otherwise', () => {
    expect(editsBody(NO_EDITS)).toEqual({});
    expect(editsBody({ moves: new Map([['a', 'bus-2']]), takenOut: new Set(['b']) })).toEqual({ moves: [{ householdId: 'a', toVehicleId: 'bus-2' }], takenOut: ['b'] });
  });
});

describe(familyLabel.name, () => {
  it('should name a family by its case number, else by the end of its id', () => {
    expect(familyLabel('01a24d30-7b29-71bc-a841-2c0d157eb6bc', 'MAH-25-00001')).toBe('MAH-25-00001');
    expect(familyLabel('01a24d30-7b29-71bc-a841-2c0d157eb6bc', null)).toBe('157eb6bc');
  });
});
