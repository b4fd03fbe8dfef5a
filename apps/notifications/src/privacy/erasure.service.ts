import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, HouseholdErasedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { returnedRows } from '@awda/persistence';
import { NotificationsConfig } from '../config.js';

/**
 * household.erased: drops what notifications holds about the household in clear or under the field
 * key — its phone and phone hash, the texts and parameters of its messages, their copies in the dev
 * outbox (rows and files), error details, inbound SMS from its phone — and cancels what was still
 * queued. The messages themselves stay (template, status, segments): the counts do not change.
 */
@Injectable()
export class NotificationsErasure {
  private readonly logger = new Logger(NotificationsErasure.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly config: NotificationsConfig,
  ) {}

  async erased(event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    const { householdId, campId } = event.data;
    let messageIds: string[] = [];
    await this.inbox.process(event, async (manager) => {
      messageIds = await this.drop(manager, householdId, campId);
    });
    // The dev provider's files are copies for people to read; gone too (after the commit: a retry finds none).
    const dir = this.config.SMS_DEV_OUTBOX_DIR;
    await Promise.all(messageIds.map((id) => rm(join(dir, `${id}.txt`), { force: true })));
    this.logger.log(`household ${householdId}: personal data dropped (${messageIds.length} message(s))`);
  }

  private async drop(manager: EntityManager, householdId: string, campId: string): Promise<string[]> {
    // A recipient row even if the erasure comes first: a late contact.changed must not bring the phone back.
    await manager.query(
      `INSERT INTO recipients (household_id, camp_id, erased_at) VALUES ($1, $2, now())
       ON CONFLICT (household_id) DO UPDATE SET erased_at = coalesce(recipients.erased_at, now())`,
      [householdId, campId],
    );
    const recipient: { phone_hash: string | null }[] = await manager.query(
      `SELECT phone_hash FROM recipients WHERE household_id = $1 FOR UPDATE`,
      [householdId],
    );
    const phoneHash = recipient[0]?.phone_hash ?? null;
    // Its replies (their texts) and survey answers go, and nothing more is asked: open and scheduled
    // conversations (a survey not yet asked) are closed.
    await manager.query(`DELETE FROM conversation_replies WHERE household_id = $1`, [householdId]);
    await manager.query(`DELETE FROM survey_answers WHERE household_id = $1`, [householdId]);
    await manager.query(`UPDATE conversations SET state = 'closed', outcome = 'closed', ended_at = now() WHERE household_id = $1 AND state IN ('open', 'scheduled')`, [
      householdId,
    ]);
    await manager.query(`UPDATE conversations SET flag_clear_note_encrypted = NULL WHERE household_id = $1`, [householdId]);
    if (phoneHash !== null) {
      // Inbound SMS are kept by phone: those from its phone go unless another household still has that phone
      // (with the replies that point at them, which then belong to households erased too).
      const unshared = `SELECT id FROM inbound_sms WHERE phone_hash = $1
           AND NOT EXISTS (SELECT 1 FROM recipients WHERE phone_hash = $1 AND household_id <> $2 AND erased_at IS NULL)`;
      await manager.query(`DELETE FROM conversation_replies WHERE inbound_sms_id IN (${unshared})`, [phoneHash, householdId]);
      await manager.query(`DELETE FROM inbound_sms WHERE id IN (${unshared})`, [phoneHash, householdId]);
    }
    await manager.query(
      `UPDATE recipients SET phone_encrypted = NULL, phone_hash = NULL, updated_at = now() WHERE household_id = $1`,
      [householdId],
    );
    const cancelled = returnedRows<{ id: string }>(
      await manager.query(
        `UPDATE messages SET status = 'cancelled', outcome_reason = 'no_phone', updated_at = now()
         WHERE household_id = $1 AND status = 'queued' RETURNING id`,
        [householdId],
      ),
    );
    for (const { id } of cancelled) {
      await manager.query(`INSERT INTO message_status_history (message_id, status, detail) VALUES ($1, 'cancelled', 'household erased')`, [id]);
    }
    const messages = returnedRows<{ id: string; provider_message_id: string | null }>(
      await manager.query(
        `UPDATE messages SET body = NULL, params = '{}'::jsonb, last_error = NULL WHERE household_id = $1
         RETURNING id, provider_message_id`,
        [householdId],
      ),
    );
    const ids = messages.map((m) => m.id);
    if (ids.length > 0) {
      await manager.query(`UPDATE message_status_history SET detail = NULL WHERE message_id = ANY($1::uuid[]) AND detail <> 'household erased'`, [ids]);
      await manager.query(`UPDATE dev_sms_outbox SET body = '', to_masked = '' WHERE message_id = ANY($1::uuid[])`, [ids]);
      const refs = messages.filter((m) => m.provider_message_id !== null);
      if (refs.length > 0) {
        await manager.query(`UPDATE sms_receipts SET detail = NULL WHERE provider_message_id = ANY($1::text[])`, [
          refs.map((m) => m.provider_message_id),
        ]);
      }
    }
    return ids;
  }
}
