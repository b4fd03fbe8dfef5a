import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CONVOY_ARRIVED_V1, CONVOY_DEPARTED_V1 } from '@awda/contracts';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { Outbox } from '@awda/messaging';
import { convoyView, type ConvoyView } from '../convoys/convoy-view.js';
import { ConvoysRepository } from '../convoys/convoys.repository.js';
import { CampClock } from '../scheduling/camp-clock.js';
import { type ConvoyRow, SchedulingRepository } from '../scheduling/scheduling.repository.js';
import { SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { TransportErrors } from '../transport.errors.js';
import { boardingRequest, claimBoardingRequest, pruneBoardingRequests, storeBoardingAnswer } from './boarding-requests.js';
import { BoardingRepository } from './boarding.repository.js';
import type { CheckInDto, NoShowDto } from './dto/boarding.dto.js';

export const NOT_CHECKED_IN_AT_DEPARTURE = 'Not checked in when the convoy departed';

/** Something recorded as asked that a person should look at (the request was not refused). */
export interface TransportWarning {
  code: string;
  message: string;
}

export type DepartedConvoyView = ConvoyView & { warnings: TransportWarning[] };

export interface CheckInView {
  householdId: string;
  checkedIn: string[];
  members: number;
  /** Every member of the family is checked in. */
  complete: boolean;
}

/** A tap's answer, and whether it is the stored answer of an earlier request with the same Idempotency-Key. */
export interface Tapped<T> {
  answer: T;
  replayed: boolean;
}

/** At the assembly point: check-in per member, no-shows back to the pool, departure, arrival. */
@Injectable()
export class BoardingService {
  private readonly logger = new Logger(BoardingService.name);

  constructor(
    private readonly convoys: ConvoysRepository,
    private readonly scheduling: SchedulingRepository,
    private readonly boarding: BoardingRepository,
    private readonly dataSource: DataSource,
    private readonly ledger: SeatLedger,
    private readonly outbox: Outbox,
    private readonly clock: CampClock,
  ) {}

  checkIn(user: AuthUser, convoyId: string, dto: CheckInDto, idempotencyKey?: string): Promise<Tapped<CheckInView>> {
    const request = boardingRequest(user, idempotencyKey, `POST /convoys/${convoyId}/check-ins`, dto);
    return this.dataSource.transaction(async (manager) => {
      const replay = request ? await claimBoardingRequest(this.boarding, manager, request) : undefined;
      if (replay) return { answer: replay.answer as CheckInView, replayed: true };
      const convoy = await this.boardingConvoy(manager, user, convoyId);
      const household = await this.scheduling.findHousehold(manager, dto.householdId, 'FOR UPDATE');
      const assignment = (await this.scheduling.activeAssignmentsOf(manager, convoy.id)).find((candidate) => candidate.householdId === dto.householdId);
      if (!household || !assignment) throw TransportErrors.notOnThisConvoy();
      const memberIds = new Set(household.members.map((member) => member.memberId));
      if (!dto.memberIds.every((memberId) => memberIds.has(memberId))) throw TransportErrors.memberNotInHousehold();
      if (convoy.status === 'confirmed') {
        await this.convoys.setConvoyStatus(manager, convoy.id, 'boarding');
      }
      await this.boarding.insertCheckIns(manager, assignment.id, dto.memberIds, user.sub);
      const checkedIn = await this.boarding.checkedInMembers(manager, assignment.id);
      const answer: CheckInView = { householdId: dto.householdId, checkedIn, members: memberIds.size, complete: checkedIn.length === memberIds.size };
      if (request) await storeBoardingAnswer(this.boarding, manager, request, answer);
      return { answer, replayed: false };
    });
  }

  noShow(user: AuthUser, convoyId: string, dto: NoShowDto, idempotencyKey?: string): Promise<Tapped<ConvoyView>> {
    const request = boardingRequest(user, idempotencyKey, `POST /convoys/${convoyId}/no-shows`, dto);
    return this.dataSource.transaction(async (manager) => {
      const replay = request ? await claimBoardingRequest(this.boarding, manager, request) : undefined;
      if (replay) return { answer: replay.answer as ConvoyView, replayed: true };
      const convoy = await this.boardingConvoy(manager, user, convoyId);
      await this.scheduling.findHousehold(manager, dto.householdId, 'FOR UPDATE');
      const assignment = (await this.scheduling.activeAssignmentsOf(manager, convoy.id)).find((candidate) => candidate.householdId === dto.householdId);
      if (!assignment) throw TransportErrors.notOnThisConvoy();
      // The whole family stays behind together and goes back to the planning pool.
      await this.boarding.deleteCheckIns(manager, assignment.id);
      await this.ledger.unschedule(manager, assignment, convoy.campId, 'no_show', { noShow: true, note: dto.reason });
      const answer = await convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, convoy);
      if (request) await storeBoardingAnswer(this.boarding, manager, request, answer);
      return { answer, replayed: false };
    });
  }

  /**
   * Records the departure now. A departure before the convoy's date (in the camps' time zone) is
   * recorded (the convoy has left: refusing would leave the record wrong) but answered with the warning
   * TRANSPORT.DEPARTED_BEFORE_DATE and logged, so a wrong button or a wrong date is seen at once.
   */
  depart(user: AuthUser, convoyId: string): Promise<DepartedConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.boardingConvoy(manager, user, convoyId);
      const assignments = await this.scheduling.activeAssignmentsOf(manager, convoy.id);
      const households = new Map(
        (await this.scheduling.findHouseholds(manager, assignments.map((assignment) => assignment.householdId), 'FOR UPDATE')).map((household) => [
          household.householdId,
          household,
        ]),
      );
      const checkIns = await this.boarding.checkInsOf(manager, convoy.id);
      const partly = assignments.filter((assignment) => {
        const present = checkIns.get(assignment.id)?.length ?? 0;
        return present > 0 && present < (households.get(assignment.householdId)?.members.length ?? 0);
      });
      // A family is never split: the officer checks in the rest or marks the whole family as a no-show.
      if (partly.length > 0) throw TransportErrors.partlyBoarded(partly.map((assignment) => assignment.householdId));
      const boarded: { householdId: string; memberIds: string[] }[] = [];
      for (const assignment of assignments) {
        const memberIds = checkIns.get(assignment.id) ?? [];
        if (memberIds.length === 0) {
          await this.ledger.unschedule(manager, assignment, convoy.campId, 'no_show', { noShow: true, note: NOT_CHECKED_IN_AT_DEPARTURE });
          continue;
        }
        await this.boarding.markBoarded(manager, assignment.id);
        boarded.push({ householdId: assignment.householdId, memberIds });
      }
      const departedAt = new Date().toISOString();
      await this.convoys.setConvoyStatus(manager, convoy.id, 'departed', { departedAt });
      const noShows = await this.boarding.noShowsOf(manager, convoy.id);
      await this.outbox.enqueue(manager, CONVOY_DEPARTED_V1, { convoyId: convoy.id, campId: convoy.campId, departedAt, boarded, noShows });
      await pruneBoardingRequests(this.boarding, manager);
      const warnings: TransportWarning[] = [];
      if (this.clock.isBeforeDate(convoy.departureDate)) {
        const today = this.clock.today();
        this.logger.warn(`convoy ${convoy.id} recorded as departed on ${today}, before its date ${convoy.departureDate}, by ${user.sub}`);
        warnings.push({
          code: 'TRANSPORT.DEPARTED_BEFORE_DATE',
          message: `The convoy was recorded as departed today (${today} in ${this.clock.timeZone}), before its date ${convoy.departureDate}. If that is a mistake, tell the families and the camp administration.`,
        });
      }
      const view = await convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, { ...convoy, status: 'departed', departedAt });
      return { ...view, warnings };
    });
  }

  arrive(user: AuthUser, convoyId: string): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.scheduling.findConvoy(manager, convoyId, 'FOR UPDATE');
      if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
      if (convoy.status !== 'departed') throw TransportErrors.convoyStatus(convoy.status, 'arrive');
      const arrivedAt = new Date().toISOString();
      await this.convoys.setConvoyStatus(manager, convoy.id, 'arrived', { arrivedAt });
      const assignments = await this.scheduling.activeAssignmentsOf(manager, convoy.id);
      await this.outbox.enqueue(manager, CONVOY_ARRIVED_V1, {
        convoyId: convoy.id,
        campId: convoy.campId,
        arrivedAt,
        householdIds: assignments.filter((assignment) => assignment.status === 'boarded').map((assignment) => assignment.householdId),
      });
      return convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, { ...convoy, status: 'arrived', arrivedAt });
    });
  }

  /** A confirmed or boarding convoy, locked for the step. */
  private async boardingConvoy(manager: EntityManager, user: AuthUser, convoyId: string): Promise<ConvoyRow> {
    const convoy = await this.scheduling.findConvoy(manager, convoyId, 'FOR UPDATE');
    if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
    if (convoy.status !== 'confirmed' && convoy.status !== 'boarding') throw TransportErrors.convoyStatus(convoy.status, 'board passengers');
    return convoy;
  }
}
