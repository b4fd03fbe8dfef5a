import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { NOTIFICATIONS_ERRORS, refusal } from '../notifications.errors.js';
import { MessageLogRepository, type LoggedMessage, type MessageDayRow } from './message-log.repository.js';
import { STATUS_TEMPLATES } from './message-plan.js';

/**
 * What case workers and supervisors read: the message log of a household and one message's history
 * (their camps only, every read audited); statistics for supervisors.
 */
@Injectable()
export class MessageLogService {
  private readonly logger = new Logger(MessageLogService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: MessageLogRepository,
  ) {}

  async byHousehold(user: AuthUser, householdId: string): Promise<LoggedMessage[]> {
    const campId = await this.log.campOfHousehold(this.dataSource, householdId);
    if (!campId || !canAccessCamp(user, campId)) {
      if (campId) this.logger.warn(`audit: ${user.sub} refused the message log of household ${householdId} (camp ${campId})`);
      throw refusal(NOTIFICATIONS_ERRORS.HOUSEHOLD_NOT_FOUND, 'No messages are known for this household.', 404);
    }
    this.logger.log(`audit: ${user.sub} read the message log of household ${householdId}`);
    return this.log.byHousehold(this.dataSource, householdId);
  }

  async detail(user: AuthUser, messageId: string): Promise<LoggedMessage & { history: { status: string; at: Date; detail: string | null }[] }> {
    const message = await this.log.find(this.dataSource, messageId);
    if (!message || !canAccessCamp(user, message.campId)) {
      if (message) this.logger.warn(`audit: ${user.sub} refused message ${messageId} of household ${message.householdId} (camp ${message.campId})`);
      throw refusal(NOTIFICATIONS_ERRORS.MESSAGE_NOT_FOUND, 'There is no such message.', 404);
    }
    this.logger.log(`audit: ${user.sub} read message ${messageId} of household ${message.householdId}`);
    const history = await this.log.history(this.dataSource, messageId);
    return { ...message, history };
  }

  /**
   * Messages, segments and failures per day (UTC) and template, within the user's camps; `superseded`
   * and `segmentsSaved`: status messages replaced by a newer status while they settled, never sent.
   */
  async stats(user: AuthUser, from: string, to: string): Promise<MessageDayRow[]> {
    const scope = campScope(user);
    return this.log.perDay(this.dataSource, from, to, scope === 'all' ? null : scope, STATUS_TEMPLATES);
  }
}
