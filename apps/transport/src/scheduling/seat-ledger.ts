import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { HOUSEHOLD_SCHEDULED_V1, HOUSEHOLD_UNSCHEDULED_V1, type HouseholdScheduledV1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { isUniqueViolation } from '@awda/persistence';
import { TransportErrors } from '../transport.errors.js';
import { convoyVehicles, type AssignmentRow, type ConvoyRow, type ConvoyVehicleRow, type HouseholdRow } from './rows.js';

/** Belongings: one truck share per family (a share is 1000 on a truck's counter). */
export const CARGO_MILLIS_PER_HOUSEHOLD = 1000;

export interface Booking {
  convoyVehicleId: string;
  units: number;
}

/**
 * The seat ledger: every seat, truck share and stretcher place taken or given back goes through
 * here, inside the caller's transaction. A take is a conditional UPDATE on convoy_vehicles.used,
 * backed by CHECK (used <= capacity), so concurrent bookings can never oversell a vehicle.
 */
@Injectable()
export class SeatLedger {
  constructor(private readonly outbox: Outbox) {}

  /** Takes units on one vehicle if they fit; false when the vehicle is full. */
  async take(manager: EntityManager, convoyVehicleId: string, units: number): Promise<boolean> {
    if (units === 0) return true;
    const rows: unknown[] = await manager.query(
      `WITH taken AS (
         UPDATE convoy_vehicles SET used = used + $2
          WHERE id = $1 AND released_at IS NULL AND used + $2 <= capacity RETURNING id)
       SELECT id FROM taken`,
      [convoyVehicleId, units],
    );
    return rows.length === 1;
  }

  /** A new live assignment; the partial unique index refuses a second one for the household. */
  async createAssignment(manager: EntityManager, household: HouseholdRow, convoyId: string, by: string): Promise<AssignmentRow> {
    const id = uuidv7();
    try {
      await manager.query(
        `INSERT INTO assignments (id, household_id, convoy_id, status, seat_units, ambulance_places, assigned_by)
         VALUES ($1, $2, $3, 'assigned', $4, $5, $6)`,
        [id, household.householdId, convoyId, household.seatUnits, household.ambulancePlaces, by],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'assignments_one_active_per_household')) throw TransportErrors.alreadyScheduled();
      throw error;
    }
    return {
      id,
      householdId: household.householdId,
      convoyId,
      status: 'assigned',
      seatUnits: household.seatUnits,
      ambulancePlaces: household.ambulancePlaces,
    };
  }

  /**
   * Books a whole family on one convoy: its seats on one bus (the given one, else the first with room),
   * one truck share for its belongings, and ambulance places for its medical cases. All or nothing:
   * a refusal throws and the caller's transaction rolls back.
   */
  async bookFamily(manager: EntityManager, assignment: AssignmentRow, busVehicleId?: string): Promise<Booking[]> {
    const vehicles = await convoyVehicles(manager, assignment.convoyId);
    const bookings: Booking[] = [];
    const buses = vehicles.filter((vehicle) => vehicle.kind === 'seats');
    if (busVehicleId !== undefined) {
      const bus = vehicles.find((vehicle) => vehicle.vehicleId === busVehicleId);
      if (!bus) throw TransportErrors.vehicleNotOnConvoy();
      if (bus.kind !== 'seats') throw TransportErrors.vehicleNotABus();
      if (!(await this.take(manager, bus.id, assignment.seatUnits))) throw TransportErrors.vehicleFull(bus.plate);
      bookings.push({ convoyVehicleId: bus.id, units: assignment.seatUnits });
    } else {
      const bus = await this.firstWithRoom(manager, buses, assignment.seatUnits);
      if (!bus) throw TransportErrors.convoyFull();
      bookings.push({ convoyVehicleId: bus.id, units: assignment.seatUnits });
    }
    const truck = await this.firstWithRoom(manager, vehicles.filter((v) => v.kind === 'cargo'), CARGO_MILLIS_PER_HOUSEHOLD);
    if (!truck) throw TransportErrors.noCargoSpace();
    bookings.push({ convoyVehicleId: truck.id, units: CARGO_MILLIS_PER_HOUSEHOLD });
    if (assignment.ambulancePlaces > 0) {
      const ambulance = await this.firstWithRoom(manager, vehicles.filter((v) => v.kind === 'stretcher'), assignment.ambulancePlaces);
      if (!ambulance) throw TransportErrors.noAmbulancePlace();
      bookings.push({ convoyVehicleId: ambulance.id, units: assignment.ambulancePlaces });
    }
    await this.recordBookings(manager, assignment.id, bookings);
    return bookings;
  }

  /** Books exactly what a committed plan placed; false if any vehicle no longer has the room. */
  async bookPlanned(manager: EntityManager, assignmentId: string, bookings: readonly Booking[]): Promise<boolean> {
    for (const booking of bookings) {
      if (!(await this.take(manager, booking.convoyVehicleId, booking.units))) return false;
    }
    await this.recordBookings(manager, assignmentId, bookings);
    return true;
  }

  /** Gives back everything an assignment holds. */
  async releaseBookings(manager: EntityManager, assignmentId: string): Promise<void> {
    await manager.query(
      `WITH freed AS (DELETE FROM bookings WHERE assignment_id = $1 RETURNING convoy_vehicle_id, units)
       UPDATE convoy_vehicles cv SET used = cv.used - freed.units FROM freed WHERE cv.id = freed.convoy_vehicle_id`,
      [assignmentId],
    );
  }

  async announceScheduled(manager: EntityManager, convoy: ConvoyRow, households: readonly HouseholdRow[]): Promise<void> {
    const events: { subject: typeof HOUSEHOLD_SCHEDULED_V1; data: HouseholdScheduledV1 }[] = [];
    for (const household of households) {
      events.push({
        subject: HOUSEHOLD_SCHEDULED_V1,
        data: {
          householdId: household.householdId,
          campId: household.campId,
          convoyId: convoy.id,
          departureDate: convoy.departureDate,
          departureTime: convoy.departureTime,
          assemblyPoint: convoy.assemblyPoint,
          destinationArea: household.destinationArea ?? '',
          scheduleVersion: await this.nextScheduleVersion(manager, household.householdId),
        },
      });
    }
    await this.outbox.enqueueMany(manager, events);
  }

  /** Frees the family's places, closes the assignment and tells the family (household.unscheduled). */
  async unschedule(
    manager: EntityManager,
    assignment: AssignmentRow,
    campId: string,
    reason: string,
    options: { noShow?: boolean; note?: string } = {},
  ): Promise<void> {
    await this.releaseBookings(manager, assignment.id);
    await manager.query(
      `UPDATE assignments SET status = 'released', release_reason = $2, no_show = $3, released_at = now() WHERE id = $1`,
      [assignment.id, options.note ?? reason, options.noShow ?? false],
    );
    await this.outbox.enqueue(manager, HOUSEHOLD_UNSCHEDULED_V1, {
      householdId: assignment.householdId,
      campId,
      convoyId: assignment.convoyId,
      reason,
      scheduleVersion: await this.nextScheduleVersion(manager, assignment.householdId),
    });
  }

  private async firstWithRoom(manager: EntityManager, vehicles: readonly ConvoyVehicleRow[], units: number): Promise<ConvoyVehicleRow | undefined> {
    for (const vehicle of vehicles) {
      if (vehicle.capacity - vehicle.used < units) continue;
      if (await this.take(manager, vehicle.id, units)) return vehicle;
    }
    return undefined;
  }

  private async recordBookings(manager: EntityManager, assignmentId: string, bookings: readonly Booking[]): Promise<void> {
    for (const booking of bookings.filter((b) => b.units > 0)) {
      await manager.query(
        `INSERT INTO bookings (assignment_id, convoy_vehicle_id, units) VALUES ($1, $2, $3)
         ON CONFLICT (assignment_id, convoy_vehicle_id) DO UPDATE SET units = bookings.units + EXCLUDED.units`,
        [assignmentId, booking.convoyVehicleId, booking.units],
      );
    }
  }

  private async nextScheduleVersion(manager: EntityManager, householdId: string): Promise<number> {
    const rows: { version: number }[] = await manager.query(
      `WITH bumped AS (
         UPDATE households SET schedule_version = schedule_version + 1 WHERE household_id = $1 RETURNING schedule_version)
       SELECT schedule_version AS version FROM bumped`,
      [householdId],
    );
    const version = rows[0]?.version;
    if (version === undefined) throw new Error(`household ${householdId} has no projection row`);
    return version;
  }
}
