import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ManifestNamesReplyV1, ManifestNamesRequestV1 } from '@awda/contracts';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { SchedulingRepository } from '../scheduling/scheduling.repository.js';
import type { TravelPlace } from '../households/household-facts.js';
import { TransportErrors } from '../transport.errors.js';
import { TravelMessagesRepository } from '../sms-outcomes/travel-messages.repository.js';
import { type BookingLine, ManifestsRepository } from './manifests.repository.js';
import { convoyTotals, vehicleTotals, type Manifest, type ManifestHousehold, type ManifestVehicle } from './manifest.js';
import { ManifestNamesClient } from './manifest-names.client.js';

/** Builds a manifest with names asked of registration now, for this user; nothing is kept. */
@Injectable()
export class ManifestsService {
  private readonly logger = new Logger(ManifestsService.name);

  constructor(
    private readonly travelMessages: TravelMessagesRepository,
    private readonly scheduling: SchedulingRepository,
    private readonly manifests: ManifestsRepository,
    private readonly dataSource: DataSource,
    private readonly names: ManifestNamesClient,
  ) {}

  async manifest(user: AuthUser, convoyId: string, vehicleId?: string): Promise<Manifest> {
    const manager = this.dataSource.manager;
    const convoy = await this.scheduling.findConvoy(manager, convoyId);
    if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
    const lines = await this.manifests.bookingLines(manager, convoy.id, vehicleId ?? null);
    if (vehicleId !== undefined && lines.length === 0) {
      if (!(await this.manifests.vehicleOnConvoy(manager, convoy.id, vehicleId))) throw TransportErrors.vehicleNotOnConvoy();
    }
    const householdIds = [...new Set(lines.map((line) => line.householdId))].sort();
    const households = new Map((await this.scheduling.findHouseholds(manager, householdIds)).map((household) => [household.householdId, household]));
    const checkIns = await this.manifests.checkInsOf(manager, convoy.id);
    const checkedIn = new Set(checkIns.map((row) => `${row.assignmentId}/${row.memberId}`));
    const names = await this.namesFor(user, householdIds);
    const areas = await this.manifests.areaNames(manager, [...convoy.destinations, ...[...households.values()].map((household) => household.destinationArea ?? '')]);
    const seats = new Map(lines.map((line) => [line.householdId, line.assignedAt]));
    const notInformed = await this.travelMessages.notInformedOf(manager, [...seats].map(([householdId, assignedAt]) => ({ householdId, assignedAt })));
    const sheets = new Map<string, { line: BookingLine; households: ManifestHousehold[] }>();
    // Looked up once per household and member, not searched per booking line (a convoy has hundreds).
    const namedById = new Map(names.households.map((named) => [named.householdId, { ...named, byMember: new Map(named.members.map((m) => [m.memberId, m])) }]));
    for (const line of lines) {
      const sheet = sheets.get(line.vehicleId) ?? { line, households: [] };
      sheets.set(line.vehicleId, sheet);
      const household = households.get(line.householdId);
      const named = namedById.get(line.householdId);
      const members = (household?.members ?? []).map((member) => {
        const name = named?.byMember.get(member.memberId);
        return {
          memberId: member.memberId,
          fullNameAr: name?.fullNameAr ?? null,
          fullNameLatin: name?.fullNameLatin ?? null,
          isHead: member.isHead,
          age: member.age,
          ambulance: member.ambulance,
          place: member.place ?? (member.ambulance ? 'stretcher' : 'bus'),
          checkedIn: checkedIn.has(`${line.assignmentId}/${member.memberId}`),
        };
      });
      const head = members.find((member) => member.isHead);
      const destinationArea = household?.destinationArea ?? '';
      const unheard = notInformed.get(line.householdId);
      sheet.households.push({
        householdId: line.householdId,
        caseNumber: named?.caseNumber ?? null,
        destinationArea,
        destination: areas.get(destinationArea) ?? { code: destinationArea, nameAr: null, nameEn: null },
        units: line.units,
        people: members.length,
        head: head ? { fullNameAr: head.fullNameAr, fullNameLatin: head.fullNameLatin } : null,
        notInformed: unheard ? { status: unheard.status, reason: unheard.reason } : null,
        // Who rides this vehicle: belongings ride a cargo truck, a patient the ambulance place the
        // clearance states (stretcher or seated), everyone else a bus seat.
        members: members.filter((member) => ridesOn(line.kind, member.place)).map(({ place: _place, ...member }) => member),
      });
    }
    const vehicles: ManifestVehicle[] = [...sheets.values()].map(({ line, households: onBoard }) => ({
      vehicleId: line.vehicleId,
      plate: line.plate,
      type: line.type,
      operator: line.operator,
      kind: line.kind,
      totals: vehicleTotals(line.kind, onBoard),
      households: onBoard,
    }));
    const caseNumbers = new Map(names.households.map((named) => [named.householdId, named.caseNumber]));
    return {
      convoy: {
        id: convoy.id,
        campId: convoy.campId,
        departureDate: convoy.departureDate,
        departureTime: convoy.departureTime,
        assemblyPoint: convoy.assemblyPoint,
        assemblyPointTexts: convoy.assemblyPointTexts,
        destinations: convoy.destinations,
        destinationAreas: convoy.destinations.map((code) => areas.get(code) ?? { code, nameAr: null, nameEn: null }),
        status: convoy.status,
        escortNotes: convoy.escortNotes,
      },
      generatedAt: new Date().toISOString(),
      totals: convoyTotals(vehicles),
      vehicles,
      notInformed: [...notInformed.values()]
        .map((row) => ({ householdId: row.householdId, caseNumber: caseNumbers.get(row.householdId) ?? null, status: row.status, reason: row.reason }))
        .sort((a, b) => (a.caseNumber ?? a.householdId).localeCompare(b.caseNumber ?? b.householdId)),
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

/** Area names from registration's list, projected here (a code it does not hold is left out). */
/** Whether a member whose travel place is `place` is on the sheet of a vehicle of this kind. */
function ridesOn(kind: ManifestVehicle['kind'], place: TravelPlace): boolean {
  switch (kind) {
    case 'cargo':
      return false;
    case 'stretcher':
      return place === 'stretcher';
    case 'ambulance_seats':
      return place === 'ambulance_seat';
    default:
      return place === 'bus';
  }
}
