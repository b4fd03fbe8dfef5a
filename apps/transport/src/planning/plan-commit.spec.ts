import { describe, expect, it } from '@jest/globals';
import { convoyVehicleRowsOf } from './plan-commit.js';

const vehicle = (fields: Record<string, unknown>) =>
  ({ id: 'v', plate: 'P', seats: null, cargoCapacity: null, stretcherPlaces: null, seatedPlaces: null, ...fields }) as Parameters<
    typeof convoyVehicleRowsOf
  >[0];

describe(convoyVehicleRowsOf.name, () => {
  it('should give an ambulance a stretcher row and a row of seats for seated patients', () => {
    expect(convoyVehicleRowsOf(vehicle({ type: 'ambulance', stretcherPlaces: 1, seatedPlaces: 2 }))).toEqual([
      ['stretcher', 1],
      ['ambulance_seats', 2],
    ]);
    expect(convoyVehicleRowsOf(vehicle({ type: 'ambulance', seatedPlaces: 3 }))).toEqual([['ambulance_seats', 3]]);
  });

  it('should read an ambulance of a proposal stored before seated places as one stretcher', () => {
    expect(convoyVehicleRowsOf(vehicle({ type: 'ambulance', seatedPlaces: undefined, stretcherPlaces: undefined }))).toEqual([['stretcher', 1]]);
  });

  it('should keep buses in seats and trucks in thousandths of a share', () => {
    expect(convoyVehicleRowsOf(vehicle({ type: 'bus', seats: 50 }))).toEqual([['seats', 50]]);
    expect(convoyVehicleRowsOf(vehicle({ type: 'cargo_truck', cargoCapacity: 2 }))).toEqual([['cargo', 2000]]);
  });
});
