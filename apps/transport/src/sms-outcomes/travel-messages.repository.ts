import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SmsStatus, SmsStatusChangedV1 } from '@awda/contracts';
import { execute, pg, queryRows, z } from '@awda/persistence';

/** Sent or delivered: the family was told (a delivery receipt may never come from some networks). */
const INFORMED_STATUSES: readonly SmsStatus[] = ['sent', 'delivered'];

/** How far a status is along, for two changes stamped with the same instant. */
const STATUS_RANK: Record<SmsStatus, number> = { queued: 0, sent: 1, delivered: 2, failed: 3, suppressed: 3, expired: 3, cancelled: 3 };

function rankSql(column: string): string {
  const cases = Object.entries(STATUS_RANK)
    .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
    .join(' ');
  return `CASE ${column} ${cases} ELSE 0 END`;
}

const notInformedRow = z.object({ householdId: pg.uuid(), status: pg.text().nullable(), reason: pg.text().nullable() });
export type NotInformedRow = z.output<typeof notInformedRow>;

/** What households were told about their travel, from SMS outcomes. */
@Injectable()
export class TravelMessagesRepository {
  /** Keeps a travel message's latest status: a change older than the one kept (or as old and less far along) changes nothing. */
  async recordTravelMessage(manager: EntityManager, change: SmsStatusChangedV1): Promise<void> {
    await execute(
      manager,
      `INSERT INTO travel_messages AS t (message_id, household_id, camp_id, template, status, reason, status_at, first_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz)
       ON CONFLICT (message_id) DO UPDATE
         SET status = EXCLUDED.status, reason = EXCLUDED.reason, status_at = EXCLUDED.status_at,
             first_at = LEAST(t.first_at, EXCLUDED.first_at), updated_at = now()
       WHERE (EXCLUDED.status_at, $8::int) > (t.status_at, (${rankSql('t.status')}))`,
      [change.messageId, change.householdId, change.campId, change.template, change.status, change.reason ?? null, change.at, STATUS_RANK[change.status]],
    );
  }

  /**
   * Of these seats (household and the instant it was given), those whose family has no travel message
   * sent or delivered since: with the latest such message's status and reason (null: none recorded yet).
   */
  async notInformedOf(manager: EntityManager, seats: readonly { householdId: string; assignedAt: string }[]): Promise<Map<string, NotInformedRow>> {
    if (seats.length === 0) return new Map();
    const rows = await queryRows(
      manager,
      'TravelMessagesRepository.notInformedOf',
      notInformedRow,
      `WITH seat AS (
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS s(household_id, assigned_at)
       )
       SELECT s.household_id AS "householdId", latest.status, latest.reason
         FROM seat s
         LEFT JOIN LATERAL (
           SELECT t.status, t.reason FROM travel_messages t
            WHERE t.household_id = s.household_id AND t.first_at >= s.assigned_at
            ORDER BY t.status_at DESC, t.message_id DESC LIMIT 1
         ) latest ON true
        WHERE NOT EXISTS (
          SELECT 1 FROM travel_messages t
           WHERE t.household_id = s.household_id AND t.first_at >= s.assigned_at AND t.status = ANY($3::text[])
        )`,
      [seats.map((seat) => seat.householdId), seats.map((seat) => seat.assignedAt), INFORMED_STATUSES],
    );
    return new Map(rows.map((row) => [row.householdId, row]));
  }
}
