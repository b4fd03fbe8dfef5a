// Rows read with hand-written SQL (locking reads and counters need it), typed once here.
import type { EntityManager } from 'typeorm';
import { cargoSharesOf } from '@awda/convoy-planner';
import type { PriorityBasis } from '@awda/eligibility-rules';
import type { AssemblyPointTexts } from '../convoys/dto/convoy.dto.js';
import type { TravellingMember } from '../households/household-facts.js';

export type ConvoyStatus = 'planned' | 'confirmed' | 'boarding' | 'departed' | 'arrived' | 'cancelled';
/** A convoy still taking, moving or dropping passengers. */
export const OPEN_CONVOY_STATUSES: readonly ConvoyStatus[] = ['planned', 'confirmed', 'boarding'];

export interface HouseholdRow {
  householdId: string;
  campId: string;
  householdVersion: number;
  /** Registration's case number (what staff search by); null until a snapshot carrying it arrived. */
  caseNumber: string | null;
  registrationStatus: string | null;
  destinationArea: string | null;
  members: TravellingMember[];
  seatUnits: number;
  /** Stretcher places. */
  ambulancePlaces: number;
  /** Seated ambulance places. */
  ambulanceSeats: number;
  /** Belongings in thousandths of a truck share, from the family's size (cargoSharesOf); not stored, derived on read. */
  cargoMillis: number;
  assessmentVersion: number;
  eligibility: string | null;
  /** Reason codes of the latest assessment (empty when eligible). */
  assessmentReasons: string[];
  /** As assessed (waiting counted to the assessment); planning counts waiting from `priorityBasis` when known. */
  priority: number;
  priorityBasis: PriorityBasis | null;
  scheduleVersion: number;
}

export interface ConvoyRow {
  id: string;
  campId: string;
  corridorId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  /** The assembly point per SMS language, when the camp wrote them; `assemblyPoint` otherwise. */
  assemblyPointTexts: AssemblyPointTexts | null;
  destinations: string[];
  escortNotes: string | null;
  status: ConvoyStatus;
  cancelReason: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
}

export interface AssignmentRow {
  id: string;
  householdId: string;
  convoyId: string;
  status: 'assigned' | 'boarded' | 'released';
  seatUnits: number;
  ambulancePlaces: number;
  ambulanceSeats: number;
  /** The truck share booked, in thousandths (CARGO_MILLIS_PER_SHARE = one share). */
  cargoMillis: number;
}

export interface ConvoyVehicleRow {
  id: string;
  convoyId: string;
  vehicleId: string;
  type: string;
  plate: string;
  operator: string;
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  capacity: number;
  used: number;
}

const HOUSEHOLD_COLUMNS = `household_id AS "householdId", camp_id AS "campId", household_version AS "householdVersion",
  case_number AS "caseNumber", registration_status AS "registrationStatus", destination_area AS "destinationArea", members,
  seat_units AS "seatUnits", ambulance_places AS "ambulancePlaces", ambulance_seats AS "ambulanceSeats", assessment_version AS "assessmentVersion",
  eligibility, assessment_reasons AS "assessmentReasons", priority::float8 AS priority, priority_basis AS "priorityBasis",
  schedule_version AS "scheduleVersion"`;

export const CONVOY_COLUMNS = `id, camp_id AS "campId", corridor_id AS "corridorId", departure_date::text AS "departureDate",
  departure_time AS "departureTime", assembly_point AS "assemblyPoint",
  assembly_point_texts AS "assemblyPointTexts", destinations, escort_notes AS "escortNotes",
  status, cancel_reason AS "cancelReason", departed_at AS "departedAt", arrived_at AS "arrivedAt"`;

const ASSIGNMENT_COLUMNS = `id, household_id AS "householdId", convoy_id AS "convoyId", status,
  seat_units AS "seatUnits", ambulance_places AS "ambulancePlaces", ambulance_seats AS "ambulanceSeats", cargo_millis AS "cargoMillis"`;

/** Cargo is counted in thousandths of a truck share inside transport (convoy_vehicles, bookings); the API speaks shares. */
export const CARGO_MILLIS_PER_SHARE = 1000;

/** A family's truck share in thousandths: the planner library's rule on the number of members. */
export function cargoMillisOf(members: readonly unknown[]): number {
  return Math.round(cargoSharesOf(members.length) * CARGO_MILLIS_PER_SHARE);
}

function withCargo(row: Omit<HouseholdRow, 'cargoMillis'>): HouseholdRow {
  return { ...row, cargoMillis: cargoMillisOf(row.members) };
}

type Lock = '' | 'FOR SHARE' | 'FOR UPDATE';

export async function findHousehold(manager: EntityManager, householdId: string, lock: Lock = ''): Promise<HouseholdRow | undefined> {
  const rows: Omit<HouseholdRow, 'cargoMillis'>[] = await manager.query(`SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE household_id = $1 ${lock}`, [
    householdId,
  ]);
  return rows[0] ? withCargo(rows[0]) : undefined;
}

export async function findHouseholds(manager: EntityManager, householdIds: readonly string[], lock: Lock = ''): Promise<HouseholdRow[]> {
  // Sorted so that concurrent transactions lock rows in the same order.
  const rows: Omit<HouseholdRow, 'cargoMillis'>[] = await manager.query(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE household_id = ANY($1) ORDER BY household_id ${lock}`,
    [[...householdIds]],
  );
  return rows.map(withCargo);
}

export async function findConvoy(manager: EntityManager, convoyId: string, lock: Lock = ''): Promise<ConvoyRow | undefined> {
  const rows: ConvoyRow[] = await manager.query(`SELECT ${CONVOY_COLUMNS} FROM convoys WHERE id = $1 ${lock}`, [convoyId]);
  return rows[0];
}

export async function activeAssignment(manager: EntityManager, householdId: string): Promise<AssignmentRow | undefined> {
  const rows: AssignmentRow[] = await manager.query(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE household_id = $1 AND status <> 'released'`,
    [householdId],
  );
  return rows[0];
}

/** Which of these households hold a live seat (one query for a whole plan). */
export async function householdsWithActiveAssignment(manager: EntityManager, householdIds: readonly string[]): Promise<Set<string>> {
  const rows: { householdId: string }[] = await manager.query(
    `SELECT household_id AS "householdId" FROM assignments WHERE household_id = ANY($1::uuid[]) AND status <> 'released'`,
    [[...householdIds]],
  );
  return new Set(rows.map((row) => row.householdId));
}

export async function activeAssignmentsOf(manager: EntityManager, convoyId: string): Promise<AssignmentRow[]> {
  return manager.query(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE convoy_id = $1 AND status <> 'released' ORDER BY household_id`,
    [convoyId],
  );
}

export async function convoyVehicles(manager: EntityManager, convoyId: string): Promise<ConvoyVehicleRow[]> {
  return manager.query(
    `SELECT cv.id, cv.convoy_id AS "convoyId", cv.vehicle_id AS "vehicleId", v.type, v.plate, v.operator, cv.kind,
            cv.capacity, cv.used
       FROM convoy_vehicles cv JOIN vehicles v ON v.id = cv.vehicle_id
      WHERE cv.convoy_id = $1 AND cv.released_at IS NULL
      ORDER BY cv.kind, (cv.capacity - cv.used) DESC, v.plate`,
    [convoyId],
  );
}
