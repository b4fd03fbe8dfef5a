import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ManifestNamesReplyV1, ManifestNamesRequestV1 } from '@awda/contracts';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { findConvoy, findHouseholds } from '../scheduling/rows.js';
import { TransportErrors } from '../transport.errors.js';
import type { Manifest, ManifestVehicle } from './manifest.js';
import { ManifestNamesClient } from './manifest-names.client.js';

interface BookingLine {
  vehicleId: string;
  plate: string;
  type: string;
  operator: string;
  kind: ManifestVehicle['kind'];
  householdId: string;
  assignmentId: string;
  units: number;
}

/** Builds a manifest with names asked of registration now, for this user; nothing is kept. */
@Injectable()
export class ManifestsService {
  private readonly logger = new Logger(ManifestsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly names: ManifestNamesClient,
  ) {}

  async manifest(user: AuthUser, convoyId: string, vehicleId?: string): Promise<Manifest> {
    const manager = this.dataSource.manager;
    const convoy = await findConvoy(manager, convoyId);
    if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
    const lines: BookingLine[] = await manager.query(
      `SELECT v.id AS "vehicleId", v.plate, v.type, v.operator, cv.kind, a.household_id AS "householdId", a.id AS "assignmentId", b.units
         FROM assignments a
         JOIN bookings b ON b.assignment_id = a.id
         JOIN convoy_vehicles cv ON cv.id = b.convoy_vehicle_id
         JOIN vehicles v ON v.id = cv.vehicle_id
        WHERE a.convoy_id = $1 AND a.status <> 'released' AND ($2::uuid IS NULL OR v.id = $2::uuid)
        ORDER BY cv.kind, v.plate, a.household_id`,
      [convoy.id, vehicleId ?? null],
    );
    if (vehicleId !== undefined && lines.length === 0) {
      const onConvoy: unknown[] = await manager.query(`SELECT 1 FROM convoy_vehicles WHERE convoy_id = $1 AND vehicle_id = $2`, [convoy.id, vehicleId]);
      if (onConvoy.length === 0) throw TransportErrors.vehicleNotOnConvoy();
    }
    const householdIds = [...new Set(lines.map((line) => line.householdId))].sort();
    const households = new Map((await findHouseholds(manager, householdIds)).map((household) => [household.householdId, household]));
    const checkIns: { assignmentId: string; memberId: string }[] = await manager.query(
      `SELECT c.assignment_id AS "assignmentId", c.member_id::text AS "memberId" FROM check_ins c
         JOIN assignments a ON a.id = c.assignment_id WHERE a.convoy_id = $1 AND a.status <> 'released'`,
      [convoy.id],
    );
    const checkedIn = new Set(checkIns.map((row) => `${row.assignmentId}/${row.memberId}`));
    const names = await this.namesFor(user, householdIds);
    const vehicles = new Map<string, ManifestVehicle>();
    for (const line of lines) {
      const vehicle = vehicles.get(line.vehicleId) ?? {
        vehicleId: line.vehicleId,
        plate: line.plate,
        type: line.type,
        operator: line.operator,
        kind: line.kind,
        households: [],
      };
      vehicles.set(line.vehicleId, vehicle);
      const household = households.get(line.householdId);
      const named = names.households.find((candidate) => candidate.householdId === line.householdId);
      vehicle.households.push({
        householdId: line.householdId,
        caseNumber: named?.caseNumber ?? null,
        destinationArea: household?.destinationArea ?? '',
        units: line.units,
        members: (household?.members ?? []).map((member) => {
          const name = named?.members.find((candidate) => candidate.memberId === member.memberId);
          return {
            memberId: member.memberId,
            fullNameAr: name?.fullNameAr ?? null,
            fullNameLatin: name?.fullNameLatin ?? null,
            isHead: member.isHead,
            age: member.age,
            ambulance: member.ambulance,
            checkedIn: checkedIn.has(`${line.assignmentId}/${member.memberId}`),
          };
        }),
      });
    }
    return {
      convoy: {
        id: convoy.id,
        campId: convoy.campId,
        departureDate: convoy.departureDate,
        departureTime: convoy.departureTime,
        assemblyPoint: convoy.assemblyPoint,
        destinations: convoy.destinations,
        status: convoy.status,
        escortNotes: convoy.escortNotes,
      },
      generatedAt: new Date().toISOString(),
      vehicles: [...vehicles.values()],
      refused: names.refused,
    };
  }

  private async namesFor(user: AuthUser, householdIds: string[]): Promise<ManifestNamesReplyV1> {
    if (householdIds.length === 0) return { households: [], refused: [] };
    const request: ManifestNamesRequestV1 = {
      caller: { sub: user.sub, roles: [...user.roles], camps: [...user.camps] },
      householdIds,
      purpose: 'manifest',
    };
    try {
      return await this.names.request(request);
    } catch (error) {
      this.logger.warn(`manifest names for ${householdIds.length} households unavailable: ${(error as Error).message}`);
      throw TransportErrors.namesUnavailable();
    }
  }
}
