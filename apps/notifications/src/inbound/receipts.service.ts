import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MessageStore } from '../messages/message.store.js';
import type { DeliveryReceipt } from '../providers/sms-provider.js';

/**
 * Delivery receipts, in whatever order they come: a receipt for a message whose provider id is not
 * stored yet waits in sms_receipts and is applied when the send is recorded. Both sides take the
 * same advisory lock, so neither can miss the other. Forward-only transitions drop late receipts.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
  ) {}

  /** Records that the provider accepted a message (unless a receipt already moved it on). */
  async markSent(messageId: string, attemptId: string, provider: string, providerMessageId: string, detail = `accepted by ${provider}`): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockReference(manager, provider, providerMessageId);
      const row = await this.store.transition(
        manager,
        messageId,
        'sent',
        { provider_message_id: providerMessageId, sent_at: 'now', last_error: null },
        detail,
        { attemptId },
      );
      if (!row) {
        await manager.query(`UPDATE messages SET provider_message_id = COALESCE(provider_message_id, $2) WHERE id = $1`, [messageId, providerMessageId]);
      }
      await this.applyWaiting(manager, provider, providerMessageId);
    });
  }

  async onReceipt(receipt: DeliveryReceipt): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockReference(manager, receipt.provider, receipt.providerMessageId);
      await manager.query(`INSERT INTO sms_receipts (provider, provider_message_id, status, detail) VALUES ($1, $2, $3, $4)`, [
        receipt.provider,
        receipt.providerMessageId,
        receipt.status,
        receipt.detail ?? null,
      ]);
      await this.applyWaiting(manager, receipt.provider, receipt.providerMessageId);
    });
  }

  /** Applies the receipts waiting for a provider message id, if that message is known now. */
  async applyWaiting(manager: EntityManager, provider: string, providerMessageId: string): Promise<void> {
    const messages: { id: string }[] = await manager.query(`SELECT id FROM messages WHERE provider = $1 AND provider_message_id = $2`, [
      provider,
      providerMessageId,
    ]);
    const message = messages[0];
    if (!message) return;
    const receipts: { id: string; status: 'delivered' | 'failed'; detail: string | null }[] = await manager.query(
      `SELECT id, status, detail FROM sms_receipts WHERE provider = $1 AND provider_message_id = $2 AND applied_at IS NULL ORDER BY id FOR UPDATE`,
      [provider, providerMessageId],
    );
    for (const receipt of receipts) {
      const detail = `receipt: ${receipt.detail ?? receipt.status}`;
      if (receipt.status === 'delivered') await this.store.transition(manager, message.id, 'delivered', { delivered_at: 'now' }, detail);
      else await this.store.transition(manager, message.id, 'failed', { last_error: detail }, detail);
      await manager.query(`UPDATE sms_receipts SET applied_at = now() WHERE id = $1`, [receipt.id]);
    }
  }

  private async lockReference(manager: EntityManager, provider: string, providerMessageId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sms-receipt:${provider}:${providerMessageId}`]);
  }
}
