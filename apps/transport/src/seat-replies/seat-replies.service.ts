import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { DomainError } from '@awda/bootstrap';
import type { EventEnvelope, SeatConfirmedV1, SeatDeclinedV1, SeatUnansweredV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { AreaChains } from '../areas/area-chains.js';
import { poolOf } from '../planning/planning.service.js';
import { goesTo, isOpen, lockHouseholdWithSeat, type LockedHousehold } from '../scheduling/household-lock.js';
import { type ConvoyRow, type HouseholdRow, SchedulingRepository } from '../scheduling/scheduling.repository.js';
import { SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { TransportErrors } from '../transport.errors.js';
import { NO_ANSWER_POLICIES, type NoAnswerPolicy, SeatRepliesRepository } from './seat-replies.repository.js';
import { PlanningRepository } from '../planning/planning.repository.js';

export { NO_ANSWER_POLICIES, type NoAnswerPolicy };

/** Unscheduling reasons of seats given back by reply: the family stays in the pool (its consent is untouched). */
export const DECLINED_DATE = 'declined_date';
export const UNANSWERED = 'unanswered';

// How many waiting families are tried for a released seat before giving up (each try is a savepoint).
const MAX_OFFERS = 50;

type SeatReply = SeatConfirmedV1 | SeatDeclinedV1 | SeatUnansweredV1;

/**
 * What families answered about their seat (notifications' two-way SMS). Each event is applied once
 * (inbox) and only to the seat it asked about: an answer about a convoy the family has since left
 * changes nothing. A released seat goes to the next family of the same destination in the pool that
 * fits whole on this convoy and did not give up this date; it is scheduled (and so asked in turn).
 */
@Injectable()
export class SeatRepliesService {
  private readonly logger = new Logger(SeatRepliesService.name);

  constructor(
    private readonly seatReplies: SeatRepliesRepository,
    private readonly planning: PlanningRepository,
    private readonly scheduling: SchedulingRepository,
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly ledger: SeatLedger,
    private readonly areas: AreaChains,
  ) {}

  async confirmed(event: EventEnvelope<SeatConfirmedV1>): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      const seat = await this.seatAskedAbout(manager, event.data);
      if (!seat) return;
      await this.seatReplies.confirmSeat(manager, seat.assignment.id, event.data.at);
    });
  }

  async declined(event: EventEnvelope<SeatDeclinedV1>): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      const seat = await this.seatAskedAbout(manager, event.data);
      if (!seat) return;
      await this.seatReplies.insertDeclinedDate(manager, seat.household.householdId, seat.convoy.departureDate, seat.convoy.id, event.data.at);
      await this.release(manager, seat, DECLINED_DATE);
    });
  }

  /** No answer by the deadline: the convoy's policy decides (keep and flag by default, or release). */
  async unanswered(event: EventEnvelope<SeatUnansweredV1>): Promise<void> {
    await this.inbox.process(event, async (manager) => {
      const seat = await this.seatAskedAbout(manager, event.data);
      if (!seat) return;
      // A confirmed seat is never taken back for silence (the confirmation may have come another way).
      if (await this.seatReplies.seatConfirmedAt(manager, seat.assignment.id)) return;
      const policy = await this.seatReplies.noAnswerPolicyOf(manager, seat.convoy.id);
      if (policy === 'release') {
        await this.release(manager, seat, UNANSWERED);
        return;
      }
      await this.seatReplies.flagUnanswered(manager, seat.assignment.id);
    });
  }

  /** Logistics chooses per convoy what a seat nobody confirmed becomes at the deadline. */
  async setPolicy(user: AuthUser, convoyId: string, policy: NoAnswerPolicy): Promise<{ convoyId: string; noAnswerPolicy: NoAnswerPolicy }> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.scheduling.findConvoy(manager, convoyId, 'FOR UPDATE');
      if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
      if (!isOpen(convoy)) throw TransportErrors.convoyStatus(convoy.status, 'change its no-answer policy');
      await this.seatReplies.setNoAnswerPolicy(manager, convoyId, policy);
      this.logger.log(`${user.sub} set the no-answer policy of convoy ${convoyId} to ${policy}`);
      return { convoyId, noAnswerPolicy: policy };
    });
  }

  /** The household's live seat on the convoy the question was about, on an open convoy; else nothing to do. */
  private async seatAskedAbout(manager: EntityManager, reply: SeatReply): Promise<Required<LockedHousehold> | undefined> {
    const locked = await lockHouseholdWithSeat(this.scheduling, manager, reply.householdId);
    const { household, assignment, convoy } = locked ?? {};
    if (!household || !assignment || !convoy || assignment.convoyId !== reply.convoyId || assignment.status !== 'assigned' || !isOpen(convoy)) {
      this.logger.log(`seat reply of household ${reply.householdId} about convoy ${reply.convoyId}: no such seat any more, nothing to do`);
      return undefined;
    }
    return { household, assignment, convoy };
  }

  private async release(manager: EntityManager, seat: Required<LockedHousehold>, reason: string): Promise<void> {
    await this.ledger.unschedule(manager, seat.assignment, seat.household.campId, reason);
    this.logger.log(`household ${seat.household.householdId} gave its seat on convoy ${seat.convoy.id} back (${reason})`);
    await this.offer(manager, seat.convoy, seat.household);
  }

  /**
   * The freed places to the next waiting family of the same destination (highest priority first) that
   * fits whole on this convoy; families are never split to fill a seat (a refusal rolls its savepoint back).
   */
  private async offer(manager: EntityManager, convoy: ConvoyRow, released: HouseholdRow): Promise<HouseholdRow | undefined> {
    if (!released.destinationArea) return undefined;
    const waiting = (await poolOf({ scheduling: this.scheduling, planning: this.planning }, manager, convoy.campId, new Date(), convoy.departureDate)).filter(
      (h) => h.destinationArea === released.destinationArea && h.householdId !== released.householdId,
    );
    if (waiting.length === 0 || !goesTo(convoy, await this.areas.chainOf(manager, released.destinationArea))) return undefined;
    for (const candidate of waiting.slice(0, MAX_OFFERS)) {
      // SKIP LOCKED: a family being planned or changed right now is left to that writer.
      if (!(await this.seatReplies.lockHouseholdIfFree(manager, candidate.householdId))) continue;
      await this.seatReplies.savepoint(manager, 'offer_seat');
      try {
        const assignment = await this.ledger.createAssignment(manager, candidate, convoy.id, 'waiting-list');
        await this.ledger.bookFamily(manager, assignment);
        await this.seatReplies.releaseSavepoint(manager, 'offer_seat');
      } catch (error) {
        await this.seatReplies.rollbackToSavepoint(manager, 'offer_seat');
        if (error instanceof DomainError) continue;
        throw error;
      }
      await this.ledger.announceScheduled(manager, convoy, [candidate]);
      this.logger.log(`released seat on convoy ${convoy.id} offered to household ${candidate.householdId} from the waiting list`);
      return candidate;
    }
    return undefined;
  }
}
