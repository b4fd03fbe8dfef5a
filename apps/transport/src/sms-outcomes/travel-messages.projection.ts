import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, SmsStatus, SmsStatusChangedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';

/** The messages that tell a family when and where to board: without one sent, it was not told. */
export const TRAVEL_TEMPLATES: readonly string[] = ['scheduled', 'reminder'];

/** Sent or delivered: the family was told (a delivery receipt may never come from some networks). */
const INFORMED_STATUSES: readonly SmsStatus[] = ['sent', 'delivered'];

/** How far a status is along, for two changes stamped with the same instant. */
const STATUS_RANK: Record<SmsStatus, number> = { queued: 0, sent: 1, delivered: 2, failed: 3, suppressed: 3, expired: 3, cancelled: 3 };

/**
 * Notifications' travel-message outcomes per household (latest status of each message and why it did
 * not reach the family), so a manifest can mark families nobody told. Events may arrive out of order
 * or twice: a change older than the one kept changes nothing, a repeated one is skipped by the inbox.
 */
@Injectable()
export class TravelMessagesProjection {
  constructor(private readonly inbox: Inbox) {}

  async apply(event: EventEnvelope<SmsStatusChangedV1>): Promise<void> {
    const change = event.data;
    if (!TRAVEL_TEMPLATES.includes(change.template)) return;
    await this.inbox.process(event, async (manager) => {
      await manager.query(
        `INSERT INTO travel_messages AS t (message_id, household_id, camp_id, template, status, reason, status_at, first_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz)
         ON CONFLICT (message_id) DO UPDATE
           SET status = EXCLUDED.status, reason = EXCLUDED.reason, status_at = EXCLUDED.status_at,
               first_at = LEAST(t.first_at, EXCLUDED.first_at), updated_at = now()
         WHERE (EXCLUDED.status_at, $8::int) > (t.status_at, (${rankSql('t.status')}))`,
        [change.messageId, change.householdId, change.campId, change.template, change.status, change.reason ?? null, change.at, STATUS_RANK[change.status]],
      );
    });
  }
}

function rankSql(column: string): string {
  const cases = Object.entries(STATUS_RANK)
    .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
    .join(' ');
  return `CASE ${column} ${cases} ELSE 0 END`;
}

export interface NotInformedRow {
  householdId: string;
  status: string | null;
  reason: string | null;
}

/**
 * Of these seats (household and the instant it was given), those whose family has no travel message
 * sent or delivered since: with the latest such message's status and reason (null: none recorded yet).
 */
export async function notInformedOf(manager: EntityManager, seats: readonly { householdId: string; assignedAt: string }[]): Promise<Map<string, NotInformedRow>> {
  if (seats.length === 0) return new Map();
  const rows: NotInformedRow[] = await manager.query(
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
