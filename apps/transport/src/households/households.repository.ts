import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HouseholdAssessedV1, HouseholdSnapshotV1 } from '@awda/contracts';
import { execute, pg, queryRows, z } from '@awda/persistence';
import type { AssignmentRow } from '../scheduling/scheduling.repository.js';
import type { TravelNeeds } from './household-facts.js';

// Transport's households projection and what a household's changes do to its seat. The row reads
// (with the seat) are in scheduling/rows.ts and scheduling/household-lock.ts.

/** Transport's projection of households and the bookings that follow them. */
@Injectable()
export class HouseholdsRepository {
  /** A row for a household known so far only by an event that came before its snapshot. */
  async ensureHousehold(manager: EntityManager, householdId: string, campId: string): Promise<void> {
    await execute(manager, `INSERT INTO households (household_id, camp_id) VALUES ($1, $2) ON CONFLICT (household_id) DO NOTHING`, [householdId, campId]);
  }

  async saveSnapshot(manager: EntityManager, snapshot: HouseholdSnapshotV1, needs: TravelNeeds): Promise<void> {
    await execute(
      manager,
      `UPDATE households SET camp_id = $2, household_version = $3, registration_status = $4, destination_area = $5,
              members = $6::jsonb, seat_units = $7, ambulance_places = $8, ambulance_seats = $9, case_number = $10, updated_at = now()
        WHERE household_id = $1`,
      [
        snapshot.householdId,
        snapshot.campId,
        snapshot.version,
        snapshot.status,
        snapshot.destinationArea,
        JSON.stringify(needs.members),
        needs.seatUnits,
        needs.ambulancePlaces,
        needs.ambulanceSeats,
        snapshot.caseNumber,
      ],
    );
  }

  /**
   * The destination is registration's to say; the assessment's copy only fills a gap. The priority's
   * basis (absent from older producers) lets planning count waiting time to its own day.
   */
  async saveAssessment(manager: EntityManager, assessment: HouseholdAssessedV1): Promise<void> {
    await execute(
      manager,
      `UPDATE households SET assessment_version = $2, eligibility = $3, priority = $4,
              destination_area = COALESCE(destination_area, $5), assessment_reasons = $6, priority_basis = $7::jsonb,
              updated_at = now()
        WHERE household_id = $1`,
      [
        assessment.householdId,
        assessment.assessmentVersion,
        assessment.status,
        assessment.priority,
        assessment.destinationArea,
        assessment.reasons.map((reason) => reason.code),
        assessment.priorityBasis ? JSON.stringify(assessment.priorityBasis) : null,
      ],
    );
  }

  async saveRegistrationStatus(manager: EntityManager, householdId: string, status: string, version: number): Promise<void> {
    await execute(manager, `UPDATE households SET registration_status = $2, household_version = $3, updated_at = now() WHERE household_id = $1`, [
      householdId,
      status,
      version,
    ]);
  }

  /** Check-ins of members the household no longer has. */
  async dropCheckInsOfOthers(manager: EntityManager, assignmentId: string, memberIds: readonly string[]): Promise<void> {
    await execute(manager, `DELETE FROM check_ins WHERE assignment_id = $1 AND NOT (member_id = ANY($2::uuid[]))`, [assignmentId, memberIds]);
  }

  async dropCheckIns(manager: EntityManager, assignmentId: string): Promise<void> {
    await execute(manager, `DELETE FROM check_ins WHERE assignment_id = $1`, [assignmentId]);
  }

  /** Records an assignment's new size (its places already re-booked). */
  async resizeAssignment(manager: EntityManager, resized: AssignmentRow): Promise<void> {
    await execute(manager, `UPDATE assignments SET seat_units = $2, ambulance_places = $3, ambulance_seats = $4, cargo_millis = $5 WHERE id = $1`, [
      resized.id,
      resized.seatUnits,
      resized.ambulancePlaces,
      resized.ambulanceSeats,
      resized.cargoMillis,
    ]);
  }

  /** The buses an assignment has seats on. */
  async busesOf(manager: EntityManager, assignmentId: string): Promise<{ vehicleId: string }[]> {
    return queryRows(
      manager,
      'HouseholdsRepository.busesOf',
      z.object({ vehicleId: pg.uuid() }),
      `SELECT cv.vehicle_id AS "vehicleId" FROM bookings b JOIN convoy_vehicles cv ON cv.id = b.convoy_vehicle_id
        WHERE b.assignment_id = $1 AND cv.kind = 'seats'`,
      [assignmentId],
    );
  }

  /** Moves an assignment's bookings to another assignment, places and all. */
  async moveBookings(manager: EntityManager, fromAssignmentId: string, toAssignmentId: string): Promise<void> {
    await execute(manager, `UPDATE bookings SET assignment_id = $2 WHERE assignment_id = $1`, [fromAssignmentId, toAssignmentId]);
  }

  /** Runs `attempt` inside a savepoint: kept when it resolves, rolled back (and rethrown) when it throws. */
  async inSavepoint<T>(manager: EntityManager, name: string, attempt: () => Promise<T>): Promise<T> {
    await execute(manager, `SAVEPOINT ${name}`);
    try {
      const result = await attempt();
      await execute(manager, `RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await execute(manager, `ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
}
