import { Injectable } from '@nestjs/common';
// Rows read with hand-written SQL (locking reads and counters need it), checked once here (zod schemas).
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';
import { cargoSharesOf } from '@awda/convoy-planner';
import type { PriorityBasis } from '@awda/eligibility-rules';
import type { TravellingMember } from '../households/household-facts.js';

export type ConvoyStatus = 'planned' | 'confirmed' | 'boarding' | 'departed' | 'arrived' | 'cancelled';
/** A convoy still taking, moving or dropping passengers. */
export const OPEN_CONVOY_STATUSES: readonly ConvoyStatus[] = ['planned', 'confirmed', 'boarding'];

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

const householdRow = z.object({
  householdId: pg.uuid(),
  campId: pg.text(),
  householdVersion: pg.int(),
  /** Registration's case number (what staff search by); null until a snapshot carrying it arrived. */
  caseNumber: pg.text().nullable(),
  registrationStatus: pg.text().nullable(),
  destinationArea: pg.text().nullable(),
  /** jsonb written by the households projection from the contract's members. */
  members: z.array(z.custom<TravellingMember>(isObject, 'expected a member object')),
  seatUnits: pg.int(),
  /** Stretcher places. */
  ambulancePlaces: pg.int(),
  /** Seated ambulance places. */
  ambulanceSeats: pg.int(),
  assessmentVersion: pg.int(),
  eligibility: pg.text().nullable(),
  /** Reason codes of the latest assessment (empty when eligible). */
  assessmentReasons: pg.textArray(),
  /** As assessed (waiting counted to the assessment); planning counts waiting from `priorityBasis` when known. */
  priority: pg.float(),
  priorityBasis: z.custom<PriorityBasis>(isObject, 'expected a priority basis object').nullable(),
  scheduleVersion: pg.int(),
});

export type HouseholdRow = z.output<typeof householdRow> & {
  /** Belongings in thousandths of a truck share, from the family's size (cargoSharesOf); not stored, derived on read. */
  cargoMillis: number;
};

/** timestamptz read as the ISO string the API and the events carry. */
const isoInstant = z.union([pg.timestamp().transform((d) => d.toISOString()), pg.text()]);

export const convoyRow = z.object({
  id: pg.uuid(),
  campId: pg.text(),
  corridorId: pg.text(),
  departureDate: pg.text(),
  departureTime: pg.text(),
  assemblyPoint: pg.text(),
  /** The assembly point per SMS language, when the camp wrote them; `assemblyPoint` otherwise. */
  assemblyPointTexts: z.partialRecord(z.enum(['ar', 'ckb', 'kmr', 'en']), z.string()).nullable(),
  destinations: pg.textArray(),
  escortNotes: pg.text().nullable(),
  status: z.enum(['planned', 'confirmed', 'boarding', 'departed', 'arrived', 'cancelled'] satisfies ConvoyStatus[]),
  cancelReason: pg.text().nullable(),
  departedAt: isoInstant.nullable(),
  arrivedAt: isoInstant.nullable(),
});
export type ConvoyRow = z.output<typeof convoyRow>;

const assignmentRow = z.object({
  id: pg.uuid(),
  householdId: pg.uuid(),
  convoyId: pg.uuid(),
  status: z.enum(['assigned', 'boarded', 'released']),
  seatUnits: pg.int(),
  ambulancePlaces: pg.int(),
  ambulanceSeats: pg.int(),
  /** The truck share booked, in thousandths (CARGO_MILLIS_PER_SHARE = one share). */
  cargoMillis: pg.int(),
});
export type AssignmentRow = z.output<typeof assignmentRow>;

const convoyVehicleRow = z.object({
  id: pg.uuid(),
  convoyId: pg.uuid(),
  vehicleId: pg.uuid(),
  type: pg.text(),
  plate: pg.text(),
  operator: pg.text(),
  kind: z.enum(['seats', 'cargo', 'stretcher', 'ambulance_seats']),
  capacity: pg.int(),
  used: pg.int(),
});
export type ConvoyVehicleRow = z.output<typeof convoyVehicleRow>;

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

function withCargo(row: z.output<typeof householdRow>): HouseholdRow {
  return { ...row, cargoMillis: cargoMillisOf(row.members) };
}

type Lock = '' | 'FOR SHARE' | 'FOR UPDATE';

const seatLineRow = z.object({
  householdId: pg.uuid(),
  convoyId: pg.uuid(),
  convoyStatus: convoyRow.shape.status,
  departureDate: pg.text(),
  departureTime: pg.text(),
  assemblyPoint: pg.text(),
  assignmentId: pg.uuid(),
  seatUnits: pg.int(),
  ambulancePlaces: pg.int(),
  cargoMillis: pg.int(),
  scheduleVersion: pg.int(),
  seatConfirmedAt: pg.timestamp().nullable(),
  confirmationFlag: pg.text().nullable(),
  vehicleId: pg.uuid().nullable(),
  plate: pg.text().nullable(),
  type: pg.text().nullable(),
  kind: convoyVehicleRow.shape.kind.nullable(),
  units: pg.int().nullable(),
});
export type SeatLineRow = z.output<typeof seatLineRow>;

/** Households, convoys and assignments as scheduling reads and writes them. */
@Injectable()
export class SchedulingRepository {
  async findHousehold(manager: EntityManager, householdId: string, lock: Lock = ''): Promise<HouseholdRow | undefined> {
    const row = await queryRow(manager, 'SchedulingRepository.findHousehold', householdRow, `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE household_id = $1 ${lock}`, [
      householdId,
    ]);
    return row ? withCargo(row) : undefined;
  }

  async findHouseholds(manager: EntityManager, householdIds: readonly string[], lock: Lock = ''): Promise<HouseholdRow[]> {
    // Sorted so that concurrent transactions lock rows in the same order.
    const rows = await queryRows(
      manager,
      'SchedulingRepository.findHouseholds',
      householdRow,
      `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE household_id = ANY($1) ORDER BY household_id ${lock}`,
      [[...householdIds]],
    );
    return rows.map(withCargo);
  }

  async findConvoy(manager: EntityManager, convoyId: string, lock: Lock = ''): Promise<ConvoyRow | undefined> {
    return queryRow(manager, 'SchedulingRepository.findConvoy', convoyRow, `SELECT ${CONVOY_COLUMNS} FROM convoys WHERE id = $1 ${lock}`, [convoyId]);
  }

  async activeAssignment(manager: EntityManager, householdId: string): Promise<AssignmentRow | undefined> {
    return queryRow(
      manager,
      'SchedulingRepository.activeAssignment',
      assignmentRow,
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE household_id = $1 AND status <> 'released'`,
      [householdId],
    );
  }

  /** Which of these households hold a live seat (one query for a whole plan). */
  async householdsWithActiveAssignment(manager: EntityManager, householdIds: readonly string[]): Promise<Set<string>> {
    const rows = await queryRows(
      manager,
      'SchedulingRepository.householdsWithActiveAssignment',
      z.object({ householdId: pg.uuid() }),
      `SELECT household_id AS "householdId" FROM assignments WHERE household_id = ANY($1::uuid[]) AND status <> 'released'`,
      [[...householdIds]],
    );
    return new Set(rows.map((row) => row.householdId));
  }

  async activeAssignmentsOf(manager: EntityManager, convoyId: string): Promise<AssignmentRow[]> {
    return queryRows(
      manager,
      'SchedulingRepository.activeAssignmentsOf',
      assignmentRow,
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE convoy_id = $1 AND status <> 'released' ORDER BY household_id`,
      [convoyId],
    );
  }

  async convoyVehicles(manager: EntityManager, convoyId: string): Promise<ConvoyVehicleRow[]> {
    return queryRows(
      manager,
      'SchedulingRepository.convoyVehicles',
      convoyVehicleRow,
      `SELECT cv.id, cv.convoy_id AS "convoyId", cv.vehicle_id AS "vehicleId", v.type, v.plate, v.operator, cv.kind,
              cv.capacity, cv.used
         FROM convoy_vehicles cv JOIN vehicles v ON v.id = cv.vehicle_id
        WHERE cv.convoy_id = $1 AND cv.released_at IS NULL
        ORDER BY cv.kind, (cv.capacity - cv.used) DESC, v.plate`,
      [convoyId],
    );
  }

  /** A household's live seat, one row per vehicle it is booked on (none: no seat). */
  async seatLines(manager: EntityManager, householdId: string): Promise<SeatLineRow[]> {
    return queryRows(
      manager,
      'SchedulingRepository.seatLines',
      seatLineRow,
      `SELECT a.household_id AS "householdId", a.convoy_id AS "convoyId", c.status AS "convoyStatus",
              c.departure_date::text AS "departureDate", c.departure_time AS "departureTime", c.assembly_point AS "assemblyPoint",
              a.id AS "assignmentId", a.seat_units AS "seatUnits", a.ambulance_places AS "ambulancePlaces",
              a.cargo_millis AS "cargoMillis", h.schedule_version AS "scheduleVersion",
              a.seat_confirmed_at AS "seatConfirmedAt", a.confirmation_flag AS "confirmationFlag",
              v.id AS "vehicleId", v.plate, v.type, cv.kind, b.units
         FROM assignments a
         JOIN households h ON h.household_id = a.household_id
         JOIN convoys c ON c.id = a.convoy_id
         LEFT JOIN bookings b ON b.assignment_id = a.id
         LEFT JOIN convoy_vehicles cv ON cv.id = b.convoy_vehicle_id
         LEFT JOIN vehicles v ON v.id = cv.vehicle_id
        WHERE a.household_id = $1 AND a.status <> 'released'
        ORDER BY v.type, v.plate`,
      [householdId],
    );
  }

  /** Ends an assignment that is being moved to another convoy: its check-ins go, the assignment is released as 'moved'. */
  async releaseMovedAssignment(manager: EntityManager, assignmentId: string): Promise<void> {
    await execute(manager, `DELETE FROM check_ins WHERE assignment_id = $1`, [assignmentId]);
    await execute(manager, `UPDATE assignments SET status = 'released', release_reason = 'moved', released_at = now() WHERE id = $1`, [assignmentId]);
  }

  /** household.erased: a no-show's free-text note goes, the fact that it was a no-show stays. */
  async blankNoShowNotes(manager: EntityManager, householdId: string): Promise<void> {
    await execute(manager, `UPDATE assignments SET release_reason = 'no_show' WHERE household_id = $1 AND no_show`, [householdId]);
  }
}
