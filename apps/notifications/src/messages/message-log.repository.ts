import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SMS_OUTCOME_REASONS } from '@awda/contracts';
import { pg, queryRow, queryRows, z, type Row } from '@awda/persistence';
import { TEMPLATE_KEYS } from '@awda/sms-text';

const COLUMNS = `id, household_id AS "householdId", camp_id AS "campId", template, status, language, body AS text, encoding, segments,
  attempts, due_at AS "dueAt", expires_at AS "expiresAt", created_at AS "createdAt", sent_at AS "sentAt",
  delivered_at AS "deliveredAt", last_error AS "lastError", outcome_reason AS "outcomeReason", cause_subject AS "causeSubject", cause_event_id AS "causeEventId"`;

/** A message as case workers and supervisors read it (the API's field names). */
const loggedMessage = z.object({
  id: pg.uuid(),
  householdId: pg.uuid(),
  campId: pg.text(),
  template: z.enum(TEMPLATE_KEYS),
  status: pg.text(),
  language: pg.text().nullable(),
  text: pg.text().nullable(),
  encoding: pg.text().nullable(),
  segments: pg.int().nullable(),
  attempts: pg.int(),
  dueAt: pg.timestamp(),
  expiresAt: pg.timestamp().nullable(),
  createdAt: pg.timestamp(),
  sentAt: pg.timestamp().nullable(),
  deliveredAt: pg.timestamp().nullable(),
  lastError: pg.text().nullable(),
  outcomeReason: z.enum(SMS_OUTCOME_REASONS).nullable(),
  causeSubject: pg.text(),
  causeEventId: pg.uuid(),
});
export type LoggedMessage = Row<typeof loggedMessage>;

const historyRow = z.object({ status: pg.text(), at: pg.timestamp(), detail: pg.text().nullable() });

const dayRow = z.object({
  day: pg.text(),
  template: z.enum(TEMPLATE_KEYS),
  messages: pg.int(),
  segments: pg.int(),
  delivered: pg.int(),
  failures: pg.int(),
  suppressed: pg.int(),
  expired: pg.int(),
  superseded: pg.int(),
  segmentsSaved: pg.int(),
});
export type MessageDayRow = Row<typeof dayRow>;

/** The read side of messages: a household's log, one message and its history, statistics per day. */
@Injectable()
export class MessageLogRepository {
  /** The camp of a household known to notifications (as a recipient or by its messages). */
  async campOfHousehold(runner: DataSource, householdId: string): Promise<string | undefined> {
    const rows = await queryRows(
      runner,
      'MessageLogRepository.campOfHousehold',
      z.object({ camp_id: pg.text() }),
      `SELECT camp_id FROM recipients WHERE household_id = $1 UNION ALL SELECT camp_id FROM messages WHERE household_id = $1 LIMIT 1`,
      [householdId],
    );
    return rows[0]?.camp_id;
  }

  async byHousehold(runner: DataSource, householdId: string): Promise<LoggedMessage[]> {
    return queryRows(runner, 'MessageLogRepository.byHousehold', loggedMessage, `SELECT ${COLUMNS} FROM messages WHERE household_id = $1 ORDER BY created_at, id`, [
      householdId,
    ]);
  }

  async find(runner: DataSource, messageId: string): Promise<LoggedMessage | undefined> {
    return queryRow(runner, 'MessageLogRepository.find', loggedMessage, `SELECT ${COLUMNS} FROM messages WHERE id = $1`, [messageId]);
  }

  async history(runner: DataSource, messageId: string): Promise<Row<typeof historyRow>[]> {
    return queryRows(runner, 'MessageLogRepository.history', historyRow, `SELECT status, at, detail FROM message_status_history WHERE message_id = $1 ORDER BY id`, [
      messageId,
    ]);
  }

  /**
   * Messages, segments and failures per day (UTC) and template in the camps given (null: all);
   * `superseded` and `segmentsSaved`: messages of `statusTemplates` replaced by a newer status while they settled.
   */
  async perDay(runner: DataSource, from: string, to: string, camps: readonly string[] | null, statusTemplates: readonly string[]): Promise<MessageDayRow[]> {
    return queryRows(
      runner,
      'MessageLogRepository.perDay',
      dayRow,
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, template,
         count(*)::int AS messages,
         COALESCE(sum(segments) FILTER (WHERE status IN ('sent', 'delivered', 'sending')), 0)::int AS segments,
         count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
         count(*) FILTER (WHERE status = 'failed')::int AS failures,
         count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
         count(*) FILTER (WHERE status = 'expired')::int AS expired,
         count(*) FILTER (WHERE status = 'cancelled' AND outcome_reason = 'superseded' AND template = ANY($4))::int AS superseded,
         COALESCE(sum(segments) FILTER (WHERE status = 'cancelled' AND outcome_reason = 'superseded' AND template = ANY($4)), 0)::int AS "segmentsSaved"
       FROM messages
       WHERE created_at >= $1::date AND created_at < $2::date + 1 AND ($3::text[] IS NULL OR camp_id = ANY($3))
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to, camps, statusTemplates],
    );
  }
}
