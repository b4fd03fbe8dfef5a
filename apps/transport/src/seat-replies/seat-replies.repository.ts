import { Injectable } from '@nestjs/common';
// The SQL of the families' seat replies: confirmation, declined dates, the unanswered flag, the
// convoy's no-answer policy, and the savepoint a released seat is offered under. Rows checked here.
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

export const NO_ANSWER_POLICIES = ['keep_and_flag', 'release'] as const;
export type NoAnswerPolicy = (typeof NO_ANSWER_POLICIES)[number];

/** Seat confirmations, declined dates, the unanswered flag and the convoy's no-answer policy. */
@Injectable()
export class SeatRepliesRepository {
  async confirmSeat(manager: EntityManager, assignmentId: string, at: string): Promise<void> {
    await execute(manager, `UPDATE assignments SET seat_confirmed_at = $2, confirmation_flag = NULL WHERE id = $1`, [assignmentId, at]);
  }

  /** When the seat was confirmed; null when it was not. */
  async seatConfirmedAt(manager: EntityManager, assignmentId: string): Promise<Date | null> {
    const row = await queryRow(manager, 'SeatRepliesRepository.seatConfirmedAt', z.object({ at: pg.timestamp().nullable() }), `SELECT seat_confirmed_at AS at FROM assignments WHERE id = $1`, [
      assignmentId,
    ]);
    return row?.at ?? null;
  }

  /** A seat nobody confirmed, kept and flagged for a person to look at. */
  async flagUnanswered(manager: EntityManager, assignmentId: string): Promise<void> {
    await execute(manager, `UPDATE assignments SET confirmation_flag = 'unanswered' WHERE id = $1 AND seat_confirmed_at IS NULL`, [assignmentId]);
  }

  /** The family gave the date up: it is not planned on that date again (the first answer stands). */
  async insertDeclinedDate(manager: EntityManager, householdId: string, departureDate: string, convoyId: string, at: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO declined_dates (household_id, departure_date, convoy_id, declined_at) VALUES ($1, $2::date, $3, $4)
       ON CONFLICT (household_id, departure_date) DO NOTHING`,
      [householdId, departureDate, convoyId, at],
    );
  }

  async setNoAnswerPolicy(manager: EntityManager, convoyId: string, policy: NoAnswerPolicy): Promise<void> {
    await execute(manager, `UPDATE convoys SET no_answer_policy = $2 WHERE id = $1`, [convoyId, policy]);
  }

  /** The convoy's no-answer policy; keep_and_flag when the convoy is gone. */
  async noAnswerPolicyOf(manager: EntityManager, convoyId: string): Promise<NoAnswerPolicy> {
    const row = await queryRow(manager, 'SeatRepliesRepository.noAnswerPolicyOf', z.object({ policy: z.enum(NO_ANSWER_POLICIES) }), `SELECT no_answer_policy AS policy FROM convoys WHERE id = $1`, [
      convoyId,
    ]);
    return row?.policy ?? 'keep_and_flag';
  }

  /** Locks the household unless another transaction holds it (SKIP LOCKED); false when it is held or gone. */
  async lockHouseholdIfFree(manager: EntityManager, householdId: string): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'SeatRepliesRepository.lockHouseholdIfFree',
      z.object({ locked: pg.int() }),
      `SELECT 1 AS locked FROM households WHERE household_id = $1 FOR UPDATE SKIP LOCKED`,
      [householdId],
    );
    return rows.length > 0;
  }

  /** Savepoints around one offer of a released seat: a refused offer rolls back alone. */
  async savepoint(manager: EntityManager, name: 'offer_seat'): Promise<void> {
    await execute(manager, `SAVEPOINT ${name}`);
  }

  async releaseSavepoint(manager: EntityManager, name: 'offer_seat'): Promise<void> {
    await execute(manager, `RELEASE SAVEPOINT ${name}`);
  }

  async rollbackToSavepoint(manager: EntityManager, name: 'offer_seat'): Promise<void> {
    await execute(manager, `ROLLBACK TO SAVEPOINT ${name}`);
  }
}
