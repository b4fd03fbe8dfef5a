import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { NOTIFICATIONS_ERRORS, refusal } from '../notifications.errors.js';
import { STATUS_TEMPLATES } from './message-plan.js';

const COLUMNS = `id, household_id AS "householdId", camp_id AS "campId", template, status, language, body AS text, encoding, segments,
  attempts, due_at AS "dueAt", expires_at AS "expiresAt", created_at AS "createdAt", sent_at AS "sentAt",
  delivered_at AS "deliveredAt", last_error AS "lastError", outcome_reason AS "outcomeReason", cause_subject AS "causeSubject", cause_event_id AS "causeEventId"`;

/**
 * What case workers and supervisors read: the message log of a household and one message's history
 * (their camps only, every read audited); statistics for supervisors.
 */
@Injectable()
export class MessagesQuery {
  private readonly logger = new Logger(MessagesQuery.name);

  constructor(private readonly dataSource: DataSource) {}

  async byHousehold(user: AuthUser, householdId: string): Promise<unknown[]> {
    const rows: { camp_id: string }[] = await this.dataSource.query(
      `SELECT camp_id FROM recipients WHERE household_id = $1 UNION ALL SELECT camp_id FROM messages WHERE household_id = $1 LIMIT 1`,
      [householdId],
    );
    const campId = rows[0]?.camp_id;
    if (!campId || !canAccessCamp(user, campId)) {
      if (campId) this.logger.warn(`audit: ${user.sub} refused the message log of household ${householdId} (camp ${campId})`);
      throw refusal(NOTIFICATIONS_ERRORS.HOUSEHOLD_NOT_FOUND, 'No messages are known for this household.', 404);
    }
    this.logger.log(`audit: ${user.sub} read the message log of household ${householdId}`);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM messages WHERE household_id = $1 ORDER BY created_at, id`, [householdId]);
  }

  async detail(user: AuthUser, messageId: string): Promise<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM messages WHERE id = $1`, [messageId]);
    const message = rows[0];
    if (!message || !canAccessCamp(user, String(message['campId']))) {
      if (message) this.logger.warn(`audit: ${user.sub} refused message ${messageId} of household ${String(message['householdId'])} (camp ${String(message['campId'])})`);
      throw refusal(NOTIFICATIONS_ERRORS.MESSAGE_NOT_FOUND, 'There is no such message.', 404);
    }
    this.logger.log(`audit: ${user.sub} read message ${messageId} of household ${String(message['householdId'])}`);
    const history = await this.dataSource.query(
      `SELECT status, at, detail FROM message_status_history WHERE message_id = $1 ORDER BY id`,
      [messageId],
    );
    return { ...message, history };
  }

  /**
   * Messages, segments and failures per day (UTC) and template, within the user's camps; `superseded`
   * and `segmentsSaved`: status messages replaced by a newer status while they settled, never sent.
   */
  async stats(user: AuthUser, from: string, to: string): Promise<unknown[]> {
    const scope = campScope(user);
    return this.dataSource.query(
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
      [from, to, scope === 'all' ? null : scope, STATUS_TEMPLATES],
    );
  }
}
