import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { HOUSEHOLD_SCHEDULED_V1, HOUSEHOLD_UNSCHEDULED_V1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { execute, isUniqueViolation, pg, queryRow, queryRows, z } from '@awda/persistence';
import { TransportErrors } from '../transport.errors.js';
import { CampClock } from './camp-clock.js';
import { SchedulingRepository, type AssignmentRow, type ConvoyRow, type ConvoyVehicleRow, type HouseholdRow } from './scheduling.repository.js';

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
  constructor(
    private readonly scheduling: SchedulingRepository,
    private readonly outbox: Outbox,
    private readonly clock: CampClock,
  ) {}

  /** Takes units on one vehicle if they fit; false when the vehicle is full. */
  async take(manager: EntityManager, convoyVehicleId: string, units: number): Promise<boolean> {
    if (units === 0) return true;
    const rows = await queryRows(
      manager,
      'SeatLedger.take',
      z.object({ id: pg.uuid() }),
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
      await execute(
        manager,
        `INSERT INTO assignments (id, household_id, convoy_id, status, seat_units, ambulance_places, ambulance_seats, cargo_millis, assigned_by)
         VALUES ($1, $2, $3, 'assigned', $4, $5, $6, $7, $8)`,
        [id, household.householdId, convoyId, household.seatUnits, household.ambulancePlaces, household.ambulanceSeats, household.cargoMillis, by],
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
      ambulanceSeats: household.ambulanceSeats,
      cargoMillis: household.cargoMillis,
    };
  }

  /**
   * Books a whole family on one convoy: its seats on one bus (the given one, else the first with room),
   * its truck share for its belongings, and ambulance places for its medical cases. A need larger than
   * any one vehicle of its kind on the convoy (a family of 35 on 30-seat buses) is spread over several
   * vehicles of the same convoy, the given bus first, as the planner places it; a family is never split
   * across convoys. All or nothing: a refusal throws and the caller's transaction rolls back.
   */
  async bookFamily(manager: EntityManager, assignment: AssignmentRow, busVehicleId?: string): Promise<Booking[]> {
    const vehicles = await this.scheduling.convoyVehicles(manager, assignment.convoyId);
    const buses = vehicles.filter((vehicle) => vehicle.kind === 'seats');
    let named: ConvoyVehicleRow | undefined;
    if (busVehicleId !== undefined) {
      named = vehicles.find((vehicle) => vehicle.vehicleId === busVehicleId);
      if (!named) throw TransportErrors.vehicleNotOnConvoy();
      if (named.kind !== 'seats') throw TransportErrors.vehicleNotABus();
    }
    const bookings: Booking[] = [
      ...(await this.place(manager, buses, assignment.seatUnits, named, () =>
        named && assignment.seatUnits <= largest(buses) ? TransportErrors.vehicleFull(named.plate) : TransportErrors.convoyFull(),
      )),
      ...(await this.place(manager, vehicles.filter((v) => v.kind === 'cargo'), assignment.cargoMillis, undefined, TransportErrors.noCargoSpace)),
      ...(await this.place(manager, vehicles.filter((v) => v.kind === 'stretcher'), assignment.ambulancePlaces, undefined, TransportErrors.noAmbulancePlace)),
      ...(await this.place(manager, vehicles.filter((v) => v.kind === 'ambulance_seats'), assignment.ambulanceSeats, undefined, TransportErrors.noAmbulancePlace)),
    ];
    await this.recordBookings(manager, assignment.id, bookings);
    return bookings;
  }

  /**
   * New live assignments for a whole plan in one INSERT; household id → assignment id. The partial
   * unique index refuses a second live one for any household.
   */
  async createAssignments(
    manager: EntityManager,
    items: readonly { household: HouseholdRow; convoyId: string }[],
    by: string,
  ): Promise<Map<string, string>> {
    const ids = items.map(() => uuidv7());
    if (items.length === 0) return new Map();
    try {
      await execute(
        manager,
        `INSERT INTO assignments (id, household_id, convoy_id, status, seat_units, ambulance_places, ambulance_seats, cargo_millis, assigned_by)
         SELECT id, household_id, convoy_id, 'assigned', seat_units, ambulance_places, ambulance_seats, cargo_millis, $8
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::int[], $7::int[])
                AS x(id, household_id, convoy_id, seat_units, ambulance_places, ambulance_seats, cargo_millis)`,
        [
          ids,
          items.map(({ household }) => household.householdId),
          items.map(({ convoyId }) => convoyId),
          items.map(({ household }) => household.seatUnits),
          items.map(({ household }) => household.ambulancePlaces),
          items.map(({ household }) => household.ambulanceSeats),
          items.map(({ household }) => household.cargoMillis),
          by,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'assignments_one_active_per_household')) throw TransportErrors.alreadyScheduled();
      throw error;
    }
    return new Map(items.map(({ household }, i) => [household.householdId, ids[i] as string]));
  }

  /**
   * Books what a committed plan placed, for every household at once: one conditional UPDATE takes
   * each vehicle's total (the CHECK on used <= capacity still guards it), one INSERT records the
   * bookings. Answers the convoy_vehicles ids that no longer have the room (empty when all fit).
   */
  async bookPlannedMany(manager: EntityManager, bookings: readonly (Booking & { assignmentId: string })[]): Promise<string[]> {
    const byVehicle = new Map<string, number>();
    const byAssignment = new Map<string, Booking & { assignmentId: string }>();
    for (const booking of bookings) {
      if (booking.units <= 0) continue;
      byVehicle.set(booking.convoyVehicleId, (byVehicle.get(booking.convoyVehicleId) ?? 0) + booking.units);
      const key = `${booking.assignmentId}|${booking.convoyVehicleId}`;
      const seen = byAssignment.get(key);
      byAssignment.set(key, seen ? { ...seen, units: seen.units + booking.units } : { ...booking });
    }
    if (byVehicle.size === 0) return [];
    const vehicles = [...byVehicle.keys()].sort();
    const taken = await queryRows(
      manager,
      'SeatLedger.bookPlannedMany',
      z.object({ id: pg.uuid() }),
      `UPDATE convoy_vehicles cv SET used = cv.used + x.units
         FROM unnest($1::uuid[], $2::int[]) AS x(id, units)
        WHERE cv.id = x.id AND cv.released_at IS NULL AND cv.used + x.units <= cv.capacity
        RETURNING cv.id`,
      [vehicles, vehicles.map((id) => byVehicle.get(id))],
    );
    if (taken.length !== vehicles.length) {
      const ok = new Set(taken.map((row) => row.id));
      return vehicles.filter((id) => !ok.has(id));
    }
    const rows = [...byAssignment.values()];
    await execute(
      manager,
      `INSERT INTO bookings (assignment_id, convoy_vehicle_id, units)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])`,
      [rows.map((row) => row.assignmentId), rows.map((row) => row.convoyVehicleId), rows.map((row) => row.units)],
    );
    return [];
  }

  /** household.scheduled for every household of a plan: one schedule-version bump, one outbox INSERT. */
  async announceScheduledMany(manager: EntityManager, items: readonly { convoy: ConvoyRow; household: HouseholdRow }[]): Promise<void> {
    if (items.length === 0) return;
    const rows = await queryRows(
      manager,
      'SeatLedger.announceScheduledMany',
      z.object({ householdId: pg.uuid(), version: pg.int() }),
      `UPDATE households SET schedule_version = schedule_version + 1
        WHERE household_id = ANY($1::uuid[])
        RETURNING household_id AS "householdId", schedule_version AS version`,
      [items.map(({ household }) => household.householdId)],
    );
    const versions = new Map(rows.map((row) => [row.householdId, row.version]));
    await this.outbox.enqueueMany(
      manager,
      items.map(({ convoy, household }) => {
        const scheduleVersion = versions.get(household.householdId);
        if (scheduleVersion === undefined) throw new Error(`household ${household.householdId} has no projection row`);
        return {
          subject: HOUSEHOLD_SCHEDULED_V1,
          data: {
            householdId: household.householdId,
            campId: household.campId,
            convoyId: convoy.id,
            departureDate: convoy.departureDate,
            departureTime: convoy.departureTime,
            assemblyPoint: convoy.assemblyPoint,
            ...(convoy.assemblyPointTexts ? { assemblyPointTexts: convoy.assemblyPointTexts } : {}),
            departsAt: this.clock.departsAt(convoy),
            destinationArea: household.destinationArea ?? '',
            scheduleVersion,
          },
        };
      }),
    );
  }

  /** Gives back everything an assignment holds. */
  async releaseBookings(manager: EntityManager, assignmentId: string): Promise<void> {
    await execute(
      manager,
      `WITH freed AS (DELETE FROM bookings WHERE assignment_id = $1 RETURNING convoy_vehicle_id, units)
       UPDATE convoy_vehicles cv SET used = cv.used - freed.units FROM freed WHERE cv.id = freed.convoy_vehicle_id`,
      [assignmentId],
    );
  }

  async announceScheduled(manager: EntityManager, convoy: ConvoyRow, households: readonly HouseholdRow[]): Promise<void> {
    await this.announceScheduledMany(manager, households.map((household) => ({ convoy, household })));
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
    await execute(
      manager,
      `UPDATE assignments SET status = 'released', release_reason = $2, no_show = $3, released_at = now() WHERE id = $1`,
      [assignment.id, options.note ?? reason, options.noShow ?? false],
    );
    const convoy = await queryRow(
      manager,
      'SeatLedger.release',
      z.object({ departureDate: pg.text(), departureTime: pg.text() }),
      `SELECT departure_date::text AS "departureDate", departure_time AS "departureTime" FROM convoys WHERE id = $1`,
      [assignment.convoyId],
    );
    await this.outbox.enqueue(manager, HOUSEHOLD_UNSCHEDULED_V1, {
      householdId: assignment.householdId,
      campId,
      convoyId: assignment.convoyId,
      reason,
      scheduleVersion: await this.nextScheduleVersion(manager, assignment.householdId),
      ...(convoy ? { departsAt: this.clock.departsAt(convoy) } : {}),
    });
  }

  /**
   * Takes `units` on vehicles of one kind: whole on the preferred vehicle, else whole on the first with
   * room; only when `units` is more than the largest of these vehicles holds is it spread, the preferred
   * vehicle first, then those with the most room. Throws `refusal()` when it cannot be done.
   */
  private async place(
    manager: EntityManager,
    vehicles: readonly ConvoyVehicleRow[],
    units: number,
    preferred: ConvoyVehicleRow | undefined,
    refusal: () => Error,
  ): Promise<Booking[]> {
    if (units <= 0) return [];
    if (units <= largest(vehicles)) {
      for (const vehicle of preferred ? [preferred] : vehicles) {
        if (vehicle.capacity - vehicle.used < units) continue;
        if (await this.take(manager, vehicle.id, units)) return [{ convoyVehicleId: vehicle.id, units }];
      }
      throw refusal();
    }
    const order = [...(preferred ? [preferred] : []), ...[...vehicles].filter((v) => v.id !== preferred?.id).sort((a, b) => b.capacity - b.used - (a.capacity - a.used))];
    const bookings: Booking[] = [];
    let remaining = units;
    for (const vehicle of order) {
      const part = Math.min(remaining, vehicle.capacity - vehicle.used);
      if (part <= 0) continue;
      if (!(await this.take(manager, vehicle.id, part))) throw refusal();
      bookings.push({ convoyVehicleId: vehicle.id, units: part });
      remaining -= part;
      if (remaining === 0) return bookings;
    }
    throw refusal();
  }

  private async recordBookings(manager: EntityManager, assignmentId: string, bookings: readonly Booking[]): Promise<void> {
    for (const booking of bookings.filter((b) => b.units > 0)) {
      await execute(
        manager,
        `INSERT INTO bookings (assignment_id, convoy_vehicle_id, units) VALUES ($1, $2, $3)
         ON CONFLICT (assignment_id, convoy_vehicle_id) DO UPDATE SET units = bookings.units + EXCLUDED.units`,
        [assignmentId, booking.convoyVehicleId, booking.units],
      );
    }
  }

  private async nextScheduleVersion(manager: EntityManager, householdId: string): Promise<number> {
    const row = await queryRow(
      manager,
      'SeatLedger.nextScheduleVersion',
      z.object({ version: pg.int() }),
      `WITH bumped AS (
         UPDATE households SET schedule_version = schedule_version + 1 WHERE household_id = $1 RETURNING schedule_version)
       SELECT schedule_version AS version FROM bumped`,
      [householdId],
    );
    const version = row?.version;
    if (version === undefined) throw new Error(`household ${householdId} has no projection row`);
    return version;
  }
}

/** The most one vehicle of these holds (capacity, whatever is taken). */
function largest(vehicles: readonly ConvoyVehicleRow[]): number {
  return vehicles.reduce((most, vehicle) => Math.max(most, vehicle.capacity), 0);
}
