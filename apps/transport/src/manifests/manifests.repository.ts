import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pg, queryRows, z } from '@awda/persistence';
import type { ManifestArea } from './manifest.js';

const bookingLineRow = z.object({
  vehicleId: pg.uuid(),
  plate: pg.text(),
  type: pg.text(),
  operator: pg.text(),
  kind: z.enum(['seats', 'cargo', 'stretcher', 'ambulance_seats']),
  householdId: pg.uuid(),
  assignmentId: pg.uuid(),
  assignedAt: pg.text(),
  units: pg.int(),
});
export type BookingLine = z.output<typeof bookingLineRow>;

/** What a convoy's manifest is read from. */
@Injectable()
export class ManifestsRepository {
  /** The bookings of a convoy's live assignments, by vehicle kind and plate (one vehicle's when `vehicleId` is given). */
  async bookingLines(manager: EntityManager, convoyId: string, vehicleId: string | null): Promise<BookingLine[]> {
    return queryRows(
      manager,
      'ManifestsRepository.bookingLines',
      bookingLineRow,
      `SELECT v.id AS "vehicleId", v.plate, v.type, v.operator, cv.kind, a.household_id AS "householdId", a.id AS "assignmentId",
              a.assigned_at::text AS "assignedAt", b.units
         FROM assignments a
         JOIN bookings b ON b.assignment_id = a.id
         JOIN convoy_vehicles cv ON cv.id = b.convoy_vehicle_id
         JOIN vehicles v ON v.id = cv.vehicle_id
        WHERE a.convoy_id = $1 AND a.status <> 'released' AND ($2::uuid IS NULL OR v.id = $2::uuid)
        ORDER BY cv.kind, v.plate, a.household_id`,
      [convoyId, vehicleId],
    );
  }

  async vehicleOnConvoy(manager: EntityManager, convoyId: string, vehicleId: string): Promise<boolean> {
    const rows = await queryRows(manager, 'ManifestsRepository.vehicleOnConvoy', z.object({}), `SELECT 1 FROM convoy_vehicles WHERE convoy_id = $1 AND vehicle_id = $2`, [
      convoyId,
      vehicleId,
    ]);
    return rows.length > 0;
  }

  /** Members checked in on a convoy's live assignments. */
  async checkInsOf(manager: EntityManager, convoyId: string): Promise<{ assignmentId: string; memberId: string }[]> {
    return queryRows(
      manager,
      'ManifestsRepository.checkInsOf',
      z.object({ assignmentId: pg.uuid(), memberId: pg.text() }),
      `SELECT c.assignment_id AS "assignmentId", c.member_id::text AS "memberId" FROM check_ins c
         JOIN assignments a ON a.id = c.assignment_id WHERE a.convoy_id = $1 AND a.status <> 'released'`,
      [convoyId],
    );
  }

  /** Names of the given destination areas that are known. */
  async areaNames(manager: EntityManager, codes: readonly string[]): Promise<Map<string, ManifestArea>> {
    const unique = [...new Set(codes.filter((code) => code !== ''))];
    if (unique.length === 0) return new Map();
    const rows = await queryRows(
      manager,
      'ManifestsRepository.areaNames',
      z.object({ code: pg.text(), nameAr: pg.text(), nameEn: pg.text() }),
      `SELECT code, name_ar AS "nameAr", name_en AS "nameEn" FROM destination_areas WHERE code = ANY($1::text[])`,
      [unique],
    );
    return new Map(rows.map((row) => [row.code, row]));
  }
}
