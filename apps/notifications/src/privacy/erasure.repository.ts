import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

const phoneHashRow = z.object({ phone_hash: pg.text().nullable() });
const idRow = z.object({ id: pg.uuid() });
const messageRow = z.object({ id: pg.uuid(), provider_message_id: pg.text().nullable() });
export type ErasedMessage = z.output<typeof messageRow>;

// Inbound SMS from the phone that no other (not erased) household still has.
const UNSHARED_INBOUND = `SELECT id FROM inbound_sms WHERE phone_hash = $1
  AND NOT EXISTS (SELECT 1 FROM recipients WHERE phone_hash = $1 AND household_id <> $2 AND erased_at IS NULL)`;

/** The SQL of household.erased in notifications: what it holds about one household, dropped. */
@Injectable()
export class ErasureRepository {
  /**
   * Marks the recipient erased (creating its row if the erasure comes first: a late contact.changed
   * must not bring the phone back) and answers its phone hash, the row locked.
   */
  async markErased(manager: EntityManager, householdId: string, campId: string): Promise<string | null> {
    await execute(
      manager,
      `INSERT INTO recipients (household_id, camp_id, erased_at) VALUES ($1, $2, now())
       ON CONFLICT (household_id) DO UPDATE SET erased_at = coalesce(recipients.erased_at, now())`,
      [householdId, campId],
    );
    const row = await queryRow(manager, 'ErasureRepository.markErased', phoneHashRow, `SELECT phone_hash FROM recipients WHERE household_id = $1 FOR UPDATE`, [householdId]);
    return row?.phone_hash ?? null;
  }

  /** Its replies and survey answers deleted; open and scheduled conversations closed; flag notes gone. */
  async dropConversations(manager: EntityManager, householdId: string): Promise<void> {
    await execute(manager, `DELETE FROM conversation_replies WHERE household_id = $1`, [householdId]);
    await execute(manager, `DELETE FROM survey_answers WHERE household_id = $1`, [householdId]);
    await execute(manager, `UPDATE conversations SET state = 'closed', outcome = 'closed', ended_at = now() WHERE household_id = $1 AND state IN ('open', 'scheduled')`, [
      householdId,
    ]);
    await execute(manager, `UPDATE conversations SET flag_clear_note_encrypted = NULL WHERE household_id = $1`, [householdId]);
  }

  /** Inbound SMS from its phone (and the replies pointing at them), unless another household still has that phone. */
  async dropInbound(manager: EntityManager, householdId: string, phoneHash: string): Promise<void> {
    await execute(manager, `DELETE FROM conversation_replies WHERE inbound_sms_id IN (${UNSHARED_INBOUND})`, [phoneHash, householdId]);
    await execute(manager, `DELETE FROM inbound_sms WHERE id IN (${UNSHARED_INBOUND})`, [phoneHash, householdId]);
  }

  async dropPhone(manager: EntityManager, householdId: string): Promise<void> {
    await execute(manager, `UPDATE recipients SET phone_encrypted = NULL, phone_hash = NULL, updated_at = now() WHERE household_id = $1`, [householdId]);
  }

  /** Cancels its queued messages (with their history row); answers their ids. */
  async cancelQueued(manager: EntityManager, householdId: string): Promise<string[]> {
    const cancelled = await queryRows(
      manager,
      'ErasureRepository.cancelQueued',
      idRow,
      `UPDATE messages SET status = 'cancelled', outcome_reason = 'no_phone', updated_at = now()
       WHERE household_id = $1 AND status = 'queued' RETURNING id`,
      [householdId],
    );
    for (const { id } of cancelled) {
      await execute(manager, `INSERT INTO message_status_history (message_id, status, detail) VALUES ($1, 'cancelled', 'household erased')`, [id]);
    }
    return cancelled.map((c) => c.id);
  }

  /** Blanks the texts, parameters and errors of all its messages; answers them. */
  blankMessages(manager: EntityManager, householdId: string): Promise<ErasedMessage[]> {
    return queryRows(
      manager,
      'ErasureRepository.blankMessages',
      messageRow,
      `UPDATE messages SET body = NULL, params = '{}'::jsonb, last_error = NULL WHERE household_id = $1 RETURNING id, provider_message_id`,
      [householdId],
    );
  }

  /** The copies of those messages: history details, dev outbox rows, receipts' details. */
  async blankCopies(manager: EntityManager, messages: ErasedMessage[]): Promise<void> {
    const ids = messages.map((m) => m.id);
    if (ids.length === 0) return;
    await execute(manager, `UPDATE message_status_history SET detail = NULL WHERE message_id = ANY($1::uuid[]) AND detail <> 'household erased'`, [ids]);
    await execute(manager, `UPDATE dev_sms_outbox SET body = '', to_masked = '' WHERE message_id = ANY($1::uuid[])`, [ids]);
    const refs = messages.flatMap((m) => (m.provider_message_id === null ? [] : [m.provider_message_id]));
    if (refs.length > 0) await execute(manager, `UPDATE sms_receipts SET detail = NULL WHERE provider_message_id = ANY($1::text[])`, [refs]);
  }
}
