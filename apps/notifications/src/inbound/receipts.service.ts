import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MessagesRepository } from '../messages/messages.repository.js';
import { InboundRepository } from './inbound.repository.js';
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
    private readonly store: MessagesRepository,
    private readonly inbound: InboundRepository,
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
        await this.store.setProviderMessageId(manager, messageId, providerMessageId);
      }
      await this.applyWaiting(manager, provider, providerMessageId);
    });
  }

  async onReceipt(receipt: DeliveryReceipt): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockReference(manager, receipt.provider, receipt.providerMessageId);
      await this.inbound.storeReceipt(manager, receipt);
      await this.applyWaiting(manager, receipt.provider, receipt.providerMessageId);
    });
  }

  /** Applies the receipts waiting for a provider message id, if that message is known now. */
  async applyWaiting(manager: EntityManager, provider: string, providerMessageId: string): Promise<void> {
    const messageId = await this.store.idByProviderReference(manager, provider, providerMessageId);
    if (!messageId) return;
    const receipts = await this.inbound.lockWaitingReceipts(manager, provider, providerMessageId);
    for (const receipt of receipts) {
      const detail = `receipt: ${receipt.detail ?? receipt.status}`;
      if (receipt.status === 'delivered') await this.store.transition(manager, messageId, 'delivered', { delivered_at: 'now' }, detail);
      else await this.store.transition(manager, messageId, 'failed', { last_error: detail }, detail);
      await this.inbound.markReceiptApplied(manager, receipt.id);
    }
  }

  private async lockReference(manager: EntityManager, provider: string, providerMessageId: string): Promise<void> {
    await this.inbound.lockReference(manager, provider, providerMessageId);
  }
}
