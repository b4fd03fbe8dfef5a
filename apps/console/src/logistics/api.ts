// Transport's logistics answers as the console reads them (transport's OpenAPI does not describe its
// responses yet: see api/clients.ts), and the TanStack Query hooks of the logistics pages.
import { useQuery } from '@tanstack/react-query';
import { transportApi, unwrap } from '../api/clients';
import { ApiError } from '../api/errors';

export type VehicleType = 'bus' | 'minibus' | 'cargo_truck' | 'ambulance';

export interface Vehicle {
  id: string;
  campId: string;
  type: VehicleType;
  plate: string;
  operator: string;
  seats: number | null;
  cargoCapacity: number | null;
  stretcherPlaces: number | null;
  seatedPlaces: number | null;
  availableDates: string[];
}

export interface Corridor {
  id: string;
  name: string;
  areaCodes: string[];
}

export interface PoolHousehold {
  householdId: string;
  caseNumber: string | null;
  destinationArea: string;
  priority: number;
  seatUnits: number;
  ambulancePlaces: number;
  ambulanceSeats: number;
  cargoShares: number;
  members: number;
}

export interface PlannedBus {
  vehicleId: string;
  type: string;
  seats: number;
  capacity: number;
  seatUnits: number;
  households: { householdId: string; seatUnits: number }[];
}

export interface PlannedConvoy {
  id: string;
  corridorId: string;
  destinations: string[];
  householdIds: string[];
  seatUnits: number;
  buses: PlannedBus[];
  cargoTrucks: { vehicleId: string; cargoCapacity: number; cargoUnits: number; households: { householdId: string; cargoUnits: number }[] }[];
  ambulances: { vehicleId: string; stretcherPlaces: number; seatedPlaces: number; places: number; seats: number; households: { householdId: string; places: number; seats: number }[] }[];
}

export type UnplacedCode =
  | 'INVALID_HOUSEHOLD'
  | 'DUPLICATE_HOUSEHOLD_ID'
  | 'DESTINATION_OFF_CORRIDOR'
  | 'HOUSEHOLD_LARGER_THAN_ANY_BUS'
  | 'HOUSEHOLD_LARGER_THAN_CONVOY'
  | 'NO_BUS_SEATS'
  | 'NO_CARGO_TRUCK'
  | 'NO_AMBULANCE_PLACE'
  | 'TAKEN_OUT';

export interface PlanRequest {
  campId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  corridorIds?: string[];
}

export interface PlanProposal {
  planId: string;
  status: 'proposed' | 'committed';
  request: PlanRequest;
  households: { householdId: string; caseNumber?: string | null; destinationArea: string; corridorId: string | null; priority: number; seatUnits: number; ambulancePlaces: number; ambulanceSeats?: number; cargoShares?: number }[];
  vehicles: Pick<Vehicle, 'id' | 'type' | 'plate' | 'seats' | 'cargoCapacity' | 'stretcherPlaces' | 'seatedPlaces'>[];
  plan: {
    convoys: PlannedConvoy[];
    unplaced: { householdId: string; reason: { code: UnplacedCode; message: string } }[];
    unusedVehicleIds: string[];
    quality: { busesUsed: number; lowerBound: number; lpBound?: number; seatUtilisation: number; method: 'ffd' | 'exact' };
  };
}

export interface CommittedPlan {
  planId: string;
  convoys: { convoyId: string; corridorId: string; destinations: string[]; householdIds: string[]; vehicleIds: string[] }[];
  unplaced: PlanProposal['plan']['unplaced'];
}

export type ConvoyStatus = 'planned' | 'confirmed' | 'boarding' | 'departed' | 'arrived' | 'cancelled';

export interface ConvoyRow {
  id: string;
  campId: string;
  corridorId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  destinations: string[];
  escortNotes: string | null;
  status: ConvoyStatus;
  cancelReason: string | null;
}

export interface ConvoyVehicle {
  vehicleId: string;
  plate: string;
  type: VehicleType;
  operator: string;
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  capacity: number;
  used: number;
  free: number;
}

export interface ConvoyView extends ConvoyRow {
  vehicles: ConvoyVehicle[];
  households: { householdId: string; caseNumber: string | null; status: 'assigned' | 'boarded' | 'released'; seatUnits: number; members: number; noShow: boolean }[];
}

export interface ManifestArea {
  code: string;
  nameAr: string | null;
  nameEn: string | null;
}

export interface ManifestMember {
  memberId: string;
  fullNameAr: string | null;
  fullNameLatin: string | null;
  isHead: boolean;
  age: number;
  ambulance: boolean;
  checkedIn: boolean;
}

export interface ManifestHousehold {
  householdId: string;
  caseNumber: string | null;
  destinationArea: string;
  destination: ManifestArea;
  units: number;
  people: number;
  head: { fullNameAr: string | null; fullNameLatin: string | null } | null;
  notInformed: { status: string | null; reason: string | null } | null;
  members: ManifestMember[];
}

export interface ManifestTotals {
  families: number;
  people: number;
  seats: number;
  cargo: number;
  stretcherPlaces: number;
  ambulanceSeats: number;
}

export interface ManifestVehicle {
  vehicleId: string;
  plate: string;
  type: VehicleType;
  operator: string;
  kind: ConvoyVehicle['kind'];
  totals: ManifestTotals;
  households: ManifestHousehold[];
}

export interface Manifest {
  convoy: ConvoyRow & { destinationAreas: ManifestArea[]; assemblyPointTexts: Partial<Record<'ar' | 'ckb' | 'kmr' | 'en', string>> | null };
  generatedAt: string;
  totals: ManifestTotals;
  vehicles: ManifestVehicle[];
  notInformed: { householdId: string; caseNumber: string | null; status: string | null; reason: string | null }[];
  refused: string[];
}

export const logisticsKeys = {
  vehicles: (campId: string) => ['logistics', 'vehicles', campId] as const,
  corridors: ['logistics', 'corridors'] as const,
  pool: (campId: string) => ['logistics', 'pool', campId] as const,
  convoys: ['logistics', 'convoys'] as const,
  convoy: (id: string) => ['logistics', 'convoy', id] as const,
  manifest: (id: string) => ['logistics', 'manifest', id] as const,
};

export function useVehicles(campId: string) {
  return useQuery({
    queryKey: logisticsKeys.vehicles(campId),
    queryFn: () => unwrap<Vehicle[]>(transportApi.GET('/vehicles', { params: { query: { campId } } })),
    enabled: campId !== '',
  });
}

export function useCorridors() {
  return useQuery({ queryKey: logisticsKeys.corridors, queryFn: () => unwrap<Corridor[]>(transportApi.GET('/corridors')), staleTime: 10 * 60_000 });
}

export function usePool(campId: string) {
  return useQuery({
    queryKey: logisticsKeys.pool(campId),
    queryFn: () => unwrap<PoolHousehold[]>(transportApi.GET('/pool', { params: { query: { campId } } })),
    enabled: campId !== '',
  });
}

export function useConvoys() {
  return useQuery({ queryKey: logisticsKeys.convoys, queryFn: () => unwrap<ConvoyRow[]>(transportApi.GET('/convoys', { params: { query: {} } })) });
}

export function useConvoy(id: string) {
  return useQuery({
    queryKey: logisticsKeys.convoy(id),
    queryFn: () => unwrap<ConvoyView>(transportApi.GET('/convoys/{convoyId}', { params: { path: { convoyId: id } } })),
  });
}

/** The manifest with names (registration audits the read): only fetched for the convoy a person opened. */
export function useManifest(id: string) {
  return useQuery({
    queryKey: logisticsKeys.manifest(id),
    queryFn: () => unwrap<Manifest>(transportApi.GET('/convoys/{convoyId}/manifest', { params: { path: { convoyId: id }, query: { format: 'json' } } })),
    retry: (count, error) => count < 2 && error instanceof ApiError && error.status >= 500,
  });
}

/** The CSV export of a convoy (or one of its vehicles), as the service writes it. */
export function manifestCsvUrl(convoyId: string, vehicleId?: string): string {
  const query = new URLSearchParams({ format: 'csv' });
  if (vehicleId) query.set('vehicleId', vehicleId);
  return `/api/transport/convoys/${encodeURIComponent(convoyId)}/manifest?${query.toString()}`;
}

const KIND_ORDER: Record<ConvoyVehicle['kind'], number> = { seats: 0, stretcher: 1, ambulance_seats: 2, cargo: 3 };

/** Buses first (people board them), then ambulances, then cargo trucks; by plate within a kind. */
export function vehicleOrder(a: { kind: ConvoyVehicle['kind']; plate: string }, b: { kind: ConvoyVehicle['kind']; plate: string }): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.plate.localeCompare(b.plate);
}

/** A family's or vehicle's id, short: the random end of a uuid v7 (its start is the time it was made, alike for a batch). */
export function shortId(id: string): string {
  return id.slice(-8);
}
