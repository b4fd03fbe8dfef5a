import { Injectable } from '@nestjs/common';
// Boarding's SQL: check-ins, the boarded mark, the no-shows of a departed convoy, and the
// Idempotency-Key rows of the boarding taps (boarding_requests). Rows checked at this edge.
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

/** Check-ins, boarding and boarding requests' idempotency keys. */
@Injectable()
export class BoardingRepository {
  /** Checks members in (a member already checked in stays as it was). */
  async insertCheckIns(manager: EntityManager, assignmentId: string, memberIds: readonly string[], by: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO check_ins (assignment_id, member_id, checked_in_by) SELECT $1, m::uuid, $3 FROM unnest($2::text[]) AS m
       ON CONFLICT DO NOTHING`,
      [assignmentId, [...memberIds], by],
    );
  }

  /** The members checked in on an assignment, in member id order. */
  async checkedInMembers(manager: EntityManager, assignmentId: string): Promise<string[]> {
    const rows = await queryRows(
      manager,
      'BoardingRepository.checkedInMembers',
      z.object({ memberId: pg.text() }),
      `SELECT member_id::text AS "memberId" FROM check_ins WHERE assignment_id = $1 ORDER BY member_id`,
      [assignmentId],
    );
    return rows.map((row) => row.memberId);
  }

  async deleteCheckIns(manager: EntityManager, assignmentId: string): Promise<void> {
    await execute(manager, `DELETE FROM check_ins WHERE assignment_id = $1`, [assignmentId]);
  }

  /** The members checked in on each live assignment of a convoy (assignment id → member ids). */
  async checkInsOf(manager: EntityManager, convoyId: string): Promise<Map<string, string[]>> {
    const rows = await queryRows(
      manager,
      'BoardingRepository.checkInsOf',
      z.object({ assignmentId: pg.uuid(), memberIds: pg.textArray() }),
      `SELECT c.assignment_id AS "assignmentId", array_agg(c.member_id::text ORDER BY c.member_id) AS "memberIds"
         FROM check_ins c JOIN assignments a ON a.id = c.assignment_id
        WHERE a.convoy_id = $1 AND a.status <> 'released' GROUP BY c.assignment_id`,
      [convoyId],
    );
    return new Map(rows.map((row) => [row.assignmentId, row.memberIds]));
  }

  async markBoarded(manager: EntityManager, assignmentId: string): Promise<void> {
    await execute(manager, `UPDATE assignments SET status = 'boarded' WHERE id = $1`, [assignmentId]);
  }

  /** The families of a convoy recorded as no-shows, with the reason. */
  async noShowsOf(manager: EntityManager, convoyId: string): Promise<{ householdId: string; reason: string }[]> {
    return queryRows(
      manager,
      'BoardingRepository.noShowsOf',
      z.object({ householdId: pg.uuid(), reason: pg.text() }),
      `SELECT household_id AS "householdId", COALESCE(release_reason, 'no_show') AS reason
         FROM assignments WHERE convoy_id = $1 AND no_show ORDER BY household_id`,
      [convoyId],
    );
  }

  /** Claims a boarding tap's key; false when a row with the key exists already (the claim waits for a concurrent one). */
  async insertBoardingRequest(manager: EntityManager, actor: string, key: string, requestHash: string): Promise<boolean> {
    const inserted = await queryRows(
      manager,
      'BoardingRepository.insertBoardingRequest',
      z.object({ key: pg.text() }),
      `INSERT INTO boarding_requests (actor, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, requestHash],
    );
    return inserted.length > 0;
  }

  /** The stored request hash and answer of a key (answer null until the request that claimed it stored one). */
  async findBoardingRequest(
    manager: EntityManager,
    actor: string,
    key: string,
  ): Promise<{ requestHash: string; response: unknown } | undefined> {
    return queryRow(
      manager,
      'BoardingRepository.findBoardingRequest',
      z.object({ requestHash: pg.text(), response: pg.json() }),
      `SELECT request_hash AS "requestHash", response FROM boarding_requests WHERE actor = $1 AND key = $2`,
      [actor, key],
    );
  }

  async storeBoardingResponse(manager: EntityManager, actor: string, key: string, answer: unknown): Promise<void> {
    await execute(manager, `UPDATE boarding_requests SET status_code = 200, response = $3::jsonb WHERE actor = $1 AND key = $2`, [
      actor,
      key,
      JSON.stringify(answer),
    ]);
  }

  async pruneBoardingRequestsOlderThan(manager: EntityManager, days: number): Promise<void> {
    await execute(manager, `DELETE FROM boarding_requests WHERE created_at < now() - make_interval(days => $1::int)`, [days]);
  }
}
