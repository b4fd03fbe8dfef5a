import type { EntityManager } from 'typeorm';
import { CARGO_MILLIS_PER_SHARE, type ConvoyRow, type SchedulingRepository } from '../scheduling/scheduling.repository.js';
import type { ConvoysRepository } from './convoys.repository.js';

export interface ConvoyVehicleView {
  vehicleId: string;
  plate: string;
  type: string;
  operator: string;
  /**
   * What capacity, used and free count: seats (bus, minibus), truck shares (cargo: the unit a truck's
   * cargoCapacity was given in, 1 = one family's belongings of five people), stretcher places, or an
   * ambulance's seats for patients.
   */
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  capacity: number;
  used: number;
  free: number;
}

/**
 * Internal counts to what the API speaks: cargo is counted in thousandths of a truck share inside
 * transport (exact sums), and given back in shares, as the truck was created (8 in, 8 out).
 */
export function unitsOut(kind: ConvoyVehicleView['kind'], units: number): number {
  return kind === 'cargo' ? units / CARGO_MILLIS_PER_SHARE : units;
}

export interface ConvoyHouseholdView {
  householdId: string;
  /** Registration's case number; null until transport has received a snapshot carrying it. */
  caseNumber: string | null;
  status: 'assigned' | 'boarded' | 'released';
  seatUnits: number;
  /** Stretcher places. */
  ambulancePlaces: number;
  /** Seated ambulance places. */
  ambulanceSeats: number;
  members: number;
  checkedIn: string[];
  noShow: boolean;
  releaseReason: string | null;
}

export interface ConvoyView extends ConvoyRow {
  vehicles: ConvoyVehicleView[];
  households: ConvoyHouseholdView[];
}

/** A convoy as the logistics screen shows it: vehicles with free places, families on board and no-shows. */
export async function convoyView(
  repositories: { convoys: ConvoysRepository; scheduling: SchedulingRepository },
  manager: EntityManager,
  convoy: ConvoyRow,
): Promise<ConvoyView> {
  const vehicles = (await repositories.scheduling.convoyVehicles(manager, convoy.id)).map((vehicle) => ({
    vehicleId: vehicle.vehicleId,
    plate: vehicle.plate,
    type: vehicle.type,
    operator: vehicle.operator,
    kind: vehicle.kind,
    capacity: unitsOut(vehicle.kind, vehicle.capacity),
    used: unitsOut(vehicle.kind, vehicle.used),
    free: unitsOut(vehicle.kind, vehicle.capacity - vehicle.used),
  }));
  const households: ConvoyHouseholdView[] = await repositories.convoys.convoyHouseholds(manager, convoy.id);
  return { ...convoy, vehicles, households };
}
